import { describe, expect, it } from 'vitest';
import { loadFlowFiles, parsePath, type Flow } from '../../../src/lib/kb/flows';

const FILE = 'content/flows/en/router.yaml';
const ARTICLES = new Set(['en/restart-router']);
const CATEGORIES = new Set(['internet']);

function flowYaml(steps: string, start = 'lights'): string {
  return `title: Router help\nlocale: en\ncategory: internet\nstart: ${start}\nsteps:\n${steps}`;
}

const GOOD = flowYaml(`  lights:
    question: How are the lights?
    options:
      - label: Off
        next: power
      - label: Red
        article: restart-router
  power:
    question: Is it plugged in?
    options:
      - label: Yes
        action: contact
      - label: Not sure
        search: router power
`);

describe('guided flows', () => {
  it('accepts a valid tree', () => {
    const { flows, issues } = loadFlowFiles([{ file: FILE, text: GOOD }], ARTICLES, CATEGORIES);
    expect(issues).toEqual([]);
    expect(flows.map((f) => [f.slug, Object.keys(f.steps).length])).toEqual([['router', 2]]);
  });

  it('refuses two flows of one locale sharing a translation key', () => {
    const keyed = GOOD.replace('locale: en\n', 'locale: en\ntranslationKey: router\n');
    const other = 'content/flows/en/router-two.yaml';
    const { flows, issues } = loadFlowFiles([{ file: FILE, text: keyed }, { file: other, text: keyed }], ARTICLES, CATEGORIES);
    expect(flows.map((f) => f.translationKey)).toEqual(['router', 'router']);
    expect(issues).toEqual([{ file: other, field: 'translationKey', problem: '"router" is used by another en flow' }]);
  });

  it('reports a dead end, an unknown article and an unreachable step with file and field', () => {
    const text = flowYaml(`  lights:
    question: How are the lights?
    options:
      - label: Off
        next: nowhere
      - label: Red
        article: missing-article
  orphan:
    question: Never asked
    options:
      - label: Ok
        action: ask
`);
    const { flows, issues } = loadFlowFiles([{ file: FILE, text }], ARTICLES, CATEGORIES);
    expect(flows).toEqual([]);
    expect(issues).toEqual([
      { file: FILE, field: 'steps.lights.options.0.next', problem: 'step "nowhere" does not exist (dead end)' },
      { file: FILE, field: 'steps.lights.options.1.article', problem: 'no published article "missing-article" in en' },
    ]);
  });

  it('reports loops with the path that loops', () => {
    const text = flowYaml(`  a:
    question: A?
    options:
      - label: to b
        next: b
  b:
    question: B?
    options:
      - label: back to a
        next: a
      - label: done
        action: ask
`, 'a');
    const { issues } = loadFlowFiles([{ file: FILE, text }], ARTICLES, CATEGORIES);
    expect(issues).toEqual([{ file: FILE, field: 'steps.b', problem: 'loops back: a → b → a' }]);
  });

  it('reports an option with two targets, a step without options and broken YAML', () => {
    const text = flowYaml(`  lights:
    question: How?
    options:
      - label: Both
        next: lights
        action: ask
  empty:
    question: Nothing
    options: []
`);
    const { issues } = loadFlowFiles([{ file: FILE, text }, { file: 'content/flows/es/roto.yaml', text: 'title: [' }], ARTICLES, CATEGORIES);
    expect(issues.map((i) => `${i.file}|${i.field}`)).toEqual([
      `${FILE}|steps.lights.options.0`,
      `${FILE}|steps.empty.options`,
      'content/flows/es/roto.yaml|yaml',
    ]);
  });

  it('keeps only the consistent prefix of a walked path', () => {
    const { flows } = loadFlowFiles([{ file: FILE, text: GOOD }], ARTICLES, CATEGORIES);
    const flow = flows[0] as Flow;
    expect(parsePath(flow, 'lights:0,power:1')).toEqual([
      { step: 'lights', option: 0 },
      { step: 'power', option: 1 },
    ]);
    expect(parsePath(flow, 'power:0')).toEqual([]);
    expect(parsePath(flow, 'lights:7')).toEqual([]);
    expect(parsePath(flow, null)).toEqual([]);
  });
});
