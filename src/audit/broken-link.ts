import { resolveLink } from '../links.ts';
import type { GapRule } from './rule.ts';

/** `broken-link`: a body link to a page, anchor or file the site does not have. */
export const brokenLink: GapRule['check'] = ({ workflow }, at, { site }) =>
  workflow.links.flatMap((link) => {
    const target = resolveLink(link.url, workflow, site);
    if (target.kind !== 'broken') return [];
    return [{ ...at(`the link "${link.url}" is broken (${target.reason}); fix or remove it`, ['body']), line: link.line, column: link.column, ...(target.hint ? { hint: target.hint } : {}) }];
  });
