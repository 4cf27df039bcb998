import type { AuditAuthor, AuditChange, AuditObject, AuditRecord } from '../../domain/audit.ts';
import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';

type Json = Record<string, unknown>;

// Longer than any summary Confluence shows; keeps one call from filling the log.
const longestText = 10_000;
const latestDateMs = 8.64e15;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function textOf(value: unknown, field: string, fallback = ''): string {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string') throw badRequest(`${field} must be a string`, { field });
  if (value.length > longestText) {
    throw badRequest(`${field} may be at most ${longestText} characters`, { field });
  }
  return value;
}

function objectOf(value: unknown, field: string): AuditObject {
  if (!isObject(value)) throw badRequest(`${field} must be an object with name and objectType`, { field });
  return {
    name: textOf(value.name, `${field}.name`),
    type: textOf(value.objectType, `${field}.objectType`),
    id: null,
  };
}

function listOf<T>(value: unknown, field: string, item: (entry: unknown, field: string) => T): T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest(`${field} must be an array`, { field });
  return value.map((entry, index) => item(entry, `${field}[${index}]`));
}

function changeOf(value: unknown, field: string): AuditChange {
  if (!isObject(value))
    throw badRequest(`${field} must be an object with name, oldValue and newValue`, { field });
  return {
    name: textOf(value.name, `${field}.name`),
    before: textOf(value.oldValue, `${field}.oldValue`),
    after: textOf(value.newValue, `${field}.newValue`),
  };
}

/**
 * The record's author as given (Cloud: "If author is not specified, then all author properties will be
 * set to null/empty"); a username or userKey of a known user fills in the rest from that user.
 */
async function authorOf(deps: ServiceDeps, value: unknown): Promise<AuditAuthor> {
  const nobody: AuditAuthor = {
    userId: null,
    username: null,
    userKey: null,
    accountId: null,
    displayName: '',
  };
  if (value === undefined || value === null) return nobody;
  if (!isObject(value)) throw badRequest('author must be an object', { field: 'author' });
  if (value.type !== undefined && value.type !== 'user') {
    throw badRequest(`author.type must be 'user', not ${JSON.stringify(value.type)}`, {
      field: 'author.type',
    });
  }
  const username = textOf(value.username, 'author.username') || null;
  const userKey = textOf(value.userKey, 'author.userKey') || null;
  const displayName = textOf(value.displayName, 'author.displayName');
  const user =
    (userKey ? await deps.store.users.findByUserKey(userKey) : undefined) ??
    (username ? await deps.store.users.findByUsername(username) : undefined);
  if (!user) return { ...nobody, username, userKey, displayName };
  return {
    userId: user.id,
    username: user.username,
    userKey: user.userKey,
    accountId: user.accountId,
    displayName: displayName || user.displayName,
  };
}

function creationDateOf(value: unknown, nowMs: number): number {
  if (value === undefined || value === null) return nowMs;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > latestDateMs) {
    throw badRequest(`creationDate must be a time in epoch milliseconds, not ${JSON.stringify(value)}`, {
      field: 'creationDate',
    });
  }
  return value;
}

/**
 * `POST /audit`: an administrator (or an app acting as one) adds a record of its own, in Cloud's
 * `AuditRecordCreate` shape. Who posted it is kept with the record, whatever author it names.
 */
export async function createAuditRecord(
  deps: ServiceDeps,
  principal: Principal,
  body: unknown,
): Promise<AuditRecord> {
  requireAdministrator(principal);
  if (!isObject(body)) throw badRequest('The body must be an audit record object');
  // Cloud v1 spec: 400 "if the remoteAddress property is not specified".
  if (body.remoteAddress === undefined || body.remoteAddress === null) {
    throw badRequest('remoteAddress is required', { field: 'remoteAddress' });
  }
  const remoteAddress = textOf(body.remoteAddress, 'remoteAddress');
  if (body.sysAdmin !== undefined && typeof body.sysAdmin !== 'boolean') {
    throw badRequest('sysAdmin must be true or false', { field: 'sysAdmin' });
  }
  const record = {
    createdAtMs: creationDateOf(body.creationDate, deps.clock.nowMs()),
    author: await authorOf(deps, body.author),
    remoteAddress,
    category: textOf(body.category, 'category'),
    summary: textOf(body.summary, 'summary'),
    description: textOf(body.description, 'description'),
    sysAdmin: body.sysAdmin === true,
    object:
      body.affectedObject === undefined || body.affectedObject === null
        ? null
        : objectOf(body.affectedObject, 'affectedObject'),
    space: null,
    content: null,
    changes: listOf(body.changedValues, 'changedValues', changeOf),
    associated: listOf(body.associatedObjects, 'associatedObjects', objectOf),
    details: {
      postedBy: principal.kind === 'user' ? principal.user.username : principal.kind,
    },
  };
  return deps.store.transaction((repositories) => repositories.audit.insert(record));
}
