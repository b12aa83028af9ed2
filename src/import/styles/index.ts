import { alerts } from './alerts.ts';
import { backstage } from './backstage.ts';
import { plain } from './plain.ts';
import type { Collection, Style, StyleName } from './style.ts';
import { techdocs } from './techdocs.ts';

export { STYLE_NAMES, type Collection, type Found, type Style, type StyleName, type StylePage } from './style.ts';

/** Every style, in the order `--style auto` tries them. */
export const STYLES: readonly Style[] = [backstage, techdocs, alerts, plain];

/** The style asked for, or the first that recognises the collection. */
export function pickStyle(name: StyleName, collection: Collection): Style {
  if (name !== 'auto') return STYLES.find((style) => style.name === name)!;
  return STYLES.find((style) => style.detect(collection))!;
}
