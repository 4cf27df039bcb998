import type { Slice, Window } from '../domain/paging.ts';
import type { ApiToken, Group, User } from '../domain/user.ts';
import type { ContentRepository, SpacesRepository } from './content-store.ts';
import type { LabelsRepository } from './label-store.ts';
import type { LongTasksRepository, PropertiesRepository } from './task-and-property-store.ts';
import type { WatchesRepository } from './watch-store.ts';

export interface NewUser {
  username: string;
  userKey: string;
  accountId: string;
  displayName: string;
  email: string | null;
  passwordHash: string | null;
  createdAtMs: number;
}

export type UserChanges = Partial<Pick<User, 'displayName' | 'email' | 'active'>> & {
  passwordHash?: string | null;
};

export interface UsersRepository {
  insert(user: NewUser): Promise<User>;
  findById(id: number): Promise<User | undefined>;
  findByUsername(username: string): Promise<User | undefined>;
  findByUserKey(userKey: string): Promise<User | undefined>;
  findByAccountId(accountId: string): Promise<User | undefined>;
  /** Matches the username or the email, both case-insensitively, as Cloud and DC logins do. */
  findByLogin(login: string): Promise<User | undefined>;
  passwordHashOf(id: number): Promise<string | null>;
  list(window: Window, filter?: { activeOnly?: boolean }): Promise<Slice<User>>;
  update(id: number, changes: UserChanges, updatedAtMs: number): Promise<void>;
  remove(id: number): Promise<void>;
  count(): Promise<number>;
}

export interface GroupsRepository {
  insert(name: string, createdAtMs: number): Promise<Group>;
  findByName(name: string): Promise<Group | undefined>;
  list(window: Window): Promise<Slice<Group>>;
  remove(id: number): Promise<void>;
  /** Adding an existing member changes nothing. */
  addMember(groupId: number, userId: number, createdAtMs: number): Promise<void>;
  removeMember(groupId: number, userId: number): Promise<void>;
  members(groupId: number, window: Window): Promise<Slice<User>>;
  groupsOf(userId: number, window: Window): Promise<Slice<Group>>;
  isMember(userId: number, groupName: string): Promise<boolean>;
}

export interface NewApiToken {
  userId: number;
  name: string;
  tokenSha256: string;
  createdAtMs: number;
  expiresAtMs: number | null;
}

export interface TokensRepository {
  insert(token: NewApiToken): Promise<ApiToken>;
  /** The token with this hash unless it is revoked or expired at `nowMs`. */
  findUsable(tokenSha256: string, nowMs: number): Promise<ApiToken | undefined>;
  findById(id: number): Promise<ApiToken | undefined>;
  listForUser(userId: number): Promise<ApiToken[]>;
  markUsed(id: number, atMs: number): Promise<void>;
  revoke(id: number, atMs: number): Promise<void>;
}

export interface NewAuditRecord {
  createdAtMs: number;
  authorId: number | null;
  category: string;
  summary: string;
  objectType: string | null;
  objectId: string | null;
  details: Record<string, unknown>;
}

export interface AuditRepository {
  insert(record: NewAuditRecord): Promise<void>;
}

/** Which blobs the metadata knows, and whether any content version still points at one. */
export interface BlobsRepository {
  /** Records a blob the store now holds; recording a known blob changes nothing. */
  record(sha256: string, sizeBytes: number, createdAtMs: number): Promise<void>;
  isReferenced(sha256: string): Promise<boolean>;
  /** Up to `limit` recorded blobs that no version references (left by a crash between commit and clean-up). */
  unreferenced(limit: number): Promise<string[]>;
  /** Forgets a blob row; the caller has checked that nothing references it. */
  forget(sha256: string): Promise<void>;
}

/** The repositories of one unit of work. */
export interface MetadataRepositories {
  users: UsersRepository;
  groups: GroupsRepository;
  tokens: TokensRepository;
  audit: AuditRepository;
  blobs: BlobsRepository;
  spaces: SpacesRepository;
  content: ContentRepository;
  longTasks: LongTasksRepository;
  properties: PropertiesRepository;
  labels: LabelsRepository;
  watches: WatchesRepository;
}

export interface MetadataStore extends MetadataRepositories {
  /** Runs `work` in one transaction: all of its writes land, or none. */
  transaction<T>(work: (repositories: MetadataRepositories) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
