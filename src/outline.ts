import type { Body, BodySection, Link } from './compile/index.ts';
import type { Config } from './config.ts';

export type { Link } from './compile/index.ts';

/** A level-2 section of a runbook body, matched to the config's sections. */
export interface Section extends BodySection {
  /** Config section key (`purpose`, `process`…), or null for the team's own sections. */
  key: string | null;
}

export interface Outline {
  sections: Section[];
  /** Every top-level heading's anchor id, for checking links to `#anchors`. */
  anchors: Set<string>;
  links: Link[];
}

/** Matches the body's level-2 sections to config section names and aliases. */
export function outline(body: Body, config: Pick<Config, 'sections'>): Outline {
  const names = new Map<string, string>();
  for (const [key, section] of Object.entries(config.sections))
    for (const name of [section.title, ...section.aliases]) names.set(normalize(name), key);
  const sections = body.sections.map((section) => ({ ...section, key: names.get(normalize(section.heading)) ?? null }));
  return { sections, anchors: new Set(body.anchors), links: body.links };
}

function normalize(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}
