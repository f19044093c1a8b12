import { scaleBand, scaleLinear, scalePoint } from 'd3-scale';
import { arc, line, pie, stack } from 'd3-shape';

/**
 * Charts drawn on the server as SVG markup: no script, no chart library in the browser. Each chart is an `<svg
 * role="img">` named by its `<title>` and described by its `<desc>`; the page puts the same numbers in a table behind
 * a disclosure (`ChartFigure.astro`). Scales and paths come from d3-scale and d3-shape. Text and axes use
 * `currentColor`, so charts follow the page's light or dark theme; series use the Okabe–Ito palette, which people
 * with colour-vision deficiencies tell apart, and a dashed line rather than a second colour marks the previous period.
 */

/** Okabe–Ito: blue, orange, bluish green, reddish purple, sky blue, vermillion, yellow. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442'] as const;

export interface ChartText {
  /** A unique id prefix on the page (the title and description are referenced by id). */
  id: string;
  title: string;
  description: string;
}

export type Format = (n: number) => string;

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for SVG markup (labels may hold category names members typed). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c]!);
}

const r = (n: number) => Math.round(n * 10) / 10;

function svg(text: ChartText, width: number, height: number, body: string, className = 'chart'): string {
  const id = escapeXml(text.id);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="${className}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="system-ui, sans-serif" font-size="12">` +
    `<title id="${id}-title">${escapeXml(text.title)}</title><desc id="${id}-desc">${escapeXml(text.description)}</desc>${body}</svg>`
  );
}

/** A line of text; `anchor` start | middle | end. */
function label(x: number, y: number, content: string, anchor = 'start', extra = ''): string {
  return `<text x="${r(x)}" y="${r(y)}" text-anchor="${anchor}" fill="currentColor"${extra}>${escapeXml(content)}</text>`;
}

/** Horizontal grid lines with their values; counts get whole-number ticks only (no "0.2 questions"). */
function yAxis(y: ReturnType<typeof scaleLinear<number, number>>, left: number, right: number, format: Format, ticks = 5): string {
  return y
    .ticks(ticks)
    .filter(Number.isInteger)
    .map((t) => `<line x1="${left}" x2="${right}" y1="${r(y(t))}" y2="${r(y(t))}" stroke="currentColor" stroke-opacity="${t === 0 ? 0.5 : 0.12}"/>` + label(left - 6, y(t) + 4, format(t), 'end'))
    .join('');
}

/** Legend entries in a row: a swatch (line, dashed line or box) and its label. */
function legend(items: { label: string; color: string; kind: 'line' | 'dashed' | 'box' }[], x: number, y: number, maxWidth: number): string {
  let cx = x;
  let cy = y;
  return items
    .map((item) => {
      const w = 26 + item.label.length * 6.4 + 16;
      if (cx + w > x + maxWidth && cx > x) {
        cx = x;
        cy += 18;
      }
      const swatch =
        item.kind === 'box'
          ? `<rect x="${r(cx)}" y="${cy - 9}" width="12" height="12" rx="2" fill="${item.color}"/>`
          : `<line x1="${r(cx)}" x2="${r(cx + 20)}" y1="${cy - 3}" y2="${cy - 3}" stroke="${item.color}" stroke-width="2.5"${item.kind === 'dashed' ? ' stroke-dasharray="5 4"' : ''}/>`;
      const out = swatch + label(cx + (item.kind === 'box' ? 18 : 26), cy + 1, item.label);
      cx += w;
      return out;
    })
    .join('');
}

export interface TimeSeriesInput extends ChartText {
  /** One label per point, e.g. the day ("3 mar"). */
  xLabels: string[];
  current: { label: string; values: (number | null)[] };
  /** The previous period, aligned point by point with the current one (day 1 with day 1). */
  previous?: { label: string; values: (number | null)[] };
  format: Format;
  width?: number;
  height?: number;
}

