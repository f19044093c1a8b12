/**
 * The statistics every report uses: rates, plain and censored quantiles, and the comparison with the previous period.
 * Pure; an empty input gives null ("no data"), never 0 or NaN.
 */

/** n ÷ d, or null when there is nothing to divide by. */
export function rate(n: number, d: number): number | null {
  return d > 0 ? n / d : null;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * The q-quantile of uncensored values by the "lower" rule that Kaplan–Meier uses too: the smallest value at which at
 * least q of the values are at or below it (the median of [1, 2, 3, 4] is 2). Null for no values.
 */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.max(0, Math.ceil(q * sorted.length - 1e-9) - 1);
  return sorted[Math.min(index, sorted.length - 1)]!;
}

/** One subject's wait: `ms` until the event, or until `now` when it has not happened yet (censored). */
export interface Observation {
  ms: number;
  /** true: the event happened after `ms`; false: still waiting after `ms` (right-censored). */
  event: boolean;
}

export interface CensoredQuantile {
  /** The estimate, or null when the survival curve does not fall that far (too many still waiting). */
  value: number | null;
  /** When `value` is null: every subject is known to wait at least this long for that quantile (the longest observation). */
  atLeast: number | null;
}

/**
 * Kaplan–Meier quantiles of waiting times where some subjects are still waiting (an unanswered question is not left
 * out, which would flatter the figure, nor counted as answered now, which would too: it is censored at its current
 * wait). S(t) = Π over event times tᵢ ≤ t of (1 − dᵢ / nᵢ), with nᵢ subjects still at risk just before tᵢ (events
 * at the same time as a censoring come first, the usual convention). The q-quantile is the smallest event time with
 * S(t) ≤ 1 − q. When S never gets that low the quantile is not reached: `value` is null and `atLeast` is the longest
 * wait observed. Without censoring it equals `quantile`.
 */
export function kaplanMeierQuantiles(observations: readonly Observation[], qs: readonly number[]): CensoredQuantile[] {
  if (observations.length === 0) return qs.map(() => ({ value: null, atLeast: null }));
  const sorted = [...observations].sort((a, b) => a.ms - b.ms || Number(b.event) - Number(a.event));
  const results: (number | null)[] = qs.map(() => null);
  let atRisk = sorted.length;
  let survival = 1;
  let i = 0;
  while (i < sorted.length) {
    const t = sorted[i]!.ms;
    let deaths = 0;
    let removed = 0;
    while (i < sorted.length && sorted[i]!.ms === t) {
      if (sorted[i]!.event) deaths++;
      removed++;
      i++;
    }
    if (deaths > 0) {
      survival *= 1 - deaths / atRisk;
      qs.forEach((q, k) => {
        if (results[k] === null && survival <= 1 - q + 1e-12) results[k] = t;
      });
    }
    atRisk -= removed;
  }
  const longest = sorted.at(-1)!.ms;
  return results.map((value) => (value === null ? { value: null, atLeast: longest } : { value, atLeast: null }));
}

/** A figure of the period next to the same figure of the period before, and how it moved. */
export interface Comparison {
  value: number | null;
  previous: number | null;
  /** value − previous (percentage points for rates), null when either is missing. */
  delta: number | null;
  /** delta ÷ |previous|, null when either is missing or previous is 0. */
  relative: number | null;
}

export function compare(value: number | null, previous: number | null): Comparison {
  const delta = value !== null && previous !== null ? value - previous : null;
  const relative = delta !== null && previous !== null && previous !== 0 ? delta / Math.abs(previous) : null;
  return { value, previous, delta, relative };
}
