import { badRequest } from '../../domain/errors.ts';
import type { RedactionRequest } from '../../domain/storage-redaction.ts';
import type { RedactContentInput } from '../../services/content/redact-content.ts';
import type { JsonObject } from './content-input.ts';

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** `body.redactions` or `title.redactions`: each a pointer with an optional range and reason. */
function redactionsOf(raw: unknown, section: 'body' | 'title'): RedactionRequest[] {
  if (raw === undefined || raw === null) return [];
  const redactions = typeof raw === 'object' && !Array.isArray(raw) ? (raw as JsonObject).redactions : raw;
  if (redactions === undefined || redactions === null) return [];
  if (!Array.isArray(redactions)) {
    throw badRequest(`${section}.redactions must be an array`, { field: section });
  }
  return redactions.map((item: unknown) => {
    const redaction = (item !== null && typeof item === 'object' ? item : {}) as JsonObject;
    const { pointer, from, to, reason } = redaction;
    if (typeof pointer !== 'string') {
      throw badRequest(`Each of ${section}.redactions needs a pointer`, { field: section });
    }
    if ((from !== undefined && !isCount(from)) || (to !== undefined && !isCount(to))) {
      throw badRequest(`from and to of ${section}.redactions must be whole numbers from 0`, {
        field: section,
      });
    }
    if (reason !== undefined && reason !== null && typeof reason !== 'string') {
      throw badRequest(`reason of ${section}.redactions must be text`, { field: section });
    }
    return { pointer, from: from ?? 0, to, reason: reason ?? undefined };
  });
}

/** The redaction request body of the v2 spec. */
export function redactionInputOf(body: JsonObject): RedactContentInput {
  const createdAtMs = typeof body.createdAt === 'string' ? Date.parse(body.createdAt) : Number.NaN;
  if (Number.isNaN(createdAtMs)) {
    throw badRequest('createdAt is required: when the version being redacted was made', {
      field: 'createdAt',
    });
  }
  const { cleanHistory, versionNumber } = body;
  if (cleanHistory !== undefined && cleanHistory !== null && typeof cleanHistory !== 'boolean') {
    throw badRequest('cleanHistory must be true or false', { field: 'cleanHistory' });
  }
  if (
    versionNumber !== undefined &&
    versionNumber !== null &&
    !(isCount(versionNumber) && versionNumber > 0)
  ) {
    throw badRequest('versionNumber must be a version number', { field: 'versionNumber' });
  }
  return {
    createdAtMs,
    cleanHistory: cleanHistory === true,
    versionNumber: versionNumber ?? undefined,
    body: redactionsOf(body.body, 'body'),
    title: redactionsOf(body.title, 'title'),
  };
}
