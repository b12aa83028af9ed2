/** A replacement of `body.slice(start, end)` by `text`: how the importer changes a page and keeps the rest as written. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Applies edits; one inside another's range (a link inside a removed heading) is dropped with it. */
export function applyEdits(body: string, edits: Edit[]): string {
  const outer = edits.filter((e) => !edits.some((o) => o !== e && o.start <= e.start && o.end >= e.end && o.end - o.start > e.end - e.start));
  const sorted = outer.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = body;
  let floor = Infinity;
  for (const edit of sorted) {
    if (edit.end > floor) continue;
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
    floor = edit.start;
  }
  return out;
}
