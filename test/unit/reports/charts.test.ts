import { describe, expect, it } from 'vitest';
import { escapeXml, funnelChart, heatmapChart, splitChart, stackedBarChart, timeSeriesChart } from '../../../src/lib/reports/charts';

const fmt = (n: number) => String(n);
const pct = (n: number) => `${Math.round(n * 100)} %`;

describe('server-rendered SVG charts', () => {
  it('are images named by their title and described by their description', () => {
    const svg = timeSeriesChart({ id: 'q', title: 'Questions per day', description: 'Up 10 % on the previous period', xLabels: ['1', '2', '3'], current: { label: 'now', values: [1, 2, 3] }, previous: { label: 'before', values: [3, 2, 1] }, format: fmt });
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="q-title q-desc"/);
    expect(svg).toContain('<title id="q-title">Questions per day</title>');
    expect(svg).toContain('<desc id="q-desc">Up 10 % on the previous period</desc>');
    // the current period solid, the previous dashed
    expect(svg.match(/<path d="M/g)).toHaveLength(2);
    expect(svg).toContain('stroke-dasharray="5 4"');
  });
  it('escape every label (category names are typed by people)', () => {
    const hostile = '<script>alert(1)</script>&"';
    const svg = stackedBarChart({ id: 'x"y', title: hostile, description: hostile, categories: [hostile], series: [{ label: hostile, values: [2] }], format: fmt });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain(escapeXml(hostile));
    expect(svg).toContain('aria-labelledby="x&quot;y-title');
  });
  it('a gap (null) breaks the line instead of drawing a zero', () => {
    const svg = timeSeriesChart({ id: 'g', title: 't', description: 'd', xLabels: ['1', '2', '3', '4'], current: { label: 'c', values: [1, null, 3, 4] }, format: fmt });
    const d = /<path d="([^"]+)" fill="none" stroke="#0072B2"/.exec(svg)![1]!;
    expect(d.match(/M/g)).toHaveLength(2);
  });
  it('one point and an empty series draw without NaN', () => {
    for (const svg of [
      timeSeriesChart({ id: 'o', title: 't', description: 'd', xLabels: ['1'], current: { label: 'c', values: [5] }, format: fmt }),
      timeSeriesChart({ id: 'e', title: 't', description: 'd', xLabels: [], current: { label: 'c', values: [] }, format: fmt }),
      stackedBarChart({ id: 's', title: 't', description: 'd', categories: [], series: [], format: fmt }),
      splitChart({ id: 'p', title: 't', description: 'd', parts: [{ label: 'a', value: 0 }], format: fmt, percent: pct, centre: ['0', 'answers'] }),
      funnelChart({ id: 'f', title: 't', description: 'd', stages: [{ label: 'a', value: 0 }], format: fmt, percent: pct }),
    ]) {
      expect(svg).not.toMatch(/NaN|undefined|Infinity/);
    }
  });
  it('stacked bars: one rectangle per non-empty segment, heights adding up', () => {
    const svg = stackedBarChart({ id: 's', title: 't', description: 'd', categories: ['a', 'b'], series: [{ label: 'x', values: [1, 0] }, { label: 'y', values: [3, 2] }], format: fmt, height: 300 });
    const heights = [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)" fill="#/g)].map((m) => Number(m[1]));
    expect(heights).toHaveLength(3);
    expect(heights[0]! * 3).toBeCloseTo(heights[1]!, 0);
  });
  it('the heatmap writes each non-empty count in its cell, the funnel each share of the first stage', () => {
    const grid = [[0, 2], [7, 0]];
    const heat = heatmapChart({ id: 'h', title: 't', description: 'd', grid, rowLabels: ['Mon', 'Tue'], columnLabels: ['0', '1'] });
    expect([...heat.matchAll(/>(\d+)<\/text>/g)].map((m) => m[1])).toEqual(expect.arrayContaining(['2', '7']));
    const funnel = funnelChart({ id: 'f', title: 't', description: 'd', stages: [{ label: 'reached', value: 200 }, { label: 'confirmed', value: 50 }], format: fmt, percent: pct });
    expect(funnel).toContain('200 (100 %)');
    expect(funnel).toContain('50 (25 %)');
  });
});
