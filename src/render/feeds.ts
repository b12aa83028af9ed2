/** The machine-readable files of the built site: report.json, ownership.json/.csv, reviews.ics. */
export { reportJson } from './feeds/report.ts';
export { ownershipCsv, ownershipJson } from './feeds/ownership.ts';
export { reviewsIcs } from './feeds/ics.ts';
