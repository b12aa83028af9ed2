/**
 * The table `npm run bench -- --peers` prints: medians, ratios to Eleventy + Pagefind cold from the same
 * run, and issue 14's budgets marked met or not met.
 */
import type { HandoverKind, PeerRun } from './steps.ts';
import type { Timed } from './timed.ts';

/** Ratio budgets to Eleventy + Pagefind cold (issue 14). */
export const BUDGETS: Record<HandoverKind, number> = { cold: 2.0, warm: 1.0, 'one-changed': 0.4 };

const LABELS: Record<HandoverKind, string> = {
  cold: 'Handover cold (no parse cache, empty out dir)',
  warm: 'Handover warm (parse cache kept, out dir emptied)',
  'one-changed': 'Handover, one runbook changed (cache and out dir kept)',
};

export interface Results {
  handover: Record<HandoverKind, Timed[]>;
  /** Every Eleventy + Pagefind run, in order. */
  peers: PeerRun[];
  /** For each Handover run, the Eleventy + Pagefind run right after it (the pair its ratio is taken in). */
  pairs: Record<HandoverKind, number[]>;
}

export function median(list: number[]): number {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : `${Math.round(bytes / 1048576)} MB`);
const times = (ratio: number) => `${ratio.toFixed(2)}x`;
const range = (list: number[], show: (n: number) => string) => `${show(Math.min(...list))} to ${show(Math.max(...list))}`;
const peerMs = (run: PeerRun) => run.eleventy.ms + run.pagefind.ms;
/** Both run one after the other, so the step's peak is the larger process's. */
const peerRSS = (run: PeerRun) => (run.eleventy.maxRSS === undefined ? undefined : Math.max(run.eleventy.maxRSS, run.pagefind.maxRSS!));

function rssMedian(list: (number | undefined)[]): number | undefined {
  return list.some((value) => value === undefined) ? undefined : median(list as number[]);
}

/** Table rows: measure, wall time (median, range), peak RSS (median), ratio (of the medians; median and range over the pairs), budget. */
export function resultRows(results: Results): string[][] {
  const peersMs = median(results.peers.map(peerMs));
  const row = (name: string, runs: number[], rss: (number | undefined)[]) => [name, `${sec(median(runs))} (${range(runs, sec)})`, mb(rssMedian(rss))];
  const rows = [
    [...row('Eleventy + Pagefind, cold (the 1.00x)', results.peers.map(peerMs), results.peers.map(peerRSS)), '1.00x', ''],
    [...row('  of which Eleventy', results.peers.map((run) => run.eleventy.ms), results.peers.map((run) => run.eleventy.maxRSS)), '', ''],
    [...row('  of which Pagefind', results.peers.map((run) => run.pagefind.ms), results.peers.map((run) => run.pagefind.maxRSS)), '', ''],
  ];
  for (const kind of Object.keys(BUDGETS) as HandoverKind[]) {
    const runs = results.handover[kind];
    const ratio = median(runs.map((run) => run.ms)) / peersMs;
    const paired = runs.map((run, i) => run.ms / peerMs(results.peers[results.pairs[kind][i]!]!));
    const verdict = ratio <= BUDGETS[kind] ? 'met' : 'not met';
    rows.push([...row(LABELS[kind], runs.map((run) => run.ms), runs.map((run) => run.maxRSS)), `${times(ratio)} (pairs: median ${times(median(paired))}, ${range(paired, times)})`, `<= ${BUDGETS[kind].toFixed(1)}x: ${verdict}`]);
  }
  return rows;
}

/** A Markdown table of `rows` under `header`. */
export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
