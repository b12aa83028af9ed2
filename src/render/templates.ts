import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { humanDate } from '../dates.ts';

/** The page kinds, one template each under `templates/pages/`. */
export type PageKind = 'home' | 'runbook' | 'people' | 'person' | 'teams' | 'team' | 'ownership' | 'report' | '404' | 'changes' | 'binder';

/** What the layout needs besides the page body. */
export interface LayoutView {
  /** `<title>`: page name first, so browser tabs stay readable. */
  title: string;
  siteTitle: string;
  /** Relative prefix back to the site root, `''` or `../../`. */
  root: string;
  /** Which top-bar entry is the current page. */
  nav: 'runbooks' | 'ownership' | 'people' | 'report' | '';
  /** The top bar's entries, from the page registry, with the current one marked. */
  navItems: { label: string; href: string; current: boolean }[];
  /** Extra class on `<body>`, e.g. `page-runbook`. */
  kind: string;
  description?: string;
  /** The build's date, for the footer. */
  generated: string;
  theme: { css: string[]; js: string[]; mermaid: string };
}

/** Compiled templates: render a page into the layout. */
export interface Templates {
  render(kind: PageKind, view: object, layout: LayoutView): string;
}

const defaultDir = fileURLToPath(new URL('../../templates/', import.meta.url));
const cache = new Map<string, Templates>();

/**
 * Loads `layout.hbs`, `partials/*.hbs` and `pages/*.hbs` from `dir` once and compiles each once
 * (`fresh` reads them again, for `handover dev` after a template edit).
 * Content never becomes a template: every value reaches HTML through `{{ }}`, which escapes it.
 */
export function loadTemplates(dir: string = defaultDir, options: { fresh?: boolean } = {}): Templates {
  const cached = cache.get(dir);
  if (cached && !options.fresh) return cached;
  const hbs = Handlebars.create();
  registerHelpers(hbs);
  // A partial's final newline would put a space after every name it prints ("Nia , Mei").
  for (const file of hbsFiles(path.join(dir, 'partials'))) hbs.registerPartial(file.name, file.text.replace(/\n$/, ''));
  const compile = (text: string) => hbs.compile(text, { preventIndent: true });
  const layout = compile(readFileSync(path.join(dir, 'layout.hbs'), 'utf8'));
  const pages = new Map(hbsFiles(path.join(dir, 'pages')).map((file) => [file.name, compile(file.text)]));
  const templates: Templates = {
    render(kind, view, layoutView) {
      const page = pages.get(kind);
      if (!page) throw new Error(`no template templates/pages/${kind}.hbs`);
      const root = layoutView.root;
      const body = page({ ...view, root });
      return layout({ ...layoutView, body });
    },
  };
  cache.set(dir, templates);
  return templates;
}

function hbsFiles(dir: string): { name: string; text: string }[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.hbs'))
    .sort()
    .map((name) => ({ name: name.slice(0, -4), text: readFileSync(path.join(dir, name), 'utf8') }));
}

/** Small, pure helpers; anything with logic belongs in the view-model builders instead. */
function registerHelpers(hbs: typeof Handlebars): void {
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('humanDate', (iso: unknown) => (typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? humanDate(iso) : ''));
  hbs.registerHelper('plural', (count: unknown, one: unknown, many: unknown) => `${count} ${count === 1 ? one : many}`);
  hbs.registerHelper('join', (list: unknown, sep: unknown) => (Array.isArray(list) ? list.map(String).join(typeof sep === 'string' ? sep : ', ') : ''));
}
