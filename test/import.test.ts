import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.ts';
import { check } from '../src/index.ts';

const ROOT = path.join(import.meta.dirname, '..');
const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'import');
const CONFIG = path.join(ROOT, 'site.config.ts');
const NOW = '2026-11-22';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/handover.js import …` as a user would (stdout a pipe). */
function handoverImport(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/handover.js', 'import', ...args, '--config', CONFIG], { cwd: ROOT, env: { ...process.env, FORCE_COLOR: undefined } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Every file under `dir` with a hash of its bytes. */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, file).split(path.sep).join('/')] = createHash('sha256').update(await readFile(file)).digest('hex');
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The mapping table: stdout without its first line, which names the folders of this run. */
const table = (run: Run) => run.stdout.split('\n').slice(2).join('\n');

/** People already in the content folder before an import: one person the Backstage fixture names. */
const PEOPLE = `# Our people.
teams:
  - id: ops
    name: Operations
people:
  - id: omar
    name: Omar Haddad
    team: ops
    contact: { chat: "@omar" }
`;

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'handover-import-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** A fresh content folder, with `people` as its people.yaml when given. */
async function contentDir(name: string, people?: string): Promise<string> {
  const dir = path.join(tmp, name, 'content');
  await mkdir(dir, { recursive: true });
  if (people) await writeFile(path.join(dir, 'people.yaml'), people);
  return dir;
}

const STYLES = [
  { style: 'alerts', args: ['--into', 'platform', '--codeowners', path.join(FIXTURES, 'alerts.CODEOWNERS')], code: 1, runbooks: 3, guides: 2 },
  { style: 'techdocs', args: ['--site-url', 'https://docs.example.com/', '--status', 'production'], code: 0, runbooks: 2, guides: 3 },
  { style: 'backstage', args: [], code: 1, runbooks: 2, guides: 1 },
  { style: 'plain', args: ['--map', path.join(FIXTURES, 'plain', 'map.yaml')], code: 0, runbooks: 1, guides: 1 },
];

describe.each(STYLES)('handover import: $style', ({ style, args, code, runbooks, guides }) => {
  let content: string;
  let run: Run;
  beforeAll(async () => {
    content = await contentDir(style, style === 'backstage' ? PEOPLE : undefined);
    run = await handoverImport(path.join(FIXTURES, style), '--content', content, ...args);
  });

  it('prints the mapping table (golden), with auto detecting the style', async () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(code);
    expect(run.stdout.split('\n')[0]).toMatch(new RegExp(`^Imported .*${style} \\(${style} style\\) into `));
    await expect(table(run)).toMatchFileSnapshot(path.join('fixtures', 'import-golden', `${style}.table.txt`));
  });

  it('then check gives 0 errors, and the build has one <h1> per page and no broken internal link', async () => {
    const result = await check({ content, config: CONFIG, now: NOW });
    expect(result.errors).toEqual([]);
    expect([result.site.workflows.length, result.site.guides.length]).toEqual([runbooks, guides]);
    const out = path.join(tmp, style, 'site');
    const built = await build({ content, config: CONFIG, now: NOW, out, cache: false });
    expect(built.written).toBe(true);
    const pages = Object.keys(await tree(out)).filter((p) => p.endsWith('.html'));
    expect(pages.filter((p) => p.startsWith('runbooks/') || p.startsWith('guides/'))).toHaveLength(runbooks + guides);
    for (const page of pages) {
      const html = await readFile(path.join(out, page), 'utf8');
      expect(html.match(/<h1[\s>]/g)?.length ?? 0, page).toBeLessThanOrEqual(1);
      // Nothing imported shows a Hugo shortcode that was a link, nor a heading marker as text.
      expect(html, page).not.toMatch(/\{\{[<%]\s*(rel)?ref/);
    }
  });

  it('refuses to run again over what it wrote: exit 2, and nothing is written', async () => {
    const before = await tree(content);
    const again = await handoverImport(path.join(FIXTURES, style), '--content', content, ...args);
    expect(again.code).toBe(2);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/^handover: .*already exists?; nothing was written \(import never overwrites\)\. Import into another folder with --into, or move those files away\n$/);
    expect(await tree(content)).toEqual(before);
  });
});

describe('handover import: what it writes', () => {
  it('alert runbooks: title heading removed, Hugo refs and relative links rewritten, the image copied, code left alone', async () => {
    const content = path.join(tmp, 'alerts', 'content');
    const page = await readFile(path.join(content, 'runbooks/platform/kubernetes/kube-pod-crash-looping.md'), 'utf8');
    await expect(page).toMatchFileSnapshot(path.join('fixtures', 'import-golden', 'kube-pod-crash-looping.md'));
    expect(page).not.toContain('# KubePodCrashLooping');
    expect(page).toContain('see [KubePodNotReady](kube-pod-not-ready.md).');
    expect(page).toContain('[Watchdog runbook](../general/watchdog.md)');
    expect(page).toContain('# a shortcode in code stays as written: {{< ref "KubePodNotReady.md" >}}');
    const notReady = await readFile(path.join(content, 'runbooks/platform/kubernetes/kube-pod-not-ready.md'), 'utf8');
    expect(notReady).toContain('[the crash-loop runbook](kube-pod-crash-looping.md#diagnosis)');
    expect(notReady).toContain('The\n[KubePodCrashLooping](kube-pod-crash-looping.md#mitigation) section applies too.');
    expect(await readFile(path.join(content, 'runbooks/platform/kubernetes/img/crashloop.png'))).toEqual(await readFile(path.join(FIXTURES, 'alerts/kubernetes/img/crashloop.png')));
    const built = await readFile(path.join(tmp, 'alerts', 'site', 'runbooks/platform/kubernetes/kube-pod-crash-looping/index.html'), 'utf8');
    expect(built).toContain('<img src="../img/crashloop.png" alt="restart graph">');
    expect(built).toContain('href="../kube-pod-not-ready/index.html"');
  });

  it('tech-docs manuals: zero-padded review dates and month intervals, /manual/x.html and old paths rewritten, other areas under --site-url', async () => {
    const content = path.join(tmp, 'techdocs', 'content');
    const disk = await readFile(path.join(content, 'runbooks/manual/alerts/disk-full.md'), 'utf8');
    expect(disk).toContain('review:\n  last: 2019-05-13\n  every: 6mo\n');
    expect(disk).toContain('team: platform-oncall\n');
    expect(disk).toContain('[how log rotation works](../../../guides/manual/how-log-rotation-works.md)');
    expect(disk).toContain('[rotating keys](../rotate-keys.md#steps)');
    // An old path of the A/B page, site-absolute, now points at the guide.
    expect(disk).toContain('[the A/B testing notes](../../../guides/manual/how-ab-testing-works.md)');
    const ab = await readFile(path.join(content, 'guides/manual/how-ab-testing-works.md'), 'utf8');
    expect(ab).toContain('![How traffic is split](../../runbooks/images/ab-split.png)');
    expect(ab).toContain('[API reference](https://docs.example.com/api/reference.html)');
    const result = await check({ content, config: CONFIG, now: NOW });
    expect(result.facts.workflows.get('manual/alerts/disk-full')!.review.due).toBe('2019-11-13');
    expect(result.facts.guides.get('manual/how-ab-testing-works')!.review.due).toBe('2022-11-03');
    expect(result.gaps.filter((g) => g.guide).map((g) => [g.guide, g.rule])).toEqual([
      ['manual/alerts', 'review-overdue'],
      ['manual/how-ab-testing-works', 'review-overdue'],
      ['manual/how-log-rotation-works', 'review-overdue'],
    ]);
  });

  it('people.yaml: a #channel becomes a team with that chat, an @user a person; existing ids and comments stay as they were', async () => {
    const techdocs = await readFile(path.join(tmp, 'techdocs', 'content', 'people.yaml'), 'utf8');
    expect(techdocs).toContain('  - id: platform-oncall\n    name: platform-oncall\n    chat: "#platform-oncall"\n');
    expect(techdocs).toContain('  - id: jane-doe\n    name: jane.doe\n    contact:\n      chat: "@jane.doe"\n');
    const backstage = await readFile(path.join(tmp, 'backstage', 'content', 'people.yaml'), 'utf8');
    expect(backstage.startsWith(PEOPLE.trimEnd().split('\n').slice(0, 4).join('\n'))).toBe(true);
    expect(backstage).toContain('contact: { chat: "@omar" }');
    // omar exists: reused, never stubbed again; the group becomes a team stub.
    expect(backstage.match(/id: omar/g)).toHaveLength(1);
    expect(backstage).toContain('  - id: payments\n    name: payments\n');
    const ledger = await readFile(path.join(tmp, 'backstage', 'content', 'runbooks/ledger-worker.md'), 'utf8');
    expect(ledger).toContain('status: experiment\nowners:\n  maintainer:\n    primary: omar\n');
  });

  it('--dry-run prints the same table and writes nothing', async () => {
    const content = await contentDir('dry');
    const dry = await handoverImport(path.join(FIXTURES, 'techdocs'), '--content', content, '--site-url', 'https://docs.example.com/', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout.split('\n')[0]).toMatch(/^Would import /);
    expect(dry.stdout.trimEnd().split('\n').at(-1)).toBe('Dry run: nothing was written.');
    expect(table(dry).replace(/\n\nDry run: nothing was written\.\n$/, '')).toBe(table(await handoverImport(path.join(FIXTURES, 'techdocs'), '--content', await contentDir('dry2'), '--site-url', 'https://docs.example.com/')).replace(/\n\nNext: .*\n$/, ''));
    expect(await tree(content)).toEqual({});
  });

  it('is deterministic: the same collection gives byte-identical files', async () => {
    const [a, b] = [await contentDir('same-a'), await contentDir('same-b')];
    await handoverImport(path.join(FIXTURES, 'alerts'), '--content', a);
    await handoverImport(path.join(FIXTURES, 'alerts'), '--content', b);
    const [treeA, treeB] = [await tree(a), await tree(b)];
    expect(Object.keys(treeA).length).toBeGreaterThan(5);
    expect(treeB).toEqual(treeA);
  });

  it('a malformed source (bad YAML, binary, a pipe, a dangling link) is reported with its path and skipped; the rest import', async () => {
    const from = path.join(tmp, 'malformed-src');
    await cp(path.join(FIXTURES, 'plain'), from, { recursive: true });
    await writeFile(path.join(from, 'bad.md'), '---\ntitle: [unclosed\n---\n\n# Bad\n');
    await writeFile(path.join(from, 'binary.md'), Buffer.from([0x00, 0xff, 0x10, 0x00]));
    await symlink(path.join(from, 'nowhere.md'), path.join(from, 'dangling.md'));
    await new Promise<void>((resolve, reject) => execFile('mkfifo', [path.join(from, 'pipe.md')], (error) => (error ? reject(error) : resolve())));
    const content = await contentDir('malformed');
    const run = await handoverImport(from, '--content', content);
    expect(run.code).toBe(1);
    const skipped = run.stdout.slice(run.stdout.indexOf('skipped'));
    expect(skipped.split('\n\n')[0]).toBe(
      [
        'skipped (not imported; the rest were):',
        '  bad.md: line 2: flow sequence in block collection must be sufficiently indented and end with a ]',
        '  binary.md: the file is binary, not text; save it as UTF-8 text',
        '  dangling.md: the file is a symbolic link, which import does not follow; copy the file in instead',
        '  pipe.md: the file is not a regular file (a pipe, socket or device)',
      ].join('\n'),
    );
    expect(Object.keys(await tree(content))).toEqual(['guides/glossary.md', 'people.yaml', 'runbooks/billing/refunds.md']);
    expect((await check({ content, config: CONFIG, now: NOW })).errors).toEqual([]);
  });

  it('usage errors exit 2 without writing', async () => {
    const content = await contentDir('usage');
    const cases: [string[], RegExp][] = [
      [[path.join(FIXTURES, 'plain'), '--style', 'wiki'], /--style must be one of auto, alerts, techdocs, backstage, plain, not "wiki"/],
      [[path.join(FIXTURES, 'plain'), '--into', '../up'], /--into "..\/up" is not a folder name/],
      [[path.join(FIXTURES, 'plain'), '--status', 'live'], /--status must be one of/],
      [[path.join(FIXTURES, 'plain'), '--site-url', 'javascript:alert(1)'], /--site-url must be the old site's address/],
      [[path.join(FIXTURES, 'nope')], /is not a folder; name the folder of Markdown pages to import/],
      [[], /name one folder to import/],
    ];
    for (const [args, message] of cases) {
      const run = await handoverImport(...args, '--content', content);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    expect(await tree(content)).toEqual({});
  });
});

describe('import: the small readers', async () => {
  const { interval, padDate } = await import('../src/import/styles/techdocs.ts');
  const { codeownerRules, ownerRules, parseOwner, slug } = await import('../src/import/owners.ts');
  const { idOf } = await import('../src/import/page.ts');

  it('dates are zero-padded and checked; intervals become durations', () => {
    expect([padDate('2019-5-13'), padDate('2019-05-03'), padDate('2019-13-45'), padDate('2019-2-29'), padDate('13 May 2019'), padDate('1850-1-1')]).toEqual(['2019-05-13', '2019-05-03', null, null, null, null]);
    expect([interval('6 months'), interval('1 year'), interval('2 weeks'), interval('90 days'), interval('90d'), interval('6mo'), interval('sometime')]).toEqual(['6mo', '1y', '2w', '90d', '90d', '6mo', null]);
  });

  it('owners: #channel a team with that chat, @user a person, @org/team a team, Backstage refs by kind', () => {
    expect(parseOwner('#platform-oncall', 'owner_slack')).toMatchObject({ kind: 'team', id: 'platform-oncall', chat: '#platform-oncall' });
    expect(parseOwner('@Jane.Doe', 'owner_slack')).toMatchObject({ kind: 'person', id: 'jane-doe', chat: '@Jane.Doe' });
    expect(parseOwner('@acme/k8s', 'CODEOWNERS')).toMatchObject({ kind: 'team', id: 'k8s' });
    expect(parseOwner('group:default/payments', 'spec.owner', 'team')).toMatchObject({ kind: 'team', id: 'payments' });
    expect(parseOwner('user:omar', 'spec.owner', 'team')).toMatchObject({ kind: 'person', id: 'omar' });
    expect(parseOwner('payments', 'spec.owner', 'team')).toMatchObject({ kind: 'team', id: 'payments' });
    expect(parseOwner('ana@example.com', 'owner')).toMatchObject({ kind: 'person', id: 'ana', email: 'ana@example.com' });
    expect(parseOwner('  ', 'owner')).toBeNull();
  });

  it('ids: CamelCase alert names in kebab case, index pages named after their folder', () => {
    expect([slug('KubePodCrashLooping'), slug('KubeAPIDown'), slug('Ünïcode page!'), slug('---')]).toEqual(['kube-pod-crash-looping', 'kube-api-down', 'unicode-page', 'page']);
    expect([idOf('kubernetes/_index'), idOf('payments-api/index'), idOf('docs/README'), idOf('_index')]).toEqual(['kubernetes', 'payments-api', 'docs', 'index']);
  });

  it('CODEOWNERS: the last matching line wins; /x/ is anchored, a bare name matches at any depth', () => {
    const rules = ownerRules(codeownerRules('*  @acme/sre\n/kubernetes/ @ana\nWatchdog.md @ben # the watchdog\n'));
    const who = (rel: string) => rules.match(rel).owners.map((o) => o.id).concat(rules.match(rel).team ? [`team:${rules.match(rel).team!.id}`] : []);
    expect(who('kubernetes/KubePodNotReady.md')).toEqual(['ana']);
    expect(who('general/Watchdog.md')).toEqual(['ben']);
    expect(who('other/kubernetes/x.md')).toEqual(['team:sre']);
  });
});
