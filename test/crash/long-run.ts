/**
 * The long run of the crash harness: `node --import tsx test/crash/long-run.ts --rounds 300 --seed 1`.
 * Prints each round and a summary (rounds, writes acknowledged, kills by moment, failures found); exits 1
 * when any failure was found. TRIBUTARY_TEST_POSTGRES_URL and TRIBUTARY_TEST_S3_ENDPOINT put the site on
 * PostgreSQL and S3, as for the tests. `--built` runs `node bin/tributary.js serve` over dist/ (`npm run build`
 * first) instead of the sources through tsx: the same code, started faster.
 */
import { parseArgs } from 'node:util';
import { runCrashRounds } from './crash-rounds.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '100' },
    seed: { type: 'string', default: '1' },
    writers: { type: 'string', default: '4' },
    'max-load-ms': { type: 'string', default: '2500' },
    built: { type: 'boolean', default: false },
  },
});
const startedMs = Date.now();
const result = await runCrashRounds({
  rounds: Number(values.rounds),
  seed: Number(values.seed),
  writers: Number(values.writers),
  maxLoadMs: Number(values['max-load-ms']),
  launcher: values.built,
  log: (line) => console.log(line),
});
console.log(
  [
    `rounds: ${result.rounds}`,
    `kills: ${result.kills} (${Object.entries(result.killsBy)
      .map(([kind, count]) => `${kind} ${count}`)
      .join(', ')})`,
    `writes acknowledged: ${result.acknowledged}`,
    `writes unanswered at a kill: ${result.unanswered}`,
    `attachment versions downloaded and hashed: ${result.versionsDownloaded}`,
    `young unreferenced blobs at the end (left by killed uploads; fsck leaves them to the grace period): ${result.youngUnreferencedBlobs}`,
    `failures: ${result.failures.length}`,
    `wall time: ${Math.round((Date.now() - startedMs) / 1000)} s`,
  ].join('\n'),
);
for (const failure of result.failures) console.log(`FAILURE ${failure}`);
process.exitCode = result.failures.length > 0 ? 1 : 0;
