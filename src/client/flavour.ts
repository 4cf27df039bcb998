/**
 * Which Confluence the client talks to, found by asking the server, never by its host name (most clients
 * guess Cloud from `*.atlassian.net`, api-reference.md §0.1, which fails for proxies and self-hosting).
 */
import { ConfluenceHttpError, UnexpectedResponseError } from './errors.ts';
import type { HttpClient } from './http.ts';

export type Flavour = 'tributary' | 'cloud' | 'datacenter';
export const flavours: readonly Flavour[] = ['tributary', 'cloud', 'datacenter'];

/** Where each API lives on this server, relative to the site URL. */
export interface ServerProfile {
  flavour: Flavour;
  /** The Extender plugin's `/rest/extender/1.0` answers (Data Center; Tributary serves it too). */
  extender: boolean;
  /** v1 REST: `/wiki/rest/api` on Cloud-shaped servers, `/rest/api` on Data Center. */
  v1: string;
  /** Cloud v2, where the server has it. */
  v2: string | undefined;
  /** What relative `_links.download` and `downloadLink` are rooted at: `/wiki` on Cloud-shaped servers. */
  context: string;
}

export const extenderPrefix = '/rest/extender/1.0';
/** Tributary's `/status` names itself in this header (src/http/app.ts). */
export const tributaryHeader = 'x-tributary-version';

/**
 * Tributary answers every surface; the client uses the Cloud-shaped ones (`att` ids, v2 cursors), as
 * it would on Cloud, and the v1 version delete rather than the Extender's.
 */
export function profileOf(flavour: Flavour, extender: boolean): ServerProfile {
  switch (flavour) {
    case 'tributary':
      return { flavour, extender: true, v1: '/wiki/rest/api', v2: '/wiki/api/v2', context: '/wiki' };
    case 'cloud':
      return { flavour, extender: false, v1: '/wiki/rest/api', v2: '/wiki/api/v2', context: '/wiki' };
    case 'datacenter':
      return { flavour, extender, v1: '/rest/api', v2: undefined, context: '' };
  }
}

export interface FlavourOverride {
  flavour?: Flavour;
  /** Only meaningful on Data Center; undefined asks the server. */
  extender?: boolean;
}

/** Client errors a probe reads as "not this API" rather than as a failure. */
const probeStatuses = [400, 401, 403, 404, 405, 406, 410];

interface Probe {
  status: number;
  json: unknown;
  header(name: string): string | undefined;
}

async function probe(http: HttpClient, path: string): Promise<Probe> {
  const response = await http.send('GET', path, { accept: probeStatuses });
  const isJson = response.header('content-type')?.includes('json') ?? false;
  let json: unknown;
  if (isJson) {
    try {
      json = await response.json();
    } catch {
      json = undefined;
    }
  } else {
    await response.discard();
  }
  return { status: response.status, json, header: (name) => response.header(name) };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Refused credentials stop detection with the server's own 401, which says more than "unknown server". */
function refuseCredentials(path: string, found: Probe): never {
  const message =
    isObject(found.json) && typeof found.json.message === 'string' ? found.json.message : undefined;
  throw new ConfluenceHttpError(found.status, 'GET', path, message ?? 'the server refused the credentials');
}

/**
 * Tributary: `GET /status` carries its header. Cloud: v2 under `/wiki/api/v2` answers. Data Center: v1
 * `/rest/api` answers and v2 does not. The Extender plugin: its endpoint answers JSON even for an
 * unknown attachment, where a Data Center without it answers its HTML "page not found" [unsure: no DC
 * with and without the plugin was at hand to compare].
 */
export async function detectServer(http: HttpClient, override: FlavourOverride = {}): Promise<ServerProfile> {
  if (override.flavour && (override.flavour !== 'datacenter' || override.extender !== undefined)) {
    return profileOf(override.flavour, override.extender ?? false);
  }
  const flavour = override.flavour ?? (await detectFlavour(http));
  if (flavour !== 'datacenter') return profileOf(flavour, true);
  return profileOf('datacenter', override.extender ?? (await hasExtender(http)));
}

async function detectFlavour(http: HttpClient): Promise<Flavour> {
  const status = await probe(http, '/status');
  if (status.status === 200 && status.header(tributaryHeader) !== undefined) return 'tributary';

  const v2Path = '/wiki/api/v2/spaces?limit=1';
  const v2 = await probe(http, v2Path);
  if (v2.status === 200 && isObject(v2.json) && Array.isArray(v2.json.results)) return 'cloud';
  if (v2.status === 401 && v2.json !== undefined) return refuseCredentials(v2Path, v2);

  const v1Path = '/rest/api/space?limit=1';
  const v1 = await probe(http, v1Path);
  if (v1.status === 200 && isObject(v1.json) && Array.isArray(v1.json.results)) return 'datacenter';
  if (v1.status === 401) return refuseCredentials(v1Path, v1);
  throw new UnexpectedResponseError(
    http.siteUrl,
    `neither Confluence Cloud (${v2Path} answered ${v2.status}) nor Data Center (${v1Path} answered ${v1.status}); ` +
      'check the URL, or name the flavour',
  );
}

async function hasExtender(http: HttpClient): Promise<boolean> {
  const found = await probe(http, `${extenderPrefix}/content/attachment/0/versions`);
  return (
    isObject(found.json) && (typeof found.json.message === 'string' || Array.isArray(found.json.versions))
  );
}
