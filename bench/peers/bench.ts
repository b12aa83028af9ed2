/**
 * `npm run bench -- --peers [--runbooks N] [--runs N] [--keep]`: Handover against Eleventy 3 + a minimal
 * layout + Pagefind on the same synthetic corpus, alternating in the same run (each Handover build is
 * followed by a peer build, so both see the same load on a shared machine), and prints medians and ratios.
 * Figures only: nothing here passes or fails a test.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generate } from '../generate.ts';
import { writeEleventySite } from './eleventy-site.ts';
import { ensurePeers } from './install.ts';
import { editOneRunbook, expectOnPage, handoverBuild, peerBuild, type HandoverKind, type Workspace } from './steps.ts';
import { markdownTable, resultRows, type Results } from './table.ts';
import { measuresRSS } from './timed.ts';

export interface PeersOptions {
  runbooks: number;
  /** Timed runs of each step (at least 3). */
  runs: number;
  /** Keep the temporary folder and say where it is. */
  keep: boolean;
  /** HANDOVER_WORKERS for Handover's builds. */
  workers?: string;
}

export async function peersBench(options: PeersOptions): Promise<void> {
  const peers = await ensurePeers();
  if (!measuresRSS) process.stderr.write('/usr/bin/time is missing (Debian package `time`): peak RSS will show as n/a\n');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'handover-peers-'));
  try {
    process.stderr.write(`generating ${options.runbooks} runbooks in ${dir}…\n`);
    const content = path.join(dir, 'content');
    const generated = await generate(content, { runbooks: options.runbooks });
    const eleventy = path.join(dir, 'eleventy');
    const pages = await writeEleventySite(content, eleventy);
    const space: Workspace = { content, out: path.join(dir, 'dist'), cache: path.join(dir, 'cache'), eleventy, pages, workers: options.workers };
    const edited = generated.ids[0]!;

    // One untimed run of each first: the disk cache then holds both tools' modules and the corpus.
    process.stderr.write('warming up (untimed)…\n');
    await handoverBuild(space, 'cold');
    await peerBuild(space, peers);

    const results: Results = { handover: { cold: [], warm: [], 'one-changed': [] }, peers: [], pairs: { cold: [], warm: [], 'one-changed': [] } };
    const step = async (kind: HandoverKind, round: number) => {
      process.stderr.write(`round ${round}/${options.runs}: Handover ${kind}, then Eleventy + Pagefind…\n`);
      const edit = kind === 'one-changed' ? await editOneRunbook(space, edited, round) : undefined;
      results.handover[kind].push(await handoverBuild(space, kind));
      if (edit) await expectOnPage(space, edited, edit);
      results.pairs[kind].push(results.peers.push(await peerBuild(space, peers)) - 1);
    };
    for (let round = 1; round <= options.runs; round++) {
      for (const kind of ['cold', 'warm', 'one-changed'] as const) await step(kind, round);
    }

    const loads = [...Object.values(results.handover).flat(), ...results.peers.flatMap((run) => [run.eleventy, run.pagefind])].map((run) => run.load);
    console.log(
      `\nHandover against Eleventy ${peers.versions.eleventy} + minimal layout + Pagefind ${peers.versions.pagefind}: ` +
        `${options.runbooks} runbooks (${pages} Markdown files) · ${options.runs} runs of each Handover step, ${results.peers.length} of the peers, alternating · ` +
        `${os.availableParallelism()} cores · load average (1 min) ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)} · Node ${process.version}\n`,
    );
    console.log(markdownTable(['measure', 'wall time, median (range)', 'peak RSS, median', 'ratio to Eleventy + Pagefind cold (pairs)', 'budget'], resultRows(results)));
    console.log('\nratio: median of the Handover step over the median of every Eleventy + Pagefind run; pairs: each Handover run over the peer run right after it (steadier when the load drifts).');
    if (options.keep) console.log(`\nkept ${dir}`);
  } finally {
    if (!options.keep) await rm(dir, { recursive: true, force: true });
  }
}
