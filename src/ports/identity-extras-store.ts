import type { AdminKey } from '../domain/admin-key.ts';
import type { Slice, Window } from '../domain/paging.ts';
import type { AppProperty, UserProperty } from '../domain/user-property.ts';

/** Properties stored against users, by key order. */
export interface UserPropertiesRepository {
  keysOf(userId: number, window: Window): Promise<Slice<string>>;
  find(userId: number, key: string): Promise<UserProperty | undefined>;
  /** Undefined when the user has a property with the key already. */
  insert(userId: number, key: string, value: unknown, nowMs: number): Promise<UserProperty | undefined>;
  /** Whether there was one to change. */
  update(userId: number, key: string, value: unknown, nowMs: number): Promise<boolean>;
  /** Whether there was one to remove. */
  remove(userId: number, key: string): Promise<boolean>;
}

/** Properties each app keeps for itself, by key order. */
export interface AppPropertiesRepository {
  /** Keys after `afterKey` (exclusive), at most `limit`. */
  list(appId: number, afterKey: string | undefined, limit: number): Promise<AppProperty[]>;
  find(appId: number, key: string): Promise<AppProperty | undefined>;
  /** Creates or replaces; answers whether it was created. */
  put(appId: number, key: string, value: unknown, nowMs: number): Promise<boolean>;
  remove(appId: number, key: string): Promise<boolean>;
}

/** At most one admin key per user; taking a new one replaces it. */
export interface AdminKeysRepository {
  /** The user's key, unless none or expired at `nowMs`. */
  findLive(userId: number, nowMs: number): Promise<AdminKey | undefined>;
  put(key: AdminKey): Promise<void>;
  remove(userId: number): Promise<void>;
}
