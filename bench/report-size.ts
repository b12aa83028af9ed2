/**
 * The report page of a large site in trouble: 300 generated runbooks, each with about twenty gaps
 * (broken links added to the body), built once in a child process; the row for bench/run.ts.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_FLAGS } from '../bin/node-flags.js';
import { generate } from './generate.ts';

const CHILD = fileURLToPath(new URL('child.mjs', import.meta.url));
const RUNBOOKS = 300;
const BROKEN_PER_RUNBOOK = 19;

/** `[measure, value, budget]`: the report page's HTML size and the gaps it reports. */
export async function reportSizeRow(): Promise<[string, string, string]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'handover-bench-report-'));
  try {
    const content = path.join(dir, 'content');
    const out = path.join(dir, 'dist');
    const generated = await generate(content, { runbooks: RUNBOOKS, seed: 11 });
    for (const id of generated.ids) {
      const file = path.join(content, 'runbooks', `${id}.md`);
      const links = Array.from({ length: BROKEN_PER_RUNBOOK }, (_, i) => `- [old page ${i}](gone/page-${i}.md)`).join('\n');
      await writeFile(file, `${await readFile(file, 'utf8')}\n## See also\n\n${links}\n`);
    }
    await new Promise<void>((resolve, reject) =>
      execFile(process.execPath, [...NODE_FLAGS, CHILD, 'build', content, out], { cwd: dir, maxBuffer: 1 << 24 }, (error, _stdout, stderr) => (error ? reject(new Error(`report-size build failed: ${stderr || error.message}`)) : resolve())),
    );
    const bytes = (await stat(path.join(out, 'report', 'index.html'))).size;
    const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')) as { workflows: { gaps: unknown[] }[] };
    const gaps = report.workflows.reduce((n, w) => n + w.gaps.length, 0);
    return [`report page, ${RUNBOOKS} runbooks with ${gaps} gaps`, `${Math.round(bytes / 1024)} KB`, '<= 500 KB'];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
