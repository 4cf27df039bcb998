/**
 * What replaces each Cloud v1 operation that Cloud has removed or deprecated (spec-tables.ts), where
 * Atlassian names one. Not in any spec as data: the v1 documents say only "Deprecated, use Confluence's v2
 * API", so the pairs are ours, read from the changelog notices below; test/api/profiles-tables.test.ts checks
 * that every replacement is an operation of the current v2 (or v1) document. v2 operations are written with
 * their `/wiki/api/v2` prefix; where a page and a blog post each have one, the page's is named.
 */
export interface Replacement {
  readonly operation: string;
  /** The notice that deprecated the v1 operation. */
  readonly notice: string;
}

/** Deprecating many Confluence v1 APIs that have v2 equivalents (March 2023; removal from 2024–2025). */
const change864 = 'https://developer.atlassian.com/cloud/confluence/changelog/#CHANGE-864';
/** RFC-19: the remaining v1 endpoints with v2 equivalents, content properties and inline tasks among them. */
const rfc19 =
  'https://community.developer.atlassian.com/t/rfc-19-deprecation-of-confluence-cloud-rest-api-v1-endpoints/71752';
/** v1's own descriptions: "Deprecated, use … via groupId" (Cloud v1 document, 2024-02 copy). */
const byGroupId = 'https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-content-restrictions/';
const groupApi = 'https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-group/';

const v2 = (operation: string, notice = change864): Replacement => {
  const [method, path] = operation.split(' ');
  return { operation: `${method} /wiki/api/v2${path}`, notice };
};
const v1 = (operation: string, notice: string): Replacement => ({ operation, notice });

