import type { Principal } from '../../domain/principal.ts';
import type { Surface } from './surface.ts';

declare module 'fastify' {
  interface FastifyRequest {
    surface: Surface;
    principal: Principal;
  }
  interface FastifyContextConfig {
    /** Answers without credentials (only `/status`). */
    public?: boolean;
  }
}
