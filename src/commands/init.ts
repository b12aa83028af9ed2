import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { VERSION } from '../core/version.ts';
import path from 'node:path';
import { PACKAGE_ROOT } from '../core/package-root.ts';
import { parse } from './args.ts';
import { configSchema, STATUSES } from '../config.ts';
import { UserError } from '../diagnostic.ts';
import { displayPath } from '../core/paths.ts';
import { newRunbookView, renderNewRunbook } from './new.ts';

const TEMPLATES = path.join(PACKAGE_ROOT, 'templates', 'init');
const CI = ['github', 'gitlab'] as const;
type Ci = (typeof CI)[number];

/** What each CI choice writes, and the README paragraph that explains it. */
const CI_FILES: Record<Ci, { template: string; file: string; readme: string; ignore: string[] }> = {
  github: {
    template: 'github-workflow.yml',
    file: '.github/workflows/runbooks.yml',
    readme:
      '`.github/workflows/runbooks.yml` checks every pull request (`check --format github --strict`: findings show on the diff, and a\n' +
      'Markdown summary on the run) and, on `main`, builds the site and deploys it to GitHub Pages. Turn Pages on under\n' +
      'Settings -> Pages -> Source: GitHub Actions.',
    ignore: [],
  },
  gitlab: {
    template: 'gitlab-ci.yml',
    file: '.gitlab-ci.yml',
    readme:
      '`.gitlab-ci.yml` checks every merge request (findings show in the Code Quality widget, from `check --format codeclimate`)\n' +
      'and, on the default branch, builds the site into `public/` for GitLab Pages.',
    ignore: ['public/', '.handover-cache/', '.npm/'],
  },
};

/** Fills `{{name}}` placeholders; anything else in braces (a CI expression such as `${{ github.sha }}`) is left alone. */
function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/** An npm package name from a folder name: `Acme Runbooks` -> `acme-runbooks`. */
function packageName(dir: string): string {
  return path.basename(dir).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|-+$/g, '') || 'runbooks';
}

/** The files of a new site, by path under its folder. */
export async function scaffold(options: { dir: string; title: string; ci: Ci; dependency: string }): Promise<Map<string, string>> {
  const read = (name: string) => readFile(path.join(TEMPLATES, name), 'utf8');
  const ci = CI_FILES[options.ci];
  const values = { title: options.title, titleJson: JSON.stringify(options.title), name: packageName(options.dir), dependency: options.dependency, ci: ci.readme };
  const files = new Map<string, string>();
  files.set('package.json', fill(await read('package.json'), { ...values, name: JSON.stringify(values.name).slice(1, -1), dependency: JSON.stringify(options.dependency).slice(1, -1) }));
  files.set('site.config.ts', fill(await read('site.config.ts'), values));
  files.set('.gitignore', [...(await read('gitignore')).trimEnd().split('\n'), ...ci.ignore].join('\n') + '\n');
  files.set('README.md', fill(await read('README.md'), values));
  files.set(ci.file, await read(ci.template));
  files.set('content/people.yaml', await read('people.yaml'));
  const config = configSchema.parse({});
  for (const status of STATUSES) {
    const id = `examples/${status}`;
    const summary = `An example ${status} runbook: fill it in, or delete it.`;
    files.set(`content/runbooks/${id}.md`, await renderNewRunbook(newRunbookView(config, id, status, `Example ${status}`, summary)));
  }
  return files;
}

/** `handover init [dir]`: writes a new runbook site into an empty (or new) folder; never overwrites a file. */
export async function runInit(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    ci: { type: 'string', default: 'github' },
    title: { type: 'string' },
    dependency: { type: 'string' },
  }, true);
  if (positionals.length > 1) throw new UserError(`one folder at a time, not ${positionals.length}: handover init [dir]`);
  const ci = values.ci as Ci;
  if (!CI.includes(ci)) throw new UserError(`--ci must be one of ${CI.join(', ')}, not "${values.ci}"`);
  const dir = path.resolve(positionals[0] ?? '.');
  const shown = displayPath(dir) || '.';
  const existing = await stat(dir).catch(() => null);
  if (existing && !existing.isDirectory()) throw new UserError(`${shown} exists and is not a folder; choose a new or empty folder: handover init <dir>`);
  if (existing && (await readdir(dir)).length > 0)
    throw new UserError(`${shown} is not empty; init writes only into a new or empty folder, so nothing there is replaced. Choose another folder: handover init <dir>`);
  const title = values.title?.trim() || 'Runbooks';
  const files = await scaffold({ dir, title, ci, dependency: values.dependency ?? `^${VERSION}` });
  for (const [rel, text] of files) {
    const file = path.join(dir, rel);
    await mkdir(path.dirname(file), { recursive: true });
    try {
      await writeFile(file, text, { flag: 'wx' });
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'EEXIST') throw new UserError(`${displayPath(file)} appeared while init was writing; it was left as it is`);
      throw cause;
    }
  }
  console.log(`Wrote a runbook site to ${shown}/ (${files.size} files):`);
  for (const rel of files.keys()) console.log(`  ${rel}`);
  console.log(`\nNext:${shown === '.' ? '' : ` cd ${shown} &&`} npm install && npx handover check && npx handover build`);
  return 0;
}
