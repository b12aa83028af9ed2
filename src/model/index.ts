import type { Derived } from '../cache/derived.ts';
import type { Config } from '../config.ts';
import { error, type Diagnostic } from '../diagnostic.ts';
import type { Loaded, SourceFile } from '../load/index.ts';
import type { PipelineMemo } from '../memo.ts';
import { readObservations } from './observations.ts';
import type { Observation } from '../schema/metrics.ts';
import { checkAssetLinks, checkGuideReferences, checkReferences } from './references.ts';
import type { Guide, Site, Workflow } from '../site.ts';
import { byText } from '../core/order.ts';
import { suggestId } from '../core/suggest.ts';
import type { Validated } from '../validate/index.ts';


/**
 * Valid documents -> the Site: workflows in id order, people and teams by id, every id a runbook
 * uses checked against people.yaml and the roles, and each metrics CSV read for its runbook.
 */
export function model(config: Config, loaded: Loaded, valid: Validated, memo?: PipelineMemo, derived?: Derived): { site: Site; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const { people, teams } = valid.people;
  const site: Site = {
    config,
    people,
    teams,
    person: new Map(people.map((p) => [p.id, p])),
    team: new Map(teams.map((t) => [t.id, t])),
    workflows: [],
    workflow: new Map(),
    guides: [],
    guide: new Map(),
    assets: new Map(loaded.files.filter((f) => f.kind === 'asset').map((f) => [f.id, f])),
    peopleFile: loaded.files.find((file) => file.kind === 'people')?.path ?? 'people.yaml',
  };
  for (const { parsed, fm, outline } of valid.runbooks) {
    const workflow: Workflow = { id: parsed.source.id, file: parsed.source.path, fm, body: parsed.body, observations: [], place: parsed.frontmatter!.place, ...outline, ...(parsed.hash && { sourceHash: parsed.hash }) };
    // With a broken people.yaml every id would look unknown; its own errors say enough until it is fixed.
    if (valid.people.ok) diagnostics.push(...checkReferences(workflow, site));
    site.workflows.push(workflow);
  }
  for (const { parsed, fm, outline } of valid.guides) {
    const guide: Guide = { kind: 'guide', id: parsed.source.id, file: parsed.source.path, fm, body: parsed.body, place: parsed.frontmatter!.place, ...outline };
    if (valid.people.ok) diagnostics.push(...checkGuideReferences(guide, site));
    site.guides.push(guide);
  }
  site.guides.sort((a, b) => byText(a.id, b.id));
  for (const guide of site.guides) site.guide.set(guide.id, guide);
  // Links to files are checked once every workflow and guide is in, like the assets they point at.
  for (const page of [...site.workflows, ...site.guides]) diagnostics.push(...checkAssetLinks(page, site));
  site.workflows.sort((a, b) => byText(a.id, b.id));
  for (const workflow of site.workflows) site.workflow.set(workflow.id, workflow);
  const runbookIds = new Set(loaded.files.filter((f) => f.kind === 'runbook').map((f) => f.id));
  attachObservations(site, loaded.files, runbookIds, diagnostics, memo, derived);
  return { site, diagnostics };
}

/** Reads each metrics CSV for its runbook; a CSV whose runbook exists but has errors waits until they are fixed. */
function attachObservations(site: Site, files: SourceFile[], runbookIds: Set<string>, diagnostics: Diagnostic[], memo?: PipelineMemo, derived?: Derived): void {
  for (const file of files.filter((f) => f.kind === 'metrics')) {
    const workflow = site.workflow.get(file.id);
    if (!workflow && runbookIds.has(file.id)) continue;
    if (!workflow) {
      const suggestion = suggestId(file.id, [...runbookIds]);
      diagnostics.push(
        error('unknown-workflow', `no runbook has the id "${file.id}" (expected runbooks/${file.id}.md); rename the CSV or add the runbook`, {
          file: file.path,
          line: 1,
          column: 1,
          hint: suggestion ?? 'name the CSV after its runbook: metrics/<runbook id>.csv',
        }),
      );
      continue;
    }
    const names = workflow.fm.metrics.map((m) => m.name).join('\0');
    const known = memo?.observations.get(file);
    const result = known?.names === names ? known.value : observationsOf(file, workflow.fm.metrics.map((m) => m.name), derived);
    memo?.observations.set(file, { names, value: result });
    workflow.observations = result.observations;
    workflow.metricsFile = file.path;
    diagnostics.push(...result.diagnostics);
  }
}

/** A CSV's observations for these metric names, or as they were read last time from the same text and names. */
function observationsOf(file: SourceFile, names: string[], derived?: Derived): ReturnType<typeof readObservations> {
  const from = `${names.join('\0')}\0\0${file.text}`;
  const known = derived?.get('observations', from) as Observation[] | undefined;
  if (known !== undefined) return { observations: known, diagnostics: [] };
  const result = readObservations(file, names);
  if (result.diagnostics.length === 0) derived?.keep('observations', from, result.observations);
  return result;
}
