import type { Guide, Site, Workflow } from '../site.ts';
import { guidePath, personPath, runbookPath, teamPath } from '../render/types.ts';

/** Text fields of a search document, each with its own weight in the index. */
export interface SearchFields {
  title: string;
  tags: string;
  summary: string;
  /** Owner names and ids (a person's own name on their page). */
  people: string;
  /** Team name and id. */
  team: string;
  status: string;
  body: string;
}

/** One thing a search can find: a runbook, a person or a team page. */
export interface SearchDoc {
  kind: 'runbook' | 'guide' | 'person' | 'team';
  /** Path from the site root, e.g. `runbooks/billing/refunds/index.html`. */
  url: string;
  fields: SearchFields;
  /** What a hit shows: shown as text, never as HTML. */
  show: { title: string; summary: string; status?: string; team?: string; owners: string[]; body: string; sections?: [number, string][] };
  /** Filter values: status, team id and owner ids. */
  facets: { status?: string; team?: string; owners: string[] };
}

/** Every runbook, guide, person and team of the site as search documents; frontmatter other than the named fields, and raw HTML, are left out. */
export function searchDocs(site: Site): SearchDoc[] {
  return [...site.workflows.map((w) => runbookDoc(site, w)), ...site.guides.map((g) => guideDoc(site, g)), ...site.people.map((p) => personDoc(site, p.id)), ...site.teams.map((t) => teamDoc(site, t.id))];
}

function runbookDoc(site: Site, workflow: Workflow): SearchDoc {
  const { fm } = workflow;
  const owners = ownerIds(site, workflow);
  const names = owners.map((id) => site.person.get(id)?.name ?? id);
  const teamName = fm.team ? (site.team.get(fm.team)?.name ?? fm.team) : '';
  const body = [workflow.body.text, frontmatterText(workflow)].filter(Boolean).join('\n');
  return {
    kind: 'runbook',
    url: runbookPath(workflow.id),
    fields: {
      title: fm.title,
      tags: fm.tags.join(' '),
      summary: fm.summary,
      people: [...names, ...owners].join(' '),
      team: fm.team ? `${teamName} ${fm.team}` : '',
      status: fm.status,
      body,
    },
    show: { title: fm.title, summary: fm.summary, status: fm.status, team: teamName || undefined, owners: names, body, sections: sectionStarts(workflow.body.text, workflow.sections) },
    facets: { status: fm.status, team: fm.team, owners },
  };
}

function guideDoc(site: Site, guide: Guide): SearchDoc {
  const { fm } = guide;
  const owner = fm.owner ? (site.person.get(fm.owner)?.name ?? site.team.get(fm.owner)?.name ?? fm.owner) : '';
  const body = guide.body.text;
  return {
    kind: 'guide',
    url: guidePath(guide.id),
    fields: { title: fm.title, tags: '', summary: fm.summary, people: owner ? `${owner} ${fm.owner}` : '', team: '', status: '', body },
    show: { title: fm.title, summary: fm.summary, owners: owner ? [owner] : [], body },
    facets: { owners: [] },
  };
}

function personDoc(site: Site, id: string): SearchDoc {
  const person = site.person.get(id)!;
  const teamName = person.team ? (site.team.get(person.team)?.name ?? person.team) : '';
  const summary = [person.title, teamName].filter(Boolean).join(' · ');
  return {
    kind: 'person',
    url: personPath(id),
    fields: { title: person.name, tags: '', summary: person.title ?? '', people: id, team: person.team ? `${teamName} ${person.team}` : '', status: '', body: '' },
    show: { title: person.name, summary, team: teamName || undefined, owners: [], body: '' },
    facets: { team: person.team, owners: [] },
  };
}

function teamDoc(site: Site, id: string): SearchDoc {
  const team = site.team.get(id)!;
  const lead = team.lead ? (site.person.get(team.lead)?.name ?? team.lead) : '';
  return {
    kind: 'team',
    url: teamPath(id),
    fields: { title: team.name, tags: '', summary: team.description ?? '', people: lead, team: id, status: '', body: '' },
    show: { title: team.name, summary: team.description ?? (lead ? `Lead: ${lead}` : ''), owners: lead ? [lead] : [], body: '' },
    facets: { team: id, owners: [] },
  };
}

/**
 * Where each section's heading line starts in the body text (headings are lines of their own there),
 * with its anchor; the frontmatter text after the body gets none (`''`), so its hits open the page's top.
 */
function sectionStarts(text: string, sections: readonly { heading: string; slug: string }[]): [number, string][] {
  const lined = `\n${text}`;
  const starts: [number, string][] = [];
  let from = 0;
  for (const section of sections) {
    // An offset in `lined` of "\nHeading\n" is the heading's offset in `text`.
    const at = lined.indexOf(`\n${section.heading}\n`, from);
    if (at < 0) continue;
    starts.push([at, section.slug]);
    from = at + section.heading.length + 1;
  }
  return starts.length ? [...starts, [text.length, '']] : [];
}

/**
 * What the runbook page shows from the frontmatter besides title, tags and summary: fallback cases and
 * their actions, metric names, inputs, outputs, when it runs, escalation channels and `extra` values.
 * A reader who sees "Chargebacks" in the "Goes to a human" table finds the page by that word.
 */
function frontmatterText(workflow: Workflow): string {
  const { fm } = workflow;
  const extra = Object.values(fm.extra).flatMap((value) => (typeof value === 'string' || typeof value === 'number' ? [String(value)] : Array.isArray(value) ? value.filter((v) => typeof v === 'string' || typeof v === 'number').map(String) : []));
  return [
    ...fm.fallback.flatMap((f) => [f.when, f.action ?? '']),
    ...fm.metrics.map((m) => m.name),
    ...fm.inputs,
    ...fm.outputs,
    fm.runs ?? '',
    ...(fm.escalation?.levels ?? []).map((level) => level.via ?? ''),
    ...extra,
  ]
    .filter(Boolean)
    .join('\n');
}

/** Owner ids in role order, primaries before backups, each once. */
function ownerIds(site: Site, workflow: Workflow): string[] {
  const roles = Object.keys(site.config.roles);
  const owners = workflow.fm.owners as Record<string, { primary?: string; backup?: string } | undefined>;
  const ids = [...roles.map((r) => owners[r]?.primary), ...roles.map((r) => owners[r]?.backup)];
  return [...new Set(ids.filter((id): id is string => Boolean(id)))];
}
