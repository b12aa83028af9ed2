// Cost of moving a parse across: serialize on the helper, deserialize (zod check) on the main thread.
import { load } from '../../lib/load/index.js';
import { parseRunbook } from '../../lib/parse/runbook.js';
import { serializeParse, deserializeParse, storable } from '../../lib/cache/serialize.js';
const loaded = await load(`/tmp/parse-corpora/1000/content`, 5 << 20);
const sources = loaded.files.filter((f) => f.kind === 'runbook').slice(0, 300);
let t = performance.now();
const parsed = sources.map(parseRunbook);
console.log('parse 300', Math.round(performance.now() - t));
t = performance.now();
const texts = parsed.map((p) => storable(p) ? serializeParse(p) : null);
console.log('serialize 300', Math.round(performance.now() - t), 'avg bytes', Math.round(texts.reduce((s, x) => s + (x?.length ?? 0), 0) / 300));
for (let r = 0; r < 3; r++) {
  t = performance.now();
  texts.forEach((x, i) => x && deserializeParse(sources[i], x));
  console.log('deserialize 300', Math.round(performance.now() - t));
}
