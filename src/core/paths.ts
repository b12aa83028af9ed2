import path from 'node:path';

/** Shows a path the way the user would type it. */
export function displayPath(abs: string): string {
  const rel = path.relative(process.cwd(), abs);
  // The working directory itself is ".", never an empty name in a message.
  return (rel.startsWith('..') ? abs : rel || '.').split(path.sep).join('/');
}

/** The content folder: `--content` as given (from the working directory), else the config's `contentDir` from the project root. */
export function contentDirOf(loaded: { root: string; config: { contentDir: string } }, given?: string): string {
  return path.resolve(given ?? path.join(loaded.root, loaded.config.contentDir));
}
