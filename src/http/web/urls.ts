import type { WebView } from './web-view.ts';

/**
 * Where each screen lives, at Confluence's own URLs where Confluence has one (Data Center's `.action`
 * forms; the Cloud forms under `/wiki` answer too). Screens link to one another only through these.
 */
export function screenUrls(view: Pick<WebView, 'root'>) {
  const { root } = view;
  const q = encodeURIComponent;
  return {
    spaceDirectory: () => `${root}/`,
    space: (key: string) => `${root}/display/${q(key)}`,
    page: (id: number) => `${root}/pages/viewpage.action?pageId=${id}`,
    editPage: (id: number) => `${root}/pages/resumedraft.action?draftId=${id}`,
    createPage: (spaceKey: string, parentId?: number) =>
      `${root}/pages/createpage.action?spaceKey=${q(spaceKey)}${parentId === undefined ? '' : `&fromPageId=${parentId}`}`,
    attachments: (pageId: number) => `${root}/pages/viewpageattachments.action?pageId=${pageId}`,
    search: (text: string) => `${root}/dosearchsite.action?queryString=${q(text)}`,
    trash: (key: string) => `${root}/pages/viewtrash.action?key=${q(key)}`,
    storage: (key: string) => `${root}/spaces/storage.action?key=${q(key)}`,
    spacePermissions: (key: string) => `${root}/spaces/spacepermissions.action?key=${q(key)}`,
    adminUsers: () => `${root}/admin/users.action`,
    adminUser: (username: string) => `${root}/admin/users/viewuser.action?username=${q(username)}`,
    /** Where the user screen's forms post: `activate`, `password`, `groups`, `sessions`. */
    adminUserAction: (action: string) => `${root}/admin/users/${action}.action`,
    adminGroups: () => `${root}/admin/groups.action`,
    adminGroup: (name: string) => `${root}/admin/groups/viewgroup.action?name=${q(name)}`,
    /** Where the group screens' forms post: `delete`, `members`, `nesting`. */
    adminGroupAction: (action: string) => `${root}/admin/groups/${action}.action`,
    adminApps: () => `${root}/admin/apps.action`,
    /** Where the apps screen's forms post: `block`, `tokens`. */
    adminAppAction: (action: string) => `${root}/admin/apps/${action}.action`,
    auditLog: () => `${root}/admin/auditlog.action`,
    mySessions: () => `${root}/users/mysessions.action`,
  };
}
