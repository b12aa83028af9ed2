import DOMPurify from 'dompurify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../src/index.ts';
import { formatWait } from '../src/core/words.ts';
import type { WorkflowFacts } from '../src/facts/index.ts';
import { escalationMermaid, fallbackTarget, mermaidText } from '../src/render/mermaid.ts';
import { checkFiles, runbook } from './helpers/site.ts';

/**
 * Mermaid's parser runs in Node; only its label sanitizer needs a DOM. That sanitizer is the
 * browser's second line of defence (securityLevel strict), so here it is a pass-through: these
 * tests check that our escaping alone keeps every label inert and the syntax valid.
 */
const purify = DOMPurify as unknown as Record<string, unknown>;
Object.assign(purify, { addHook() {}, removeHook() {}, removeAllHooks() {}, sanitize: (text: string) => text });
const { default: mermaid } = await import('mermaid');

interface Vertex { id: string; text: string; classes: string[] }
interface FlowDb { getVertices(): Map<string, Vertex>; getEdges(): { start: string; end: string; text: string }[] }

/** Parses with Mermaid 11's real grammar; throws on a syntax error. */
async function parse(source: string): Promise<FlowDb> {
  await mermaid.parse(source);
  const api = mermaid.mermaidAPI as unknown as { getDiagramFromText(text: string): Promise<{ db: FlowDb }> };
  return (await api.getDiagramFromText(source)).db;
}

const PEOPLE = `teams:
  - id: ops
    name: "<img src=x onerror=alert(1)>"
  - id: finance
    name: Finance Operations
people:
  - id: nia
    name: Nia Brooks
  - id: tomas
    name: Tomas Reyes
  - id: evil
    name: '"]; click L1 call alert(1) %%'
  - id: end
    name: end
`;

const FULL = `title: Disputes
summary: S
status: production
owners:
  responder: { primary: nia, backup: tomas }
  approver: { backup: nia }
escalation:
  response_target: 30m
  levels:
    - { after: 0m, notify: [nia], via: "#disputes-bot on chat" }
    - { after: 30m, notify: [tomas, finance] }
    - { after: 4h, notify: [finance] }
  repeat: 2
fallback:
  - { when: Chargebacks or legal threats, to: responder }
  - { when: Refunds above 500 USD, to: tomas }
  - { when: Anything signed, to: approver }
`;

const HOSTILE = `title: Hostile
summary: S
status: pilot
escalation:
  levels:
    - { after: 0m, notify: [evil, ops], via: "end" }
    - { after: 15m, notify: [end], via: "A-->B %%{init: {'securityLevel':'loose'}}%% \`x\`" }
fallback:
  - { when: "first line\\nB-->C; click f1 call alert(1)\\nstyle f1 fill:#f00;", to: evil }
`;

let result: CheckResult;
const workflow = (id: string): WorkflowFacts => result.facts.workflows.get(id)!;

beforeAll(async () => {
  result = await checkFiles({
    'people.yaml': PEOPLE,
    'runbooks/full.md': runbook(FULL),
    'runbooks/hostile.md': runbook(HOSTILE),
    'runbooks/none.md': runbook('title: N\nsummary: S\nstatus: experiment\n'),
    'runbooks/fallback-only.md': runbook('title: F\nsummary: S\nstatus: pilot\nfallback:\n  - { when: Anything, to: nia }\n'),
  });
  expect(result.errors).toEqual([]);
});

