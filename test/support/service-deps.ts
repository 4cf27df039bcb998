import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
