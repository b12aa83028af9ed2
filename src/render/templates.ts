import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../core/package-root.ts';
import Handlebars from 'handlebars';
import { humanDate } from '../core/dates.ts';

/** The page kinds, one template each under `templates/pages/`. */
export type PageKind = 'home' | 'runbook' | 'guide' | 'people' | 'person' | 'teams' | 'team' | 'ownership' | 'report' | '404' | 'changes' | 'binder';

/** What the layout needs besides the page body. */
export interface LayoutView {
  /** `<title>`: page name first, so browser tabs stay readable. */
  title: string;
  siteTitle: string;
  /** Relative prefix back to the site root, `''` or `../../`. */
  root: string;
  /** Which top-bar entry is the current page. */
  nav: 'runbooks' | 'ownership' | 'people' | 'teams' | 'report' | '';
  /** The top bar's entries, from the page registry, with the current one marked. */
  navItems: { label: string; href: string; current: boolean }[];
  /** Extra class on `<body>`, e.g. `page-runbook`. */
  kind: string;
  description?: string;
  /** The build's date, for the footer. */
  generated: string;
  /** Handover's version, for the footer. */
  version: string;
  /** This page's absolute URL when the site's URL is known (printed under the page), else ''. */
  url: string;
  theme: { css: string[]; js: string[]; mermaid: string; logo?: string };
  /** The site's own additions from the config: accent colour, extra top-bar links (absolute URLs), footer line. */
  site: { accent?: string; links: { text: string; href: string }[]; footer: string };
}

/** Compiled templates: render a page into the layout. */
export interface Templates {
  render(kind: PageKind, view: object, layout: LayoutView): string;
}

/** The package's own templates; a site's `templates/` folder may shadow any file in it. */
export const PACKAGE_TEMPLATES = path.join(PACKAGE_ROOT, 'templates');
const cache = new Map<string, Templates>();

export interface TemplateOptions {
  /**
   * A site's own templates folder (`<project root>/templates`): any file there with the same path as one of
   * the package's (`layout.hbs`, `partials/facts.hbs`, `pages/runbook.hbs`) is used instead, as in Hugo's lookup order.
   */
  overrides?: string;
  /** Read the files again (`handover dev`, after a template edit). */
  fresh?: boolean;
}

/**
 * Loads `layout.hbs`, `partials/*.hbs` and `pages/*.hbs` once and compiles each once.
 * Content never becomes a template: every value reaches HTML through `{{ }}`, which escapes it.
 */
export function loadTemplates(options: TemplateOptions = {}): Templates {
  const overrides = options.overrides && path.resolve(options.overrides) !== path.resolve(PACKAGE_TEMPLATES) ? options.overrides : undefined;
  // An override edited since the last load (a library caller building twice) must not be served from the cache.
  const key = overrides ? `${overrides}\0${signature(overrides)}` : '';
  const cached = cache.get(key);
  if (cached && !options.fresh) return cached;
  const dirs = overrides ? [overrides, PACKAGE_TEMPLATES] : [PACKAGE_TEMPLATES];
  const hbs = Handlebars.create();
  registerHelpers(hbs);
  // A partial's final newline would put a space after every name it prints ("Nia , Mei").
  for (const file of hbsFiles(dirs, 'partials')) hbs.registerPartial(file.name, file.text.replace(/\n$/, ''));
  const compile = (text: string) => hbs.compile(text, { preventIndent: true });
  const layoutFile = dirs.map((dir) => path.join(dir, 'layout.hbs')).find((file) => existsSync(file))!;
  const layout = compile(readFileSync(layoutFile, 'utf8'));
  const pages = new Map(hbsFiles(dirs, 'pages').map((file) => [file.name, compile(file.text)]));
  const templates: Templates = {
    render(kind, view, layoutView) {
      const page = pages.get(kind);
      if (!page) throw new Error(`no template templates/pages/${kind}.hbs`);
      const root = layoutView.root;
      const body = page({ ...view, root });
      return layout({ ...layoutView, body });
    },
  };
  // One entry per folder: the templates of an earlier signature are never asked for again.
  for (const old of cache.keys()) if (overrides && old.startsWith(`${overrides}\0`)) cache.delete(old);
  cache.set(key, templates);
  return templates;
}

/** Names, sizes and modification times of every file under `dir`: changes when an override is edited, added or removed. */
function signature(dir: string): string {
  if (!existsSync(dir)) return '';
  return readdirSync(dir, { recursive: true })
    .map(String)
    .sort()
    .map((name) => {
      const info = statSync(path.join(dir, name));
      return `${name}:${info.size}:${info.mtimeMs}`;
    })
    .join('|');
}

/** The `.hbs` files of `sub` in each of `dirs`; a name found in an earlier folder wins. */
function hbsFiles(dirs: string[], sub: string): { name: string; text: string }[] {
  const found = new Map<string, string>();
  for (const dir of dirs) {
    const folder = path.join(dir, sub);
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder).filter((n) => n.endsWith('.hbs')).sort())
      if (!found.has(name.slice(0, -4))) found.set(name.slice(0, -4), path.join(folder, name));
  }
  return [...found.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, file]) => ({ name, text: readFileSync(file, 'utf8') }));
}

/** Small, pure helpers; anything with logic belongs in the view-model builders instead. */
function registerHelpers(hbs: typeof Handlebars): void {
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('humanDate', (iso: unknown) => (typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? humanDate(iso) : ''));
  hbs.registerHelper('plural', (count: unknown, one: unknown, many: unknown) => `${count} ${count === 1 ? one : many}`);
  hbs.registerHelper('join', (list: unknown, sep: unknown) => (Array.isArray(list) ? list.map(String).join(typeof sep === 'string' ? sep : ', ') : ''));
}
