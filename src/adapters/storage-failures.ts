import { randomUUID } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
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

/**
 * A failure that names no cause (SQLite's SQLITE_IOERR_* "disk I/O error" keeps the errno to itself),
 * explained by trying what failed: creating a file in `folder`. EROFS or ENOSPC then names the cause
 * (a flag check would not do: ext4 turned read-only after an error still shows its mount as `rw`).
 * Anything else is returned as it is.
 */
export async function explainIoFailure(error: unknown, folder: string, store: StorageKind): Promise<unknown> {
  const code = codeOf(error);
  if (
    error instanceof DomainError ||
    !(code?.startsWith('SQLITE_IOERR') || code?.startsWith('SQLITE_CANTOPEN'))
  )
    return error;
  const probe = join(folder, `.tributary-write-probe-${randomUUID()}`);
  try {
    await (await open(probe, 'wx')).close();
    await rm(probe, { force: true });
    return error;
  } catch (failure) {
    await rm(probe, { force: true }).catch(() => undefined);
    const explained = asStorageFailure(failure, store);
    return explained === failure ? error : Object.assign(explained as Error, { cause: error });
  }
}
