import type { PermissionSubject, SpaceOperation } from '../domain/permissions.ts';
import type { SpaceRole, SpaceRoleInput } from '../domain/space-roles.ts';

/** One principal's role in one space. */
export interface SpaceRoleAssignment {
  /** The row's number, for keyset paging. */
  position: number;
  spaceId: number;
  subject: PermissionSubject;
  role: SpaceRole;
}

/** What one principal holds in one space without a role there. */
export interface UnassignedGrant {
  spaceId: number;
  spaceKey: string;
  subject: PermissionSubject;
  operations: SpaceOperation[];
}

export interface SpaceRolesRepository {
  /** Every role, in the order they were made (system roles first). */
  list(): Promise<SpaceRole[]>;
  findById(roleId: string): Promise<SpaceRole | undefined>;
  findByName(name: string): Promise<SpaceRole | undefined>;
  insert(roleId: string, input: SpaceRoleInput): Promise<SpaceRole>;
  update(roleId: string, input: SpaceRoleInput): Promise<void>;
  /** Its assignments go with it. */
  remove(roleId: string): Promise<void>;
  /** In one space, or (no space) everywhere; oldest first. */
  assignments(filter: { spaceId?: number; roleId?: string }): Promise<SpaceRoleAssignment[]>;
  /** Replaces the subject's role in the space, if it had one. */
  assign(spaceId: number, subject: PermissionSubject, roleId: string, nowMs: number): Promise<void>;
  /** How many principals hold space permissions somewhere without a role there (granted one by one). */
  countUnassignedHolders(): Promise<number>;
  /** Every principal's space permissions in each space where it holds no role, by space then subject. */
  unassignedGrants(): Promise<UnassignedGrant[]>;
  /** False when the subject held no role there. */
  unassign(spaceId: number, subject: PermissionSubject): Promise<boolean>;
}