/** A time series with the previous period as a dashed line; gaps (null) break the line. */
export function timeSeriesChart(input: TimeSeriesInput): string {
  const width = input.width ?? 720;
  const height = input.height ?? 280;
  const m = { top: 16, right: 20, bottom: 56, left: 56 };
  const n = input.xLabels.length;
  const all = [...input.current.values, ...(input.previous?.values ?? [])].filter((v): v is number => v !== null);
  const max = Math.max(1, ...all);
  const x = scalePoint<number>()
    .domain(input.xLabels.map((_, i) => i))
    .range([m.left, width - m.right])
    .padding(n === 1 ? 0.5 : 0);
  const y = scaleLinear().domain([0, max]).nice().range([height - m.bottom, m.top]);
  const path = line<number | null>()
    .defined((v) => v !== null)
    .x((_, i) => x(i)!)
    .y((v) => y(v!));
  // At most ~8 labels on the x axis, evenly spread, always the first and the last.
  const step = Math.max(1, Math.ceil(n / 8));
  const tickAt = input.xLabels.map((_, i) => i).filter((i) => i % step === 0);
  // The last point gets a label too unless the one before it is too close.
  if (n > 1 && n - 1 - tickAt.at(-1)! >= step / 2) tickAt.push(n - 1);
  const xTicks = tickAt
    .map((i) => `<line x1="${r(x(i)!)}" x2="${r(x(i)!)}" y1="${height - m.bottom}" y2="${height - m.bottom + 4}" stroke="currentColor" stroke-opacity=".5"/>` + label(x(i)!, height - m.bottom + 18, input.xLabels[i]!, 'middle'))
    .join('');
  const dots = (values: (number | null)[], color: string) =>
    n <= 31 ? values.map((v, i) => (v === null ? '' : `<circle cx="${r(x(i)!)}" cy="${r(y(v))}" r="2.5" fill="${color}"/>`)).join('') : '';
  const previous = input.previous
    ? `<path d="${path(input.previous.values)}" fill="none" stroke="currentColor" stroke-opacity=".55" stroke-width="2" stroke-dasharray="5 4"/>`
    : '';
  const body =
    yAxis(y, m.left, width - m.right, input.format) +
    xTicks +
    previous +
    `<path d="${path(input.current.values)}" fill="none" stroke="${PALETTE[0]}" stroke-width="2.5" stroke-linejoin="round"/>` +
    dots(input.current.values, PALETTE[0]) +
    legend(
      [{ label: input.current.label, color: PALETTE[0], kind: 'line' }, ...(input.previous ? [{ label: input.previous.label, color: 'currentColor', kind: 'dashed' as const }] : [])],
      m.left,
      height - 12,
      width - m.left - m.right,
    );
  return svg(input, width, height, body);
}

export interface StackedBarsInput extends ChartText {
  /** One label per bar (a day, a category). */
  categories: string[];
  series: { label: string; values: number[] }[];
  format: Format;
  width?: number;
  height?: number;
}

/** Vertical stacked bars: one bar per category, one coloured segment per series, a legend below. */
export function stackedBarChart(input: StackedBarsInput): string {
  const width = input.width ?? 720;
  const height = input.height ?? 300;
  const m = { top: 16, right: 20, bottom: 64, left: 56 };
  const keys = input.series.map((_, i) => String(i));
  const rows = input.categories.map((_, ci) => Object.fromEntries(input.series.map((s, si) => [String(si), s.values[ci] ?? 0])) as Record<string, number>);
  const layers = stack<Record<string, number>>().keys(keys)(rows);
  const max = Math.max(1, ...rows.map((row) => keys.reduce((a, k) => a + row[k]!, 0)));
  const x = scaleBand<number>()
    .domain(input.categories.map((_, i) => i))
    .range([m.left, width - m.right])
    .paddingInner(0.2)
    .paddingOuter(0.1);
  const y = scaleLinear().domain([0, max]).nice().range([height - m.bottom, m.top]);
  const bars = layers
    .map((layer, si) =>
      layer
        .map((d, ci) => {
          const h = y(d[0]) - y(d[1]);
          return h > 0 ? `<rect x="${r(x(ci)!)}" y="${r(y(d[1]))}" width="${r(x.bandwidth())}" height="${r(h)}" fill="${PALETTE[si % PALETTE.length]}"/>` : '';
        })
        .join(''),
    )
    .join('');
  const n = input.categories.length;
  const step = Math.max(1, Math.ceil(n / 10));
  const xLabels = input.categories.map((c, i) => (i % step === 0 ? label(x(i)! + x.bandwidth() / 2, height - m.bottom + 16, c.length > 16 ? `${c.slice(0, 15)}…` : c, 'middle') : '')).join('');
  const body =
    yAxis(y, m.left, width - m.right, input.format) +
    bars +
    xLabels +
    legend(
      input.series.map((s, i) => ({ label: s.label, color: PALETTE[i % PALETTE.length]!, kind: 'box' as const })),
      m.left,
      height - 26,
      width - m.left - m.right,
    );
  return svg(input, width, height, body);
}

export interface HeatmapInput extends ChartText {
  /** rows × columns of counts (e.g. 7 weekdays × 24 hours). */
  grid: number[][];
  rowLabels: string[];
  columnLabels: string[];
  /** Written under an empty grid. */
  emptyText?: string;
  width?: number;
}

