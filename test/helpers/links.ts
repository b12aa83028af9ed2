import { LinkChecker, type BrokenLink } from '../../src/emit/links.ts';
import type { OutFile } from '../../src/render/types.ts';

/** The broken internal links of a whole set of files, through the checker a build uses. */
export function brokenLinks(files: OutFile[]): BrokenLink[] {
  const checker = new LinkChecker();
  for (const file of files) checker.add(file);
  return checker.broken();
}
