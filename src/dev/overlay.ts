/** What the dev server adds to each page: Vite's client (for reloads) and, while the content has errors, a readable list of them. */
import { escapeHtml as escape } from '../core/text.ts';
import { location, type Diagnostic } from '../diagnostic.ts';

const STYLE =
  'position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;background:rgba(20,20,24,.94);color:#f4f4f5;' +
  'font:15px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace';

/** The error panel: one entry per error with file:line:col, field, rule, message and hint; every value escaped. */
export function errorOverlay(errors: Diagnostic[]): string {
  const items = errors.map((d) => {
    const field = d.field ? ` <span style="color:#fde68a">${escape(d.field)}</span>` : '';
    const hint = d.hint ? `<div style="color:#a5b4fc">hint: ${escape(d.hint)}</div>` : '';
    return `<li style="margin:0 0 1rem"><div><strong style="color:#fca5a5">${escape(location(d))}</strong>${field} <span style="color:#a1a1aa">${escape(d.rule)}</span></div><div>${escape(d.message)}</div>${hint}</li>`;
  });
  const count = `${errors.length} error${errors.length === 1 ? '' : 's'}`;
  return (
    `<div id="handover-dev-errors" role="alert" style="${STYLE}">` +
    `<h1 style="font-size:1.2rem;margin:0 0 1rem;color:#fca5a5">handover dev: ${count}; the page below is the last good build</h1>` +
    `<ol style="padding-left:1.2rem">${items.join('')}</ol>` +
    '<p style="color:#a1a1aa">Fix the file and save: this page reloads by itself.</p></div>'
  );
}

const CLIENT = '<script type="module" src="/@vite/client"></script>';

/** Adds the reload client and, when there are errors, the error panel to an HTML page. */
export function injectDev(html: string, errors: Diagnostic[]): string {
  const withClient = html.includes('</head>') ? html.replace('</head>', () => `${CLIENT}\n</head>`) : `${CLIENT}\n${html}`;
  if (errors.length === 0) return withClient;
  const panel = errorOverlay(errors);
  const body = /<body[^>]*>/.exec(withClient);
  return body ? withClient.replace(body[0], () => `${body[0]}\n${panel}`) : `${withClient}\n${panel}`;
}

/** The page served before the content has ever built. */
export function errorPage(errors: Diagnostic[]): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>handover dev: errors</title></head><body>\n</body></html>\n`.replace('</head>', `${CLIENT}\n</head>`).replace('<body>', () => `<body>${errorOverlay(errors)}`);
}
