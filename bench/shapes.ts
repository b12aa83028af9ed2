/**
 * `npx tsx bench/shapes.ts [--scale F] [--only NAME]`: times parseRunbook on each hostile shape of
 * test/helpers/shapes.ts at F times the size, and prints what came out (a body, or the error that refused it).
 */
import { parseRunbook } from '../src/parse/runbook.ts';
import { INSIDE, SHAPES, withBody } from '../test/helpers/shapes.ts';

const option = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const scale = Number(option('--scale') ?? 1);
const only = option('--only');
console.log('| shape | size | KB | ms | result |\n|---|---|---|---|---|');
for (const [name, shape] of Object.entries(SHAPES)) {
  if (only && !name.includes(only)) continue;
  const size = Math.max(1, Math.round(shape.size * scale));
  const text = withBody(shape.make(size));
  const started = performance.now();
  const parsed = parseRunbook({ kind: 'runbook', path: 'runbooks/x.md', abs: '/x.md', id: 'x', text });
  const ms = Math.round(performance.now() - started);
  const problem = parsed.diagnostics[0];
  const result = problem ? `${problem.rule} at line ${problem.line}: ${problem.message}` : `a body of ${parsed.body.html.length} chars`;
  console.log(`| ${name} | ${size} | ${Math.round(text.length / 1024)} | ${ms} | ${result} |`);
}

const bytes = Number(option('--bytes') ?? 1 << 20);
console.log(`\nJust inside every bound (those bounded only by size: about ${bytes >> 10} KB):\n\n| shape | KB | ms | ms per MB | result |\n|---|---|---|---|---|`);
for (const [name, make] of Object.entries(INSIDE)) {
  if (only && !name.includes(only)) continue;
  const text = withBody(make(bytes));
  const started = performance.now();
  const parsed = parseRunbook({ kind: 'runbook', path: 'runbooks/x.md', abs: '/x.md', id: 'x', text });
  const ms = performance.now() - started;
  const problem = parsed.diagnostics[0];
  const result = problem ? `${problem.rule} at line ${problem.line}: ${problem.message}` : 'parsed';
  console.log(`| ${name} | ${Math.round(text.length / 1024)} | ${Math.round(ms)} | ${Math.round((ms * 1048576) / text.length)} | ${result} |`);
}
