import { expect, test } from 'vitest';
import { brokenLinks } from './helpers/links.ts';
import { scanPage } from '../src/emit/links.ts';

const page = (path: string, body: string) => ({ path, content: `<html><body>${body}</body></html>` });

test('accepts relative links to written files and existing anchors', () => {
  const files = [
    page('index.html', '<a href="runbooks/a/index.html#rollback">a</a><a href="https://example.com/x">x</a><a href="mailto:a@b.c">m</a>'),
    page('runbooks/a/index.html', '<h2 id="rollback">Rollback</h2><a href="../../index.html">home</a><img src="../../assets/x.png">'),
    { path: 'assets/x.png', content: new Uint8Array([1]) },
  ];
  expect(brokenLinks(files)).toEqual([]);
});

test('reports missing files and missing anchors with the page that holds them', () => {
  const files = [
    page('index.html', '<a href="runbooks/b/index.html">b</a><a href="runbooks/a/index.html#nope">a</a><a href="#top">top</a>'),
    page('runbooks/a/index.html', '<h2 id="rollback">Rollback</h2>'),
  ];
  expect(brokenLinks(files)).toEqual([
    { page: 'index.html', href: 'runbooks/b/index.html' },
    { page: 'index.html', href: 'runbooks/a/index.html#nope' },
    { page: 'index.html', href: '#top' },
  ]);
});

test('decodes entities in attributes before resolving', () => {
  const files = [page('index.html', '<a href="a&amp;b/index.html">x</a>'), page('a&b/index.html', '')];
  expect(brokenLinks(files)).toEqual([]);
});

test('reports a broken target once, at the first page that links to it, whichever order pages come in', () => {
  const files = [page('b/index.html', '<a href="../gone/index.html">g</a>'), page('a/index.html', '<a href="../gone/index.html">g</a><a href="../c/index.html#x">c</a>'), page('c/index.html', '<p id="x">x</p>')];
  expect(brokenLinks(files)).toEqual([{ page: 'b/index.html', href: '../gone/index.html' }]);
});

test('decodes a percent-encoded path once, and finds a fragment as written or decoded, as a browser does', () => {
  const files = [
    page('runbooks/a/index.html', '<a href="../%C3%BC%20%C3%B1.png">img</a><a href="../100%25%23%3F&amp;/index.html#fn-%C3%BC">p</a><a href="#fn-%C3%BC">f</a><p id="fn-%C3%BC"></p>'),
    { path: 'runbooks/ü ñ.png', content: new Uint8Array([1]) },
    page('runbooks/100%#?&/index.html', '<p id="fn-ü"></p>'),
  ];
  expect(brokenLinks(files)).toEqual([]);
});

test('a fragment or a query ends the path before it is decoded, and a malformed escape is kept as written', () => {
  const files = [page('index.html', '<a href="a%23b.png">x</a><a href="c.png?v=1#top">y</a><a href="100%.png">z</a>'), { path: 'c.png', content: new Uint8Array([1]) }];
  // "a%23b.png" names a file "a#b.png", not "a" with a fragment; "100%.png" is not decodable and names itself.
  expect(brokenLinks(files)).toEqual([
    { page: 'index.html', href: 'a#b.png' },
    { page: 'index.html', href: '100%.png' },
  ]);
});

test('a link resolved on one page is resolved the same on another as deep, and one that climbs less is resolved from its own folder', () => {
  const memo = new Map<string, string>();
  const first = scanPage({ path: 'runbooks/a/index.html', content: '<a href="../../people/p/index.html#x">p</a><a href="../b/index.html">b</a>' }, memo);
  const second = scanPage({ path: 'teams/t/index.html', content: '<a href="../../people/p/index.html#x">p</a><a href="../b/index.html">b</a>' }, memo);
  expect(first.links).toEqual(['people/p/index.html\u0000x', 'runbooks/b/index.html\u0000']);
  expect(second.links).toEqual(['people/p/index.html\u0000x', 'teams/b/index.html\u0000']);
  // The same text from a page one folder deeper climbs one folder short of the root.
  expect(scanPage({ path: 'runbooks/x/y/index.html', content: '<a href="../../people/p/index.html#x">p</a>' }, memo).links).toEqual(['runbooks/people/p/index.html\u0000x']);
});
