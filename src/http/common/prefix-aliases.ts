import type { IncomingMessage } from 'node:http';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';

/** Requests under `from` are answered by the routes registered under `to`, the rest of the path kept. */
export interface PrefixAlias {
  readonly from: string;
  readonly to: string;
}

/**
 * Confluence answers the same API under several prefixes (`/rest/api` and `/wiki/rest/api`; `/wiki/api/v2`
 * and `/api/v2`). Mounting every module under each of them doubled the routes, and registering routes was
 * most of start-up (docs/performance.md). Instead each module is mounted once, and a request on an alias
 * prefix is routed as if it had come in on the mounted one (Fastify's `rewriteUrl`); `request.originalUrl`
 * keeps what the client sent, from which its surface, `_links` and log line are worked out. The few
 * modules that one side of Confluence has and the other lacks are kept off the aliases (`keptOff`), so
 * that their paths still answer 404 on the other side.
 */
export class PrefixAliases {
  private readonly aliases: readonly PrefixAlias[];
  /** Paths of one side's own routes: whole paths, and the fixed heads (ending in `/`) of parametric ones. */
  private readonly ownPaths = new Set<string>();
  private readonly ownHeads: string[] = [];

  constructor(aliases: readonly PrefixAlias[]) {
    this.aliases = aliases;
  }

  /** Fastify's `rewriteUrl`: the url to route by. */
  readonly rewrite = (request: IncomingMessage): string => {
    const url = request.url ?? '/';
    const alias = this.aliasOf(url);
    if (!alias) return url;
    const rewritten = alias.to + url.slice(alias.from.length);
    return this.isOwn(url) || this.isOwn(rewritten) ? url : rewritten;
  };

  /**
   * The route pattern as the client addressed it (`/wiki/rest/api/space/:spaceKey` for a request on the
   * alias), for metrics and anything else that tells the prefixes apart by route.
   */
  addressedRoute(request: FastifyRequest): string | undefined {
    const route = request.routeOptions.url;
    if (route === undefined || request.originalUrl === request.url) return route;
    const alias = this.aliasOf(request.originalUrl);
    return alias && route.startsWith(alias.to) ? alias.from + route.slice(alias.to.length) : route;
  }

  /** Wraps a module that only one side of Confluence has, so that no alias reaches its routes. */
  keptOff(plugin: FastifyPluginAsync): FastifyPluginAsync {
    const own = async (scope: Parameters<FastifyPluginAsync>[0]) => {
      scope.addHook('onRoute', (route) => this.keep(route.url));
      await scope.register(plugin);
    };
    const displayName = Symbol.for('fastify.display-name');
    return Object.assign(own, { [displayName]: Reflect.get(plugin, displayName) });
  }

  private keep(routeUrl: string): void {
    const parameter = routeUrl.search(/[:*]/);
    if (parameter < 0) this.ownPaths.add(withoutTrailingSlash(routeUrl));
    else this.ownHeads.push(routeUrl.slice(0, parameter));
  }

  private isOwn(url: string): boolean {
    const path = withoutTrailingSlash(url.split('?')[0] ?? url);
    return this.ownPaths.has(path) || this.ownHeads.some((head) => path.startsWith(head));
  }

  private aliasOf(url: string): PrefixAlias | undefined {
    for (const alias of this.aliases) {
      if (!url.startsWith(alias.from)) continue;
      const next = url.charAt(alias.from.length);
      if (next === '' || next === '/' || next === '?') return alias;
    }
    return undefined;
  }
}

const withoutTrailingSlash = (path: string) =>
  path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
