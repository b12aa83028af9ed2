/**
 * One build at a time per out dir: `<out>.lock` holds the pid of the build writing it. A lock whose
 * process is gone (a killed build) is taken over; a live one is a clear error, not two builds
 * swapping files under each other.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { hostname } from 'node:os';
import { UserError } from '../diagnostic.ts';
import { displayPath } from '../core/paths.ts';

/** Takes the lock of `out` (an absolute path); resolves to its release. */
export async function lockOutDir(out: string): Promise<() => Promise<void>> {
  const file = `${out}.lock`;
  const mine = `${process.pid} ${hostname()}\n`;
  // An out dir in a folder that does not exist yet (`--out site/public`) gets that folder, as it always did.
  await mkdir(path.dirname(out), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(file, mine, { flag: 'wx' });
      return async () => {
        // Only our own lock is removed (a build that took over a lock it thought stale owns it now).
        if ((await readFile(file, 'utf8').catch(() => '')) === mine) await rm(file, { force: true });
      };
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw cause;
      const holder = await readFile(file, 'utf8').catch(() => '');
      const [pid, host] = holder.trim().split(' ');
      // Our own pid in a lock we have not taken is a dead build's pid, reused (containers start from small pids).
      if (attempt === 0 && !(host === hostname() && Number(pid) !== process.pid && alive(Number(pid)))) {
        await rm(file, { force: true });
        continue;
      }
      const who = pid ? ` (process ${pid}${host && host !== hostname() ? ` on ${host}` : ''})` : '';
      throw new UserError(
        `another build${who} is writing ${displayPath(out)}; wait for it to finish, or remove ${displayPath(file)} if no build is running`,
      );
    }
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code === 'EPERM';
  }
}
