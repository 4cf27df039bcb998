import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { spaceSettingsChangesOf } from './space-settings.ts';

describe('space settings updates', () => {
  it('keeps only the fields sent, and null puts the content mode back to standard', () => {
    assert.deepEqual(spaceSettingsChangesOf({ routeOverrideEnabled: true }), {
      routeOverrideEnabled: true,
    });
    assert.deepEqual(spaceSettingsChangesOf({ contentMode: 'compact' }), { contentMode: 'compact' });
    assert.deepEqual(spaceSettingsChangesOf({ contentMode: null }), { contentMode: 'standard' });
    assert.deepEqual(spaceSettingsChangesOf({}), {});
  });
});
