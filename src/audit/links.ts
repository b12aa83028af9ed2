import { gap, type Diagnostic } from '../diagnostic.ts';
import { resolveLink } from '../links.ts';
import type { Site, Workflow } from '../model.ts';

/** `broken-link`: a body link to a page, anchor or file the site does not have. */
export function linkGaps(workflow: Workflow, site: Site): Diagnostic[] {
  return workflow.links.flatMap((link) => {
    const target = resolveLink(link.url, workflow, site);
    if (target.kind !== 'broken') return [];
    return [
      gap('broken-link', `the link "${link.url}" is broken (${target.reason}); fix or remove it`, {
        workflow: workflow.id,
        file: workflow.file,
        line: link.line,
        column: link.column,
        field: 'body',
      }),
    ];
  });
}
