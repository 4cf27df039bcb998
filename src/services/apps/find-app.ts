import type { App } from '../../domain/app.ts';
import { notFound } from '../../domain/errors.ts';
import type { AppsRepository } from '../../ports/metadata-store.ts';

/** The app an administrator names on the command line, whatever the case they type it in. */
export async function requireAppByName(apps: AppsRepository, name: string): Promise<App> {
  const app = await apps.findByName(name.trim());
  if (!app) throw notFound(`No app found with name: ${name}`, { app: name });
  return app;
}
