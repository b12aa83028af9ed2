/**
 * The CLI as a process: --version, check's markdown and codeclimate formats (pinned), a closed pipe,
 * `init`, kill -9 of a build, and output that names no machine path and does not depend on the working directory.
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { BIN, handover, ROOT } from './helpers/cli.ts';
import { NOW, PEOPLE, runbook, writeSite } from './helpers/site.ts';

const ERRORS = 'test/fixtures/errors/unknown-person';
const GAPS = 'test/fixtures/gaps/missing-section';

describe('handover --version', () => {
  it("prints the package's version and nothing else", async () => {
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await handover(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });
});

describe('check --format markdown and codeclimate', () => {
  it('markdown: a summary for $GITHUB_STEP_SUMMARY, pinned', async () => {
    const errors = await handover(['check', '--now', NOW, '--content', ERRORS, '--format', 'markdown']);
    expect(errors.code).toBe(1);
    expect(errors.stdout).toMatchInlineSnapshot(`
      "## Handover check

      2 files · 3 errors · 0 gaps

      ### Errors

      | where | field | rule | message |
      |---|---|---|---|
      | <code>test/fixtures/errors/unknown-person/runbooks/support/refund-replies.md:10:26</code> | <code>owners.maintainer.primary</code> | <code>unknown-person</code> | no person has the id "ivn"; fix the id or add it to people.yaml (did you mean 'ivan'?) |
      | <code>test/fixtures/errors/unknown-person/runbooks/support/refund-replies.md:30:22</code> | <code>escalation.levels[1].notify[1]</code> | <code>unknown-person</code> | no person or team has the id "dnaa"; fix the id or add it to people.yaml (did you mean 'dana'?) |
      | <code>test/fixtures/errors/unknown-person/runbooks/support/refund-replies.md:33:9</code> | <code>fallback[0].to</code> | <code>unknown-person</code> | no role or person has the id "responer"; name a role or a person (did you mean 'responder'?) |
      "
    `);
    const gaps = await handover(['check', '--now', NOW, '--content', GAPS, '--format', 'markdown']);
    expect(gaps.code).toBe(0);
    expect(gaps.stdout).toMatchInlineSnapshot(`
      "## Handover check

      2 files · 0 errors · 2 gaps

      ### Gaps

      | where | field | rule | message |
      |---|---|---|---|
      | <code>test/fixtures/gaps/missing-section/runbooks/support/refund-replies.md:58:1</code> | <code>sections.exceptions</code> | <code>missing-section</code> | the "## Exceptions" section is empty; write what it asks for |
      | <code>test/fixtures/gaps/missing-section/runbooks/support/refund-replies.md:63:1</code> | <code>sections.rollback</code> | <code>missing-section</code> | no "## Rollback" section; a production runbook needs one, so add it |
      "
    `);
  });

  it('markdown: a message cannot break the table or become HTML', async () => {
    const site = await writeSite({ 'people.yaml': PEOPLE, 'runbooks/x.md': runbook('title: T\nsummary: S\nstatus: experiment\nreview: { next: 2027-01-30 }\nowners:\n  maintainer: { primary: dana }\n"<b>x|y</b>": 1\n') });
    try {
      const run = await handover(['check', '--now', NOW, '--content', site.dir, '--format', 'markdown']);
      const row = run.stdout.split('\n').find((line) => line.includes('unknown-field'))!;
      expect(row).toBeDefined();
      expect(row.split(/(?<!\\)\|/).length).toBe(6);
      expect(row).not.toContain('<b>');
      expect(row).toContain('&lt;b&gt;x\\|y&lt;/b&gt;');
      expect(row).toContain('<code>&lt;b&gt;x&#124;y&lt;/b&gt;</code>');
    } finally {
      await site.dispose();
    }
  });

  it('codeclimate: GitLab Code Quality issues, pinned', async () => {
    const run = await handover(['check', '--now', NOW, '--content', ERRORS, '--format', 'codeclimate']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchInlineSnapshot(`
      [
        {
          "categories": [
            "Bug Risk",
          ],
          "check_name": "unknown-person",
          "description": "owners.maintainer.primary: no person has the id "ivn"; fix the id or add it to people.yaml (did you mean 'ivan'?)",
          "fingerprint": "565dc759a96b6eab21fe1e5374607e04",
          "location": {
            "lines": {
              "begin": 10,
            },
            "path": "test/fixtures/errors/unknown-person/runbooks/support/refund-replies.md",
          },
          "severity": "major",
          "type": "issue",
        },
        {
          "categories": [
            "Bug Risk",
          ],
          "check_name": "unknown-person",
          "description": "escalation.levels[1].notify[1]: no person or team has the id "dnaa"; fix the id or add it to people.yaml (did you mean 'dana'?)",
          "fingerprint": "5eb69b9df2d2beb68766a6bd13c73c11",
          "location": {
            "lines": {
              "begin": 30,
            },
            "path": "test/fixtures/errors/unknown-person/runbooks/support/refund-replies.md",
          },
          "severity": "major",
          "type": "issue",
        },
        {
          "categories": [
            "Bug Risk",
          ],
          "check_name": "unknown-person",
          "description": "fallback[0].to: no role or person has the id "responer"; name a role or a person (did you mean 'responder'?)",
          "fingerprint": "63d6ada1267998d85268371c2c74f8a1",
          "location": {
            "lines": {
              "begin": 33,
            },
            "path": "test/fixtures/errors/unknown-person/runbooks/support/refund-replies.md",
          },
          "severity": "major",
          "type": "issue",
        },
      ]
    `);
    const clean = await writeSite({ 'people.yaml': PEOPLE, 'runbooks/x.md': runbook('title: Old\nsummary: Gone.\nstatus: retired\n') });
    try {
      expect(await handover(['check', '--now', NOW, '--content', clean.dir, '--format', 'codeclimate'])).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
    } finally {
      await clean.dispose();
    }
  });
});

describe('check with a cache it cannot write', () => {
  it('still checks, and says nothing about the cache', async () => {
    const site = await writeSite({ 'content/people.yaml': PEOPLE, 'content/runbooks/x.md': runbook('title: Old\nsummary: Gone.\nstatus: retired\n'), 'site.config.mjs': 'export default {};\n' });
    try {
      // A file where the cache folder would go: no folder can be made there, whoever runs the check.
      await mkdir(path.join(site.dir, 'node_modules', '.cache'), { recursive: true });
      await writeFile(path.join(site.dir, 'node_modules', '.cache', 'handover'), 'not a folder');
      const run = await handover(['check', '--now', NOW], { cwd: site.dir });
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toMatch(/^2 files · 0 errors · 0 gaps · \d+ ms$/m);
    } finally {
      await site.dispose();
    }
  });
});

describe('check piped into head', () => {
  it.for(['text', 'json', 'github', 'markdown', 'codeclimate'])('--format %s exits quietly when the reader stops early', async (format) => {
    // Enough findings that the output is far larger than a pipe's buffer, so writes go on after head has gone.
    const files: Record<string, string> = { 'people.yaml': PEOPLE };
    for (let i = 0; i < 300; i++) files[`runbooks/r${i}.md`] = runbook(`title: R${i}\nsummary: S\nstatus: production\n`, '');
    const site = await writeSite(files);
    try {
      const result = await new Promise<{ stderr: string; code: number | null; signal: string | null; read: number }>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'check', '--now', NOW, '--content', site.dir, '--format', format], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        let read = 0;
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.stdout.once('data', (chunk: Buffer) => {
          read = chunk.length;
          // What `head -c N` does: read once, then close the pipe.
          child.stdout.destroy();
        });
        child.on('close', (code, signal) => resolve({ stderr, code, signal, read }));
      });
      expect(result.read).toBeGreaterThan(0);
      expect(result.stderr).toBe('');
      expect(result.signal).toBe(null);
      expect([0, 1]).toContain(result.code);
    } finally {
      await site.dispose();
    }
  });
});

describe('handover init', () => {
  it('--ci gitlab writes .gitlab-ci.yml with a Code Quality report and GitLab Pages; the scaffold checks and builds', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'handover-init-'));
    try {
      const site = path.join(dir, 'ops site');
      const run = await handover(['init', site, '--ci', 'gitlab', '--title', "Ops' runbooks"], { cwd: dir });
      expect(run).toMatchObject({ code: 0, stderr: '' });
      const ci = parseYaml(await readFile(path.join(site, '.gitlab-ci.yml'), 'utf8'));
      expect(ci.check.script).toContain('npx handover check --format codeclimate > gl-code-quality-report.json || true');
      expect(ci.check.artifacts.reports.codequality).toBe('gl-code-quality-report.json');
      expect(ci.pages.script).toContain('npx handover build --out public');
      expect(ci.pages.artifacts.paths).toEqual(['public']);
      await expect(stat(path.join(site, '.github'))).rejects.toThrow();
      const pkg = JSON.parse(await readFile(path.join(site, 'package.json'), 'utf8'));
      expect(pkg).toMatchObject({ name: 'ops-site', devDependencies: { handover: expect.stringMatching(/^\^\d+\.\d+\.\d+$/) } });
      expect(await readFile(path.join(site, '.gitignore'), 'utf8')).toBe('node_modules/\ndist/\npublic/\n.handover-cache/\n.npm/\n');
      // The scaffold's config imports defineConfig from 'handover'; from here that resolves to this repository.
      await writeFile(path.join(site, 'site.config.ts'), (await readFile(path.join(site, 'site.config.ts'), 'utf8')).replace("from 'handover'", `from ${JSON.stringify(path.join(ROOT, 'lib', 'api.js'))}`));
      const checked = await handover(['check', '--now', NOW], { cwd: site });
      expect(checked.stderr).toBe('');
      expect(checked.code).toBe(0);
      expect(checked.stdout).toMatch(/^content\/runbooks\/examples\/pilot\.md$/m);
      expect(checked.stdout).toMatch(/6 files · 0 errors · \d+ gaps/);
      const built = await handover(['build', '--now', NOW], { cwd: site });
      expect(built).toMatchObject({ code: 0, stderr: '' });
      const home = await readFile(path.join(site, 'dist', 'index.html'), 'utf8');
      expect(home).toContain('<title>Runbooks · Ops&#x27; runbooks</title>');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a folder that is not empty (exit 2) and changes nothing in it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'handover-init-'));
    try {
      await writeFile(path.join(dir, 'package.json'), '{"name":"mine"}\n');
      const run = await handover(['init', dir]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^handover: .* is not empty; init writes only into a new or empty folder, so nothing there is replaced\. Choose another folder: handover init <dir>$/m);
      expect(await readdir(dir)).toEqual(['package.json']);
      expect(await readFile(path.join(dir, 'package.json'), 'utf8')).toBe('{"name":"mine"}\n');
      expect((await handover(['init', path.join(dir, 'package.json')])).code).toBe(2);
      expect((await handover(['init', path.join(dir, 'new'), '--ci', 'jenkins'])).stderr).toMatch(/^handover: --ci must be one of github, gitlab, not "jenkins"$/m);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('kill -9 of handover stops the build', () => {
  it('the process re-run for V8 flags dies with its parent, and the out dir is never written', async () => {
    const files: Record<string, string> = { 'people.yaml': PEOPLE };
    for (let i = 0; i < 400; i++) files[`runbooks/r${i}.md`] = runbook(`title: R${i}\nsummary: S\nstatus: experiment\nreview: { next: 2027-01-30 }\nowners:\n  maintainer: { primary: dana }\n`, `## Purpose\n\n${'Drafts replies from past tickets. '.repeat(200)}\n`);
    const site = await writeSite(files);
    const out = path.join(site.dir, 'out');
    try {
      const parent = spawn(process.execPath, [BIN, 'build', '--now', NOW, '--content', site.dir, '--out', out], { cwd: site.dir, stdio: 'ignore', env: { ...process.env, HANDOVER_NODE_FLAGS: 'always' } });
      const childPid = async () => {
        for (;;) {
          const pids = (await readFile(`/proc/${parent.pid}/task/${parent.pid}/children`, 'utf8').catch(() => '')).trim();
          if (pids) return Number(pids.split(' ')[0]);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      };
      const child = await childPid();
      const alive = (pid: number) => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      expect(alive(child)).toBe(true);
      const exited = new Promise((resolve) => parent.once('exit', resolve));
      parent.kill('SIGKILL');
      await exited;
      // The child goes as soon as its IPC channel closes; wait for that (the test's own timeout bounds the wait).
      while (alive(child) && !(await readFile(`/proc/${child}/stat`, 'utf8').catch(() => ' Z ')).includes(' Z ')) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await stat(out).then(() => true, () => false)).toBe(false);
    } finally {
      await site.dispose();
    }
  });
});

describe('no machine path in the output', () => {
  it('building from a deep absolute path and from another working directory gives the same bytes, none naming that path', async () => {
    const base = await mkdtemp(path.join(os.tmpdir(), 'handover-paths-'));
    try {
      const project = path.join(base, 'home', 'someone', 'work', 'acme', 'runbooks-site');
      await mkdir(project, { recursive: true });
      await cp(path.join(ROOT, 'content'), path.join(project, 'content'), { recursive: true });
      await writeFile(path.join(project, 'site.config.mjs'), "export default { title: 'Paths', editUrl: 'https://git.example.com/edit/{path}' };\n");
      const other = path.join(base, 'elsewhere');
      await mkdir(other);
      const a = await handover(['build', '--now', NOW], { cwd: project });
      expect(a).toMatchObject({ code: 0, stderr: '' });
      const b = await handover(['build', '--now', NOW, '--config', path.join(project, 'site.config.mjs'), '--out', path.join(other, 'dist')], { cwd: other });
      expect(b).toMatchObject({ code: 0, stderr: '' });
      const tree = async (dir: string) => {
        const names = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && e.name !== '.handover-build');
        return new Map(await Promise.all(names.map(async (e) => [path.relative(dir, path.join(e.parentPath, e.name)), await readFile(path.join(e.parentPath, e.name))] as const)));
      };
      const first = await tree(path.join(project, 'dist'));
      const second = await tree(path.join(other, 'dist'));
      expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
      expect([...first].filter(([name, bytes]) => !bytes.equals(second.get(name)!)).map(([name]) => name)).toEqual([]);
      const leaks = [...first].filter(([, bytes]) => bytes.includes(base) || bytes.includes('someone/work')).map(([name]) => name);
      expect(leaks).toEqual([]);
      const page = first.get('runbooks/support/refund-replies/index.html')!.toString();
      expect(page).toContain('<code>content/runbooks/support/refund-replies.md</code>');
      expect(page).toContain('href="https://git.example.com/edit/content/runbooks/support/refund-replies.md"');
      const report = JSON.parse(first.get('report.json')!.toString()) as { workflows: { gaps: { file?: string }[] }[] };
      const files = report.workflows.flatMap((w) => w.gaps.map((g) => g.file)).filter(Boolean);
      expect(files.length).toBeGreaterThan(0);
      expect(files.every((file) => file!.startsWith('content/'))).toBe(true);
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });
});
