import { badRequest } from '../../domain/errors.ts';
import { type GlobalOperation, globalOperations, parseOperation } from '../../domain/permissions.ts';
import type { Principal } from '../../domain/principal.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireAdministrator } from '../auth/require-administrator.ts';
import type { ServiceDeps } from '../deps.ts';
import type { DescribedPermission } from './list-space-permissions.ts';
import {
  describeSubjects,
  resolveSubject,
  type SubjectRef,
  subjectKey,
  subjectRefOf,
} from './permission-subjects.ts';

/**
 * Data Center's global permissions (`/rest/api/permissions`): who may use the site and create spaces.
 * Site administration itself is membership of confluence-administrators. Only administrators read or
 * change them.
 */

function globalOperationsOf(raw: unknown): GlobalOperation[] {
  if (!Array.isArray(raw)) throw badRequest('The operations must be an array of {targetType, operationKey}');
  return raw.map((entry) => parseOperation(entry, globalOperations));
}

export async function listGlobalPermissions(
  deps: ServiceDeps,
  principal: Principal,
  only?: SubjectRef,
): Promise<DescribedPermission<GlobalOperation>[]> {
  requireAdministrator(principal);
  const granted = await deps.store.permissions.globalPermissions();
  const wanted = only && subjectKey(await resolveSubject(deps, only));
  const kept =
    wanted === undefined ? granted : granted.filter((grant) => subjectKey(grant.subject) === wanted);
  const subjects = await describeSubjects(
    deps,
    kept.map((grant) => grant.subject),
  );
  return kept.flatMap((grant) => {
    const subject = subjects.get(subjectKey(grant.subject));
    return subject ? [{ id: grant.id, subject, operation: grant.operation }] : [];
  });
}

/** `PUT /permissions/{subject}/grant|revoke`. */
export async function changeGlobalPermissions(
  deps: ServiceDeps,
  principal: Principal,
  ref: SubjectRef,
  change: 'grant' | 'revoke',
  rawOperations: unknown,
): Promise<void> {
  requireAdministrator(principal);
  const operations = globalOperationsOf(rawOperations);
  const subject = await resolveSubject(deps, ref);
  await deps.store.transaction(async (repositories) => {
    if (change === 'grant')
      await repositories.permissions.grantGlobal(subject, operations, deps.clock.nowMs());
    else await repositories.permissions.revokeGlobal(subject, operations);
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Permissions',
      summary: change === 'grant' ? 'Global permissions granted' : 'Global permissions revoked',
      objectType: 'global',
      details: { subject: subjectKey(subject), operations },
    });
  });
}

/** `PUT /permissions`: each subject named holds exactly the operations listed; others keep theirs. */
export async function setGlobalPermissions(deps: ServiceDeps, principal: Principal, rawBody: unknown) {
  requireAdministrator(principal);
  if (!Array.isArray(rawBody))
    throw badRequest('The body must be an array of {userKey | groupName, operations}');
  const wanted = rawBody.map((entry) => ({
    ref: subjectRefOf(entry),
    operations: globalOperationsOf((entry as { operations?: unknown } | null)?.operations ?? []),
  }));
  const resolved = await Promise.all(
    wanted.map(async ({ ref, operations }) => ({ subject: await resolveSubject(deps, ref), operations })),
  );
  await deps.store.transaction(async (repositories) => {
    for (const { subject, operations } of resolved) {
      const keep = new Set(operations);
      await repositories.permissions.revokeGlobal(
        subject,
        globalOperations.filter((operation) => !keep.has(operation)),
      );
      await repositories.permissions.grantGlobal(subject, operations, deps.clock.nowMs());
    }
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Permissions',
      summary: 'Global permissions set',
      objectType: 'global',
      details: {
        subjects: resolved.map(({ subject, operations }) => ({ subject: subjectKey(subject), operations })),
      },
    });
  });
}
