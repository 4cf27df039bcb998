/** Where a setting applies: the whole site, or one space. */
export type AppearanceScope = { site: true } | { spaceId: number };

/** Appearance settings as JSON documents; the domain (domain/appearance.ts) gives them their shape. */
export interface AppearanceRepository {
  get(scope: AppearanceScope, name: string): Promise<unknown | undefined>;
  put(scope: AppearanceScope, name: string, value: unknown, updatedAtMs: number): Promise<void>;
  /** False when nothing was set. */
  remove(scope: AppearanceScope, name: string): Promise<boolean>;
}
