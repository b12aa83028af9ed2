/** Worker side of parallel parsing: parses batches of runbooks and answers with stored-parse JSON (null when not storable). */
import { parentPort } from 'node:worker_threads';
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

parentPort!.on('message', (batch: Batch) => {
  const results = batch.sources.map((source) => {
    const parsed = parseRunbook(source);
    return storable(parsed) ? serializeParse(parsed) : null;
  });
  parentPort!.postMessage({ id: batch.id, results } satisfies Answer);
});
parentPort!.postMessage('ready');
