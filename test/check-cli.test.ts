import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'vitest';
import { NOW, PEOPLE, runbook, writeSite } from './helpers/site.ts';

const ROOT = path.join(import.meta.dirname, '..');
const ERRORS = 'test/fixtures/errors/unknown-person';
const GAPS = 'test/fixtures/gaps/missing-section';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/handover.js ...args` from the repo root, as a user would; stdout and stderr are pipes, never a TTY. */
function handover(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/handover.js', ...args], { cwd: ROOT, env: { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const check = (...args: string[]) => handover('check', '--now', NOW, ...args);

describe.concurrent('handover check: exit codes', () => {
  it('0 when there are no errors, even with gaps', async ({ expect }) => {
    const run = await check('--content', GAPS);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(/^2 files · 0 errors · 2 gaps · \d+ ms$/);
  });

  it('1 on errors', async ({ expect }) => {
    expect((await check('--content', ERRORS)).code).toBe(1);
  });

  it('1 on gaps with --strict, 0 with --strict when there is nothing', async ({ expect }) => {
    expect((await check('--content', GAPS, '--strict')).code).toBe(1);
    const site = await writeSite({ 'people.yaml': PEOPLE, 'runbooks/x.md': runbook('title: Old\nsummary: Gone.\nstatus: retired\n') });
    try {
      const run = await check('--content', site.dir, '--strict');
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^2 files · 0 errors · 0 gaps · \d+ ms$/)]);
    } finally {
      await site.dispose();
    }
  });

  it.for([
    ['an unknown flag', ['--bogus'], /^handover: Unknown option '--bogus'/],
    ['a bad --format', ['--format', 'xml'], /^handover: --format must be one of text, json, github, markdown, codeclimate, not "xml"$/m],
    ['a --now that is not a date', ['--now', 'tomorrow'], /^handover: --now must be a real date written YYYY-MM-DD, in the years 1900 to 2999, not "tomorrow"$/m],
    ['a --now in year 9999', ['--now', '9999-12-01'], /^handover: --now must be a real date written YYYY-MM-DD, in the years 1900 to 2999, not "9999-12-01"$/m],
    ['a --now that does not exist', ['--now', '2026-02-30'], /^handover: --now must be a real date written YYYY-MM-DD, in the years 1900 to 2999, not "2026-02-30"$/m],
    ['a missing content folder', ['--content', 'test/fixtures/no-such-folder'], /^handover: content folder not found: test\/fixtures\/no-such-folder/],
    ['a missing config file', ['--config', 'nope.config.ts'], /^handover: config file not found: nope.config.ts$/m],
    ['an unknown command', [], /^handover: unknown command "chek"/],
    ['a stray argument (a folder given without --content)', ['content'], /^handover: unexpected argument "content": this command takes options only \(a content folder is given as --content "content"\)$/m],
  ] as [string, string[], RegExp][])('2 on a usage error: %s, with a one-line message and no stack', async ([name, args, message], { expect }) => {
    const run = name === 'an unknown command' ? await handover('chek') : await check('--content', GAPS, ...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('2 on `handover build content dist`, naming both options, and nothing is built', async ({ expect }) => {
    const { existsSync } = await import('node:fs');
    const out = `test-stray-out-${process.pid}`;
    const run = await handover('build', GAPS, out);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(`handover: unexpected argument "${GAPS}": this command takes options only (a content folder is given as --content "${GAPS}", an out dir as --out DIR)`);
    expect(existsSync(path.join(ROOT, out))).toBe(false);
  });

  it('2 on a broken config, with each config error placed in the config file', async ({ expect }) => {
    const dir = 'test/fixtures/errors/invalid-config';
    const run = await check('--content', dir, '--config', `${dir}/site.config.ts`);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('handover: the config file is not valid');
    expect(run.stderr).toContain(
      `  ${dir}/site.config.ts:4:3  maxPrimaryRole  unknown field "maxPrimaryRole"; fix the name or remove it  (did you mean 'maxPrimaryRoles'?)  error invalid-config\n`,
    );
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('2 on a config that does not run', async ({ expect }) => {
    const site = await writeSite({ 'site.config.ts': "export default {\n  title: 'x',\n  oops(\n};\n", 'people.yaml': PEOPLE });
    try {
      const run = await check('--content', site.dir, '--config', path.join(site.dir, 'site.config.ts'));
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^handover: the config file could not be loaded$/m);
      expect(run.stderr).toMatch(/site\.config\.ts:\d+:\d+ {2}.+ {2}error invalid-config$/m);
      expect(run.stderr).not.toMatch(/^\s+at /m);
    } finally {
      await site.dispose();
    }
  });
});

describe.concurrent('handover check: output formats', () => {
  it('json: exactly the spec shape, every key present, in order', async ({ expect }) => {
    const run = await check('--content', ERRORS, '--format', 'json');
    const out = JSON.parse(run.stdout) as { errors: Record<string, unknown>[]; gaps: Record<string, unknown>[] };
    // The spec's two keys first; then each workflow's readiness checklist and the notes said once.
    expect(Object.keys(out)).toEqual(['errors', 'gaps', 'readiness', 'notes']);
    expect(out.errors).toHaveLength(3);
    for (const e of out.errors) expect(Object.keys(e)).toEqual(['file', 'line', 'column', 'field', 'rule', 'message', 'hint']);
    expect(out.errors[0]).toEqual({
      file: `${ERRORS}/runbooks/support/refund-replies.md`,
      line: 10,
      column: 26,
      field: 'owners.maintainer.primary',
      rule: 'unknown-person',
      message: 'no person has the id "ivn"; fix the id or add it to people.yaml',
      hint: "did you mean 'ivan'?",
    });
    const gaps = JSON.parse((await check('--content', GAPS, '--format', 'json')).stdout).gaps as Record<string, unknown>[];
    expect(gaps.length).toBeGreaterThan(0);
    for (const g of gaps) expect(Object.keys(g)).toEqual(['workflow', 'rule', 'message', 'field', 'file', 'line', 'column']);
    expect(gaps[0]).toMatchObject({ workflow: 'support/refund-replies', rule: 'missing-section', field: 'sections.exceptions', file: `${GAPS}/runbooks/support/refund-replies.md` });
  });

  it('json: each workflow\'s readiness checklist, the same nine items as report.json, each done or with what to do', async ({ expect }) => {
    const out = JSON.parse((await check('--content', GAPS, '--format', 'json')).stdout) as { readiness: { workflow: string; done: number; total: number; ready: string; items: { id: string; done: boolean; todo: string | null }[] }[]; notes: string[] };
    expect(out.notes).toEqual([]);
    // Complete but for recent data: its metric has no observations yet.
    expect(out.readiness.map((r) => `${r.workflow} ${r.ready}`)).toEqual(['support/refund-replies 8/9']);
    const [first] = out.readiness;
    expect(first!.items.map((i) => i.id)).toEqual(['changes', 'care', 'metrics', 'signals', 'escalation', 'fallback', 'practised', 'handover', 'review']);
    expect(first!.items.filter((i) => i.todo !== null)).toEqual([{ id: 'metrics', label: 'One to three numbers with targets and recent data', done: false, todo: 'Give each metric a target and recent observations.' }]);
    const site = await writeSite({ 'people.yaml': PEOPLE, 'runbooks/x.md': runbook('title: X\nsummary: Y\nstatus: pilot\nowners:\n  maintainer: { primary: ivan }') });
    try {
      const bare = JSON.parse((await check('--content', site.dir, '--format', 'json')).stdout) as typeof out;
      // Only a maintainer: they own changes and, with no operations owner, daily care too.
      expect(bare.readiness[0]).toMatchObject({ workflow: 'x', done: 2, total: 9, ready: '2/9' });
      expect(bare.readiness[0]!.items.filter((i) => i.done).map((i) => i.id)).toEqual(['changes', 'care']);
      expect(bare.readiness[0]!.items.filter((i) => !i.done).map((i) => i.todo)).toContain('Run a drill (force one failure) and record it under drills.');
    } finally {
      await site.dispose();
    }
  });

  it('github: ::error per error and ::warning per gap, placed on file, line and column', async ({ expect }) => {
    const errors = (await check('--content', ERRORS, '--format', 'github')).stdout.trim().split('\n');
    expect(errors).toHaveLength(3);
    expect(errors[0]).toBe(
      `::error file=${ERRORS}/runbooks/support/refund-replies.md,line=10,col=26,title=unknown-person::owners.maintainer.primary: no person has the id "ivn"; fix the id or add it to people.yaml (did you mean 'ivan'?)`,
    );
    const gaps = (await check('--content', GAPS, '--format', 'github')).stdout.trim().split('\n');
    expect(gaps.length).toBeGreaterThan(0);
    for (const line of gaps) expect(line).toMatch(/^::warning file=[^,]+,line=\d+,col=\d+,title=missing-section::sections\.\w+: .+$/);
  });

  it('text: grouped by file, no colour when piped, one summary line at the end', async ({ expect }) => {
    const run = await check('--content', ERRORS);
    expect(run.stdout).not.toMatch(/\u001b\[/);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${ERRORS}/runbooks/support/refund-replies.md`);
    // The spec's form, `path:line:col  field.path  message  (hint)`, then severity and rule.
    expect(lines[1]).toBe(
      `  ${ERRORS}/runbooks/support/refund-replies.md:10:26  owners.maintainer.primary  no person has the id "ivn"; fix the id or add it to people.yaml  (did you mean 'ivan'?)  error unknown-person`,
    );
    expect(lines.filter((line) => line.startsWith('  '))).toHaveLength(3);
    expect(lines.at(-1)).toMatch(/^2 files · 3 errors · 0 gaps · \d+ ms$/);
  });

  it('a hostile file through the real CLI: one error line, nothing on stderr, no stack', async ({ expect }) => {
    const site = await writeSite({ 'people.yaml': PEOPLE, 'runbooks/x.md': new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1]) });
    try {
      const run = await check('--content', site.dir);
      expect(run).toMatchObject({ code: 1, stderr: '' });
      const errorLines = run.stdout.split('\n').filter((line) => line.startsWith('  '));
      expect(errorLines).toEqual([expect.stringMatching(/runbooks\/x\.md:1:1 {2}the file is binary, not text; save it as UTF-8 text {2}\(.+\) {2}error unreadable-file$/)]);
      expect(run.stdout).not.toMatch(/^\s+at /m);
    } finally {
      await site.dispose();
    }
  });
});

