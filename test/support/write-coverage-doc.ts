import { writeCoverageDoc } from './coverage-doc.ts';
import { measureCoverage } from './spec-coverage.ts';
import { startTestServer } from './test-server.ts';

/** `node --import tsx test/support/write-coverage-doc.ts ["reason for new gaps"]` rewrites docs/coverage.md. */
const site = await startTestServer();
try {
  const coverage = await measureCoverage(site);
  writeCoverageDoc(coverage, process.argv[2] ?? 'Not routed yet (issue 17).');
  for (const c of coverage) console.log(`${c.spec}: ${c.operations - c.unrouted.length} of ${c.operations}`);
} finally {
  await site.dispose();
}
