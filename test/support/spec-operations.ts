import { readFileSync } from 'node:fs';

/**
 * The operations of the three specs Tributary answers (DEVELOPERS.md: Data Center 10, Cloud v1 and v2 as of
 * 2026-07), each with the path a request takes on this server.
 */
export const coveredSpecs = {
  'Data Center 10': { file: 'confluence-dc-10.0.3.openapi.json', prefix: '' },
  'Cloud v1 (2026-07)': { file: 'confluence-cloud-v1.2026-07.swagger.v3.json', prefix: '' },
  'Cloud v2 (2026-07)': { file: 'confluence-cloud-v2.2026-07.openapi.json', prefix: '/wiki/api/v2' },
} as const;
export type CoveredSpec = keyof typeof coveredSpecs;

export interface SpecOperation {
  spec: CoveredSpec;
  method: string;
  /** The path as the spec writes it, `{id}` and all. */
  template: string;
  /** A concrete request path on this server, every parameter filled in. */
  requestPath: string;
}

const httpMethods = ['get', 'post', 'put', 'delete', 'patch'];

// Values that route wherever a path parameter is constrained to a word (`child/{type}`, `byOperation/{key}`).
const sampleValues: Record<string, string> = {
  type: 'page',
  operationKey: 'read',
  spaceKey: 'NOPE',
  key: 'nope',
  contentStatus: 'current',
  to: 'storage',
};

export function specOperations(spec: CoveredSpec): SpecOperation[] {
  const { file, prefix } = coveredSpecs[spec];
  const document = JSON.parse(readFileSync(new URL(`../spec/${file}`, import.meta.url), 'utf8')) as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(document.paths).flatMap(([template, item]) =>
    Object.keys(item)
      .filter((method) => httpMethods.includes(method))
      .map((method) => ({
        spec,
        method: method.toUpperCase(),
        template,
        requestPath:
          prefix + template.replace(/\{([^}]+)\}/g, (_, name: string) => sampleValues[name] ?? '1'),
      })),
  );
}
