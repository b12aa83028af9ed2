import type { Style } from './style.ts';
import { markdownPages, withoutExtension } from './style.ts';

/** Any folder of Markdown: frontmatter `title`, `summary`/`description`, `owner`, `tags`, `status` (common fields only). */
export const plain: Style = {
  name: 'plain',
  detect: () => true,
  pages: async (collection) => markdownPages(collection, (rel) => [`/${withoutExtension(rel)}`]),
  fields: () => [],
  shortcodes: false,
};
