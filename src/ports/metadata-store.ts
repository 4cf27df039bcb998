import type { App, AppRules } from '../domain/app.ts';
import type { AuditRecord, TimePeriod } from '../domain/audit.ts';
import type { Slice, Window } from '../domain/paging.ts';
import type {
  GlobalOperation,
  PermissionSubject,
  Restriction,
  RestrictionOperation,
  SpaceOperation,
  UnlicensedOperation,
} from '../domain/permissions.ts';
import type { SiteIdentity } from '../domain/site.ts';
import type { ApiToken, Group, User } from '../domain/user.ts';
import type { NewWebSession, WebSession } from '../domain/web-session.ts';
import type { AppearanceRepository } from './appearance-store.ts';
import type { BackupJobsRepository } from './backup-store.ts';
import type { BodyConversionsRepository } from './body-conversion-store.ts';
import type { ClassificationsRepository } from './classification-store.ts';
import type {
  ContentTasksRepository,
  InlineCommentsRepository,
  LikesRepository,
} from './comment-like-task-store.ts';
import type {
  ContentStatesRepository,
  ContentViewsRepository,
  RelationsRepository,
  TemplatesRepository,
} from './content-extras-store.ts';
import type { ContentRepository, SpacesRepository } from './content-store.ts';
import type { HousekeepingRepository } from './housekeeping-store.ts';
import type {
  AdminKeysRepository,
  AppPropertiesRepository,
  UserPropertiesRepository,
} from './identity-extras-store.ts';
import type { LabelsRepository } from './label-store.ts';
import type { BlobPinsRepository, LeasesRepository } from './lease-store.ts';
import type { SiteCheckRepository } from './site-check-store.ts';
import type { SpaceRolesRepository } from './space-role-store.ts';
import type { LongTasksRepository, PropertiesRepository } from './task-and-property-store.ts';
import type { WatchesRepository } from './watch-store.ts';
import type { WebhooksRepository } from './webhook-store.ts';

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
  findById(id: number): Promise<Group | undefined>;
  list(window: Window): Promise<Slice<Group>>;
  remove(id: number): Promise<void>;
  /** Adding an existing member changes nothing. */
  addMember(groupId: number, userId: number, createdAtMs: number): Promise<void>;
  removeMember(groupId: number, userId: number): Promise<void>;
  /** The users in the group itself, not those of groups inside it. */
  members(groupId: number, window: Window): Promise<Slice<User>>;
  /** The groups the user was added to, not those containing them. */
  groupsOf(userId: number, window: Window): Promise<Slice<Group>>;
  /** Whether the user belongs to the group, directly or through groups inside it. */
  isMember(userId: number, groupName: string): Promise<boolean>;
  /** Every group the user belongs to, directly or through groups inside it. */
  groupIdsOf(userId: number): Promise<number[]>;
  /** Puts `childId` inside `parentId`; nesting it again changes nothing. */
  addChildGroup(parentId: number, childId: number, createdAtMs: number): Promise<void>;
  removeChildGroup(parentId: number, childId: number): Promise<void>;
  /** The groups directly inside the group, by name. */
  childGroups(groupId: number, window: Window): Promise<Slice<Group>>;
  /** The groups directly containing the group, by name. */
  parentGroups(groupId: number, window: Window): Promise<Slice<Group>>;
  /** The groups containing the group at any depth, by name. */
  ancestorGroups(groupId: number, window: Window): Promise<Slice<Group>>;
}

export interface NewApiToken {
  userId: number;
  name: string;
  tokenSha256: string;
  createdAtMs: number;
  expiresAtMs: number | null;
  /** The app the token is issued to; none for a user's own token. */
  appId?: number | null;
}

export interface TokensRepository {
  insert(token: NewApiToken): Promise<ApiToken>;
  /** The token with this hash unless it is revoked or expired at `nowMs`. */
  findUsable(tokenSha256: string, nowMs: number): Promise<ApiToken | undefined>;
  findById(id: number): Promise<ApiToken | undefined>;
  listForUser(userId: number): Promise<ApiToken[]>;
  markUsed(id: number, atMs: number): Promise<void>;
  revoke(id: number, atMs: number): Promise<void>;
  /** Revokes every token of the app that is not revoked yet; answers how many. */
  revokeAllOfApp(appId: number, atMs: number): Promise<number>;
  /** How many of the app's tokens are neither revoked nor expired at `nowMs`. */
  countUsableOfApp(appId: number, nowMs: number): Promise<number>;
}

