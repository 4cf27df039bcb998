import { Type } from 'typebox';
import { Maybe, v1QueryOf } from './common.ts';

// Longer than any summary Confluence shows; keeps one call from filling the log.
const Text = Type.String({ maxLength: 10_000 });

const AuditObject = Type.Object({ name: Maybe(Text), objectType: Maybe(Text) });

/**
 * Cloud v1's `AuditRecordCreate`. `remoteAddress` is required, but its absence is refused by the use case
 * with the spec's own wording, after the caller is known to be an administrator.
 */
export const AuditRecordBody = Type.Object({
  remoteAddress: Maybe(Text),
  // Epoch milliseconds, within what a JavaScript date can hold.
  creationDate: Maybe(Type.Integer({ minimum: 0, maximum: 8.64e15 })),
  author: Maybe(
    Type.Object({
      type: Type.Optional(Type.Literal('user')),
      username: Maybe(Text),
      userKey: Maybe(Text),
      displayName: Maybe(Text),
    }),
  ),
  category: Maybe(Text),
  summary: Maybe(Text),
  description: Maybe(Text),
  sysAdmin: Type.Optional(Type.Boolean()),
  affectedObject: Maybe(AuditObject),
  changedValues: Maybe(
    Type.Array(Type.Object({ name: Maybe(Text), oldValue: Maybe(Text), newValue: Maybe(Text) })),
  ),
  associatedObjects: Maybe(Type.Array(AuditObject)),
});

/** `RetentionPeriod`: the use case checks the number's range and the units' names. */
export const RetentionBody = Type.Object({ number: Maybe(Type.Number()), units: Maybe(Type.String()) });

const dates = ['startDate', 'endDate', 'searchString'] as const;
export const AuditListQuery = v1QueryOf('start', 'limit', ...dates);
export const AuditSinceQuery = v1QueryOf('start', 'limit', 'number', 'units', 'searchString');
export const AuditExportQuery = v1QueryOf(...dates, 'format');
