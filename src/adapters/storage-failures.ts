import { DomainError, readOnly, type StorageKind, storageFull } from '../domain/errors.ts';

// No room: the disk (ENOSPC), the user's quota (EDQUOT), SQLite's own word for either (SQLITE_FULL,
// also when the write-ahead log cannot grow), PostgreSQL's `disk_full` (53100), and object stores that
// refuse a put for quota: S3-compatible stores name it `QuotaExceeded` (radosgw) and may answer 507.
const fullCodes = new Set([
  'ENOSPC',
  'EDQUOT',
  'SQLITE_FULL',
  '53100',
  'QuotaExceeded',
  'InsufficientStorage',
]);
// Cannot write at all: a read-only mount (EROFS), SQLite's read-only codes (SQLITE_READONLY and its
// extended forms), PostgreSQL's read-only transaction (25006, e.g. a hot standby).
const readOnlyCodes = new Set(['EROFS', '25006']);

const codeOf = (error: unknown): string | undefined => {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  if (typeof code === 'string') return code;
  return typeof name === 'string' ? name : undefined;
};

const httpStatusOf = (error: unknown) =>
  (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;

/**
 * A store's failure as the domain error it stands for when the storage is full or read-only, so every
 * surface answers it clearly (507, 503) instead of a 500; any other error is returned as it is. The
 * original goes along as `cause`, for the log.
 */
export function asStorageFailure(error: unknown, store: StorageKind): unknown {
  if (error instanceof DomainError) return error;
  const code = codeOf(error);
  if ((code !== undefined && fullCodes.has(code)) || httpStatusOf(error) === 507)
    return Object.assign(storageFull(store), { cause: error });
  if (code !== undefined && (readOnlyCodes.has(code) || code.startsWith('SQLITE_READONLY')))
    return Object.assign(readOnly('store'), { cause: error });
  return error;
}
