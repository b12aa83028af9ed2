import type { Body } from '../compile/index.ts';
import type { Config } from '../config.ts';
import type { Outline } from '../site.ts';

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