export const cloudV1Replacements: Readonly<Record<string, Replacement>> = {
  'GET /wiki/rest/api/content': v2('GET /pages'),
  'POST /wiki/rest/api/content': v2('POST /pages'),
  'GET /wiki/rest/api/content/{id}': v2('GET /pages/{id}'),
  'PUT /wiki/rest/api/content/{id}': v2('PUT /pages/{id}'),
  'DELETE /wiki/rest/api/content/{id}': v2('DELETE /pages/{id}'),
  'GET /wiki/rest/api/content/{id}/child': v2('GET /pages/{id}/direct-children'),
  'GET /wiki/rest/api/content/{id}/child/attachment': v2('GET /pages/{id}/attachments'),
  'GET /wiki/rest/api/content/{id}/child/comment': v2('GET /pages/{id}/footer-comments'),
  'GET /wiki/rest/api/content/{id}/child/{type}': v2('GET /pages/{id}/children'),
  'GET /wiki/rest/api/content/{id}/history': v2('GET /pages/{id}/versions'),
  'GET /wiki/rest/api/content/{id}/label': v2('GET /pages/{id}/labels'),
  'GET /wiki/rest/api/content/{id}/property': v2('GET /pages/{page-id}/properties', rfc19),
  'POST /wiki/rest/api/content/{id}/property': v2('POST /pages/{page-id}/properties', rfc19),
  'GET /wiki/rest/api/content/{id}/property/{key}': v2(
    'GET /pages/{page-id}/properties/{property-id}',
    rfc19,
  ),
  'PUT /wiki/rest/api/content/{id}/property/{key}': v2(
    'PUT /pages/{page-id}/properties/{property-id}',
    rfc19,
  ),
  'POST /wiki/rest/api/content/{id}/property/{key}': v2('POST /pages/{page-id}/properties', rfc19),
  'DELETE /wiki/rest/api/content/{id}/property/{key}': v2(
    'DELETE /pages/{page-id}/properties/{property-id}',
    rfc19,
  ),
  'GET /wiki/rest/api/content/{id}/restriction/byOperation/{operationKey}/group/{groupName}': v1(
    'GET /wiki/rest/api/content/{id}/restriction/byOperation/{operationKey}/byGroupId/{groupId}',
    byGroupId,
  ),
  'PUT /wiki/rest/api/content/{id}/restriction/byOperation/{operationKey}/group/{groupName}': v1(
    'PUT /wiki/rest/api/content/{id}/restriction/byOperation/{operationKey}/byGroupId/{groupId}',
    byGroupId,
  ),
  'DELETE /wiki/rest/api/content/{id}/restriction/byOperation/{operationKey}/group/{groupName}': v1(
    'DELETE /wiki/rest/api/content/{id}/restriction/byOperation/{operationKey}/byGroupId/{groupId}',
    byGroupId,
  ),
  'GET /wiki/rest/api/content/{id}/version': v2('GET /pages/{id}/versions'),
  'GET /wiki/rest/api/content/{id}/version/{versionNumber}': v2(
    'GET /pages/{page-id}/versions/{version-number}',
  ),
  'GET /wiki/rest/api/content/{id}/descendant': v2('GET /pages/{id}/descendants'),
  'GET /wiki/rest/api/content/{id}/descendant/{type}': v2('GET /pages/{id}/descendants'),
  'POST /wiki/rest/api/contentbody/convert/{to}': v1(
    'POST /wiki/rest/api/contentbody/convert/async/{to}',
    change864,
  ),
  'GET /wiki/rest/api/inlinetasks/search': v2('GET /tasks'),
  'GET /wiki/rest/api/inlinetasks/{inlineTaskId}': v2('GET /tasks/{id}'),
  'PUT /wiki/rest/api/inlinetasks/{inlineTaskId}': v2('PUT /tasks/{id}', rfc19),
  'DELETE /wiki/rest/api/group': v1('DELETE /wiki/rest/api/group/by-id', groupApi),
  'GET /wiki/rest/api/group/by-name': v1('GET /wiki/rest/api/group/by-id', groupApi),
  'GET /wiki/rest/api/group/{groupName}': v1('GET /wiki/rest/api/group/by-id', groupApi),
  'GET /wiki/rest/api/group/member': v1('GET /wiki/rest/api/group/{groupId}/membersByGroupId', groupApi),
  'GET /wiki/rest/api/group/{groupName}/member': v1(
    'GET /wiki/rest/api/group/{groupId}/membersByGroupId',
    groupApi,
  ),
  'POST /wiki/rest/api/group/user': v1('POST /wiki/rest/api/group/userByGroupId', groupApi),
  'DELETE /wiki/rest/api/group/user': v1('DELETE /wiki/rest/api/group/userByGroupId', groupApi),
  'PUT /wiki/rest/api/settings/lookandfeel/selected': v1(
    'PUT /wiki/rest/api/settings/lookandfeel',
    'https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-settings/',
  ),
  'GET /wiki/rest/api/space': v2('GET /spaces'),
  'GET /wiki/rest/api/space/{spaceKey}': v2('GET /spaces/{id}'),
  'GET /wiki/rest/api/space/{spaceKey}/content': v2('GET /spaces/{id}/pages'),
  'GET /wiki/rest/api/space/{spaceKey}/content/{type}': v2('GET /spaces/{id}/pages'),
  'GET /wiki/rest/api/space/{spaceKey}/property': v2('GET /spaces/{space-id}/properties'),
  'POST /wiki/rest/api/space/{spaceKey}/property': v2('POST /spaces/{space-id}/properties'),
  'GET /wiki/rest/api/space/{spaceKey}/property/{key}': v2('GET /spaces/{space-id}/properties/{property-id}'),
  'PUT /wiki/rest/api/space/{spaceKey}/property/{key}': v2('PUT /spaces/{space-id}/properties/{property-id}'),
  'POST /wiki/rest/api/space/{spaceKey}/property/{key}': v2('POST /spaces/{space-id}/properties'),
  'DELETE /wiki/rest/api/space/{spaceKey}/property/{key}': v2(
    'DELETE /spaces/{space-id}/properties/{property-id}',
  ),
};
