import assert from 'node:assert/strict';
import {
  type AuditCase,
  ada,
  dan,
  describeAuditTrail,
  each,
  type Json,
  spaceName,
} from './audit-trail-kit.ts';

/**
 * Every change to spaces, users, groups, memberships, API tokens and the audit settings, and the audit
 * record it leaves. API tokens have no endpoint: the command line makes and revokes them, as the server
 * itself. Content changes are in audit-trail.test.ts.
 */
describeAuditTrail('the audit trail of spaces, people and settings', (kit) => [
  // Spaces and space properties.
  ...['/space', '/space/_private'].map(
    (path): AuditCase => ({
      endpoint: `POST /rest/api${path}`,
      async run(mark) {
        const key = path === '/space' ? 'NEWSP' : 'PRIVSP';
        await mark();
        await kit.json('POST', `/rest/api${path}`, { key, name: `${key} name` });
        return {
          category: 'Spaces',
          summary: path === '/space' ? 'Space created' : 'Private space created',
          object: ['Space', `${key} name`],
          space: `${key} name`,
          changed: [['Name', '', `${key} name`]],
        };
      },
    }),
  ),
  {
    endpoint: 'PUT /rest/api/space/{key}',
    async run(mark) {
      await kit.json('POST', '/rest/api/space', { key: 'RENAME', name: 'Before' });
      await mark();
      await kit.json('PUT', '/rest/api/space/RENAME', { name: 'After' });
      return {
        category: 'Spaces',
        summary: 'Space details updated',
        object: ['Space', 'After'],
        space: 'After',
        changed: [['Name', 'Before', 'After']],
      };
    },
  },
  {
    endpoint: 'DELETE /rest/api/space/{key} (a long task)',
    async run(mark) {
      await kit.json('POST', '/rest/api/space', { key: 'DOOMED', name: 'Doomed space' });
      await mark();
      await kit.finished(await kit.json('DELETE', '/rest/api/space/DOOMED'));
      return {
        category: 'Spaces',
        summary: 'Space deleted',
        object: ['Space', 'Doomed space'],
        space: 'Doomed space',
      };
    },
  },
  ...each<[string, string, string]>(
    [
      ['POST', '/property', 'Space property created'],
      ['POST', '/property/shelf', 'Space property created'],
      ['PUT', '/property/shelf', 'Space property updated'],
      ['DELETE', '/property/shelf', 'Space property deleted'],
    ],
    ([method, path, summary]) => ({
      endpoint: `${method} /rest/api/space/{key}${path === '/property' ? path : '/property/{key}'}`,
      async run(mark) {
        // Each case starts from no property (whatever the one before left), or from version 1 of it.
        await kit.site().request('DELETE', '/rest/api/space/TRAIL/property/shelf', { auth: ada });
        if (method !== 'POST')
          await kit.call('POST', '/rest/api/space/TRAIL/property/shelf', { json: { value: 'low' } });
        await mark();
        await kit.call(method, `/rest/api/space/TRAIL${path}`, {
          json: method === 'DELETE' ? undefined : { key: 'shelf', value: 'high', version: { number: 2 } },
        });
        return {
          category: 'Spaces',
          summary,
          object: ['Space', spaceName],
          space: spaceName,
        };
      },
    }),
  ),

  // Users, groups and memberships.
  {
    endpoint: 'POST /rest/api/admin/user',
    async run(mark) {
      await mark();
      await kit.call('POST', '/rest/api/admin/user', {
        json: {
          userName: 'newbie',
          fullName: 'New Bie',
          email: 'newbie@example.com',
          password: 'newbie-pw',
        },
      });
      return {
        category: 'Users and groups',
        summary: 'User created',
        object: ['User', 'New Bie'],
        changed: [['Username', '', 'newbie']],
      };
    },
  },
  {
    endpoint: 'PUT /rest/api/admin/user/{username}',
    async run(mark) {
      await mark();
      await kit.call('PUT', '/rest/api/admin/user/newbie', { json: { fullName: 'Renamed Bie' } });
      return {
        category: 'Users and groups',
        summary: 'User details updated',
        object: ['User', 'Renamed Bie'],
        changed: [['Display name', 'New Bie', 'Renamed Bie']],
      };
    },
  },
  ...['disable', 'enable'].map(
    (action): AuditCase => ({
      endpoint: `PUT /rest/api/admin/user/{username}/${action}`,
      async run(mark) {
        await mark();
        await kit.call('PUT', `/rest/api/admin/user/newbie/${action}`);
        const active = action === 'enable';
        return {
          category: 'Users and groups',
          summary: active ? 'User enabled' : 'User disabled',
          object: ['User', 'Renamed Bie'],
          changed: [['Active', String(!active), String(active)]],
        };
      },
    }),
  ),
  {
    endpoint: 'POST /rest/api/admin/user/{username}/password',
    async run(mark) {
      await mark();
      await kit.call('POST', '/rest/api/admin/user/newbie/password', { json: { password: 'another-pw' } });
      return {
        category: 'Users and groups',
        summary: 'User password changed',
        object: ['User', 'Renamed Bie'],
      };
    },
  },
  {
    endpoint: 'POST /rest/api/user/current/password (by the user)',
    async run(mark) {
      await mark();
      const response = await kit.site().request('POST', '/rest/api/user/current/password', {
        auth: dan,
        json: { oldPassword: 'dan-pw', newPassword: 'dan-pw-2' },
      });
      assert.equal(response.status, 204, response.text);
      return {
        category: 'Users and groups',
        summary: 'User password changed',
        object: ['User', 'dan Example'],
        by: 'dan',
      };
    },
  },
  ...each<[string, string]>(
    [
      ['POST', 'Group created'],
      ['PUT', 'User added to group'],
      ['DELETE', 'User removed from group'],
    ],
    ([method, summary]) => ({
      endpoint:
        method === 'POST'
          ? 'POST /rest/api/admin/group'
          : `${method} /rest/api/user/{username}/group/{groupName}`,
      async run(mark) {
        if (method === 'DELETE') await kit.call('PUT', '/rest/api/user/newbie/group/auditors');
        await mark();
        if (method === 'POST')
          await kit.call('POST', '/rest/api/admin/group', { json: { name: 'auditors' } });
        else await kit.call(method, '/rest/api/user/newbie/group/auditors');
        return {
          category: 'Users and groups',
          summary,
          object: ['Group', 'auditors'],
          ...(method !== 'POST' && { with: [['User', 'Renamed Bie']] }),
        };
      },
    }),
  ),
  {
    endpoint: 'DELETE /rest/api/admin/group/{groupName}',
    async run(mark) {
      await mark();
      await kit.call('DELETE', '/rest/api/admin/group/auditors');
      return { category: 'Users and groups', summary: 'Group deleted', object: ['Group', 'auditors'] };
    },
  },
  {
    endpoint: 'DELETE /rest/api/admin/user/{username} (a long task)',
    async run(mark) {
      await mark();
      await kit.finished((await kit.call('DELETE', '/rest/api/admin/user/newbie')).body as Json);
      return {
        category: 'Users and groups',
        summary: 'User deleted',
        object: ['User', 'Renamed Bie'],
        changed: [['Username', 'newbie', '']],
      };
    },
  },

  // API tokens have no endpoint: the command line makes and revokes them, as the server itself.
  ...['create', 'revoke'].map(
    (action): AuditCase => ({
      endpoint: `tributary tokens ${action}`,
      async run(mark) {
        if (action === 'create') {
          await mark();
          await kit.cli('tokens', 'create', 'ada', '--name', 'trail-token');
        } else {
          const listed = JSON.parse(await kit.cli('tokens', 'list', 'ada', '--json')) as {
            id: number;
            name: string;
          }[];
          const token = listed.find((candidate) => candidate.name === 'trail-token');
          assert.ok(token);
          await mark();
          await kit.cli('tokens', 'revoke', String(token.id));
        }
        return {
          category: 'Security',
          summary: action === 'create' ? 'API token created' : 'API token revoked',
          object: ['API token', 'trail-token'],
          by: null,
          with: [['User', 'ada Example']],
        };
      },
    }),
  ),

  // The audit log's own settings.
  {
    endpoint: 'PUT /rest/api/audit/retention',
    async run(mark) {
      await mark();
      await kit.call('PUT', '/rest/api/audit/retention', { json: { number: 6, units: 'MONTHS' } });
      return {
        category: 'Auditing',
        summary: 'Audit log retention period changed',
        object: ['Audit log retention', 'Audit log'],
        changed: [['Retention period', '1 YEARS', '6 MONTHS']],
      };
    },
  },
  {
    endpoint: 'POST /rest/api/audit',
    async run(mark) {
      await mark();
      await kit.call('POST', '/rest/api/audit', {
        json: {
          remoteAddress: '198.51.100.4',
          summary: 'Backup taken',
          category: 'Operations',
          author: { username: 'ada' },
          affectedObject: { name: 'Nightly', objectType: 'Backup' },
        },
      });
      return { category: 'Operations', summary: 'Backup taken', object: ['Backup', 'Nightly'] };
    },
  },
]);