/** Browser sessions of the web interface (domain/web-session.ts). */
export interface WebSessionsRepository {
  insert(session: NewWebSession): Promise<void>;
  /** The session with this hash unless it is revoked or expired at `nowMs`. */
  findUsable(secretSha256: string, nowMs: number): Promise<WebSession | undefined>;
  /** Records a use: the session now lasts until `expiresAtMs`. */
  touch(id: string, lastSeenAtMs: number, expiresAtMs: number): Promise<void>;
  /** The user's sessions that are neither revoked nor expired at `nowMs`, most recently used first. */
  listUsableOfUser(userId: number, nowMs: number): Promise<WebSession[]>;
  revoke(id: string, atMs: number): Promise<void>;
  /** Revokes every session of the user that is not revoked yet; answers how many. */
  revokeAllOfUser(userId: number, atMs: number): Promise<number>;
}

/** Apps and their access rules: the spaces each is blocked from. */
export interface AppsRepository {
  insert(name: string, createdAtMs: number): Promise<App>;
  findById(id: number): Promise<App | undefined>;
  /** Whatever the case of `name`. */
  findByName(name: string): Promise<App | undefined>;
  /** By name. */
  list(): Promise<App[]>;
  /** The app and its blocks; its tokens keep their rows, no longer linked to it. */
  remove(id: number): Promise<void>;
  /** Blocking a space the app is blocked from already changes nothing. */
  block(appId: number, spaceIds: readonly number[], createdAtMs: number): Promise<void>;
  unblock(appId: number, spaceIds: readonly number[]): Promise<void>;
  blockedSpaceIdsOf(appId: number): Promise<number[]>;
  /** Each app's blocked spaces by key; only `appIds` when given. */
  rules(appIds?: readonly number[]): Promise<AppRules[]>;
}

export type NewAuditRecord = Omit<AuditRecord, 'id'> & {
  /** Kept for forensics, not shown: what the service knew beyond the shown fields. */
  details: Record<string, unknown>;
};

export interface AuditFilter {
  /** Inclusive bounds on the creation time. */
  fromMs?: number | undefined;
  toMs?: number | undefined;
  /** Case-insensitive substring of any of the record's texts. */
  searchText?: string | undefined;
}

/** Where an export stopped: the last record it read, newest first. */
export interface AuditPosition {
  createdAtMs: number;
  id: number;
}

