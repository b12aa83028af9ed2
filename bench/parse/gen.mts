// Generates the corpora for the parse measurements: /tmp/parse-corpora/<N>/content.
import { generate } from '../generate.ts';
import { mkdir, writeFile } from 'node:fs/promises';
for (const n of process.argv.slice(2).map(Number)) {
  const dir = `/tmp/parse-corpora/${n}`;
  await mkdir(dir, { recursive: true });
  await generate(`${dir}/content`, { runbooks: n });
  await writeFile(`${dir}/site.config.mjs`, "export default { title: 'Bench' };\n");
  console.log(n, 'done');
}
