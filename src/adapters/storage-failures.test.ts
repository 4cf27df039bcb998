import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError, isDomainError } from '../domain/errors.ts';
import { asStorageFailure } from './storage-failures.ts';

const errorWith = (fields: Record<string, unknown>) => Object.assign(new Error('from the store'), fields);

describe('asStorageFailure', () => {
  it('turns every kind of "no room" into storage_full, naming the store and keeping the cause', () => {
    const full = [
      errorWith({ code: 'ENOSPC' }),
      errorWith({ code: 'EDQUOT' }),
      errorWith({ code: 'SQLITE_FULL' }),
      errorWith({ code: '53100' }), // PostgreSQL disk_full
      errorWith({ name: 'QuotaExceeded' }), // radosgw
      errorWith({ name: 'Unknown', $metadata: { httpStatusCode: 507 } }),
    ];
    for (const cause of full) {
      const mapped = asStorageFailure(cause, 'blobs');
      assert.ok(
        isDomainError(mapped, 'storage_full'),
        String((cause as { code?: string }).code ?? cause.name),
      );
      assert.deepEqual(mapped.params, { store: 'blobs' });
      assert.equal(mapped.cause, cause);
    }
  });

  it('turns a store that cannot be written into read_only', () => {
    for (const code of ['EROFS', 'SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', '25006']) {
      const mapped = asStorageFailure(errorWith({ code }), 'database');
      assert.ok(isDomainError(mapped, 'read_only'), code);
      assert.deepEqual(mapped.params, { reason: 'store' });
    }
  });

  it('leaves every other error, and domain errors, as they are', () => {
    const others = [
      errorWith({ code: 'EIO' }),
      errorWith({ code: 'SQLITE_CONSTRAINT' }),
      new DomainError('not_found', { detail: 'x' }),
    ];
    for (const error of others) assert.equal(asStorageFailure(error, 'database'), error);
  });
});
