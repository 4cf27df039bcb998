/**
 * `GET /rest/api/content/{}`: an operation as a spec writes it (`{id}`) or as the router does (`:id`),
 * path parameters matched by place, whatever each side names them.
 */
export const operationKey = (method: string, template: string) =>
  `${method} ${template.replace(/\{[^}]*\}|:[^/]+/g, '{}')}`;
