import type { User } from './user.ts';

/** Who is asking. `system` is the server itself acting for the command line, with every right. */
export type Principal =
  | { kind: 'user'; user: User; isAdministrator: boolean }
  | { kind: 'anonymous' }
  | { kind: 'system' };

export const systemPrincipal: Principal = Object.freeze({ kind: 'system' });
export const anonymousPrincipal: Principal = Object.freeze({ kind: 'anonymous' });

export function isAdministrator(principal: Principal): boolean {
  return principal.kind === 'system' || (principal.kind === 'user' && principal.isAdministrator);
}
