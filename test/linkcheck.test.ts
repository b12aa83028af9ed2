import { expect, test } from 'vitest';
import { findBrokenLinks } from '../src/linkcheck.ts';

const page = (path: string, body: string) => ({ path, content: `<html><body>${body}</body></html>` });

test('accepts relative links to written files and existing anchors', () => {
  const files = [
    page('index.html', '<a href="runbooks/a/index.html#rollback">a</a><a href="https://example.com/x">x</a><a href="mailto:a@b.c">m</a>'),
    page('runbooks/a/index.html', '<h2 id="rollback">Rollback</h2><a href="../../index.html">home</a><img src="../../assets/x.png">'),
    { path: 'assets/x.png', content: new Uint8Array([1]) },
  ];
  expect(findBrokenLinks(files)).toEqual([]);
});

test('reports missing files and missing anchors with the page that holds them', () => {
  const files = [
    page('index.html', '<a href="runbooks/b/index.html">b</a><a href="runbooks/a/index.html#nope">a</a><a href="#top">top</a>'),
    page('runbooks/a/index.html', '<h2 id="rollback">Rollback</h2>'),
  ];
  expect(findBrokenLinks(files)).toEqual([
    { page: 'index.html', href: 'runbooks/b/index.html' },
    { page: 'index.html', href: 'runbooks/a/index.html#nope' },
    { page: 'index.html', href: '#top' },
  ]);
});

test('decodes entities in attributes before resolving', () => {
  const files = [page('index.html', '<a href="a&amp;b/index.html">x</a>'), page('a&b/index.html', '')];
  expect(findBrokenLinks(files)).toEqual([]);
});

test('reports a broken target once, at the first page that links to it, whichever order pages come in', () => {
  const files = [page('b/index.html', '<a href="../gone/index.html">g</a>'), page('a/index.html', '<a href="../gone/index.html">g</a><a href="../c/index.html#x">c</a>'), page('c/index.html', '<p id="x">x</p>')];
  expect(findBrokenLinks(files)).toEqual([{ page: 'b/index.html', href: '../gone/index.html' }]);
});
