/**
 * How every speed benchmark states its figures: a table for people, then one `BENCH-RESULT` JSON line that
 * `bench/speed.ts` gathers into the summary of a full run (issue 21, item 8).
 */

/** One figure, with the same-run baseline it is judged against when it has one. */
export interface Measure {
  /** What was measured, e.g. "GET one attachment's metadata, v2, Bearer, 32 connections". */
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number; unit: string };
  /** Tributary over the baseline, or the figure the goal is stated in (last page over first, say). */
  ratio?: number;
  /** The goal in words, e.g. "≥ 0.4"; `met` says whether this run reached it. */
  goal: string;
  met: boolean;
  /** The rounds behind the figure, e.g. "rounds 0.38–0.44", so a noisy machine shows as a spread. */
  spread?: string;
}

export interface BenchResult {
  bench: string;
  measures: Measure[];
}

export const resultMarker = 'BENCH-RESULT ';

const figure = (value: number) =>
  Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en') : String(Number(value.toPrecision(3)));

/** A measure as a row of the summary tables (README, docs/performance.md). */
export function measureRow(measure: Measure): string[] {
  const { baseline } = measure;
  return [
    measure.name,
    `${figure(measure.value)} ${measure.unit}`,
    baseline ? `${baseline.name} ${figure(baseline.value)} ${baseline.unit}` : '',
    measure.ratio === undefined ? '' : figure(measure.ratio),
    measure.spread ?? '',
    `${measure.goal} ${measure.met ? 'met' : 'MISSED'}`,
  ];
}

export const measureHeader = ['measure', 'Tributary', 'baseline, same run', 'ratio', 'spread', 'goal'];

/** A Markdown table, its columns padded so that it also reads well in a terminal. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${widths.map((width, column) => (cells[column] ?? '').padEnd(width)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** Prints the bench's figures as a table and as the machine-readable line `bench/speed.ts` reads. */
export function report(bench: string, measures: readonly Measure[]): void {
  console.log(`\n${bench}\n\n${markdownTable(measureHeader, measures.map(measureRow))}\n`);
  const result: BenchResult = { bench, measures: [...measures] };
  console.log(resultMarker + JSON.stringify(result));
}
