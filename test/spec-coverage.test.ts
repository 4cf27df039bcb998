import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { operationCell, readCoverageDoc, summaryLine } from './support/coverage-doc.ts';
import { measureCoverage, type SpecCoverage } from './support/spec-coverage.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

describe('coverage of the three specs', () => {
  let site: TestServer;
  let coverage: SpecCoverage[];
  before(async () => {
    site = await startTestServer();
    coverage = await measureCoverage(site);
  });
  after(() => site.dispose());

  it('routes every operation, or lists it in docs/coverage.md with a reason', () => {
    const documented = new Set(readCoverageDoc().gaps.map((gap) => `${gap.spec} ${gap.operation}`));
    const missing = coverage.flatMap((c) =>
      c.unrouted
        .map((operation) => `${c.spec} ${operationCell(operation)}`)
        .filter((key) => !documented.has(key)),
    );
    assert.deepEqual(missing, [], 'unrouted operations docs/coverage.md does not explain');
  });

  it('lists no operation in docs/coverage.md that is routed now, and gives each a reason', () => {
    const unrouted = new Set(
      coverage.flatMap((c) => c.unrouted.map((operation) => `${c.spec} ${operationCell(operation)}`)),
    );
    const gaps = readCoverageDoc().gaps;
    assert.deepEqual(
      gaps.filter((gap) => !unrouted.has(`${gap.spec} ${gap.operation}`)).map((gap) => gap.operation),
      [],
      'docs/coverage.md lists operations that are routed',
    );
    assert.deepEqual(
      gaps.filter((gap) => gap.reason.length < 10).map((gap) => gap.operation),
      [],
      'rows without a reason',
    );
  });

  it('states the measured numbers in docs/coverage.md and the README', () => {
    const summary = readCoverageDoc().summary.map((row) => `${row[0]}: ${row[1]} of ${row[2]}`);
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const c of coverage) {
      assert.ok(summary.includes(summaryLine(c)), `docs/coverage.md should say ${summaryLine(c)}`);
      assert.ok(readme.includes(summaryLine(c)), `the README should say ${summaryLine(c)}`);
    }
  });
});
