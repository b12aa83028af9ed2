import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../core/package-root.ts';
import Handlebars from 'handlebars';
import { humanDate } from '../core/dates.ts';
import { hashText } from '../cache/key.ts';
import { seal, unseal } from '../cache/serialize.ts';

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
  /**
   * A folder to keep the compiled templates in (`node_modules/.cache/handover/templates`): compiling them
   * costs a fresh process 100-150 ms, loading them compiled about 10. Keyed on every template's text.
   */
  cache?: string;
}

/** How every template is compiled. */
const COMPILE = { preventIndent: true } as const;

/** The templates of a site as text: the layout, the partials and the pages, by name. */
interface Sources {
  layout: string;
  partials: [name: string, text: string][];
  pages: [name: string, text: string][];
}

/** The same, each compiled to handlebars' template source (JavaScript), as `precompile` gives it. */
interface Compiled {
  layout: string;
  partials: string[];
  pages: string[];
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
  const layoutFile = dirs.map((dir) => path.join(dir, 'layout.hbs')).find((file) => existsSync(file))!;
  const sources: Sources = {
    layout: readFileSync(layoutFile, 'utf8'),
    // A partial's final newline would put a space after every name it prints ("Nia , Mei").
    partials: hbsFiles(dirs, 'partials').map((file) => [file.name, file.text.replace(/\n$/, '')]),
    pages: hbsFiles(dirs, 'pages').map((file) => [file.name, file.text]),
  };
  let made: ReturnType<typeof instantiate>;
  try {
    made = instantiate(sources, compiled(sources, options.cache));
  } catch {
    // A kept file that does not load (damage cannot go unnoticed: it is sealed) is compiled afresh.
    made = instantiate(sources, compiled(sources));
  }
  const { layout, pages } = made;
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

/** Every template compiled, from the kept file for these sources when there is one; a new one is kept. */
function compiled(sources: Sources, cache?: string): Compiled {
  const key = hashText(JSON.stringify([Handlebars.VERSION, COMPILE, sources])).slice(0, 20);
  const file = cache && path.join(cache, `${key}.json`);
  if (file && existsSync(file)) {
    const kept = unseal(readFileSync(file, 'utf8')) as Compiled | null;
    if (kept && typeof kept.layout === 'string' && kept.partials?.length === sources.partials.length && kept.pages?.length === sources.pages.length) return kept;
  }
  const made: Compiled = {
    layout: Handlebars.precompile(sources.layout, COMPILE) as string,
    partials: sources.partials.map(([, text]) => Handlebars.precompile(text, COMPILE) as string),
    pages: sources.pages.map(([, text]) => Handlebars.precompile(text, COMPILE) as string),
  };
  if (file) keep(cache!, file, seal(JSON.stringify(made)));
  return made;
}

/** Writes the compiled templates (temp file, then rename) and drops those of other sources; a folder that cannot be written only costs the next run a compile. */
function keep(dir: string, file: string, text: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, text);
    renameSync(temp, file);
    for (const name of readdirSync(dir)) if (name !== path.basename(file) && !name.endsWith('.tmp')) rmSync(path.join(dir, name), { force: true });
  } catch {
    // Read-only or full: nothing is lost but time.
  }
}

/** Compiled templates as functions of a new handlebars environment with our helpers and the partials registered under their names. */
function instantiate(sources: Sources, made: Compiled) {
  const hbs = Handlebars.create();
  registerHelpers(hbs);
  // Handlebars' compiled form is a JavaScript object literal, which `precompile` made from the templates above.
  const load = (spec: string) => hbs.template(new Function(`return ${spec};`)() as TemplateSpecification);
  sources.partials.forEach(([name], i) => hbs.registerPartial(name, load(made.partials[i]!)));
  return { layout: load(made.layout), pages: new Map(sources.pages.map(([name], i) => [name, load(made.pages[i]!)])) };
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
