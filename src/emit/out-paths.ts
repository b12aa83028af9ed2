import { UserError } from '../diagnostic.ts';

/**
 * Every path the build writes, with what it is written from. A second file for the same path is an
 * error naming both, so no file beside the runbooks can ever replace a generated page (or the reverse).
 */
export class OutPaths {
  private readonly sources = new Map<string, string>();

  /** Records that `path` is written from `source`; throws when something else already claimed it. */
  claim(path: string, source: string): void {
    const first = this.sources.get(path);
    if (first !== undefined)
      throw new UserError(`two files would be written to ${path} in the out dir: ${first}, and ${source}; rename or move ${source.startsWith('the file') ? 'the file' : 'one of them'}`, [], 1);
    this.sources.set(path, source);
  }
}