describe('escalationMermaid', () => {
  it('draws the trigger, levels, waits, target, repeat and fallbacks in the design shape', async () => {
    const source = escalationMermaid(workflow('full'))!;
    expect(source).toMatchInlineSnapshot(`
      "flowchart LR
        start(["Workflow stops or misbehaves<br/><small>first human response within 30 min</small>"])
        L1["<b>Level 1</b> · at once<br/>Nia Brooks<br/><small>#35;disputes#45;bot on chat</small>"]
        L2["<b>Level 2</b> · after 30 min<br/>Tomas Reyes, Finance Operations (team)"]
        L3["<b>Level 3</b> · after 4 h<br/>Finance Operations (team)<br/><small>repeats 2× at level 3</small>"]
        start --> L1
        L1 -- "no answer in 30 min" --> L2
        L2 -- "no answer in 3 h 30 min" --> L3
        fb{{"Goes to a human, never the workflow"}}
        f1["Chargebacks or legal threats<br/>→ First responder#58; Nia Brooks"]
        fb --> f1
        f2["Refunds above 500 USD<br/>→ Tomas Reyes"]
        fb --> f2
        f3["Anything signed<br/>→ Approver#58; no owner named"]
        fb --> f3
        classDef level stroke-width:1.5px
        classDef fallback stroke-width:1.5px
        class L1,L2,L3 level
        class fb,f1,f2,f3 fallback
      "
    `);
    const db = await parse(source);
    expect([...db.getVertices().keys()]).toEqual(['start', 'L1', 'L2', 'L3', 'fb', 'f1', 'f2', 'f3']);
    expect(db.getEdges().map((e) => `${e.start}>${e.end}:${e.text}`)).toEqual([
      'start>L1:',
      'L1>L2:no answer in 30 min',
      'L2>L3:no answer in 3 h 30 min',
      'fb>f1:',
      'fb>f2:',
      'fb>f3:',
    ]);
    expect(db.getVertices().get('f1')!.classes).toEqual(['fallback']);
  });

  it('keeps hostile names, channels and cases inside their own labels', async () => {
    const source = escalationMermaid(workflow('hostile'))!;
    expect(source).not.toMatch(/%%|<img|-->B|-->C|`|\n\s*click/);
    expect(source.split('\n').filter((line) => /^\s*(style|class|classDef|click)\b/.test(line))).toEqual([
      '  classDef level stroke-width:1.5px',
      '  classDef fallback stroke-width:1.5px',
      '  class L1,L2 level',
      '  class fb,f1 fallback',
    ]);
    const db = await parse(source);
    expect([...db.getVertices().keys()]).toEqual(['start', 'L1', 'L2', 'fb', 'f1']);
    expect(db.getEdges()).toHaveLength(3);
    for (const vertex of db.getVertices().values()) {
      expect(vertex.classes).not.toContain('clickable');
      // Mermaid keeps entities encoded until it draws; nothing in a label can be a tag or a quote.
      expect(vertex.text).not.toMatch(/[<>"]img|onerror=|"/);
    }
    expect(db.getVertices().get('L2')!.text).toContain('<b>Level 2</b>');
  });

  it('would notice a click directive that escaped its label', async () => {
    const db = await parse('flowchart LR\n  A["x"]\n  click A call alert(1)\n');
    expect(db.getVertices().get('A')!.classes).toContain('clickable');
  });

  it('returns null with neither levels nor fallbacks, and draws fallbacks alone', async () => {
    expect(escalationMermaid(workflow('none'))).toBeNull();
    const source = escalationMermaid(workflow('fallback-only'))!;
    expect(source).not.toContain('start');
    expect([...(await parse(source)).getVertices().keys()]).toEqual(['fb', 'f1']);
  });
});

describe('fallbackTarget', () => {
  it('names a role with its primary owner, and a person id by name', () => {
    const [responder, person, approver] = workflow('full').fallback;
    expect(fallbackTarget(responder!)).toBe('First responder: Nia Brooks');
    expect(fallbackTarget(approver!)).toBe('Approver: no owner named');
    expect(fallbackTarget(person!)).toBe('Tomas Reyes');
  });
});

describe('mermaidText', () => {
  it('encodes every character that means something to Mermaid or HTML', () => {
    expect(mermaidText(`a"b'c<d>e&f`)).toBe('a#34;b#39;c#60;d#62;e#38;f');
    expect(mermaidText('%%{init}%% #x; [y] |z| `w` A-->B')).toBe('#37;#37;#123;init#125;#37;#37; #35;x#59; #91;y#93; #124;z#124; #96;w#96; A#45;#45;#62;B');
    expect(mermaidText(' two\nlines\r\n  here ')).toBe('two lines here');
    expect(mermaidText('Zoë Ørsted 李 (ops), v2.1/3')).toBe('Zoë Ørsted 李 (ops), v2.1/3');
    expect(mermaidText('😀')).toBe('#128512;');
  });
});

describe('formatWait', () => {
  it('reads minutes as people say them', () => {
    expect([0, 15, 60, 90, 1440, 2880 + 90, 10080, 20160].map(formatWait)).toEqual(['0 min', '15 min', '1 h', '1 h 30 min', '1 day', '2 days 1 h 30 min', '1 week', '2 weeks']);
  });
});
