/**
 * Bounds on a Markdown file, checked before micromark sees it. Some shapes make the parser do far
 * more than linear work: `* ` repeated 8,000 times took 17 s, a 1,000-level indented list 19 s,
 * 100,000 `> ` 37 s, backtick runs of every length up to 2,000 52 s, one URL followed by 40,000
 * lines without a blank line 7 s, a 5,000 x 50 table 13 s, 10,000 one-line quotes 13 s
 * (bench/shapes.ts). Each bound below cuts one of them to milliseconds and is far beyond what a
 * runbook needs; a file past one is refused with the line where it happens. Fenced code is not
 * counted (the parser passes over it in linear time). The scan is one pass, linear in the file.
 */

/** The bounds, with the unit each counts in. */
export const BOUNDS = {
  /**
   * Levels of list and quote nesting a line may open: its markers plus half its other indentation.
   * A list level is two levels of the tree, which parse.ts caps at 200 (deeper overflows later stages).
   */
  nesting: 64,
  /** Characters in one line outside fenced code. */
  line: 10_000,
  /** Backticks or tildes in one run outside fenced code (code spans and fences use a few). */
  run: 32,
  /** Bytes of text without a blank line outside fenced code and tables (a paragraph or a tight list). */
  block: 64 * 1024,
  /** Table cells in the whole file. */
  cells: 10_000,
  /** List items and block quotes opened in the whole file: each costs about 0.1 ms, whatever its size. */
  containers: 4_000,
  /** Block quotes opened in the whole file: they cost the square of their number (10,000 took 13 s, 1,000 0.2 s). */
  quotes: 1_000,
  /** `[` in one block without a blank line: unclosed link brackets cost the square of their number. */
  brackets: 1_000,
  /**
   * Characters of body in the whole file, fenced code included. Inside every bound above the parser is
   * linear but not free (about 5 s per MB of prose here), so a longer body would take seconds to check.
   */
  body: 192 * 1024,
};

/** Where a file passes a bound, and what to tell its author. */
export interface OutOfBounds {
  line: number;
  column: number;
  message: string;
  hint: string;
}

const DELIMITER_ROW = /^[ \t>]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const LONG_RUN = new RegExp(`\`{${BOUNDS.run + 1},}|~{${BOUNDS.run + 1},}`);

