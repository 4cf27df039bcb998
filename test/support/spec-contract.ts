import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/**
 * Checks response bodies against the operation's response schema in test/spec (copied from the shared specs; provenance in test/spec/SOURCES.md), so every endpoint
 * test can assert the contract that real clients were generated from.
 */
const specFiles = {
  dc: 'confluence-dc-10.0.3.openapi.json',
  'cloud-v1': 'confluence-cloud-v1.2021-11.swagger.v3.json',
  'cloud-v2': 'confluence-cloud-v2.2026-07.openapi.json',
  'cloud-v1-2026': 'confluence-cloud-v1.2026-07.swagger.v3.json',
} as const;
export type SpecName = keyof typeof specFiles;

type Json = Record<string, unknown>;

const specDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../spec');
const specs = new Map<SpecName, Json>();
const validators = new Map<string, ValidateFunction>();

// OpenAPI 3.0 is close to JSON Schema draft 4/7: `nullable` is understood by Ajv, its numeric formats are not.
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
const addFormats = addFormatsModule as unknown as (instance: Ajv) => void;
addFormats(ajv);
for (const format of ['int32', 'int64', 'float', 'double', 'binary', 'byte', 'password']) {
  ajv.addFormat(format, true);
}

function specOf(name: SpecName): Json {
  let spec = specs.get(name);
  if (!spec) {
    spec = JSON.parse(readFileSync(path.join(specDir, specFiles[name]), 'utf8')) as Json;
    correctKnownQuirks(spec);
    specs.set(name, spec);
  }
  return spec;
}

/**
 * Where a spec and real servers disagree, real clients win (DEVELOPERS.md); each correction cites why.
 */
function correctKnownQuirks(spec: Json): void {
  const schemas = (spec.components as { schemas?: Record<string, Json> } | undefined)?.schemas ?? {};
  const validationResult = schemas.ValidationResult?.properties as Record<string, Json> | undefined;
  // Real DC and Cloud send `"errors": []` (api-reference.md §0.7); the DC spec's generator says object.
  if (validationResult?.errors) validationResult.errors = { type: ['array', 'object'] };
}

function responseSchema(name: SpecName, method: string, pathTemplate: string, status: number): Json {
  const paths = specOf(name).paths as Record<string, Record<string, Json>>;
  const operation = paths[pathTemplate]?.[method.toLowerCase()];
  assert.ok(operation, `${name} spec has no ${method} ${pathTemplate}`);
  const responses = operation.responses as Record<string, Json>;
  const response = responses[String(status)] ?? responses.default;
  assert.ok(response, `${name} spec documents no ${status} for ${method} ${pathTemplate}`);
  const content = response.content as Record<string, { schema?: Json }> | undefined;
  const schema = content?.['application/json']?.schema;
  assert.ok(schema, `${name} spec has no JSON schema for ${status} of ${method} ${pathTemplate}`);
  return schema;
}

/** Asserts that `body` is a valid `status` response of the operation; the message lists every violation. */
export function assertMatchesSpec(
  name: SpecName,
  method: string,
  pathTemplate: string,
  status: number,
  body: unknown,
): void {
  const key = `${name} ${method} ${pathTemplate} ${status}`;
  let validate = validators.get(key);
  if (!validate) {
    // The response schema's `#/components/...` refs resolve inside a copy that carries the components.
    const schema = {
      ...responseSchema(name, method, pathTemplate, status),
      components: specOf(name).components,
    };
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  const valid = validate(body);
  assert.ok(valid, `${key}: ${ajv.errorsText(validate.errors, { separator: '\n  ' })}`);
}
