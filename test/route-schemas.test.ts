import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Compile } from 'typebox/compile';
import { registeredRoutesOf } from './support/registered-routes.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const mountPrefix =
  /^\/(wiki\/rest\/api|rest\/api|wiki\/api\/v2|api\/v2|rest\/experimental|rest\/extender\/1\.0)(?=\/)/;

/** Writes that take no JSON body, by why: their input is in the path and query, or is not JSON. */
const withoutJsonBody: Record<string, readonly string[]> = {
  'multipart uploads, streamed part by part': [
    'POST /content/:id/child/attachment',
    'PUT /content/:id/child/attachment',
    'POST /content/:id/child/attachment/:attachmentId/data',
    'POST /backup-restore/restore/site/upload',
    'POST /backup-restore/restore/space/upload',
  ],
  'an HTML form post of an older Server client': ['POST /json/removeattachment.action'],
  'actions named wholly by path and query (the specs give them no body)': [
    'POST /content/:id/child/attachment/:attachmentId/move',
    'POST /space-permissions/transition/combinations',
    'POST /space/:spaceKey/category/:labelName',
    'POST /user/watch/content/:contentId',
    'POST /user/watch/label/:labelName',
    'POST /user/watch/space/:spaceKey',
    'POST /webhooks/test',
    'PUT /admin/user/:username/disable',
    'PUT /admin/user/:username/enable',
    'PUT /backup-restore/jobs/:jobId/cancel',
    'PUT /backup-restore/jobs/clear-queue',
    'PUT /color-scheme/reset',
    'PUT /space/:spaceKey/color-scheme/reset',
    'PUT /content/:id/restriction/byOperation/:operationKey/byGroupId/:groupId',
    'PUT /content/:id/restriction/byOperation/:operationKey/group/:groupName',
    'PUT /content/:id/restriction/byOperation/:operationKey/user',
    'PUT /content/:pageId/move/:position/:targetId',
    'PUT /relation/:relationName/from/:sourceType/:sourceKey/to/:targetType/:targetKey',
    'PUT /space/:spaceKey/archive',
    'PUT /space/:spaceKey/restore',
    'PUT /user/:username/group/:groupName',
  ],
};
const exempt = new Set(Object.values(withoutJsonBody).flat());

describe('route schemas', () => {
  let site: TestServer;
  before(async () => {
    site = await startTestServer();
  });
  after(() => site.dispose());

  it('declare the path parameters and the JSON body of every route that has them', async () => {
    const missing: string[] = [];
    for (const route of await registeredRoutesOf(site)) {
      const schema = route.schema ?? {};
      const operation = `${route.method} ${route.url.replace(mountPrefix, '')}`;
      if (route.url.includes(':') && !schema.params) missing.push(`${operation}: params`);
      const writes = ['POST', 'PUT', 'PATCH'].includes(route.method);
      if (writes && !schema.body && !exempt.has(operation)) missing.push(`${operation}: body`);
    }
    assert.deepEqual([...new Set(missing)], []);
  });

  // Validators are compiled on a route's first request (src/http/common/lazy-validators.ts), so a schema
  // TypeBox cannot compile would no longer stop start-up: this check stands in for it.
  it('compile, every one of them, as the route validators will on first use', async () => {
    const failing: string[] = [];
    for (const route of await registeredRoutesOf(site)) {
      const { params, querystring, body, headers } = route.schema ?? {};
      for (const [part, schema] of Object.entries({ params, querystring, body, headers })) {
        if (schema === undefined) continue;
        try {
          Compile(schema as Parameters<typeof Compile>[0]);
        } catch (error) {
          failing.push(`${route.method} ${route.url} ${part}: ${String(error)}`);
        }
      }
    }
    assert.deepEqual(failing, []);
  });
});
