/**
 * Which files beside runbooks may be published. A linked file is copied into the site, and a file
 * opened from the site runs with the site's rights, so only types that cannot carry script are copied:
 * an allow-list by extension, and SVG only when it holds nothing that can run (see `svgRefusal`).
 * HTML, XML, JavaScript and every unknown type are refused; a body link to one is an `unsafe-file` error (references.ts).
 */
import path from 'node:path/posix';

/** Extensions copied as they are: images, PDFs, plain text and data, audio and video. */
export const ASSET_TYPES = ['png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'bmp', 'ico', 'svg', 'pdf', 'txt', 'csv', 'json', 'mp3', 'mp4', 'webm', 'zip'] as const;

const ALLOWED = new Set<string>(ASSET_TYPES);

/** Why the file at `rel` (path under runbooks/) may not be published, or null when it may; `svg` is its text for an .svg file. */
export function assetRefusal(rel: string, svg?: string | null): string | null {
  const ext = path.extname(rel).slice(1).toLowerCase();
  if (!ALLOWED.has(ext)) {
    if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'an HTML page, which could run script on the site';
    return `${ext ? `a .${ext} file` : 'a file without an extension'}, not a type the site publishes (a browser might run script from it)`;
  }
  if (ext === 'svg') return svgRefusal(svg ?? null);
  return null;
}

/**
 * Anything in an SVG that can run script or load another document when the file is opened on its own.
 * Checked on the text, conservatively: a harmless drawing that happens to match is refused, never the reverse.
 */
const SVG_DANGERS: [RegExp, string][] = [
  [/<([\w.-]+:)?script\b/i, 'a <script> element'],
  [/[\s"'/]on[a-z]+\s*=/i, 'an event handler attribute (on…=)'],
  [/<([\w.-]+:)?(foreignObject|iframe|embed|object|handler|listener)\b/i, 'an element that embeds other content (foreignObject, iframe, embed, object)'],
  [/<!(DOCTYPE|ENTITY)/i, 'a DOCTYPE or entity declaration'],
  [/<\?xml-stylesheet/i, 'a stylesheet processing instruction'],
  [/http:\/\/www\.w3\.org\/1999\/xhtml/i, 'HTML elements (the XHTML namespace)'],
  [/\b(javascript|vbscript|data)\s*:/i, 'a javascript:, vbscript: or data: address'],
  [/attributeName\s*=\s*["']?\s*([\w.-]+:)?href/i, 'an animation that changes a link'],
  [/<\?xml[^>]*encoding\s*=\s*["'](?!utf-8["'])/i, 'an encoding other than UTF-8'],
];

/** Links inside an SVG may only point within it (`#id`); anything else could open another document. */
const HREF = /\s(?:[\w.-]+:)?href\s*=\s*(["'])(.*?)\1/gi;

function svgRefusal(text: string | null): string | null {
  if (text === null) return 'an SVG file that is not UTF-8 text';
  for (const [pattern, what] of SVG_DANGERS) if (pattern.test(text)) return `an SVG file with ${what}, which could run script`;
  for (const [, , href] of text.matchAll(HREF)) if (!/^#[\w.-]*$/.test(href!)) return 'an SVG file with a link out of the drawing, which could open a page';
  return null;
}
