import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assetRefusal } from '../src/load/asset-policy.ts';
import { build } from '../src/build.ts';
import { UserError } from '../src/diagnostic.ts';
import { OutPaths } from '../src/emit/out-paths.ts';
import { NOW, PEOPLE, runbook, writeSite } from './helpers/site.ts';

const SVG = (inner: string, attributes = '') => `<svg xmlns="http://www.w3.org/2000/svg"${attributes}>${inner}</svg>`;

describe('which files beside runbooks may be published', () => {
  it.each(['flow.png', 'photo.JPG', 'a.jpeg', 'b.gif', 'c.webp', 'd.avif', 'manual.pdf', 'notes.txt', 'data.csv', 'data.json', 'clip.mp4'])('%s is copied', (name) => {
    expect(assetRefusal(name)).toBeNull();
  });

  it.each([
    ['page.html', 'an HTML page, which could run script on the site'],
    ['page.HTM', 'an HTML page, which could run script on the site'],
    ['page.xhtml', 'an HTML page, which could run script on the site'],
    ['tool.js', 'a .js file, not a type the site publishes (a browser might run script from it)'],
    ['feed.xml', 'a .xml file, not a type the site publishes (a browser might run script from it)'],
    ['LICENSE', 'a file without an extension, not a type the site publishes (a browser might run script from it)'],
  ])('%s is refused: %s', (name, reason) => {
    expect(assetRefusal(name)).toBe(reason);
  });

  it('a plain SVG (shapes, gradients, text, links within the drawing) is copied', () => {
    const plain = `<?xml version="1.0" encoding="utf-8"?>\n${SVG('<defs><linearGradient id="g"/></defs><rect id="r" fill="url(#g)"/><use href="#r"/><text>Metadata: on = off</text>', ' xmlns:xlink="http://www.w3.org/1999/xlink"')}`;
    expect(assetRefusal('flow.svg', plain)).toBeNull();
  });

  it.each([
    ['a script', SVG('<script>alert(1)</script>'), 'a <script> element'],
    ['a namespaced script', SVG('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'), 'a <script> element'],
    ['onload', SVG('', ' onload="alert(1)"'), 'an event handler attribute (on…=)'],
    ['an event handler after a line break', SVG('<rect\nonclick = "alert(1)"/>'), 'an event handler attribute (on…=)'],
    ['foreignObject', SVG('<foreignObject><div>x</div></foreignObject>'), 'an element that embeds other content (foreignObject, iframe, embed, object)'],
    ['an entity declaration', `<!DOCTYPE svg [<!ENTITY x "y">]>${SVG('&x;')}`, 'a DOCTYPE or entity declaration'],
    ['a stylesheet instruction', `<?xml-stylesheet href="x.css"?>${SVG('')}`, 'a stylesheet processing instruction'],
    ['an animation to javascript:', SVG('<a><animate attributeName="href" to="javascript:alert(1)"/></a>'), 'a javascript:, vbscript: or data: address'],
    ['an animation of a link', SVG('<a><set attributeName="xlink:href" to="&#106;avascript:alert(1)"/></a>'), 'an animation that changes a link'],
    ['another encoding', `<?xml version="1.0" encoding="ISO-2022-JP"?>${SVG('')}`, 'an encoding other than UTF-8'],
  ])('an SVG with %s is refused', (_, text, what) => {
    expect(assetRefusal('x.svg', text)).toBe(`an SVG file with ${what}, which could run script`);
  });

  it('an SVG linking out of the drawing, or one that is not UTF-8, is refused', () => {
    expect(assetRefusal('x.svg', SVG('<a href="https://example.com/"><rect/></a>'))).toBe('an SVG file with a link out of the drawing, which could open a page');
    expect(assetRefusal('x.svg', SVG('<image href="other.svg"/>'))).toBe('an SVG file with a link out of the drawing, which could open a page');
    expect(assetRefusal('x.svg', null)).toBe('an SVG file that is not UTF-8 text');
  });
});

describe('an output path written twice', () => {
  it('is an error naming both sources', () => {
    const paths = new OutPaths();
    paths.claim('runbooks/a/index.html', 'a generated page');
    paths.claim('runbooks/a/flow.png', 'the file content/runbooks/a/flow.png');
    let thrown: unknown;
    try {
      paths.claim('runbooks/a/index.html', 'the file content/runbooks/a/index.html');
    } catch (cause) {
      thrown = cause;
    }
    expect(thrown).toBeInstanceOf(UserError);
    expect((thrown as UserError).exitCode).toBe(1);
    expect((thrown as UserError).message).toBe(
      'two files would be written to runbooks/a/index.html in the out dir: a generated page, and the file content/runbooks/a/index.html; rename or move the file',
    );
  });

  it('an HTML file beside the runbooks, linked from another body, never replaces the built page: the build stops and the last site stays', async () => {
    const triage = runbook('title: Ticket triage\nsummary: S\nstatus: retired\n');
    const site = await writeSite({
      'people.yaml': PEOPLE,
      'runbooks/support/ticket-triage.md': triage,
      'runbooks/support/refunds.md': runbook('title: Refunds\nsummary: S\nstatus: retired\n', '## Purpose\n\nSee [triage](ticket-triage/index.html).\n'),
      'runbooks/support/ticket-triage/index.html': '<script>alert(1)</script>',
    });
    const out = await mkdtemp(path.join(os.tmpdir(), 'handover-out-'));
    try {
      const clean = path.join(site.dir, '..', `${path.basename(site.dir)}-clean`);
      await cp(site.dir, clean, { recursive: true });
      await rm(path.join(clean, 'runbooks/support/refunds.md'));
      expect((await build({ content: clean, out, now: NOW, config: 'site.config.ts', cache: false })).written).toBe(true);
      const page = path.join(out, 'runbooks/support/ticket-triage/index.html');
      const before = await readFile(page, 'utf8');
      await rm(clean, { recursive: true, force: true });

      const result = await build({ content: site.dir, out, now: NOW, config: 'site.config.ts', cache: false });
      expect(result.written).toBe(false);
      expect(result.errors.map((d) => `${d.rule} ${path.relative(site.dir, d.file!)}:${d.line}:${d.column}`)).toEqual(['unsafe-file runbooks/support/refunds.md:9:5']);
      expect(await readFile(page, 'utf8')).toBe(before);
      expect(before).toContain('Ticket triage');
    } finally {
      await site.dispose();
      await rm(out, { recursive: true, force: true });
    }
  });
});
