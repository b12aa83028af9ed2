import { readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.ts';
import { createDevSite } from '../src/dev/site.ts';
import type { CheckResult } from '../src/index.ts';
import { renderMarkdown } from '../src/render/markdown.ts';
import { runbookPath } from '../src/render/types.ts';
import { checkFiles, NOW, PEOPLE, runbook, writeSite } from './helpers/site.ts';

const vectors = readFileSync(new URL('./fixtures/xss/vectors.txt', import.meta.url), 'utf8')
  .split(/^=====$/m)
  .map((v) => v.trim());

const FM = 'title: T\nsummary: S\nstatus: retired\n';

const LINKS = `## Purpose

See [rollback](#rollback), [refunds](../billing/refunds.md#rollback), [Dana](people:dana),
[Support](teams:support-ops), [the chart](flow%20chart.png), ![diagram](flow%20chart.png "Flow"),
[site](https://example.com/x?a=1&b=2), [mail](mailto:ops@example.com), [call](tel:+15550100),
[gone](../billing/nothing.md), [no one](people:nobody), [no anchor](#nowhere), ![lost](missing.png)
[Ref link][r]

[r]: ../billing/refunds.md

## Notes

{{title}} and {{{x}}} and {{> partial}} stay text. <b>raw</b> <span>html</span>

> ## Notes

## Rollback

- [ ] Cause written down
- [x] Restarted

| Step | Who |
|------|-----|
| one  | sam |

\`\`\`mermaid
flowchart LR
  A["<img src=x onerror=alert(1)>"] --> B
\`\`\`

\`\`\`sh
echo "<b>"
\`\`\`

## Rollback
`;

/** Text that looks like the link slots the compiler leaves in its HTML (src/compile.ts). */
const SLOTS = `## Purpose

Text: <a href="@0"> and &lt;img src="@1"> and \`<a href="@0">\`.

[first](https://example.com/one "<a href=\\"@1\\">") ![second](https://example.com/two.png '<img src="@0">')
`;

/** GitHub-style raw HTML: a fold around Markdown, and tags that are not details or summary. */
const RAW = `## Rollback

<details open class="x" id="y">
<summary>Old <b>steps</b> for <a href="https://example.com/v1">v1</a></summary>

Run the old script first, then see [the top](#Rollback).

- one

## Inside

</details>

Press <kbd>Ctrl</kbd> and <a href="https://example.com/">a raw link</a> and <img src="raw.png" alt="raw"><span onclick="alert(1)"></span>
<div>div text.</div>

<style>body{color:red}</style>

<svg>
<text>no svg</text>
</svg>

<details><summary>Second</summary>

</details>

Unclosed <b>bold and <a href="https://example.com/x">open

The next paragraph.
`;

let result: CheckResult;
const page = (id: string) => runbookPath(id);
const render = (id: string) => {
  const workflow = result.site.workflows.find((w) => w.id === id)!;
  return renderMarkdown(workflow, result.site, page(id));
};

beforeAll(async () => {
  const files: Record<string, string> = {
    'people.yaml': PEOPLE,
    'runbooks/billing/refunds.md': runbook(FM, '## Purpose\n\nx\n\n## Rollback\n\ny\n'),
    'runbooks/ops/links.md': runbook(FM, LINKS),
    'runbooks/ops/flow chart.png': 'png',
    'runbooks/ops/slots.md': runbook(FM, SLOTS),
    'runbooks/ops/raw.md': runbook(FM, RAW),
  };
  vectors.forEach((vector, i) => (files[`runbooks/xss/v${String(i).padStart(2, '0')}.md`] = runbook(FM, `## Purpose\n\n${vector}\n`)));
  result = await checkFiles(files);
  expect(result.errors).toEqual([]);
});

function elements(html: string): Element[] {
  const tree: Root = fromHtml(html, { fragment: true });
  const found: Element[] = [];
  visit(tree, 'element', (node) => void found.push(node));
  return found;
}

const FORBIDDEN = new Set(['script', 'iframe', 'object', 'embed', 'style', 'form', 'base', 'link', 'meta', 'frame', 'frameset', 'svg', 'math', 'body', 'isindex', 'video', 'source', 'marquee', 'button', 'iframe', 'template', 'noscript', 'textarea']);
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formAction', 'xLinkHref', 'poster', 'background', 'data', 'srcSet', 'cite'];

/** What a browser would see as the scheme: it strips control characters and whitespace first. */
function scheme(url: string): string {
  return url.replace(/[\u0000-\u0020]/g, '').toLowerCase().split(':')[0]!;
}

describe('renderMarkdown safety', () => {
  it(`reads at least 30 XSS vectors`, () => {
    expect(vectors.length).toBeGreaterThanOrEqual(30);
  });

  it.each(vectors.map((v, i) => [i, v]))('vector %i is harmless: %s', (i) => {
    const { html } = render(`xss/v${String(i).padStart(2, '0')}`);
    for (const el of elements(html)) {
      expect(FORBIDDEN.has(el.tagName), `<${el.tagName}> in ${html}`).toBe(false);
      for (const [name, value] of Object.entries(el.properties)) {
        expect(/^on/i.test(name), `${name} on <${el.tagName}>`).toBe(false);
        expect(name).not.toBe('style');
        if (URL_ATTRIBUTES.includes(name)) expect(['javascript', 'vbscript', 'data']).not.toContain(scheme(String(value)));
      }
      // The raw HTML allowed through keeps no attribute but `open`.
      if (el.tagName === 'details') expect(Object.keys(el.properties).filter((name) => name !== 'open')).toEqual([]);
      if (el.tagName === 'summary') expect(el.properties).toEqual({});
    }
    expect(html).not.toMatch(/<script|(href|src)\s*=\s*["']?\s*(javascript|vbscript|data):/i);
  });
});

describe('raw HTML in a body', () => {
  it('keeps <details open> and <summary> with the Markdown inside; every other raw tag is dropped, its text kept unless it is code', () => {
    const { html } = render('ops/raw');
    const tags = elements(html).map((el) => el.tagName);
    expect([...new Set(tags)].sort()).toEqual(['a', 'details', 'h2', 'li', 'p', 'summary', 'ul']);
    const details = elements(html).filter((el) => el.tagName === 'details');
    expect(details.map((el) => el.properties)).toEqual([{ open: true }, {}]);
    // An unclosed raw <a> or <b> is not copied by the HTML parser over the paragraphs after it.
    expect(elements(html).filter((el) => el.tagName === 'a').map((el) => textOf(el))).toEqual(['the top']);
    expect(html).toContain('<p>The next paragraph.</p>');
    expect(textOf(details[0]!).replace(/\s+/g, ' ').trim()).toBe('Old steps for v1 Run the old script first, then see the top. one Inside');
    expect(html).toContain('<summary>Old steps for v1</summary>');
    // Raw <a>, <img>, <b>, <kbd>, <div>: no element, but the words stay.
    expect(textOf({ type: 'element', tagName: 'div', properties: {}, children: fromHtml(html, { fragment: true }).children as Element[] })).toMatch(/Press Ctrl and a raw link and \s*div text\./);
    expect(html).not.toMatch(/alert|body\{|<svg|<style|<script|raw\.png/);
  });

  it('a heading inside <details> keeps its id, and a broken link inside it is reported at its line and column', () => {
    const workflow = result.site.workflows.find((w) => w.id === 'ops/raw')!;
    expect(render('ops/raw').html).toContain('<h2 id="inside">Inside</h2>');
    expect(workflow.anchors.has('inside')).toBe(true);
    const gaps = result.gaps.filter((g) => g.workflow === 'ops/raw');
    expect(gaps.map((g) => [g.rule, g.line, g.column, g.message, g.hint])).toEqual([
      // Line 12 of the file (the frontmatter takes 6): the line inside the fold, after "Run the old script first, then see ".
      ['broken-link', 12, 36, 'the link "#Rollback" is broken (this page has no heading "#Rollback"); fix or remove it', "did you mean '#rollback'?"],
    ]);
  });

  it("the search text holds the summary's words and the text inside the fold, not the dropped code", () => {
    const { text } = result.site.workflows.find((w) => w.id === 'ops/raw')!.body;
    expect(text.split('\n')).toEqual(expect.arrayContaining(['Old steps for v1', 'Run the old script first, then see the top.', 'div text.', 'Second']));
    expect(text).not.toMatch(/alert|<|raw\.png|no svg/);
  });
});

describe('renderMarkdown', () => {
  it('gives headings the ids the outline computed, without a user-content- prefix', () => {
    const { html } = render('ops/links');
    const ids = elements(html).filter((el) => /^h\d$/.test(el.tagName)).map((el) => el.properties.id);
    const workflow = result.site.workflows.find((w) => w.id === 'ops/links')!;
    // The quoted heading is not a section; it is slugged after the top-level ones so it cannot shift them.
    expect(ids).toEqual(['purpose', 'notes', 'notes-1', 'rollback', 'rollback-1']);
    expect(workflow.sections.map((s) => s.slug)).toEqual(['purpose', 'notes', 'rollback', 'rollback-1']);
    for (const anchor of workflow.anchors) expect(ids).toContain(anchor);
    expect(html).not.toContain('user-content-');
  });

  it('points links at pages, people, teams and copied files, relative to the page', () => {
    const { html, assets } = render('ops/links');
    const links = Object.fromEntries(elements(html).filter((el) => el.tagName === 'a').map((el) => [textOf(el), el.properties.href]));
    expect(links).toMatchObject({
      rollback: '#rollback',
      refunds: '../../billing/refunds/index.html#rollback',
      Dana: '../../../people/dana/index.html',
      Support: '../../../teams/support-ops/index.html',
      'the chart': '../flow%20chart.png',
      site: 'https://example.com/x?a=1&b=2',
      mail: 'mailto:ops@example.com',
      call: 'tel:+15550100',
      'Ref link': '../../billing/refunds/index.html',
    });
    expect(assets).toEqual(['ops/flow chart.png']);
    const image = elements(html).find((el) => el.tagName === 'img')!;
    expect(image.properties).toMatchObject({ src: '../flow%20chart.png', alt: 'diagram', title: 'Flow' });
  });

  it('marks broken links and images with class broken-link and no href', () => {
    const broken = elements(render('ops/links').html).filter((el) => (el.properties.className as string[] | undefined)?.includes('broken-link'));
    expect(broken.map((el) => [el.tagName, textOf(el), el.properties.href])).toEqual([
      ['a', 'gone', undefined],
      ['a', 'no one', undefined],
      ['a', 'no anchor', undefined],
      ['span', 'lost', undefined],
    ]);
  });

  it('fills each link slot once, and never text that looks like a slot', () => {
    const { html } = render('ops/slots');
    const found = elements(html);
    expect(found.filter((el) => el.tagName === 'a').map((el) => [el.properties.href, el.properties.title])).toEqual([['https://example.com/one', '<a href="@1">']]);
    expect(found.filter((el) => el.tagName === 'img').map((el) => [el.properties.src, el.properties.title])).toEqual([['https://example.com/two.png', '<img src="@0">']]);
    expect(found.map((el) => el.tagName).filter((tag) => tag === 'a' || tag === 'img')).toHaveLength(2);
    expect(textOf({ type: 'element', tagName: 'div', properties: {}, children: fromHtml(html, { fragment: true }).children as Element[] })).toContain('Text:  and <img src="@1"> and <a href="@0">.');
  });

  it('keeps Handlebars-looking text literal and drops raw HTML tags', () => {
    const { html } = render('ops/links');
    expect(html).toContain('{{title}} and {{{x}}} and {{> partial}} stay text. raw html');
    expect(elements(html).some((el) => el.tagName === 'b')).toBe(false);
  });

  it('renders task lists as labelled disabled checkboxes', () => {
    const boxes = elements(render('ops/links').html).filter((el) => el.tagName === 'input');
    expect(boxes.map((b) => [b.properties.type, b.properties.disabled, b.properties.checked, b.properties.ariaLabel])).toEqual([
      ['checkbox', true, undefined, 'Cause written down'],
      ['checkbox', true, true, 'Restarted'],
    ]);
  });

  it('turns mermaid blocks into pre.mermaid with escaped text and keeps other languages', () => {
    const { html } = render('ops/links');
    expect(html).toContain('<pre class="mermaid">flowchart LR\n  A["&#x3C;img src=x onerror=alert(1)>"] --> B\n</pre>');
    expect(html).toContain('<pre><code class="language-sh">echo "&#x3C;b>"\n</code></pre>');
  });

  it('wraps tables in a focusable scroll region named after the header row', () => {
    const wrap = elements(render('ops/links').html).find((el) => el.tagName === 'div')!;
    expect(wrap.properties).toMatchObject({ className: ['table-wrap'], tabIndex: 0, role: 'region', ariaLabel: 'Table: Step, Who' });
    expect((wrap.children.find((c) => c.type === 'element') as Element).tagName).toBe('table');
  });
});

function textOf(node: Element | Root['children'][number]): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

describe('footnotes, in build and in dev', () => {
  const FOOTNOTES = '## Purpose\n\nA claim[^1] and another[^ü].\n\n[^1]: The first note.\n[^ü]: The second.\n';

  /** Each footnote link's target, and whether the page has that id. */
  function footnoteLinks(html: string): string[] {
    const els = elements(html);
    const ids = new Set(els.map((el) => el.properties.id).filter(Boolean).map(String));
    return els
      .filter((el) => el.tagName === 'a' && ('dataFootnoteRef' in el.properties || 'dataFootnoteBackref' in el.properties))
      .map((el) => {
        const target = decodeURIComponent(String(el.properties.href).slice(1));
        return `${String(el.properties.href)} ${ids.has(target) || ids.has(String(el.properties.href).slice(1)) ? 'found' : 'MISSING'}`;
      });
  }

  const expected = [
    '#user-content-fn-1 found',
    '#user-content-fn-%C3%BC found',
    '#user-content-fnref-1 found',
    '#user-content-fnref-%C3%BC found',
  ];

  it('the built page: every footnote reference and back-reference points at an id on the page, prefixed once, and the link check passes', async () => {
    const site = await writeSite({ 'people.yaml': PEOPLE, 'runbooks/x.md': runbook(FM, FOOTNOTES) });
    const out = `${site.dir}-out`;
    try {
      const built = await build({ content: site.dir, out, now: NOW, config: 'site.config.ts', cache: false });
      expect(built.written).toBe(true);
      const html = await readFile(path.join(out, 'runbooks/x/index.html'), 'utf8');
      expect(footnoteLinks(html)).toEqual(expected);
      expect(html).not.toContain('user-content-user-content-');
      expect(html).toContain('The first note.');
    } finally {
      await site.dispose();
      await rm(out, { recursive: true, force: true });
    }
  });

  it('the dev server renders the same footnotes', async () => {
    const site = await writeSite({ 'people.yaml': PEOPLE, 'runbooks/x.md': runbook(FM, FOOTNOTES) });
    try {
      const dev = await createDevSite({ content: site.dir, now: NOW, config: 'site.config.ts', cache: false });
      expect((await dev.update()).errors).toEqual([]);
      const page = await dev.file('runbooks/x/index.html');
      const html = String(page?.content);
      expect(footnoteLinks(html)).toEqual(expected);
      expect(html).not.toContain('user-content-user-content-');
    } finally {
      await site.dispose();
    }
  });
});
