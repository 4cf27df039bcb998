import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDomainError } from '../../test/support/domain-errors.ts';
import { cloudOperationOf, spaceOperationOfCloud } from './cloud-space-operations.ts';
import { spaceOperations } from './permissions.ts';

describe('space operations in Cloud words', () => {
  it('names Delete Own and restrictions as Cloud does, and mail not at all', () => {
    assert.deepEqual(cloudOperationOf('space:delete_own'), { key: 'delete', target: 'space' });
    assert.deepEqual(cloudOperationOf('space:restrict'), { key: 'restrict_content', target: 'space' });
    assert.deepEqual(cloudOperationOf('page:create'), { key: 'create', target: 'page' });
    assert.equal(cloudOperationOf('space:delete_mail'), undefined);
  });

  it('reads back every operation Cloud can name', () => {
    for (const operation of spaceOperations) {
      const cloud = cloudOperationOf(operation);
      if (cloud) assert.equal(spaceOperationOfCloud(cloud, spaceOperations), operation);
    }
  });

  it('refuses what Cloud cannot grant here with a 400', () => {
    for (const raw of [{ key: 'archive', target: 'page' }, { key: 'read' }, {}, undefined]) {
      assert.throws(
        () => spaceOperationOfCloud(raw, spaceOperations),
        (error) => isDomainError(error, 'invalid_request'),
      );
    }
  });
});