/** A grid of cells shaded by count (light = few, dark = many), the count written in each non-empty cell. */
export function heatmapChart(input: HeatmapInput): string {
  const width = input.width ?? 720;
  const m = { top: 24, right: 12, bottom: 36, left: 44 };
  const columns = input.columnLabels.length;
  const cell = (width - m.left - m.right) / columns;
  const height = m.top + cell * input.rowLabels.length + m.bottom;
  const max = Math.max(1, ...input.grid.flat());
  const shade = scaleLinear<string>().domain([0, max]).range(['#eef5fb', '#08306b']);
  const cells = input.grid
    .map((row, ri) =>
      row
        .map((v, ci) => {
          const cx = m.left + ci * cell;
          const cy = m.top + ri * cell;
          const dark = v / max > 0.45;
          const count = v > 0 ? `<text x="${r(cx + cell / 2)}" y="${r(cy + cell / 2 + 4)}" text-anchor="middle" font-size="${cell < 26 ? 9 : 11}" fill="${dark ? '#ffffff' : '#1b1f24'}">${v}</text>` : '';
          return `<rect x="${r(cx + 1)}" y="${r(cy + 1)}" width="${r(cell - 2)}" height="${r(cell - 2)}" rx="2" fill="${v === 0 ? 'none' : shade(v)}" stroke="currentColor" stroke-opacity="${v === 0 ? 0.15 : 0}"/>${count}`;
        })
        .join(''),
    )
    .join('');
  const rows = input.rowLabels.map((text, i) => label(m.left - 6, m.top + i * cell + cell / 2 + 4, text, 'end')).join('');
  const cols = input.columnLabels.map((text, i) => (i % 3 === 0 ? label(m.left + i * cell + cell / 2, m.top - 8, text, 'middle') : '')).join('');
  const total = input.grid.flat().reduce((a, b) => a + b, 0);
  const scale =
    total === 0
      ? label(m.left, height - 12, input.emptyText ?? '')
      : `<rect x="${m.left}" y="${r(height - 22)}" width="12" height="12" rx="2" fill="${shade(1)}"/>` + label(m.left + 16, height - 12, '1') + `<rect x="${m.left + 40}" y="${r(height - 22)}" width="12" height="12" rx="2" fill="${shade(max)}"/>` + label(m.left + 56, height - 12, String(max));
  return svg(input, width, Math.round(height), cells + rows + cols + scale);
}

export interface FunnelInput extends ChartText {
  /** `aside`: a stage beside the funnel rather than in it (e.g. "submitted anyway"), drawn in another colour. */
  stages: { label: string; value: number; aside?: boolean }[];
  format: Format;
  /** How each stage's share of the first is written (e.g. "42 %"). */
  percent: Format;
  width?: number;
}

/** A funnel as horizontal bars from the first stage down, each with its count and share of the first stage. */
export function funnelChart(input: FunnelInput): string {
  const width = input.width ?? 720;
  const bar = 34;
  const gap = 12;
  const m = { top: 8, right: 140, bottom: 8, left: 190 };
  const height = m.top + input.stages.length * (bar + gap) - gap + m.bottom;
  const first = input.stages[0]?.value ?? 0;
  const x = scaleLinear()
    .domain([0, Math.max(1, first, ...input.stages.map((s) => s.value))])
    .range([0, width - m.left - m.right]);
  const body = input.stages
    .map((s, i) => {
      const y = m.top + i * (bar + gap);
      const w = Math.max(s.value > 0 ? 2 : 0, x(s.value));
      const share = first > 0 ? ` (${input.percent(s.value / first)})` : '';
      return (
        label(m.left - 10, y + bar / 2 + 4, s.label, 'end') +
        `<rect x="${m.left}" y="${y}" width="${r(w)}" height="${bar}" rx="3" fill="${s.aside ? PALETTE[5] : PALETTE[0]}" fill-opacity="${s.aside ? 0.85 : 1 - i * 0.14}"/>` +
        label(m.left + w + 8, y + bar / 2 + 4, `${input.format(s.value)}${share}`, 'start', ' font-weight="600"')
      );
    })
    .join('');
  return svg(input, width, height, body);
}

export interface SplitInput extends ChartText {
  parts: { label: string; value: number }[];
  format: Format;
  percent: Format;
  /** The total written in the middle of the ring, a figure over a word: ["128", "answers"]. */
  centre: [string, string];
  width?: number;
}

/** A ring split into parts (e.g. first answers by responder type) with a legend giving each count and share. */
export function splitChart(input: SplitInput): string {
  const width = input.width ?? 520;
  const height = 220;
  const radius = 90;
  const cx = 110;
  const cy = height / 2;
  const total = input.parts.reduce((a, p) => a + p.value, 0);
  const arcs = pie<{ label: string; value: number }>()
    .sort(null)
    .value((p) => p.value)(input.parts);
  const shape = arc<(typeof arcs)[number]>()
    .innerRadius(radius * 0.58)
    .outerRadius(radius)
    .padAngle(total > 0 ? 0.01 : 0);
  const ring =
    total > 0
      ? arcs.map((a, i) => (a.value > 0 ? `<path d="${shape(a)}" transform="translate(${cx},${cy})" fill="${PALETTE[i % PALETTE.length]}"/>` : '')).join('')
      : `<circle cx="${cx}" cy="${cy}" r="${radius * 0.79}" fill="none" stroke="currentColor" stroke-opacity=".2" stroke-width="${radius * 0.42}"/>`;
  const keys = input.parts
    .map((p, i) => {
      const y = 40 + i * 28;
      const share = total > 0 ? ` · ${input.percent(p.value / total)}` : '';
      return `<rect x="240" y="${y - 11}" width="14" height="14" rx="2" fill="${PALETTE[i % PALETTE.length]}"/>` + label(262, y + 1, `${p.label}: ${input.format(p.value)}${share}`);
    })
    .join('');
  return svg(input, width, height, ring + label(cx, cy + 2, input.centre[0], 'middle', ' font-weight="600" font-size="20"') + label(cx, cy + 20, input.centre[1], 'middle') + keys, 'chart chart-compact');
}
