import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/index.ts';
import { displayPath } from '../src/core/paths.ts';
import { load, readRegularFile } from '../src/load/index.ts';
import { checkFiles, NOW, PEOPLE, runbook, writeSite, type Files } from './helpers/site.ts';

const FM = 'title: Refund reply drafts\nsummary: Drafts replies.\nstatus: experiment\nreview: { next: 2027-01-30 }\nowners:\n  maintainer: { primary: ivan }\n';
const GOOD = runbook(FM);
const MB = 1024 * 1024;

/** The one error a content folder gives, with its file shown relative to the folder. */
async function onlyError(files: Files, setup?: (dir: string) => Promise<void>) {
  const site = await writeSite(files);
  try {
    await setup?.(site.dir);
    const { errors } = await check({ content: site.dir, now: NOW, config: 'site.config.ts' });
    expect(errors).toHaveLength(1);
    const [d] = errors;
    // One line, no stack frames, no internals.
    expect(d!.message).not.toMatch(/\n|\bat .+:\d+|Error:/);
    return { ...d!, file: path.relative(site.dir, path.resolve(d!.file!)).split(path.sep).join('/') };
  } finally {
    await site.dispose();
  }
}

describe('hostile and broken files: one clear error each, with file and line', () => {
  for (const [where, name] of [
    ['a runbook', 'runbooks/x.md'],
    ['people.yaml', 'people.yaml'],
  ] as const) {
    const files = (content: string | Uint8Array): Files => (name === 'people.yaml' ? { 'people.yaml': content } : { 'people.yaml': PEOPLE, [name]: content });
    const yaml = (text: string) => (name === 'people.yaml' ? text : `---\n${text}---\n`);
    const offset = name === 'people.yaml' ? 0 : 1;

    describe(where, () => {
      it('bad YAML', async () => {
        expect(await onlyError(files(yaml('teams: [a, b\npeople: []\n')))).toMatchObject({ rule: 'yaml-syntax', file: name, line: 2 + offset });
      });

      it('an alias bomb', async () => {
        const bomb = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
        for (const [prev, next] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f'], ['f', 'g'], ['g', 'h'], ['h', 'i']])
          bomb.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(', ')}]`);
        expect(await onlyError(files(yaml(`${bomb.join('\n')}\n`)))).toMatchObject({ rule: 'yaml-syntax', file: name, line: 2 + offset, column: 8 });
      });

      it('a duplicate key', async () => {
        expect(await onlyError(files(yaml('teams: []\npeople: []\nteams: []\n')))).toMatchObject({ rule: 'duplicate-key', file: name, line: 3 + offset, column: 1 });
      });

      it('__proto__ and constructor keys, with no prototype pollution', async () => {
        const found = await onlyError(files(yaml('teams: []\npeople: []\n__proto__:\n  polluted: true\n')));
        expect(found).toMatchObject({ rule: 'forbidden-key', file: name, line: 3 + offset, column: 1 });
        expect(await onlyError(files(yaml('teams:\n  - constructor: { polluted: true }\n')))).toMatchObject({ rule: 'forbidden-key', line: 2 + offset, column: 5 });
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.prototype).not.toHaveProperty('polluted');
      });

      it('tabs used for indentation', async () => {
        expect(await onlyError(files(yaml('teams:\n\t- id: ops\n')))).toMatchObject({ rule: 'yaml-syntax', file: name, line: 2 + offset, message: 'a tab is used for indentation; indent with spaces' });
      });

      it('a binary file', async () => {
        expect(await onlyError(files(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])))).toMatchObject({
          rule: 'unreadable-file',
          file: name,
          line: 1,
          message: 'the file is binary, not text; save it as UTF-8 text',
        });
      });

      it('Latin-1 bytes: placed on the first byte that is not UTF-8', async () => {
        const bytes = Buffer.from(yaml('teams: []\npeople:\n  - id: zoe\n    name: Zo@\n'));
        bytes[bytes.indexOf('@')] = 0xeb; // "ë" in Latin-1
        expect(await onlyError(files(bytes))).toMatchObject({ rule: 'unreadable-file', file: name, line: 4 + offset, column: 13, message: 'the file is not UTF-8 text; re-save it as UTF-8' });
      });

      it('a 20 MB file is refused before it is read', async () => {
        const found = await onlyError(files(''), (dir) => writeFile(path.join(dir, name), Buffer.alloc(20 * MB, 'a')));
        expect(found).toMatchObject({ rule: 'unreadable-file', file: name, line: 1, message: 'the file is 20.0 MB, larger than the 5.0 MB limit; split it' });
      });

      it('a symbolic link that leaves the content folder', async () => {
        const outside = await mkdtemp(path.join(os.tmpdir(), 'handover-outside-'));
        try {
          await writeFile(path.join(outside, 'secret.md'), GOOD);
          const found = await onlyError(name === 'people.yaml' ? {} : { 'people.yaml': PEOPLE }, async (dir) => {
            await mkdir(path.join(dir, 'runbooks'), { recursive: true });
            await symlink(path.join(outside, 'secret.md'), path.join(dir, name));
          });
          expect(found).toMatchObject({ rule: 'unreadable-file', file: name, line: 1, message: 'the file is a symbolic link that leaves the content folder; copy the file in instead' });
        } finally {
          await rm(outside, { recursive: true, force: true });
        }
      });

      it('a symbolic link that leads nowhere', async () => {
        const found = await onlyError(name === 'people.yaml' ? {} : { 'people.yaml': PEOPLE }, async (dir) => {
          await mkdir(path.join(dir, 'runbooks'), { recursive: true });
          await symlink(path.join(dir, 'gone.md'), path.join(dir, name));
        });
        expect(found).toMatchObject({ rule: 'unreadable-file', file: name, message: 'the file is a symbolic link that leads nowhere; remove it or point it at a file' });
      });
    });
  }

  it('an empty runbook', async () => {
    expect(await onlyError({ 'people.yaml': PEOPLE, 'runbooks/x.md': '' })).toMatchObject({ rule: 'missing-frontmatter', file: 'runbooks/x.md', line: 1 });
  });

  it('frontmatter never closed', async () => {
    expect(await onlyError({ 'people.yaml': PEOPLE, 'runbooks/x.md': `---\n${FM}\n## Purpose\n\nx\n` })).toMatchObject({ rule: 'unclosed-frontmatter', file: 'runbooks/x.md', line: 1 });
  });

  it('an empty people.yaml is valid: no teams, no people (each id used is then unknown)', async () => {
    expect(await onlyError({ 'people.yaml': '', 'runbooks/x.md': GOOD })).toMatchObject({ rule: 'unknown-person', file: 'runbooks/x.md', field: 'owners.maintainer.primary' });
  });

  it('no people.yaml at all', async () => {
    expect(await onlyError({ 'runbooks/x.md': GOOD })).toMatchObject({ rule: 'unreadable-file', file: 'people.yaml', message: 'people.yaml is missing, so no person or team id can be checked; add it' });
  });
});

describe('encodings and line ends that must parse fine', () => {
  const bad = `${FM}extra: {}\nstatuss: pilot\n`;

  it.each([
    ['LF', (s: string) => s],
    ['CRLF', (s: string) => s.replace(/\n/g, '\r\n')],
    ['old Mac CR', (s: string) => s.replace(/\n/g, '\r')],
    ['a UTF-8 BOM', (s: string) => `\uFEFF${s}`],
    ['a BOM and CRLF', (s: string) => `\uFEFF${s.replace(/\n/g, '\r\n')}`],
  ])('%s: reads, and places errors on the same line as LF', async (_, transform) => {
    const good = await checkFiles({ 'people.yaml': transform(PEOPLE), 'runbooks/x.md': transform(GOOD) });
    expect(good.errors).toEqual([]);
    expect(good.site.workflows.map((w) => w.fm.title)).toEqual(['Refund reply drafts']);
    const broken = await checkFiles({ 'people.yaml': transform(PEOPLE), 'runbooks/x.md': transform(runbook(bad)) });
    expect(broken.errors.map((d) => `${d.line}:${d.column} ${d.field} ${d.rule}`)).toEqual(["9:1 statuss unknown-field"]);
  });
});

describe('load', () => {
  it('reads people, runbooks in sub-folders, their files and metrics; skips hidden files and other folders', async () => {
    const site = await writeSite({
      'people.yaml': PEOPLE,
      'runbooks/billing/refunds.md': GOOD,
      'runbooks/billing/flow.png': new Uint8Array([1, 2, 3]),
      'runbooks/.draft.md': 'ignored',
      'runbooks/.git/config': 'ignored',
      'metrics/billing/refunds.csv': 'date,metric,value\n',
      'notes/todo.md': 'ignored',
      'README.md': 'ignored',
    });
    try {
      const loaded = await load(site.dir, 5 * MB);
      expect(loaded.diagnostics).toEqual([]);
      expect(loaded.files.map((f) => `${f.kind} ${f.id}`)).toEqual(['metrics billing/refunds', 'people people', 'asset billing/flow.png', 'runbook billing/refunds']);
    } finally {
      await site.dispose();
    }
  });

  it('a missing content folder is a usage error, not a crash', async () => {
    await expect(load(path.join(os.tmpdir(), 'handover-no-such-folder'), MB)).rejects.toThrow(/content folder not found/);
  });

  it('a symbolic link to a file inside the content folder is followed', async () => {
    const site = await writeSite({ 'people.yaml': PEOPLE, 'shared/x.md': GOOD });
    try {
      await symlink(path.join(site.dir, 'shared', 'x.md'), path.join(site.dir, 'runbooks-x.md'));
      await mkdir(path.join(site.dir, 'runbooks'));
      await symlink(path.join('..', 'shared', 'x.md'), path.join(site.dir, 'runbooks', 'x.md'));
      const result = await check({ content: site.dir, now: NOW, config: 'site.config.ts' });
      expect(result.errors).toEqual([]);
      expect(result.site.workflows.map((w) => w.id)).toEqual(['x']);
    } finally {
      await site.dispose();
    }
  });
});

describe('load with the reads of the previous load (handover dev)', () => {
  it('reuses files unchanged on disk, reads edited ones again, and forgets deleted ones', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'handover-reads-'));
    try {
      await mkdir(path.join(dir, 'runbooks'), { recursive: true });
      await writeFile(path.join(dir, 'people.yaml'), PEOPLE);
      await writeFile(path.join(dir, 'runbooks', 'a.md'), 'A one');
      await writeFile(path.join(dir, 'runbooks', 'b.md'), 'B one');
      const reads = new Map();
      const first = await load(dir, 1 << 20, reads);
      const byId = (files: typeof first.files) => new Map(files.map((f) => [f.id, f]));
      expect([...reads.keys()].map((abs: string) => path.basename(abs)).sort()).toEqual(['a.md', 'b.md', 'people.yaml']);
      await writeFile(path.join(dir, 'runbooks', 'b.md'), 'B two, longer');
      const second = await load(dir, 1 << 20, reads);
      expect(byId(second.files).get('a')).toBe(byId(first.files).get('a'));
      expect(byId(second.files).get('b')?.text).toBe('B two, longer');
      await rm(path.join(dir, 'runbooks', 'a.md'));
      const third = await load(dir, 1 << 20, reads);
      expect(byId(third.files).has('a')).toBe(false);
      expect([...reads.keys()].map((abs: string) => path.basename(abs)).sort()).toEqual(['b.md', 'people.yaml']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('hostile file-system entries are refused where they are, and nothing behind them is read', () => {
  it('a linked folder under runbooks/ or metrics/ is refused, wherever it points, and its files are not read', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'handover-outside-'));
    const site = await writeSite({ 'people.yaml': PEOPLE, 'runbooks/x.md': GOOD, 'shared/y.md': GOOD });
    try {
      await writeFile(path.join(outside, 'secret.md'), GOOD);
      await writeFile(path.join(outside, 'x.csv'), 'date,metric,value\n');
      await symlink(outside, path.join(site.dir, 'runbooks', 'elsewhere'));
      await symlink(path.join(site.dir, 'shared'), path.join(site.dir, 'runbooks', 'inside'));
      await mkdir(path.join(site.dir, 'metrics'));
      await symlink(outside, path.join(site.dir, 'metrics', 'support'));
      const loaded = await load(site.dir, MB);
      expect(loaded.files.map((f) => `${f.kind} ${f.id}`)).toEqual(['people people', 'runbook x']);
      expect(loaded.diagnostics.map((d) => `${path.relative(site.dir, d.file!)}:${d.line} ${d.rule} ${d.message}`)).toEqual([
        'metrics/support:1 unreadable-file the folder is a symbolic link; Handover does not follow linked folders, so move or copy the folder in instead',
        'runbooks/elsewhere:1 unreadable-file the folder is a symbolic link; Handover does not follow linked folders, so move or copy the folder in instead',
        'runbooks/inside:1 unreadable-file the folder is a symbolic link; Handover does not follow linked folders, so move or copy the folder in instead',
      ]);
    } finally {
      await site.dispose();
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('the runbooks folder itself, linked, is refused too', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'handover-outside-'));
    try {
      await writeFile(path.join(outside, 'x.md'), GOOD);
      const found = await onlyError({ 'people.yaml': PEOPLE }, (dir) => symlink(outside, path.join(dir, 'runbooks')));
      expect(found).toMatchObject({ rule: 'unreadable-file', file: 'runbooks', line: 1, column: 1 });
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('a FIFO named *.md is refused without being opened for a blocking read (the check returns)', async () => {
    const found = await onlyError({ 'people.yaml': PEOPLE, 'runbooks/x.md': GOOD }, async (dir) => {
      execFileSync('mkfifo', [path.join(dir, 'runbooks', 'pipe.md')]);
    });
    expect(found).toMatchObject({
      rule: 'unreadable-file',
      file: 'runbooks/pipe.md',
      line: 1,
      message: 'the file is a named pipe (FIFO), not a regular file; remove it or replace it with a file',
    });
  });

  it('a FIFO linked as an asset, and a character device, are refused the same way', async () => {
    const site = await writeSite({ 'people.yaml': PEOPLE, 'runbooks/x.md': runbook(FM, '## Purpose\n\n![p](pipe.png)\n') });
    try {
      execFileSync('mkfifo', [path.join(site.dir, 'runbooks', 'pipe.png')]);
      // A device node needs root; where tests run as root, make a real one (/dev/null's numbers).
      const device = process.getuid?.() === 0;
      if (device) execFileSync('mknod', [path.join(site.dir, 'runbooks', 'null.md'), 'c', '1', '3']);
      const { errors } = await check({ content: site.dir, now: NOW, config: 'site.config.ts' });
      const shown = errors.map((d) => `${path.relative(site.dir, d.file!)} ${d.message}`);
      expect(shown).toEqual([
        ...(device ? ['runbooks/null.md the file is a device, not a regular file; remove it or replace it with a file'] : []),
        'runbooks/pipe.png the file is a named pipe (FIFO), not a regular file; remove it or replace it with a file',
      ]);
    } finally {
      await site.dispose();
    }
  });

  it('a file swapped for a FIFO after it was listed is refused when opened, not waited on', async () => {
    const site = await writeSite({});
    try {
      const pipe = path.join(site.dir, 'pipe.md');
      execFileSync('mkfifo', [pipe]);
      await expect(readRegularFile(pipe)).rejects.toThrow('the file is a named pipe (FIFO), not a regular file');
    } finally {
      await site.dispose();
    }
  });
});

describe('encodings and names that are refused with a clear message', () => {
  it.each([
    ['UTF-16 LE with a BOM', Buffer.from(`\uFEFF${GOOD}`, 'utf16le'), 'the file is UTF-16 text; re-save it as UTF-8'],
    ['UTF-16 LE without a BOM', Buffer.from(GOOD, 'utf16le'), 'the file is UTF-16 text; re-save it as UTF-8'],
    ['UTF-16 BE with a BOM', Buffer.from(`\uFEFF${GOOD}`, 'utf16le').swap16(), 'the file is UTF-16 text; re-save it as UTF-8'],
  ])('%s is named as UTF-16, not "binary"', async (_, bytes, message) => {
    expect(await onlyError({ 'people.yaml': PEOPLE, 'runbooks/x.md': bytes })).toMatchObject({ rule: 'unreadable-file', file: 'runbooks/x.md', line: 1, column: 1, message });
  });

  it.each([['100%#?&.md', '"%"'], ['a#b.md', '"#"'], ['why?.md', '"?"'], ['back\\slash.md', '"\\\\"']])(
    'a runbook named %s is refused: its name cannot be a page address',
    async (name, shown) => {
      const found = await onlyError({ 'people.yaml': PEOPLE, [`runbooks/${name}`]: GOOD });
      expect(found).toMatchObject({ rule: 'unreadable-file', file: `runbooks/${name}`, line: 1, message: `the file name holds ${shown}, which cannot be part of a page address; rename the file` });
    },
  );

  it('a file name with a terminal escape sequence is printed escaped, in the file and the message', async () => {
    const found = await onlyError({ 'people.yaml': PEOPLE, 'runbooks/esc\u001b[2J.md': GOOD });
    expect(found.file).toBe('runbooks/esc\\u001b[2J.md');
    expect(found.message).toBe('the file name holds "\\u001b", which cannot be part of a page address; rename the file');
    expect(JSON.stringify(found)).not.toMatch(/\u001b/);
  });
});

describe('displayPath', () => {
  it('shows the working directory as ".", so no message names an empty path', async () => {
    expect(displayPath(process.cwd())).toBe('.');
    expect(displayPath(path.join(process.cwd(), 'content', 'x.md'))).toBe('content/x.md');
    const { build } = await import('../src/build.ts');
    await expect(build({ config: 'site.config.ts', now: NOW, out: '.' })).rejects.toThrow(/^the out dir \. is the content folder or a parent of it;/);
  });
});
