import { type AuditObject, type AuditRecord, auditNoun } from '../../../domain/audit.ts';
import type { Surface } from '../../common/surface.ts';

const wireObject = (object: AuditObject) => ({ name: object.name, objectType: auditNoun(object.type) });

/** The space, the content (unless it is the affected object) and the rest, as Confluence associates them. */
export function associatedObjectsOf(record: AuditRecord): AuditObject[] {
  const { object, space, content } = record;
  const contentIsObject = content && object?.type === content.type && object.id === String(content.id);
  return [
    ...(space ? [{ type: 'space', name: space.name, id: space.key }] : []),
    ...(content && !contentIsObject
      ? [{ type: content.type, name: content.title, id: String(content.id) }]
      : []),
    ...record.associated,
  ];
}

/**
 * An `AuditRecord` (Cloud v1 spec). The author follows the surface as users do (present/user.ts): Data
 * Center names username and userKey, Cloud the accountId.
 */
export function presentV1AuditRecord(record: AuditRecord, surface: Surface) {
  const { author } = record;
  return {
    author: {
      type: 'user',
      displayName: author.displayName,
      operations: null,
      ...(surface.cloud
        ? {
            accountId: author.accountId,
            accountType: 'atlassian',
            publicName: author.displayName,
            isExternalCollaborator: false,
          }
        : { username: author.username, userKey: author.userKey }),
    },
    remoteAddress: record.remoteAddress,
    creationDate: record.createdAtMs,
    summary: record.summary,
    description: record.description,
    category: record.category,
    sysAdmin: record.sysAdmin,
    superAdmin: false,
    affectedObject: record.object ? wireObject(record.object) : { name: '', objectType: '' },
    changedValues: record.changes.map((change) => ({
      name: change.name,
      oldValue: change.before,
      newValue: change.after,
    })),
    associatedObjects: associatedObjectsOf(record).map(wireObject),
  };
}
