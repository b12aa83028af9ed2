/**
 * One search hit as DOM. Everything from the index goes in as text nodes or
 * <mark> elements built here: never innerHTML, so no content can run script.
 */
import type { DocFile } from '../src/search/protocol.ts';
import { highlight, hitAnchor, snippet, type Segment } from '../src/search/snippet.ts';

const KIND_LABELS: Record<DocFile['k'], string> = { runbook: 'Runbook', guide: 'Guide', person: 'Person', team: 'Team' };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  node.append(...children);
  return node;
}

/** Segments as text nodes and <mark>s. */
export function segmentsToNodes(segments: Segment[]): Node[] {
  return segments.map((s) => (s.mark ? el('mark', '', s.text) : document.createTextNode(s.text)));
}

/** `production` -> `Production`. */
export function statusLabel(status: string): string {
  return status.charAt(0).toUpperCase() + status.slice(1);
}

/** The snippet: the best body passage, else the summary, with matched words marked. */
function passage(doc: DocFile, matched: ReadonlySet<string>): Segment[] {
  return snippet(doc.b, matched) ?? snippet(doc.x, matched) ?? [{ text: doc.x.length > 160 ? `${doc.x.slice(0, 157)}…` : doc.x, mark: false }];
}

/** A listbox option for one hit: title, status or kind, snippet, owners and team. */
export function hitOption(doc: DocFile, matched: ReadonlySet<string>, id: string, href: string): HTMLLIElement {
  const badge = doc.s ? el('span', `badge status status-${doc.s}`, statusLabel(doc.s)) : el('span', 'search-kind', KIND_LABELS[doc.k]);
  const head = el('span', 'search-hit-head', el('span', 'search-hit-title', ...segmentsToNodes(highlight(doc.t, matched))), ' ', badge);
  const meta: string[] = [];
  if (doc.o.length) {
    const shown = doc.o.slice(0, 3).join(', ');
    const label = doc.k === 'team' ? 'Lead' : 'Owners';
    meta.push(`${label}: ${shown}${doc.o.length > 3 ? ` +${doc.o.length - 3}` : ''}`);
  }
  if (doc.m) meta.push(`Team: ${doc.m}`);
  const link = el('a', 'search-hit-link', head, el('span', 'search-hit-snippet', ...segmentsToNodes(passage(doc, matched))));
  if (meta.length) link.append(el('span', 'search-hit-meta', meta.join(' · ')));
  // A hit in the body opens the section it is in, not the top of the page.
  const anchor = hitAnchor(doc.b, matched, doc.a);
  link.href = anchor ? `${href}#${encodeURIComponent(anchor)}` : href;
  link.tabIndex = -1;
  const option = el('li', 'search-hit', link);
  option.id = id;
  option.setAttribute('role', 'option');
  option.setAttribute('aria-selected', 'false');
  return option;
}

/** The last option when more hits wait: choosing it shows the next page. */
export function moreOption(id: string, left: number, page: number): HTMLLIElement {
  const option = el('li', 'search-hit search-more', `Show ${Math.min(left, page)} more of ${left} remaining`);
  option.id = id;
  option.setAttribute('role', 'option');
  option.setAttribute('aria-selected', 'false');
  return option;
}
