import { type CoveredSpec, coveredSpecs, type SpecOperation, specOperations } from './spec-operations.ts';
import type { TestServer } from './test-server.ts';

/**
 * Whether Tributary routes a spec operation, asked over real HTTP as a client would: an operation is
 * unrouted when the answer is the router's own "No resource" 404 or its 405 (app.ts's not-found handler),
 * whatever the route itself then makes of the placeholder ids.
 */
export async function isRouted(site: TestServer, operation: SpecOperation): Promise<boolean> {
  const response = await site.request(operation.method, operation.requestPath, {
    headers: { 'x-atlassian-token': 'no-check' },
  });
  if (response.status !== 404 && response.status !== 405) return true;
  return !/No resource at |is not allowed here; use /.test(response.text);
}

export interface SpecCoverage {
  spec: CoveredSpec;
  operations: number;
  unrouted: SpecOperation[];
}

export async function measureCoverage(site: TestServer): Promise<SpecCoverage[]> {
  const coverage: SpecCoverage[] = [];
  for (const spec of Object.keys(coveredSpecs) as CoveredSpec[]) {
    const operations = specOperations(spec);
    const unrouted: SpecOperation[] = [];
    for (const operation of operations) {
      if (!(await isRouted(site, operation))) unrouted.push(operation);
    }
    coverage.push({ spec, operations: operations.length, unrouted });
  }
  return coverage;
}
