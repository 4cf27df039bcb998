import type { ServerProfile } from './flavour.ts';
import type { HttpClient } from './http.ts';

/** What every client operation needs: the HTTP client and where each API lives on this server. */
export interface ClientContext {
  http: HttpClient;
  server: ServerProfile;
}

/** A path segment as it goes into a URL: ids are digits (or `att` + digits) but are escaped regardless. */
export const segment = (value: string | number) => encodeURIComponent(String(value));
