import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { cloudV1Replacements } from '../../src/http/profiles/cloud-v1-replacements.ts';
import { cloudOperationNotice } from '../../src/http/profiles/operation-notices.ts';
import {
  cloudV1DeprecatedOperations,
  cloudV1RemovedOperations,
} from '../../src/http/profiles/spec-tables.ts';
import {
  operationsOf,
  readProfileTables,
  readSpec,
  renderProfileTables,
  specFiles,
  tablePath,
} from '../support/profile-tables.ts';

describe('the profiles’ tables', () => {
  it('are what the specs in test/spec/ give', () => {
    assert.equal(
      readFileSync(tablePath, 'utf8'),
      renderProfileTables(readProfileTables()),
      'run `node --import tsx test/support/write-profile-tables.ts`',
    );
  });

  it('hold the 48 operations Cloud v1 dropped between 2021-11 and 2026-07', () => {
    assert.equal(cloudV1RemovedOperations.length, 48);
    for (const operation of [
      'GET /wiki/rest/api/content/{id}',
      'GET /wiki/rest/api/content/{id}/child/attachment',
      'POST /wiki/rest/api/content',
    ]) {
      assert.ok(cloudV1RemovedOperations.includes(operation), operation);
    }
    assert.ok(!cloudV1RemovedOperations.includes('POST /wiki/rest/api/content/{id}/child/attachment'));
  });

  it('are each listed in docs/profiles.md', () => {
    const doc = readFileSync(new URL('../../docs/profiles.md', import.meta.url), 'utf8');
    for (const operation of [...cloudV1RemovedOperations, ...cloudV1DeprecatedOperations]) {
      // Biome pads the table's cells with spaces.
      assert.ok(doc.includes(`| \`${operation}\` `), `docs/profiles.md lacks ${operation}`);
    }
  });

  it('name as replacements only operations the current v2 or v1 documents list', () => {
    const v2 = operationsOf(readSpec(specFiles.cloudV2));
    const v1 = operationsOf(readSpec(specFiles.cloudV1Now));
    const listed = new Set([...cloudV1RemovedOperations, ...cloudV1DeprecatedOperations]);
    for (const [operation, replacement] of Object.entries(cloudV1Replacements)) {
      assert.ok(listed.has(operation), `${operation} is neither removed nor deprecated`);
      const [method, path = ''] = replacement.operation.split(' ');
      const found = path.startsWith('/wiki/api/v2/')
        ? v2.has(`${method} ${path.slice('/wiki/api/v2'.length)}`)
        : v1.has(replacement.operation);
      assert.ok(found, `${replacement.operation} (for ${operation}) is in no current document`);
    }
  });
});

describe('cloudOperationNotice', () => {
  it('finds a removed operation by the router’s pattern, under a context path, and its replacement', () => {
    const notice = cloudOperationNotice('GET', '/confluence/wiki/rest/api/content/:id', '/confluence');
    assert.equal(notice?.kind, 'removed');
    assert.equal(notice?.operation, 'GET /wiki/rest/api/content/{id}');
    assert.equal(notice?.replacement?.operation, 'GET /wiki/api/v2/pages/{id}');
    assert.match(notice?.source ?? '', /2021-11/);
  });

  it('takes a HEAD for its GET, and tells deprecated operations apart', () => {
    assert.equal(cloudOperationNotice('HEAD', '/wiki/rest/api/space/:spaceKey')?.kind, 'removed');
    assert.equal(cloudOperationNotice('GET', '/wiki/rest/api/content/:id/descendant')?.kind, 'deprecated');
  });

  it('has nothing to say of a current operation, or of the same one on Data Center’s path', () => {
    assert.equal(cloudOperationNotice('POST', '/wiki/rest/api/content/:id/child/attachment'), undefined);
    assert.equal(cloudOperationNotice('GET', '/rest/api/content/:id'), undefined);
  });
});
