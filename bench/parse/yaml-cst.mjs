// Cost of yaml's CST alone (Lexer + Parser, no composition): what a lazy place lookup could at best cost.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Parser, LineCounter } from 'yaml';
const root = `/tmp/parse-corpora/1000/content/runbooks`;
const fms = readdirSync(root, { recursive: true }).filter((f) => f.endsWith('.md')).map((f) => /^---\n([\s\S]*?)\n---/.exec(readFileSync(path.join(root, f), 'utf8'))[1]);
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
const xs = [];
for (let r = 0; r < 6; r++) { const t = cpu(); for (const s of fms) { const lc = new LineCounter(); for (const _ of new Parser(lc.addNewLine).parse(s)); } xs.push(cpu() - t); }
console.log('CST only, CPU ms per 1000 (first / median rest):', Math.round(xs[0]), '/', Math.round(xs.slice(1).sort((a, b) => a - b)[2]));