describe.concurrent('the example content and the schema', () => {
  it("check on the repo's content/ exits 0 with 0 errors and prints every gap", async ({ expect }) => {
    const json = JSON.parse((await check('--format', 'json')).stdout) as { errors: unknown[]; gaps: { rule: string; file: string; line: number; column: number }[] };
    expect(json.errors).toEqual([]);
    expect(json.gaps.length).toBeGreaterThan(0);
    const text = await check();
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    for (const g of json.gaps) expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^  ${g.file}:${g.line}:${g.column}  .+  gap ${g.rule}$`)));
    expect(text.stdout.trimEnd().split('\n').at(-1)).toMatch(new RegExp(`^\\d+ files · 0 errors · ${json.gaps.length} gaps · \\d+ ms$`));
  });

  it('schema prints a JSON Schema with owners, escalation and the status enum', async ({ expect }) => {
    const run = await handover('schema');
    expect(run.code).toBe(0);
    const schema = JSON.parse(run.stdout);
    expect(schema.$schema).toMatch(/json-schema\.org/);
    expect(schema.properties.status.enum).toEqual(['experiment', 'pilot', 'production', 'paused', 'retired']);
    expect(Object.keys(schema.properties.owners.properties)).toEqual(['business', 'operations', 'approver', 'maintainer', 'responder']);
    expect(schema.properties.escalation.properties).toHaveProperty('levels');
    expect(schema.properties.escalation.properties).toHaveProperty('response_target');
    expect(schema.required).toEqual(['title', 'summary', 'status']);
    expect(schema.additionalProperties).toBe(false);
    // The practice fields: drills, logs and alerts, with the spec's kinds and outcomes.
    const drill = schema.properties.drills.items;
    expect(Object.keys(drill.properties)).toEqual(['date', 'kind', 'scenario', 'by', 'took', 'outcome', 'notes']);
    expect(drill.properties.kind.enum).toEqual(['failure', 'rerun', 'messy-input', 'weak-output', 'escalate']);
    expect(drill.properties.outcome.enum).toEqual(['pass', 'fail']);
    expect(drill.required).toEqual(['date', 'kind', 'scenario', 'by', 'outcome']);
    expect(Object.keys(schema.properties.logs.properties)).toEqual(['url', 'keeps']);
    expect(Object.keys(schema.properties.alerts.items.properties)).toEqual(['name', 'fires_when', 'notifies', 'via']);
  });
});

describe.concurrent('handover check: hostile names and text stay on one line and never reach the terminal raw', () => {
  it('a file name with an escape sequence, a link with a line break, a FIFO, a linked folder and a UTF-16 file: one line each, exit 1, no trace', async ({ expect }) => {
    const site = await writeSite({
      'people.yaml': PEOPLE,
      'runbooks/esc\u001b[2J.md': runbook('title: T\nsummary: S\nstatus: retired\n'),
      'runbooks/links.md': runbook('title: T\nsummary: S\nstatus: retired\n', '## Purpose\n\n[nl](foo&#10;bar.md) and [cr](<a&#13;&#x2028;b.png>)\n'),
      'runbooks/utf16.md': Buffer.from(`\uFEFF${runbook('title: T\nsummary: S\nstatus: retired\n')}`, 'utf16le'),
      'elsewhere/x.md': runbook('title: T\nsummary: S\nstatus: retired\n'),
    });
    try {
      const { execFileSync } = await import('node:child_process');
      const { symlink } = await import('node:fs/promises');
      execFileSync('mkfifo', [path.join(site.dir, 'runbooks', 'pipe.md')]);
      await symlink(path.join(site.dir, 'elsewhere'), path.join(site.dir, 'runbooks', 'linked'));
      const run = await check('--content', site.dir, '--format', 'json');
      expect(run.code).toBe(1);
      expect(run.stderr).toBe('');
      expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u2028]/);
      const { errors, gaps } = JSON.parse(run.stdout) as { errors: { file: string; message: string }[]; gaps: { message: string }[] };
      const rel = (file: string) => path.relative(site.dir, path.resolve(ROOT, file));
      expect(errors.map((d) => `${rel(d.file)}: ${d.message}`)).toEqual([
        'runbooks/esc\\u001b[2J.md: the file name holds "\\u001b", which cannot be part of a page address; rename the file',
        'runbooks/linked: the folder is a symbolic link; Handover does not follow linked folders, so move or copy the folder in instead',
        'runbooks/pipe.md: the file is a named pipe (FIFO), not a regular file; remove it or replace it with a file',
        'runbooks/utf16.md: the file is UTF-16 text; re-save it as UTF-8',
      ]);
      expect(gaps.map((d) => d.message)).toEqual([
        'the link "foo\\nbar.md" is broken (no runbook at runbooks/foo\\nbar.md); fix or remove it',
        'the link "a\\r\\u2028b.png" is broken (no file at runbooks/a\\r\\u2028b.png); fix or remove it',
      ]);
      const text = await check('--content', site.dir);
      expect(text.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u2028]/);
      // Every finding is one line: a place, the message, the rule.
      const findings = text.stdout.split('\n').filter((line) => line.startsWith('  '));
      expect(findings).toHaveLength(6);
      for (const line of findings) expect(line).toMatch(/^  \S.*:\d+:\d+  .* (error|gap) [a-z-]+$/);
    } finally {
      await site.dispose();
    }
  });
});
