import type { Diagnostic } from '../diagnostic.ts';
import type { Site } from '../model.ts';
import { linkGaps } from './links.ts';
import { awayGaps, leftGaps, loadGaps, roleGaps } from './owners.ts';
import { careGaps, metricGaps, offTargetGaps, sectionGaps } from './readiness.ts';
import { reviewGaps } from './review.ts';

/** Every gap of every workflow on `today`: what is valid but not ready for routine care. */
export function audit(site: Site, today: string): Diagnostic[] {
  const { config } = site;
  return [
    ...site.workflows.flatMap((w) => [
      ...roleGaps(w, config),
      ...leftGaps(w, site),
      ...awayGaps(w, site, today),
      ...reviewGaps(w, config, today),
      ...sectionGaps(w, config),
      ...metricGaps(w, config),
      ...offTargetGaps(w, today),
      ...careGaps(w, config),
      ...linkGaps(w, site),
    ]),
    ...loadGaps(site),
  ];
}
