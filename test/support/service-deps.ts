import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { loadConfig } from '../../src/config/load-config.ts';
import { openSite } from '../../src/main.ts';
import type { ServiceDeps } from '../../src/services/deps.ts';

export interface ServiceSite {
  /** The deps main.ts composes: a real SQLite file and a real blob folder, no HTTP. */
  services: ServiceDeps;
  dataDir: string;
  /** Closes the store and removes the temp folder. */
  dispose(): Promise<void>;
}

/** Opens a site as `tributary serve` would, in a fresh temp folder, for calling use cases directly. */
export async function openServiceSite(env: Record<string, string> = {}): Promise<ServiceSite> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tributary-services-'));
  const site = await openSite(
    loadConfig({ TRIBUTARY_DATA_DIR: dataDir, TRIBUTARY_ADMIN_PASSWORD: 'admin-pw', ...env }),
  );
  return {
    services: site.services,
    dataDir,
    async dispose() {
      await site.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One site for the enclosing suite: opened before its tests, disposed of after them. `overrides` replace
 * deps for every test (a stepping clock, say).
 */
export function useServiceSite(overrides: Partial<ServiceDeps> = {}): { readonly services: ServiceDeps } {
  let site: ServiceSite | undefined;
  let services: ServiceDeps | undefined;
  before(async () => {
    site = await openServiceSite();
    services = { ...site.services, ...overrides };
  });
  after(() => site?.dispose());
  return {
    get services() {
      assert.ok(services, 'the site opens before the first test');
      return services;
    },
  };
}
