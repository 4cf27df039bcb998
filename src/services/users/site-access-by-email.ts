import { badRequest, DomainError, notFound } from '../../domain/errors.ts';
import { isAdministrator, type Principal } from '../../domain/principal.ts';
import { normaliseEmail } from '../../domain/user-rules.ts';
import type { ServiceDeps } from '../deps.ts';
import { createUser } from './create-user.ts';

/** Cloud v2 `/user/access/…`: which of the emails given are not valid, and which have no site access. */
export interface SiteAccessReport {
  emailsWithoutAccess: string[];
  invalidEmails: string[];
}

const maxEmails = 100;

/** Also the refusal of emails that are no list, given where the body is read. */
export const emailsRefusal = `emails must be a list of 1 to ${maxEmails} addresses`;

/** The emails a site-access request names; how many one request may name is this use case's rule. */
export interface EmailsRequest {
  emails: readonly string[];
}

function emailsOf(request: EmailsRequest): readonly string[] {
  const { emails } = request;
  if (emails.length === 0 || emails.length > maxEmails) {
    throw badRequest(emailsRefusal, { field: 'emails' });
  }
  return emails;
}

function validEmailOf(raw: string): string | undefined {
  try {
    return normaliseEmail(raw) ?? undefined;
  } catch (error) {
    if (error instanceof DomainError) return undefined;
    throw error;
  }
}

/** Site access is the global permission to use the site (or to administer it), held by an active user. */
async function hasSiteAccess(deps: ServiceDeps, email: string): Promise<boolean> {
  const user = await deps.store.users.findByLogin(email);
  if (!user?.active || user.email !== email) return false;
  const held = await deps.store.permissions.globalOperationsOf(user.id);
  return held.includes('application:use') || held.includes('application:administer');
}

async function report(deps: ServiceDeps, emails: readonly string[]): Promise<SiteAccessReport> {
  const result: SiteAccessReport = { emailsWithoutAccess: [], invalidEmails: [] };
  for (const raw of emails) {
    const email = validEmailOf(raw);
    if (email === undefined) result.invalidEmails.push(raw);
    else if (!(await hasSiteAccess(deps, email))) result.emailsWithoutAccess.push(raw);
  }
  return result;
}

/** Any signed-in user may ask; anonymous callers get Cloud's 404 for those who may not check. */
export async function checkAccessByEmail(
  deps: ServiceDeps,
  principal: Principal,
  request: EmailsRequest,
): Promise<SiteAccessReport> {
  if (principal.kind === 'anonymous') throw notFound('You do not have permission to check access by email');
  return report(deps, emailsOf(request));
}

/**
 * Invites the valid emails no user has yet: each becomes a user without a password and outside
 * confluence-users, so without site access until an administrator grants it. Emails of existing users
 * change nothing (Cloud: "no action is taken"). Only site administrators invite here; others get 404.
 * The answer is the report after the invitations, in which the invited still lack access.
 */
export async function inviteByEmail(
  deps: ServiceDeps,
  principal: Principal,
  request: EmailsRequest,
): Promise<SiteAccessReport> {
  if (!isAdministrator(principal)) throw notFound('You do not have permission to invite users');
  const emails = emailsOf(request);
  for (const raw of emails) {
    const email = validEmailOf(raw);
    if (email === undefined || (await deps.store.users.findByLogin(email))) continue;
    // The address is the username, with what usernames may not hold (domain/user-rules.ts) made `-`.
    const username = email.replace(/[^a-z0-9._@+-]/g, '-').replace(/^[^a-z0-9]/, 'u');
    const displayName = email.split('@')[0] || email;
    try {
      await createUser(deps, principal, { username, displayName, email, licensed: false });
    } catch (error) {
      // Someone already has that username: the address stays uninvited, and is reported without access.
      if (!(error instanceof DomainError && error.code === 'state_conflict')) throw error;
    }
  }
  return report(deps, emails);
}
