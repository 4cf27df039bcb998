/**
 * Every speed benchmark of issue 21, one after the other, run after run, and the summary that the README's
 * table is made from: per measure, the median over runs, the spread of its ratio, and in how many runs it
 * met its goal.
 *
 *   node --import tsx bench/speed.ts [--runs 3] [--only request-path,paging] [--quick]
 *
 * Each bench runs in a process of its own (nothing warms the next one), prints its own table, and ends with
 * a `BENCH-RESULT` line (bench/support/report.ts). Nothing else should run on the machine meanwhile.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type BenchResult, type Measure, markdownTable, resultMarker } from './support/report.ts';
import { serverEnvironment } from './support/server-environment.ts';
import { median } from './support/stats.ts';

/** In the order of the items. */
const benches = [
  'request-path',
  'small-uploads',
  'big-files',
  'downloads',
  'paging',
  'loaded-latency',
  'start-up',
  'bad-passwords',
] as const;

const here = path.dirname(fileURLToPath(import.meta.url));

function runBench(name: string, flags: readonly string[]): Promise<BenchResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, `${name}.ts`), ...flags], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: serverEnvironment(),
    });
    const results: BenchResult[] = [];
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      process.stdout.write(chunk);
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith(resultMarker)) results.push(JSON.parse(line.slice(resultMarker.length)));
      }
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(results) : reject(new Error(`bench/${name}.ts exited with ${code}`)),
    );
  });
}

const range = (values: readonly number[]) => {
  const figure = (value: number) => String(Number(value.toPrecision(3)));
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? figure(low) : `${figure(low)}–${figure(high)}`;
};

/** One row per measure over all runs: median figure and baseline, ratio spread, runs that met the goal. */
function summarise(runs: readonly BenchResult[][]): string {
  const byMeasure = new Map<string, Measure[]>();
  for (const results of runs) {
    for (const { bench, measures } of results) {
      for (const measure of measures) {
        const key = `${bench}: ${measure.name}`;
        byMeasure.set(key, [...(byMeasure.get(key) ?? []), measure]);
      }
    }
  }
  const rows = [...byMeasure].map(([key, measures]) => {
    const [first] = measures as [Measure];
    const baselines = measures.flatMap((measure) => (measure.baseline ? [measure.baseline.value] : []));
    const ratios = measures.flatMap((measure) => (measure.ratio === undefined ? [] : [measure.ratio]));
    const met = measures.filter((measure) => measure.met).length;
    return [
      key,
      `${range([median(measures.map((measure) => measure.value))])} ${first.unit}`,
      first.baseline ? `${first.baseline.name} ${range([median(baselines)])} ${first.baseline.unit}` : '',
      ratios.length > 0 ? `${range([median(ratios)])} (${range(ratios)})` : '',
      first.goal,
      `${met}/${measures.length}`,
    ];
  });
  return markdownTable(
    ['measure', 'Tributary (median)', 'baseline (median)', 'ratio median (spread)', 'goal', 'runs met'],
    rows,
  );
}

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
  },
});
const chosen = values.only ? values.only.split(',') : [...benches];
const runs: BenchResult[][] = [];
for (let run = 1; run <= Number(values.runs); run += 1) {
  const results: BenchResult[] = [];
  for (const name of chosen) {
    console.log(`\n## run ${run}: bench/${name}.ts\n`);
    results.push(...(await runBench(name, values.quick ? ['--quick'] : [])));
  }
  runs.push(results);
}
console.log(`\n## Summary of ${runs.length} run(s), ${new Date().toISOString().slice(0, 10)}\n`);
console.log(summarise(runs));
