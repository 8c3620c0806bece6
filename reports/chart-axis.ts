/**
 * The value axis of the experiments' charts: round steps, so that the tick labels read as figures a
 * person would write (0, 100, 200 rather than 0, 113, 226).
 */

/** An axis from `low` to `high` in steps of 1, 2 or 5 times a power of ten, about five of them. */
export function niceAxis(low: number, high: number): { readonly from: number; readonly to: number; readonly ticks: readonly number[] } {
  const span = high - low > 0 ? high - low : Math.max(Math.abs(high), 1);
  const rough = span / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ?? 10 * power;
  const from = Math.floor(low / step) * step;
  const to = Math.max(from + step, Math.ceil(high / step) * step);
  const ticks: number[] = [];
  for (let tick = from; tick <= to + step / 2 && ticks.length <= 20; tick += step) ticks.push(Math.round(tick / step) * step);
  return { from, to, ticks };
}
