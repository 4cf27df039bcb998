import { forbidden } from '../../domain/errors.ts';
import { isAdministrator, type Principal } from '../../domain/principal.ts';

export function requireAdministrator(principal: Principal): void {
  if (!isAdministrator(principal)) {
    throw forbidden('Only members of confluence-administrators may do this');
  }
}

export function requireSignedIn(principal: Principal): void {
  if (principal.kind === 'anonymous') throw forbidden('Anonymous users may not do this');
}
