import type { ImportResult } from './types.ts';

/**
 * The mapping table `handover import` prints: each file, where it went and as what, what was mapped
 * (`+`) and what could not be (`-`); then the files skipped, the people.yaml stubs and the copied files.
 * Paths are the collection's and the content folder's own, so the table is the same wherever it runs.
 */
export function mappingTable(result: ImportResult): string {
  const blocks: string[] = [];
  for (const page of result.pages) {
    const lines = [`${page.source} -> ${page.to} (${page.kind})`];
    for (const line of page.mapped) lines.push(`  + ${line}`);
    for (const line of page.missed) lines.push(`  - ${line}`);
    blocks.push(lines.join('\n'));
  }
  if (result.skipped.length) blocks.push(['skipped (not imported; the rest were):', ...result.skipped.map((s) => `  ${s.rel}: ${s.reason}`)].join('\n'));
  if (result.ignored.length) blocks.push([`not imported (outside any ${result.style === 'backstage' ? "component's docs folder" : 'page the style reads'}):`, ...result.ignored.map((rel) => `  ${rel}`)].join('\n'));
  if (result.stubs.length)
    blocks.push(['people.yaml: stubs added (check their names):', ...result.stubs.map((s) => `  ${s.kind} ${s.id} (from ${s.written})`)].join('\n'));
  if (result.assets.length) blocks.push(['files copied:', ...result.assets.map((a) => `  ${a.source} -> ${a.to}`)].join('\n'));
  blocks.push(summaryLine(result));
  return blocks.join('\n\n');
}

function summaryLine(result: ImportResult): string {
  const runbooks = result.pages.filter((p) => p.kind === 'runbook').length;
  const guides = result.pages.length - runbooks;
  const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  return [
    `${n(runbooks, 'runbook')}, ${n(guides, 'guide')}`,
    n(result.assets.length, 'file'),
    n(result.stubs.length, 'people stub'),
    n(result.skipped.length, 'file skipped', 'files skipped'),
  ].join(' · ');
}
