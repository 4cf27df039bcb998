import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config/load-config.ts';
import { type RunningServer, startServer } from '../../src/main.ts';
import { benchAdminPassword } from './http-client.ts';

/**
 * Starts the real server as a bench runs it: on `dataDir`, on any free port, with the bench's admin and no
 * log; `settings` add to these or replace them.
 */
export function startBenchServer(
  dataDir: string,
  settings: Record<string, string> = {},
): Promise<RunningServer> {
  return startServer(
    loadConfig({
      TRIBUTARY_DATA_DIR: dataDir,
      TRIBUTARY_PORT: '0',
      TRIBUTARY_ADMIN_PASSWORD: benchAdminPassword,
      TRIBUTARY_LOG_LEVEL: 'silent',
      ...settings,
    }),
  );
}

/** Where a started server listens. */
export function originOf(server: RunningServer): string {
  const { port } = server.app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}
