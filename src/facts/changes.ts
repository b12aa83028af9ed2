import { datePattern, isRealDate } from '../schema/common.ts';
import { byText } from '../core/order.ts';
import type { Workflow } from '../site.ts';
import type { ChangeEntry, WorkflowFacts } from './types.ts';

/**
 * What changed, newest first: every commit that touched a runbook (one entry per commit, naming each
 * workflow it changed) and every version change: from git, each commit that set `version:` (with the
 * version it set); without git history, the current version when it is a date on or before today.
 */
export function changeLog(workflows: Iterable<WorkflowFacts>, now: string): ChangeEntry[] {
  const commits = new Map<string, ChangeEntry & { kind: 'commit' }>();
  const versions: ChangeEntry[] = [];
  for (const { workflow, churn } of workflows) {
    for (const commit of churn?.commits ?? []) {
      const entry = commits.get(commit.hash) ?? { kind: 'commit', date: commit.date, commit, workflows: [] as Workflow[] };
      entry.workflows.push(workflow);
      commits.set(commit.hash, entry);
    }
    if (churn?.versions.length) {
      for (const { commit, version } of churn.versions) versions.push({ kind: 'version', date: commit.date, version, workflows: [workflow], commit });
      continue;
    }
    const version = workflow.fm.version;
    if (version && datePattern.test(version) && isRealDate(version) && version <= now) versions.push({ kind: 'version', date: version, version, workflows: [workflow], commit: null });
  }
  // Newest day first; within a day commits (latest first) before versions; then by hash or id, so ties never depend on input order.
  const key = (e: ChangeEntry) => (e.kind === 'commit' ? `0 ${invert(e.commit.at)} ${e.commit.hash}` : `1 ${e.workflows[0]!.id} ${e.commit?.hash ?? ''}`);
  return [...commits.values(), ...versions].sort((a, b) => byText(b.date, a.date) || byText(key(a), key(b)));
}

/** A string that sorts in the reverse order of `text` (digits and ISO punctuation only). */
function invert(text: string): string {
  return [...text].map((ch) => (/\d/.test(ch) ? String(9 - Number(ch)) : ch)).join('');
}
