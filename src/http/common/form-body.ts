import type { FastifyInstance } from 'fastify';

export type FormFields = Record<string, string>;

/**
 * Lets the routes of one plugin take `application/x-www-form-urlencoded` bodies (Fastify refuses them with
 * 415 otherwise). Server-era clients send that type, often with an empty body and the fields in the query.
 */
export function acceptFormBodies(app: FastifyInstance): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, fieldsOf(new URLSearchParams(String(body))));
    },
  );
}

/** Each field once as a string; a field sent more than once (a multi-select's checkboxes) as an array. */
function fieldsOf(params: URLSearchParams): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const name of new Set(params.keys())) {
    const values = params.getAll(name);
    fields[name] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return fields;
}

/** The first value of a query or form field that may repeat. */
export function singleField(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}
