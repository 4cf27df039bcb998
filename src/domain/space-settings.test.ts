import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDomainError } from '../../test/support/domain-errors.ts';
import { checkSpaceSettingsUpdate } from './space-settings.ts';

const isBadRequest = (error: unknown) => isDomainError(error, 'invalid_request');

describe('space settings updates', () => {
  it('keeps only the fields sent, and null puts the content mode back to standard', () => {
    assert.deepEqual(checkSpaceSettingsUpdate({ routeOverrideEnabled: true }), {
      routeOverrideEnabled: true,
    });
    assert.deepEqual(checkSpaceSettingsUpdate({ contentMode: 'compact' }), { contentMode: 'compact' });
    assert.deepEqual(checkSpaceSettingsUpdate({ contentMode: null }), { contentMode: 'standard' });
    assert.deepEqual(checkSpaceSettingsUpdate({}), {});
  });

  it('refuses other bodies, types, modes and fields', () => {
    for (const body of [
      null,
      [],
      'x',
      { routeOverrideEnabled: 1 },
      { contentMode: 'dense' },
      { editor: {} },
    ]) {
      assert.throws(() => checkSpaceSettingsUpdate(body), isBadRequest);
    }
  });
});
