import type { AuditAuthor, AuditChange, AuditObject, AuditRecord } from '../../domain/audit.ts';
import { badRequest } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';

/** An object a record concerns, as Cloud's `AffectedObject` names it. */
export interface AuditObjectRequest {
  name?: string | null;
  objectType?: string | null;
}

/** Cloud v1's `AuditRecordCreate`; absent and `null` fields alike are left out of the record. */
export interface AuditRecordRequest {
  remoteAddress?: string | null;
  creationDate?: number | null;
  author?: {
    type?: 'user';
    username?: string | null;
    userKey?: string | null;
    displayName?: string | null;
  } | null;
  category?: string | null;
  summary?: string | null;
  description?: string | null;
  sysAdmin?: boolean;
  affectedObject?: AuditObjectRequest | null;
  changedValues?: { name?: string | null; oldValue?: string | null; newValue?: string | null }[] | null;
  associatedObjects?: AuditObjectRequest[] | null;
}

const objectOf = (given: AuditObjectRequest): AuditObject => ({
  name: given.name ?? '',
  type: given.objectType ?? '',
  id: null,
});

/**
 * The record's author as given (Cloud: "If author is not specified, then all author properties will be
 * set to null/empty"); a username or userKey of a known user fills in the rest from that user.
 */
async function authorOf(deps: ServiceDeps, given: AuditRecordRequest['author']): Promise<AuditAuthor> {
  const nobody: AuditAuthor = {
    userId: null,
    username: null,
    userKey: null,
    accountId: null,
    displayName: '',
  };
  if (given === undefined || given === null) return nobody;
  const username = given.username || null;
  const userKey = given.userKey || null;
  const displayName = given.displayName ?? '';
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

/**
 * `POST /audit`: an administrator (or an app acting as one) adds a record of its own, in Cloud's
 * `AuditRecordCreate` shape. Who posted it is kept with the record, whatever author it names.
 */
export async function createAuditRecord(
  deps: ServiceDeps,
  principal: Principal,
  body: AuditRecordRequest,
): Promise<AuditRecord> {
  requireAdministrator(principal);
  // Cloud v1 spec: 400 "if the remoteAddress property is not specified".
  const { remoteAddress } = body;
  if (remoteAddress === undefined || remoteAddress === null) {
    throw badRequest('remoteAddress is required', { field: 'remoteAddress' });
  }
  const record = {
    createdAtMs: body.creationDate ?? deps.clock.nowMs(),
    author: await authorOf(deps, body.author),
    remoteAddress,
    category: body.category ?? '',
    summary: body.summary ?? '',
    description: body.description ?? '',
    sysAdmin: body.sysAdmin === true,
    object: body.affectedObject ? objectOf(body.affectedObject) : null,
    space: null,
    content: null,
    changes: (body.changedValues ?? []).map(
      (change): AuditChange => ({
        name: change.name ?? '',
        before: change.oldValue ?? '',
        after: change.newValue ?? '',
      }),
    ),
    associated: (body.associatedObjects ?? []).map(objectOf),
    details: {
      postedBy: principal.kind === 'user' ? principal.user.username : principal.kind,
    },
  };
  return deps.store.transaction((repositories) => repositories.audit.insert(record));
}
