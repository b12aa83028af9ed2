/**
 * Helper side of parallel parsing, a child process that many.ts forks: parses batches of runbooks and
 * answers with stored-parse JSON (null when not storable, so the parent parses that file itself).
 */
import type { SourceFile } from '../load/index.ts';
import { parseRunbook } from './runbook.ts';
import { serializeParse, storable } from '../cache/serialize.ts';

export interface Batch {
  id: number;
  sources: SourceFile[];
}

export interface Answer {
  id: number;
  results: (string | null)[];
}

// The parent's channel closes when it exits, even by kill -9: a helper never outlives it.
process.on('disconnect', () => process.exit(0));
process.on('message', (batch: Batch) => {
  const results = batch.sources.map((source) => {
    const parsed = parseRunbook(source);
    return storable(parsed) ? serializeParse(parsed) : null;
  });
  process.send!({ id: batch.id, results } satisfies Answer);
});
process.send!('ready');
