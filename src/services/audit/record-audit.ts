import type { Principal } from '../../domain/principal.ts';
import type { Clock } from '../../ports/clock.ts';
import type { MetadataRepositories } from '../../ports/metadata-store.ts';

export interface AuditEntry {
  category: string;
  summary: string;
  objectType?: string;
  objectId?: string;
  details?: Record<string, unknown>;
}

/** Written inside the caller's transaction, so a change and its audit record land together. */
export async function recordAudit(
  repositories: MetadataRepositories,
  clock: Clock,
  principal: Principal,
  entry: AuditEntry,
): Promise<void> {
  await repositories.audit.insert({
    createdAtMs: clock.nowMs(),
    authorId: principal.kind === 'user' ? principal.user.id : null,
    category: entry.category,
    summary: entry.summary,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId ?? null,
    details: entry.details ?? {},
  });
}
