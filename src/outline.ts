import GithubSlugger from 'github-slugger';
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Config } from './config.ts';

/** A level-2 section of a runbook body. */
export interface Section {
  /** Config section key (`purpose`, `process`…), or null for the team's own sections. */
  key: string | null;
  heading: string;
  /** Anchor id, as rehype-slug makes it. */
  slug: string;
  line: number;
  /** No text under the heading. */
  empty: boolean;
}

/** A link or image in the body, with its place for broken-link gaps. */
export interface Link {
  url: string;
  line: number;
  column: number;
  image: boolean;
}

export interface Outline {
  sections: Section[];
  /** Every heading's anchor id, for checking links to `#anchors`. */
  anchors: Set<string>;
  links: Link[];
}

/** Reads the body's level-2 sections (matched to config names and aliases) and its links. */
export function outline(tree: Root, config: Pick<Config, 'sections'>): Outline {
  const names = new Map<string, string>();
  for (const [key, section] of Object.entries(config.sections))
    for (const name of [section.title, ...section.aliases]) names.set(normalize(name), key);
  const slugger = new GithubSlugger();
  const sections: Section[] = [];
  const anchors = new Set<string>();
  let current: { section: Section; body: RootContent[] } | null = null;
  const close = () => {
    if (current) current.section.empty = current.body.every((node) => toString(node).trim() === '' && node.type !== 'image');
  };
  for (const node of tree.children) {
    if (node.type === 'heading') {
      const heading = toString(node);
      const slug = slugger.slug(heading);
      anchors.add(slug);
      if (node.depth <= 2) close(), (current = null);
      if (node.depth === 2) {
        const section: Section = { key: names.get(normalize(heading)) ?? null, heading, slug, line: node.position?.start.line ?? 1, empty: true };
        sections.push(section);
        current = { section, body: [] };
        continue;
      }
    }
    current?.body.push(node);
  }
  close();
  return { sections, anchors, links: collectLinks(tree) };
}

function normalize(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

function collectLinks(tree: Root): Link[] {
  const links: Link[] = [];
  const walk = (node: { type: string; url?: string; children?: unknown[]; position?: { start: { line: number; column: number } } }) => {
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && node.url !== undefined)
      links.push({ url: node.url, line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1, image: node.type === 'image' });
    for (const child of node.children ?? []) walk(child as typeof node);
  };
  walk(tree);
  return links;
}
