import type { Principal } from '../../domain/principal.ts';
import type { Surface } from './surface.ts';

declare module 'fastify' {
  interface FastifyRequest {
    surface: Surface;
    principal: Principal;
    /** The secret of the web session cookie the request was signed in with; null for Basic, Bearer or none. */
    sessionSecret: string | null;
    /**
     * Test mode's `failUpload` fault (tributary/faults.ts): thrown once every part of the upload has been
     * read and stored, before anything is committed. Never set outside test mode.
     */
    uploadFault?: Error;
  }
  interface FastifyContextConfig {
    /** Answers without credentials (only `/status`). */
    public?: boolean;
    /**
     * A screen of the web interface: a visitor who is not signed in is sent to the sign-in form, errors
     * render as pages, and its forms carry the session's CSRF token instead of Atlassian's XSRF header.
     */
    web?: boolean;
  }
}
