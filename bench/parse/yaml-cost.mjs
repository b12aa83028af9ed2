// Where parseYaml's time goes, over the frontmatter of a corpus (CPU time of this process, medians of rounds):
//   node bench/parse/yaml-cost.mjs <runbooks> [rounds]
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, parse, visit } from 'yaml';
import { parseYaml } from '../../lib/parse/yaml.js';
import { placeTable } from '../../lib/parse/places.js';
const n = process.argv[2] ?? 1000;
const rounds = Number(process.argv[3] ?? 5);
const root = `/tmp/parse-corpora/${n}/content/runbooks`;
const files = readdirSync(root, { recursive: true }).filter((f) => f.endsWith('.md')).map((f) => readFileSync(path.join(root, f), 'utf8'));
const fms = files.map((t) => /^---\n([\s\S]*?)\n---/.exec(t)[1]);
const OPTS = { uniqueKeys: false, prettyErrors: false, strict: true, version: '1.2', schema: 'core', merge: false };
const at = (lc) => (o) => { const p = lc.linePos(o); return { line: p.line + 1, column: p.col }; };
const variants = {
  'parseYaml, as today': (s) => parseYaml(s, 'x', 2),
  'value+checks, no table': (s) => { const d = parseDocument(s, { lineCounter: new LineCounter(), ...OPTS }); visit(d, { Map() {}, Pair() {}, Alias() {} }); return d.toJS({ maxAliasCount: 100 }); },
  'yaml.parse (plain)': (s) => parse(s, OPTS),
  'parseDocument only': (s) => parseDocument(s, { lineCounter: new LineCounter(), ...OPTS }),
};
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
const times = {};
for (let round = 0; round < rounds; round++) {
  for (const [name, fn] of Object.entries(variants)) {
    const t = cpu();
    for (const s of fms) fn(s);
    (times[name] ??= []).push(cpu() - t);
  }
  const docs = fms.map((s) => { const lc = new LineCounter(); const d = parseDocument(s, { lineCounter: lc, ...OPTS }); return [d, d.toJS(), lc]; });
  const t = cpu();
  for (const [d, v, lc] of docs) JSON.stringify(placeTable(d.contents, v, at(lc), { line: 2, column: 1 }));
  (times['place table + JSON text'] ??= []).push(cpu() - t);
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
console.log(`${fms.length} frontmatters (avg ${Math.round(fms.reduce((s, x) => s + x.length, 0) / fms.length)} chars), CPU ms: first round / median of the rest`);
for (const [name, xs] of Object.entries(times)) console.log(`  ${name.padEnd(26)} ${Math.round(xs[0])} / ${Math.round(median(xs.slice(1)))}`);
