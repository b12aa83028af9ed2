// Loaded with `node --import` by tests: makes file-system calls under a path fail, as a full disk or a
// read-only folder would, without root. HANDOVER_TEST_FS_ERROR="CODE|/path/prefix|N" fails every call
// on a path under the prefix after the first N such calls.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const spec = process.env.HANDOVER_TEST_FS_ERROR;
if (spec) {
  const [code, prefix, after = '0'] = spec.split('|');
  let left = Number(after);
  const hits = (file) => typeof file === 'string' && file.startsWith(prefix) && left-- <= 0;
  const failure = (syscall, file) => Object.assign(new Error(`${code}: injected by the test, ${syscall} '${file}'`), { code, syscall, path: file });
  // A full disk fails part way through a write: half the bytes land first.
  const writeFile = fs.promises.writeFile;
  fs.promises.writeFile = function (file, data, ...rest) {
    if (!hits(file)) return writeFile.call(this, file, data, ...rest);
    if (code !== 'ENOSPC') return Promise.reject(failure('open', file));
    return writeFile.call(this, file, typeof data === 'string' ? data.slice(0, data.length >> 1) : data.subarray(0, data.length >> 1), ...rest).then(() => Promise.reject(failure('write', file)));
  };
  for (const [name, syscall] of [['open', 'open'], ['mkdir', 'mkdir'], ['rename', 'rename'], ['appendFile', 'open'], ['copyFile', 'copyfile']]) {
    const original = fs.promises[name];
    fs.promises[name] = function (file, ...rest) {
      return hits(file) ? Promise.reject(failure(syscall, file)) : original.call(this, file, ...rest);
    };
  }
  syncBuiltinESMExports();
}
