/**
 * The two ways Confluence takes credentials (api-reference.md §0.2): HTTP Basic with `user:secret`
 * (Cloud `email:api_token`, Data Center `username:password`, Tributary either) and `Bearer <token>`
 * (Data Center personal access tokens, Tributary API tokens).
 */
export type Credentials = { kind: 'basic'; user: string; secret: string } | { kind: 'bearer'; token: string };

export function authorizationOf(credentials: Credentials): string {
  if (credentials.kind === 'bearer') return `Bearer ${credentials.token}`;
  return `Basic ${Buffer.from(`${credentials.user}:${credentials.secret}`, 'utf8').toString('base64')}`;
}

/** Safe to print: who is signing in and how, never the secret. */
export function describeCredentials(credentials: Credentials | undefined): string {
  if (!credentials) return 'no credentials';
  return credentials.kind === 'bearer' ? 'a bearer token' : `user ${credentials.user}`;
}
