import { readSpec, specFiles } from './profile-tables.ts';

/** `{id}`, `{spaceKey}`… all as `{}`: paths matched by place, whatever each document names the parameter. */
const shapeOf = (template: string) => template.replace(/\{[^}]*\}/g, '{}');

/**
 * The Data Center 10 paths that neither Cloud v1 document (2021-11, 2026-07) has: what a client sends to
 * `/wiki` only if it was written for Data Center (src/http/tributary/dc-only-paths.ts is this list).
 */
export function dcOnlyPathsFromSpecs(): string[] {
  const cloudPaths = new Set(
    [specFiles.cloudV1Before, specFiles.cloudV1Now].flatMap((file) =>
      Object.keys(readSpec(file).paths as object).map((template) => shapeOf(template.replace(/^\/wiki/, ''))),
    ),
  );
  const dcPaths = Object.keys(readSpec(specFiles.dataCenter).paths as object).map(shapeOf);
  return [...new Set(dcPaths)].filter((template) => !cloudPaths.has(template)).sort();
}
