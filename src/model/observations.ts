import { parse } from 'csv-parse/sync';
import { error, type Diagnostic } from '../diagnostic.ts';
import type { SourceFile } from '../load/index.ts';
import { METRICS_HEADER, observationSchema, type Observation } from '../schema/metrics.ts';
import { didYouMean } from '../core/suggest.ts';
import { byText } from '../core/order.ts';

/**
 * Reads `metrics/<id>.csv` (header `date,metric,value`) into observations, checked
 * against the runbook's metric names. Every bad row is reported with its line.
 */
export function readObservations(source: SourceFile, metricNames: string[]): { observations: Observation[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(source.text, { info: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as unknown as typeof records;
  } catch (cause) {
    const line = (cause as { lines?: number }).lines ?? 1;
    const reason = (cause as Error).message.split('\n')[0]!.replace(/ at line \d+/, '').replace(/:.*$/, '').toLowerCase();
    return {
      observations: [],
      diagnostics: [
        error('csv-syntax', `cannot read the CSV (${reason}); fix the quotes on this line`, {
          file: source.path,
          line,
          column: 1,
          hint: 'a cell holding a comma or a quote is wrapped in "double quotes", and a quote inside it is written twice ("")',
        }),
      ],
    };
  }
  const [header, ...rows] = records;
  if (!header || header.record.join(',') !== METRICS_HEADER.join(',')) {
    diagnostics.push(
      error('csv-syntax', `the first line must be the header "${METRICS_HEADER.join(',')}"; add or fix it`, {
        file: source.path,
        line: header?.info.lines ?? 1,
        column: 1,
        hint: 'one row per observation: 2026-11-02,Cost per draft,0.03',
      }),
    );
    return { observations: [], diagnostics };
  }
  const observations: Observation[] = [];
  for (const { record, info } of rows) {
    const where = { file: source.path, line: info.lines, column: 1 };
    if (record.length !== 3) {
      diagnostics.push(error('csv-syntax', `expected 3 columns (date,metric,value), found ${record.length}; fix this row`, { ...where, hint: 'quote a metric name that holds a comma' }));
      continue;
    }
    const parsed = observationSchema.safeParse({ date: record[0], metric: record[1], value: record[2] });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0] ?? 'value');
        diagnostics.push(
          error('invalid-value', `${column} ${issue.message}`, { ...where, column: columnOf(record, column), field: column, hint: 'one row per observation: 2026-11-02,Cost per draft,0.03' }),
        );
      }
      continue;
    }
    if (!metricNames.includes(parsed.data.metric)) {
      const suggestion = didYouMean(parsed.data.metric, metricNames);
      diagnostics.push(
        error('unknown-metric', `"${parsed.data.metric}" is not a metric of this runbook; use a metric name from its frontmatter`, {
          ...where,
          column: columnOf(record, 'metric'),
          field: 'metric',
          hint: suggestion ? `did you mean '${suggestion}'?` : `the runbook's metrics are: ${metricNames.join(', ') || 'none'}`,
        }),
      );
      continue;
    }
    observations.push(parsed.data);
  }
  observations.sort((a, b) => byText(a.date, b.date));
  return { observations, diagnostics };
}

/** Approximate column of a CSV cell (unquoted layout), for pointing an editor at it. */
function columnOf(record: string[], column: string): number {
  const index = Math.max(0, METRICS_HEADER.indexOf(column as (typeof METRICS_HEADER)[number]));
  return record.slice(0, index).reduce((sum, cell) => sum + cell.length + 1, 1);
}
