import type { Authenticator } from '../../services/auth/authenticate.ts';
import type { ServiceDeps } from '../../services/deps.ts';

/** What the web interface's routes are given: the same services as the API, nothing private. */
export interface WebDeps {
  services: ServiceDeps;
  authenticator: Authenticator;
  contextPath: string;
  sessionIdleMs: number;
}
