import { multipartForm, noCheck } from '../support/builders.ts';
import {
  type AuditCase,
  describeAuditTrail,
  each,
  spaceName,
  storage,
  v2Storage,
} from './audit-trail-kit.ts';

/**
 * Every change to content over HTTP (v1, Data Center, the Extender plugin, the legacy action, Cloud v2)
 * and the audit record it leaves: who, what, in which space, on which content, with which values before
 * and after. Spaces, people, tokens and the audit settings are in audit-trail-admin.test.ts.
 */
describeAuditTrail('the audit trail of content changes', (kit) => [
  // Pages, blog posts and comments on v1.
  {
    endpoint: 'POST /rest/api/content (page)',
    async run(mark) {
      await mark();
      const created = await kit.page('Trail page');
      return {
        category: 'Content',
        summary: 'Page created',
        ...kit.content('Page', created.title),
        changed: [['Title', '', 'Trail page']],
      };
    },
  },
  {
    endpoint: 'POST /wiki/rest/api/content (blog post)',
    async run(mark) {
      await mark();
      await kit.call('POST', '/wiki/rest/api/content', {
        json: {
          type: 'blogpost',
          title: 'Trail news',
          space: { key: 'TRAIL' },
          body: storage('<p>news</p>'),
        },
      });
      return { category: 'Content', summary: 'Blog post created', ...kit.content('Blog post', 'Trail news') };
    },
  },
  {
    endpoint: 'POST /rest/api/content (comment)',
    async run(mark) {
      const on = await kit.page('Commented');
      await mark();
      await kit.json('POST', '/rest/api/content', {
        type: 'comment',
        container: { id: on.id, type: 'page' },
        body: storage('<p>hi</p>'),
      });
      return {
        category: 'Content',
        summary: 'Comment created',
        ...kit.content('Comment', 'Re: Commented'),
        with: [['Page', 'Commented']],
      };
    },
  },
  {
    endpoint: 'PUT /rest/api/content/{id} (update)',
    async run(mark) {
      const before = await kit.page('Old title');
      await mark();
      await kit.updated(before, { title: 'New title', body: storage('<p>new</p>') });
      return {
        category: 'Content',
        summary: 'Page updated',
        ...kit.content('Page', 'New title'),
        changed: [
          ['Title', 'Old title', 'New title'],
          ['Version', '1', '2'],
        ],
      };
    },
  },
  {
    endpoint: 'DELETE /rest/api/content/{id} (trash)',
    async run(mark) {
      const doomed = await kit.page();
      await mark();
      await kit.call('DELETE', `/rest/api/content/${doomed.id}`);
      return {
        category: 'Content',
        summary: 'Page moved to trash',
        ...kit.content('Page', doomed.title),
        changed: [['Status', 'current', 'trashed']],
      };
    },
  },
  {
    endpoint: 'PUT /rest/api/content/{id} (restore from the trash)',
    async run(mark) {
      const trashed = await kit.page();
      await kit.call('DELETE', `/rest/api/content/${trashed.id}`);
      await mark();
      await kit.updated(trashed, { status: 'current' });
      return {
        category: 'Content',
        summary: 'Page restored from trash',
        ...kit.content('Page', trashed.title),
        changed: [['Status', 'trashed', 'current']],
      };
    },
  },
  {
    endpoint: 'DELETE /rest/api/content/{id}?status=trashed (purge)',
    async run(mark) {
      const trashed = await kit.page();
      await kit.call('DELETE', `/rest/api/content/${trashed.id}`);
      await mark();
      await kit.call('DELETE', `/rest/api/content/${trashed.id}?status=trashed`);
      return {
        category: 'Content',
        summary: 'Page purged',
        ...kit.content('Page', trashed.title),
        changed: [['Status', 'trashed', 'purged']],
      };
    },
  },
  {
    endpoint: 'POST /rest/api/content/{id}/version (restore a version)',
    async run(mark) {
      const edited = await kit.page('Version one');
      await kit.updated(edited, { title: 'Version two' });
      await mark();
      await kit.json('POST', `/rest/api/content/${edited.id}/version`, {
        operationKey: 'restore',
        params: { versionNumber: 1, message: 'back', restoreTitle: true },
      });
      return {
        category: 'Content',
        summary: 'Page version restored',
        ...kit.content('Page', 'Version one'),
        changed: [
          ['Version', '2', '3'],
          ['Title', 'Version two', 'Version one'],
        ],
      };
    },
  },
  ...['/rest/api', '/rest/experimental'].map(
    (prefix): AuditCase => ({
      endpoint: `DELETE ${prefix}/content/{id}/version/{n}`,
      async run(mark) {
        const edited = await kit.page();
        await kit.updated(edited, { body: storage('<p>second</p>') });
        await mark();
        await kit.call('DELETE', `${prefix}/content/${edited.id}/version/1`);
        return {
          category: 'Content',
          summary: 'Page version deleted',
          ...kit.content('Page', edited.title),
          changed: [['Deleted version', '1', '']],
        };
      },
    }),
  ),
  {
    endpoint: 'DELETE /rest/api/space/{key}/trash (empty the trash)',
    async run(mark) {
      const trashed = await kit.page();
      await kit.call('DELETE', `/rest/api/content/${trashed.id}`);
      await mark();
      await kit.call('DELETE', '/rest/api/space/TRAIL/trash');
      return {
        category: 'Spaces',
        summary: 'Space trash emptied',
        object: ['Space', spaceName],
        space: spaceName,
      };
    },
  },

  // Attachments.
  {
    endpoint: 'POST /rest/api/content/{id}/child/attachment (upload)',
    async run(mark) {
      const container = await kit.page('Holder');
      await mark();
      await kit.upload(container.id, [
        { name: 'report.pdf', content: '%PDF-1.4 tiny', type: 'application/pdf' },
      ]);
      return {
        category: 'Attachments',
        summary: 'Attachment created',
        ...kit.content('Attachment', 'report.pdf'),
        with: [['Page', 'Holder']],
        changed: [
          ['Version', '', '1'],
          ['Size (bytes)', '', '13'],
        ],
      };
    },
  },
  {
    endpoint: 'PUT /rest/api/content/{id}/child/attachment (new version by name)',
    async run(mark) {
      const { container, name } = await kit.anAttachment();
      await mark();
      await kit.upload(container.id, [{ name, content: 'version two', type: 'text/plain' }], 'PUT');
      return {
        category: 'Attachments',
        summary: 'Attachment version added',
        ...kit.content('Attachment', name),
        changed: [['Version', '1', '2']],
      };
    },
  },
  {
    endpoint: 'POST /rest/api/content/{id}/child/attachment/{attachmentId}/data',
    async run(mark) {
      const { container, attachment, name } = await kit.anAttachment();
      await mark();
      await kit.call('POST', `/rest/api/content/${container.id}/child/attachment/${attachment.id}/data`, {
        body: multipartForm([{ name, content: 'data v2', type: 'text/plain' }]),
        headers: noCheck,
      });
      return {
        category: 'Attachments',
        summary: 'Attachment version added',
        ...kit.content('Attachment', name),
        changed: [['Version', '1', '2']],
      };
    },
  },
  {
    endpoint: 'PUT /rest/api/content/{id}/child/attachment/{attachmentId} (rename)',
    async run(mark) {
      const { container, attachment, name } = await kit.anAttachment();
      await mark();
      await kit.json('PUT', `/rest/api/content/${container.id}/child/attachment/${attachment.id}`, {
        id: attachment.id,
        type: 'attachment',
        title: 'renamed.txt',
        version: { number: 2 },
      });
      return {
        category: 'Attachments',
        summary: 'Attachment updated',
        ...kit.content('Attachment', 'renamed.txt'),
        changed: [['Title', name, 'renamed.txt']],
      };
    },
  },
  {
    endpoint: 'POST /rest/api/content/{id}/child/attachment/{attachmentId}/move',
    async run(mark) {
      const { container, attachment, name } = await kit.anAttachment();
      const target = await kit.page('Move target');
      await mark();
      await kit.call(
        'POST',
        `/rest/api/content/${container.id}/child/attachment/${attachment.id}/move?newContentId=${target.id}`,
        {
          headers: noCheck,
        },
      );
      return {
        category: 'Attachments',
        summary: 'Attachment moved',
        ...kit.content('Attachment', name),
        with: [['Page', 'Move target']],
        changed: [['Container', String(container.id), String(target.id)]],
      };
    },
  },
  {
    endpoint: 'DELETE /rest/api/content/{id}/child/attachment/{attachmentId} (trash)',
    async run(mark) {
      const { container, attachment, name } = await kit.anAttachment();
      await mark();
      await kit.call('DELETE', `/rest/api/content/${container.id}/child/attachment/${attachment.id}`);
      return {
        category: 'Attachments',
        summary: 'Attachment moved to trash',
        ...kit.content('Attachment', name),
        with: [['Page', String(container.title)]],
      };
    },
  },
  {
    endpoint: 'DELETE /rest/api/content/{id}/child/attachment/{attachmentId}/version/{n}',
    async run(mark) {
      const { container, attachment, name } = await kit.twoVersions();
      await mark();
      await kit.call(
        'DELETE',
        `/rest/api/content/${container.id}/child/attachment/${attachment.id}/version/1`,
      );
      return {
        category: 'Attachments',
        summary: 'Attachment version deleted',
        ...kit.content('Attachment', name),
        changed: [['Deleted version', '1', '']],
      };
    },
  },
  {
    endpoint: 'DELETE /rest/extender/1.0/content/attachment/{id}/delete/{version}',
    async run(mark) {
      const { attachment, name } = await kit.twoVersions();
      await mark();
      await kit.call('DELETE', `/rest/extender/1.0/content/attachment/${attachment.id}/delete/1`);
      return {
        category: 'Attachments',
        summary: 'Attachment version deleted',
        ...kit.content('Attachment', name),
      };
    },
  },
  {
    endpoint: 'DELETE /rest/extender/1.0/content/attachment/{id}/delete (purge)',
    async run(mark) {
      const { attachment, name } = await kit.anAttachment();
      await mark();
      await kit.call('DELETE', `/rest/extender/1.0/content/attachment/${attachment.id}/delete`);
      return {
        category: 'Attachments',
        summary: 'Attachment purged',
        ...kit.content('Attachment', name),
        changed: [['Status', 'current', 'purged']],
      };
    },
  },
  {
    endpoint: 'POST /json/removeattachment.action',
    async run(mark) {
      const { container, name } = await kit.anAttachment();
      await mark();
      await kit.call('POST', `/json/removeattachment.action?pageId=${container.id}&fileName=${name}`, {
        headers: noCheck,
      });
      return {
        category: 'Attachments',
        summary: 'Attachment moved to trash',
        ...kit.content('Attachment', name),
      };
    },
  },
  ...[false, true].map(
    (purge): AuditCase => ({
      endpoint: `DELETE /wiki/api/v2/attachments/{id}${purge ? '?purge=true' : ''}`,
      async run(mark) {
        const { attachment, name } = await kit.anAttachment();
        if (purge) await kit.call('DELETE', `/wiki/api/v2/attachments/${attachment.id}`);
        await mark();
        await kit.call('DELETE', `/wiki/api/v2/attachments/${attachment.id}${purge ? '?purge=true' : ''}`);
        return {
          category: 'Attachments',
          summary: purge ? 'Attachment purged' : 'Attachment moved to trash',
          ...kit.content('Attachment', name),
        };
      },
    }),
  ),

  // Labels, properties, watches.
  {
    endpoint: 'POST /rest/api/content/{id}/label',
    async run(mark) {
      const labelled = await kit.page();
      await mark();
      await kit.call('POST', `/rest/api/content/${labelled.id}/label`, {
        json: [{ prefix: 'global', name: 'audited' }],
      });
      return {
        category: 'Content',
        summary: 'Label added',
        ...kit.content('Page', labelled.title),
        changed: [['Label', '', 'global:audited']],
      };
    },
  },
  ...['?name=gone', '/gone'].map(
    (form): AuditCase => ({
      endpoint: `DELETE /rest/api/content/{id}/label${form === '/gone' ? '/{label}' : '?name='}`,
      async run(mark) {
        const labelled = await kit.page();
        await kit.call('POST', `/rest/api/content/${labelled.id}/label`, {
          json: [{ prefix: 'global', name: 'gone' }],
        });
        await mark();
        await kit.call('DELETE', `/rest/api/content/${labelled.id}/label${form}`);
        return {
          category: 'Content',
          summary: 'Label removed',
          ...kit.content('Page', labelled.title),
          changed: [['Label', 'global:gone', '']],
        };
      },
    }),
  ),
  ...['/property', '/property/colour'].map(
    (path): AuditCase => ({
      endpoint: `POST /rest/api/content/{id}${path === '/property' ? path : '/property/{key}'}`,
      async run(mark) {
        const owner = await kit.page();
        await mark();
        await kit.call('POST', `/rest/api/content/${owner.id}${path}`, {
          json: { key: 'colour', value: { hue: 'red' } },
        });
        return {
          category: 'Content',
          summary: 'Content property created',
          ...kit.content('Page', owner.title),
          changed: [['Property colour', '', '{"hue":"red"}']],
        };
      },
    }),
  ),
  {
    endpoint: 'PUT /rest/api/content/{id}/property/{key}',
    async run(mark) {
      const owner = await kit.page();
      await kit.call('POST', `/rest/api/content/${owner.id}/property`, {
        json: { key: 'colour', value: 'red' },
      });
      await mark();
      await kit.call('PUT', `/rest/api/content/${owner.id}/property/colour`, {
        json: { value: 'blue', version: { number: 2 } },
      });
      return {
        category: 'Content',
        summary: 'Content property updated',
        ...kit.content('Page', owner.title),
        changed: [['Property colour', 'red', 'blue']],
      };
    },
  },
  {
    endpoint: 'DELETE /rest/api/content/{id}/property/{key}',
    async run(mark) {
      const owner = await kit.page();
      await kit.call('POST', `/rest/api/content/${owner.id}/property`, {
        json: { key: 'colour', value: 'red' },
      });
      await mark();
      await kit.call('DELETE', `/rest/api/content/${owner.id}/property/colour`);
      return {
        category: 'Content',
        summary: 'Content property deleted',
        ...kit.content('Page', owner.title),
        changed: [['Property colour', 'red', '']],
      };
    },
  },
  ...each<[string, string, [string, string, string]]>(
    [
      ['POST', 'Content property created', ['Property size', '', '1']],
      ['PUT', 'Content property updated', ['Property size', '1', '2']],
      ['DELETE', 'Content property deleted', ['Property size', '1', '']],
    ],
    ([method, summary, value]) => ({
      endpoint: `${method} /wiki/api/v2/attachments/{id}/properties${method === 'POST' ? '' : '/{property-id}'}`,
      async run(mark) {
        const { attachment, name } = await kit.anAttachment();
        const path = `/wiki/api/v2/attachments/${attachment.id}/properties`;
        const made = method === 'POST' ? undefined : await kit.json('POST', path, { key: 'size', value: 1 });
        await mark();
        if (method === 'POST') await kit.json('POST', path, { key: 'size', value: 1 });
        else if (method === 'PUT') {
          await kit.json('PUT', `${path}/${made?.id}`, { key: 'size', value: 2, version: { number: 2 } });
        } else await kit.call('DELETE', `${path}/${made?.id}`);
        return {
          category: 'Content',
          summary,
          ...kit.content('Attachment', name),
          changed: [value],
        };
      },
    }),
  ),
  ...each<[string, string]>(
    [
      ['content', 'POST'],
      ['content', 'DELETE'],
      ['space', 'POST'],
      ['space', 'DELETE'],
    ],
    ([kind, method]) => ({
      endpoint: `${method} /rest/api/user/watch/${kind}/{${kind === 'space' ? 'spaceKey' : 'contentId'}}`,
      async run(mark) {
        const watched = await kit.page();
        const path = `/rest/api/user/watch/${kind === 'space' ? 'space/TRAIL' : `content/${watched.id}`}`;
        if (method === 'DELETE') await kit.call('POST', path, { headers: noCheck });
        await mark();
        await kit.call(method, path, { headers: noCheck });
        return {
          category: 'Watches',
          summary: method === 'POST' ? 'Watch added' : 'Watch removed',
          ...(kind === 'space' ? { object: ['Space', spaceName] } : kit.content('Page', watched.title)),
          space: spaceName,
          with: [['User', 'ada Example']],
        };
      },
    }),
  ),

  // Cloud v2 pages, blog posts and footer comments.
  {
    endpoint: 'POST /wiki/api/v2/pages',
    async run(mark) {
      await mark();
      await kit.json('POST', '/wiki/api/v2/pages', {
        spaceId: kit.spaceId(),
        title: 'V2 page',
        body: v2Storage('<p>v2</p>'),
      });
      return { category: 'Content', summary: 'Page created', ...kit.content('Page', 'V2 page') };
    },
  },
  {
    endpoint: 'POST /wiki/api/v2/blogposts',
    async run(mark) {
      await mark();
      await kit.json('POST', '/wiki/api/v2/blogposts', {
        spaceId: kit.spaceId(),
        title: 'V2 news',
        body: v2Storage('<p>v2</p>'),
      });
      return { category: 'Content', summary: 'Blog post created', ...kit.content('Blog post', 'V2 news') };
    },
  },
  {
    endpoint: 'PUT /wiki/api/v2/pages/{id}',
    async run(mark) {
      const v1 = await kit.page('V2 before');
      await mark();
      await kit.json('PUT', `/wiki/api/v2/pages/${v1.id}`, {
        id: String(v1.id),
        status: 'current',
        title: 'V2 after',
        body: v2Storage('<p>x</p>'),
        version: { number: 2 },
      });
      return {
        category: 'Content',
        summary: 'Page updated',
        ...kit.content('Page', 'V2 after'),
        changed: [['Title', 'V2 before', 'V2 after']],
      };
    },
  },
  ...[false, true].map(
    (purge): AuditCase => ({
      endpoint: `DELETE /wiki/api/v2/blogposts/{id}${purge ? '?purge=true' : ''}`,
      async run(mark) {
        const post = await kit.page(kit.unique('Post'), 'blogpost');
        if (purge) await kit.call('DELETE', `/wiki/api/v2/blogposts/${post.id}`);
        await mark();
        await kit.call('DELETE', `/wiki/api/v2/blogposts/${post.id}${purge ? '?purge=true' : ''}`);
        return {
          category: 'Content',
          summary: purge ? 'Blog post purged' : 'Blog post moved to trash',
          ...kit.content('Blog post', post.title),
        };
      },
    }),
  ),
  ...['POST', 'PUT', 'DELETE'].map(
    (method): AuditCase => ({
      endpoint: `${method} /wiki/api/v2/footer-comments${method === 'POST' ? '' : '/{id}'}`,
      async run(mark) {
        const on = await kit.page(kit.unique('Discussed'));
        const made =
          method === 'POST'
            ? undefined
            : await kit.json('POST', '/wiki/api/v2/footer-comments', {
                pageId: String(on.id),
                body: v2Storage('<p>1</p>'),
              });
        await mark();
        if (method === 'POST') {
          await kit.call('POST', '/wiki/api/v2/footer-comments', {
            json: { pageId: String(on.id), body: v2Storage('<p>1</p>') },
          });
        } else if (method === 'PUT') {
          await kit.json('PUT', `/wiki/api/v2/footer-comments/${made?.id}`, {
            body: v2Storage('<p>2</p>'),
            version: { number: 2 },
          });
        } else {
          await kit.call('DELETE', `/wiki/api/v2/footer-comments/${made?.id}`);
        }
        const summary =
          { POST: 'Comment created', PUT: 'Comment updated', DELETE: 'Comment purged' }[method] ?? '';
        return {
          category: 'Content',
          summary,
          ...kit.content('Comment', `Re: ${on.title}`),
          with: [['Page', String(on.title)]],
        };
      },
    }),
  ),
]);
