import type { Style } from './style.ts';
import { headings, markdownPages, withoutExtension } from './style.ts';

/** Headings of the common alert-runbook shape (Kubernetes and Prometheus mixins). */
const ALERT_SECTIONS = new Set(['meaning', 'impact', 'diagnosis', 'mitigation']);

/**
 * Alert runbooks: one page per alert, `title` and `weight` frontmatter (Hugo), a `# AlertName` heading,
 * Meaning / Impact / Diagnosis / Mitigation sections, `{{< ref "x.md" >}}` links. Hugo serves
 * `kubernetes/KubeAPIDown.md` at `/kubernetes/kubeapidown/`, and a folder's `_index.md` at the folder.
 */
export const alerts: Style = {
  name: 'alerts',
  detect: (collection) =>
    [...collection.docs.values()].some((doc) => 'tree' in doc && headings(doc).filter((h) => ALERT_SECTIONS.has(h.trim().toLowerCase())).length >= 2),
  pages: async (collection) => markdownPages(collection, (rel) => [`/${withoutExtension(rel)}/`]),
  // `weight` orders Hugo's menu; it goes under extra like any other field.
  fields: () => [],
  shortcodes: true,
};
