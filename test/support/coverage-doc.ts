import { readFileSync, writeFileSync } from 'node:fs';
import { markdownTable } from './markdown-table.ts';
import type { SpecCoverage } from './spec-coverage.ts';
import type { SpecOperation } from './spec-operations.ts';

/**
 * docs/coverage.md: how many operations of each spec Tributary routes, and every one it does not with the
 * reason. The coverage test reads it; `writeCoverageDoc` rewrites it from a measurement, keeping reasons.
 */
export const coverageDocUrl = new URL('../../docs/coverage.md', import.meta.url);

export const operationCell = (operation: Pick<SpecOperation, 'method' | 'template'>) =>
  `\`${operation.method} ${operation.template}\``;

export interface DocumentedGap {
  spec: string;
  operation: string;
  reason: string;
}

function rowsUnder(text: string, heading: string): string[][] {
  const section = text.split(`## ${heading}`)[1]?.split('\n## ')[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\| -+ \|/.test(line) && !line.startsWith('| spec '))
    .map((line) =>
      line
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

export function readCoverageDoc(): { summary: string[][]; gaps: DocumentedGap[] } {
  const text = readFileSync(coverageDocUrl, 'utf8');
  return {
    summary: rowsUnder(text, 'Summary'),
    gaps: rowsUnder(text, 'Not routed').map(([spec = '', operation = '', reason = '']) => ({
      spec,
      operation,
      reason,
    })),
  };
}

export const summaryLine = (coverage: SpecCoverage) =>
  `${coverage.spec}: ${coverage.operations - coverage.unrouted.length} of ${coverage.operations}`;

export function writeCoverageDoc(coverage: SpecCoverage[], defaultReason: string): void {
  const reasons = new Map(readCoverageDoc().gaps.map((gap) => [`${gap.spec} ${gap.operation}`, gap.reason]));
  const lines = [
    '# Coverage of the specs',
    '',
    'Every operation of the three specs Tributary answers (the copies in `test/spec/`), sent to a running',
    'server by `test/spec-coverage.test.ts`: an operation counts as routed unless the router itself answers',
    '"No resource" (404) or 405. The test fails when an operation is neither routed nor listed below with its',
    'reason, and when a listed one has since been routed.',
    '',
    '## Summary',
    '',
    ...markdownTable(
      ['spec', 'routed', 'operations'],
      coverage.map((c) => [c.spec, String(c.operations - c.unrouted.length), String(c.operations)]),
    ),
    '',
    '## Not routed',
    '',
    ...markdownTable(
      ['spec', 'operation', 'why'],
      coverage.flatMap((c) =>
        c.unrouted.map((operation) => {
          const cell = operationCell(operation);
          return [c.spec, cell, reasons.get(`${c.spec} ${cell}`) ?? defaultReason];
        }),
      ),
    ),
    '',
  ];
  writeFileSync(coverageDocUrl, lines.join('\n'));
}