/** The first place where `text` passes a bound, or null. Frontmatter is skipped (the YAML parser bounds it). */
export function checkBounds(text: string): OutOfBounds | null {
  const lines = text.split(/\r\n?|\n/);
  let at = frontmatterEnd(lines);
  let fence: { char: string; length: number } | null = null;
  let block = 0;
  let cells = 0;
  let table = false;
  let containers = 0;
  let quotes = 0;
  let quotesBefore = 0;
  let brackets = 0;
  let body = 0;
  let longBody = 0;
  for (; at < lines.length; at++) {
    const line = lines[at]!;
    const where = (column: number) => ({ line: at + 1, column });
    body += line.length + 1;
    // Reported after the scan, so a file past another bound gets that more telling finding.
    if (body > BOUNDS.body && !longBody) longBody = at + 1;
    const prefix = containerPrefix(line);
    if (fence) {
      const close = prefix.markers === 0 && prefix.columns < 4 ? /^(`{3,}|~{3,})[ \t]*$/.exec(line.slice(prefix.end)) : null;
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) fence = null;
      continue;
    }
    const run = LONG_RUN.exec(line);
    if (run)
      return { ...where(run.index + 1), message: `a run of ${run[0].length} "${run[0][0]}" characters; more than ${BOUNDS.run} in a row are refused outside fenced code`, hint: 'shorten the run; code spans and fences need only a few' };
    const depth = prefix.markers + Math.floor(prefix.columns / 2);
    if (depth > BOUNDS.nesting)
      return { ...where(1), message: `the line is nested about ${depth} levels deep (list and quote markers, indentation); more than ${BOUNDS.nesting} are refused`, hint: 'nesting this deep is almost always a pasting accident; flatten it' };
    // Each list marker opens an item; a quote marker opens a quote only past the quotes of the line before.
    const opened = Math.max(0, prefix.quotes - quotesBefore);
    containers += prefix.markers - prefix.quotes + opened;
    quotes += opened;
    quotesBefore = prefix.quotes;
    if (containers > BOUNDS.containers)
      return { ...where(1), message: `more than ${BOUNDS.containers} list items and block quotes by this line; longer files of them are refused`, hint: 'split the runbook, or keep long lists of data in a linked file' };
    if (quotes > BOUNDS.quotes)
      return { ...where(1), message: `more than ${BOUNDS.quotes} block quotes by this line; longer files of them are refused`, hint: 'split the runbook, or join quotes that follow each other' };
    if (line.length > BOUNDS.line)
      return { ...where(BOUNDS.line + 1), message: `the line is ${line.length} characters long; lines over ${BOUNDS.line} characters are refused outside fenced code`, hint: 'break it into shorter lines, or put data in a fenced code block' };
    const open = prefix.markers === 0 && prefix.columns < 4 ? /^(`{3,}|~{3,})/.exec(line.slice(prefix.end)) : null;
    if (open) {
      fence = { char: open[1]![0]!, length: open[1]!.length };
      block = 0;
      brackets = 0;
      table = false;
      continue;
    }
    if (/^[ \t]*$/.test(line)) {
      block = 0;
      brackets = 0;
      quotesBefore = 0;
      table = false;
      continue;
    }
    if (!table && line.includes('|') && DELIMITER_ROW.test(lines[at + 1] ?? '') && (lines[at + 1]!.includes('|') || line.trimStart().startsWith('|'))) table = true;
    if (table) {
      const row = line.trim();
      cells += (row.match(/\|/g)?.length ?? 0) + 1 - (row.startsWith('|') ? 1 : 0) - (row.length > 1 && row.endsWith('|') ? 1 : 0);
      if (cells > BOUNDS.cells)
        return { ...where(1), message: `the tables of this file hold more than ${BOUNDS.cells} cells by this line; larger tables are refused`, hint: 'keep large data in a metrics CSV or a linked file, or split the table' };
      continue;
    }
    block += line.length + 1;
    brackets += line.split('[').length - 1;
    if (brackets > BOUNDS.brackets)
      return { ...where(1), message: `more than ${BOUNDS.brackets} "[" without a blank line by this line; longer stretches of them are refused`, hint: 'put blank lines between paragraphs, or write the brackets in a fenced code block' };
    if (block > BOUNDS.block)
      return { ...where(1), message: `more than ${BOUNDS.block / 1024} KB of text without a blank line ends here; longer stretches are refused`, hint: 'put blank lines between paragraphs and list items' };
  }
  if (longBody)
    return {
      line: longBody,
      column: 1,
      message: `the body passes ${BOUNDS.body / 1024} KB on this line; longer runbooks are refused, since they take seconds to check and nobody reads them under pressure`,
      hint: 'split it into several runbooks or guides, or link long material (logs, data) as a file',
    };
  return null;
}

/** The index of the first line after a leading `---` frontmatter block (0 when there is none or it is never closed). */
function frontmatterEnd(lines: string[]): number {
  if (!/^---[ \t]*$/.test(lines[0] ?? '')) return 0;
  for (let i = 1; i < lines.length; i++) if (/^(---|\.\.\.)[ \t]*$/.test(lines[i]!)) return i + 1;
  return 0;
}

/** The container markers (`>`, `-`, `*`, `+`, `1.`, `1)`) at the start of a line, its whitespace columns among them, and where the rest starts. */
function containerPrefix(line: string): { markers: number; quotes: number; columns: number; end: number } {
  let markers = 0;
  let quotes = 0;
  let columns = 0;
  let i = 0;
  for (;;) {
    const ch = line[i];
    if (ch === ' ') columns++, i++;
    else if (ch === '\t') (columns += 4), i++;
    // The one space after a marker belongs to it: `* * x` is two levels, as `*` then two spaces and `*` is.
    else if (ch === '>') markers++, quotes++, (i += line[i + 1] === ' ' ? 2 : 1);
    else if ((ch === '-' || ch === '*' || ch === '+') && isGap(line[i + 1])) markers++, (i += 2);
    else {
      const ordered = /^\d{1,9}[.)]/.exec(line.slice(i, i + 11));
      if (!ordered || !isGap(line[i + ordered[0].length])) return { markers, quotes, columns, end: i };
      markers++;
      i += ordered[0].length + 1;
    }
  }
}

const isGap = (ch: string | undefined) => ch === undefined || ch === ' ' || ch === '\t';
