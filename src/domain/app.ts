import { badRequest } from './errors.ts';

/**
 * An app: a client that reaches the site with API tokens of its own, each acting as one user. Site
 * administrators can block an app from chosen spaces (Cloud's app access rules, seed 004): there the app
 * loses the space's content but keeps space-level data.
 */
export interface App {
  id: number;
  name: string;
  createdAtMs: number;
}

/** What a request made with an app's token knows of the app. */
export type AppIdentity = Pick<App, 'id' | 'name'>;

/** A space an app is blocked from, named as an administrator knows it. */
export interface BlockedSpace {
  id: number;
  key: string;
  name: string;
}

/** An app and the spaces its access rules block it from (key order). */
export interface AppRules {
  app: App;
  blockedSpaces: BlockedSpace[];
}

// Names are shown in listings and audit records and typed on the command line: one printable line.
const appNamePattern = /^[^\p{Cc}]{1,100}$/u;

export function normaliseAppName(raw: unknown): string {
  const name = typeof raw === 'string' ? raw.trim() : '';
  if (!appNamePattern.test(name)) {
    throw badRequest('App name must be 1-100 characters on one line', { field: 'name' });
  }
  return name;
}