export interface AuditRepository {
  insert(record: NewAuditRecord): Promise<AuditRecord>;
  /** Newest first. */
  list(filter: AuditFilter, window: Window): Promise<Slice<AuditRecord>>;
  /** Newest first, the `limit` records after `after`, for exports that read the whole log in batches. */
  listAfter(filter: AuditFilter, after: AuditPosition | undefined, limit: number): Promise<AuditRecord[]>;
  /** Removes up to `limit` of the records created before `beforeMs`; answers how many went. */
  removeOlderThan(beforeMs: number, limit: number): Promise<number>;
  /** The period set by an administrator; undefined until one is set. */
  retention(): Promise<TimePeriod | undefined>;
  setRetention(period: TimePeriod, updatedAtMs: number): Promise<void>;
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

export interface GrantedPermission<Operation> {
  id: number;
  subject: PermissionSubject;
  operation: Operation;
}

/** Space and global permissions, and content restrictions. */
export interface PermissionsRepository {
  /** Space operations the user holds in the space, directly, through a group, or as everyone (anonymous). */
  spaceOperationsOf(spaceId: number, userId: number | null): Promise<SpaceOperation[]>;
  spacePermissions(spaceId: number): Promise<GrantedPermission<SpaceOperation>[]>;
  /** Granting what is held already changes nothing. */
  grantSpace(
    spaceId: number,
    subject: PermissionSubject,
    operations: readonly SpaceOperation[],
    nowMs: number,
  ): Promise<void>;
  revokeSpace(
    spaceId: number,
    subject: PermissionSubject,
    operations: readonly SpaceOperation[],
  ): Promise<void>;
  globalOperationsOf(userId: number | null): Promise<GlobalOperation[]>;
  globalPermissions(): Promise<GrantedPermission<GlobalOperation>[]>;
  grantGlobal(
    subject: PermissionSubject,
    operations: readonly GlobalOperation[],
    nowMs: number,
  ): Promise<void>;
  revokeGlobal(subject: PermissionSubject, operations: readonly GlobalOperation[]): Promise<void>;
  /** What users without a licence may do, in `unlicensedOperations` order. */
  unlicensedOperations(): Promise<UnlicensedOperation[]>;
  /** Granting what is held already changes nothing. */
  grantUnlicensed(operations: readonly UnlicensedOperation[], nowMs: number): Promise<void>;
  revokeUnlicensed(operations: readonly UnlicensedOperation[]): Promise<void>;
  restrictionsOf(contentId: number): Promise<Restriction[]>;
  /** The restrictions of `operation` on the item and on everything above it (parent pages, container). */
  restrictionsAbove(contentId: number, operation: RestrictionOperation): Promise<Restriction[]>;
  replaceRestrictions(
    contentId: number,
    operation: RestrictionOperation,
    subjects: readonly Restriction['subject'][],
  ): Promise<void>;
}

/** The site's identity, made with the database and never changed. */
export interface SiteRepository {
  identity(): Promise<SiteIdentity>;
}

/** The repositories of one unit of work. */
export interface MetadataRepositories {
  users: UsersRepository;
  groups: GroupsRepository;
  tokens: TokensRepository;
  webSessions: WebSessionsRepository;
  apps: AppsRepository;
  audit: AuditRepository;
  blobs: BlobsRepository;
  spaces: SpacesRepository;
  content: ContentRepository;
  longTasks: LongTasksRepository;
  properties: PropertiesRepository;
  labels: LabelsRepository;
  watches: WatchesRepository;
  permissions: PermissionsRepository;
  appearance: AppearanceRepository;
  spaceRoles: SpaceRolesRepository;
  webhooks: WebhooksRepository;
  backupJobs: BackupJobsRepository;
  classifications: ClassificationsRepository;
  site: SiteRepository;
  userProperties: UserPropertiesRepository;
  appProperties: AppPropertiesRepository;
  adminKeys: AdminKeysRepository;
  inlineComments: InlineCommentsRepository;
  likes: LikesRepository;
  contentTasks: ContentTasksRepository;
  contentStates: ContentStatesRepository;
  relations: RelationsRepository;
  templates: TemplatesRepository;
  contentViews: ContentViewsRepository;
  leases: LeasesRepository;
  blobPins: BlobPinsRepository;
  bodyConversions: BodyConversionsRepository;
  /** A space's storage figures, prunable versions and trash records, as aggregates. */
  housekeeping: HousekeepingRepository;
  /** What `tributary fsck` reads to check the site, in batches, and the text index repairs. */
  siteCheck: SiteCheckRepository;
}

export interface MetadataStore extends MetadataRepositories {
  /** Runs `work` in one transaction: all of its writes land, or none. */
  transaction<T>(work: (repositories: MetadataRepositories) => Promise<T>): Promise<T>;
  /** Answers once a trivial query has run (readiness, `GET /status`); rejects when the database is unreachable. */
  check(): Promise<void>;
  /** Connections of the pool in use and idle, where the store keeps a pool (metrics); undefined otherwise. */
  poolStats?(): PoolStats;
  close(): Promise<void>;
  /**
   * A number that changes whenever anything deciding who a credential is or what a principal may see
   * may have changed (users, groups, tokens, grants, restrictions, apps), including changes by other
   * processes. Answers about a principal may be kept while it stands still. Absent where the store cannot
   * tell cheaply (PostgreSQL shared by several nodes): nothing is then kept beyond one request.
   */
  permissionGeneration?(): number;
  /** Test mode's reset (services/site/reset-site.ts); absent where the store cannot take one (PostgreSQL). */
  snapshots?: SiteSnapshots;
}

/** One copy of every row of the site, kept beside it, to return to. */
export interface SiteSnapshots {
  /**
   * Copies every row now (again, when called again); no transaction may be under way. Answers the blobs
   * the copy names, whose bytes must outlive any removal for a restore to find them.
   */
  take(): Promise<{ blobs: string[] }>;
  /**
   * Puts back exactly the rows copied, in one transaction: a reader sees the site before or after, never
   * between. Answers the blobs recorded since the copy, which no row names any more (their bytes remain).
   */
  restore(): Promise<{ blobsRecordedSince: string[] }>;
}

export interface PoolStats {
  total: number;
  idle: number;
  /** Callers waiting for a connection. */
  waiting: number;
}
