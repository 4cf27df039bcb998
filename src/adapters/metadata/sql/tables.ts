import type { Generated } from 'kysely';
import type { WebhookAndBackupTables } from './webhook-tables.ts';

/** Row types of migration 0001 onwards, as Kysely sees them. */
export interface UsersTable {
  id: Generated<number>;
  username: string;
  user_key: string;
  account_id: string;
  display_name: string;
  email: string | null;
  password_hash: string | null;
  active: number;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface GroupsTable {
  id: Generated<number>;
  name: string;
  created_at_ms: number;
}

export interface GroupMembershipsTable {
  group_id: number;
  user_id: number;
  created_at_ms: number;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_sha256: string;
  created_at_ms: number;
  expires_at_ms: number | null;
  last_used_at_ms: number | null;
  revoked_at_ms: number | null;
  // 0008
  app_id: number | null;
}

export interface AppsTable {
  id: Generated<number>;
  name: string;
  created_at_ms: number;
}

export interface AppSpaceBlocksTable {
  app_id: number;
  space_id: number;
  created_at_ms: number;
}

export interface AuditRecordsTable {
  id: Generated<number>;
  created_at_ms: number;
  author_id: number | null;
  remote_address: string | null;
  category: string;
  summary: string;
  object_type: string | null;
  object_id: string | null;
  details_json: string;
  // 0006
  author_username: string | null;
  author_user_key: string | null;
  author_account_id: string | null;
  author_display_name: string;
  sys_admin: number;
  description: string;
  object_name: string | null;
  space_id: number | null;
  space_key: string | null;
  space_name: string | null;
  content_id: number | null;
  content_type: string | null;
  content_title: string | null;
  changed_values_json: string;
  associated_objects_json: string;
  search_text: string;
}

/** One row (id 1) once an administrator sets the period; the default applies until then. */
/** One row (`id` 1), made by migration 0010. */
export interface SiteIdentityTable {
  id: number;
  site_id: string;
  created_at_ms: number;
}

export interface AuditRetentionTable {
  id: number;
  number: number;
  units: string;
  updated_at_ms: number;
}

export interface BlobsTable {
  sha256: string;
  size_bytes: number;
  created_at_ms: number;
}

export interface ContentVersionsTable {
  content_id: number;
  number: number;
  title: string;
  author_id: number | null;
  created_at_ms: number;
  message: string;
  minor_edit: number;
  body_representation: string | null;
  body_value: string | null;
  blob_sha256: string | null;
  size_bytes: number | null;
  media_type: string | null;
  file_id: string | null;
}

export interface SpacesTable {
  id: Generated<number>;
  space_key: string;
  name: string;
  description: string;
  type: string;
  status: string;
  homepage_id: number | null;
  creator_id: number | null;
  private: number;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface ContentTable {
  id: Generated<number>;
  type: string;
  status: string;
  title: string;
  space_id: number | null;
  parent_id: number | null;
  container_id: number | null;
  position: number | null;
  current_version: number;
  comment_location: string | null;
  creator_id: number | null;
  created_at_ms: number;
  updated_at_ms: number;
  custom_type: string | null;
  embed_url: string | null;
  /** The current version's size, media type and author (0, '', 0: none), for sorting (migration 0022). */
  current_size_bytes: Generated<number>;
  current_media_type: Generated<string>;
  current_author_id: Generated<number>;
}

export interface LabelsTable {
  id: Generated<number>;
  prefix: string;
  name: string;
}

export interface ContentLabelsTable {
  content_id: number;
  label_id: number;
  owner_id: number | null;
  created_at_ms: number;
}

export interface PropertiesTable {
  id: Generated<number>;
  content_id: number | null;
  space_id: number | null;
  property_key: string;
  value_json: string;
  version_number: number;
  version_message: Generated<string>;
  version_minor_edit: Generated<number>;
  author_id: number | null;
  updated_at_ms: number;
}

export interface WatchesTable {
  user_id: number;
  content_id: number | null;
  space_id: number | null;
  created_at_ms: number;
  // 0015
  label_id: Generated<number | null>;
}

/** 0015: labels on spaces, as content carries them in `content_labels`. */
export interface SpaceLabelsTable {
  space_id: number;
  label_id: number;
  owner_id: number | null;
  created_at_ms: number;
}

/** 0015: one row per space once any setting is changed; the defaults apply until then. */
export interface SpaceSettingsTable {
  space_id: number;
  route_override_enabled: number;
  content_mode: string | null;
  content_states_allowed: number;
  custom_content_states_allowed: number;
  space_content_states_allowed: number;
  updated_at_ms: number;
}

export interface LongTasksTable {
  id: string;
  name: string;
  owner_id: number | null;
  percentage_complete: number;
  successful: number;
  finished: number;
  messages_json: string;
  created_at_ms: number;
  finished_at_ms: number | null;
  resume_json: string | null;
}

/** Who may run a piece of background work, until when (0020-leases). */
export interface LeasesTable {
  name: string;
  holder: string;
  until_ms: number;
}

/** Uncommitted bytes held by uploads on any process (0020-leases). */
export interface BlobPinsTable {
  sha256: string;
  count: number;
  until_ms: number;
}

/** Signed-in browsers of the web interface (0021-web-sessions). */
export interface WebSessionsTable {
  id: string;
  user_id: number;
  secret_sha256: string;
  created_at_ms: number;
  last_seen_at_ms: number;
  expires_at_ms: number;
  revoked_at_ms: number | null;
  user_agent: string;
  remote_address: string;
}

/** Results of asynchronous body conversions (0020-leases). */
export interface BodyConversionsTable {
  id: string;
  owner_key: string;
  outcome_json: string;
  expires_at_ms: number;
}

/** Space and global permissions share a shape; anonymous rows have no subject id. */
export interface PermissionsTable {
  subject_type: string;
  subject_id: number | null;
  target_type: string;
  operation: string;
  created_at_ms: number;
}

export interface SpacePermissionsTable extends PermissionsTable {
  id: Generated<number>;
  space_id: number;
}

export interface GlobalPermissionsTable extends PermissionsTable {
  id: Generated<number>;
}

export interface RestrictionsTable {
  content_id: number;
  operation: string;
  subject_type: string;
  subject_id: number;
}

export interface AppearanceSettingsTable {
  space_id: number | null;
  name: string;
  value_json: string;
  updated_at_ms: number;
}

export interface SpaceRolesTable {
  id: Generated<number>;
  role_id: string;
  type: string;
  name: string;
  description: string;
  operations_json: string;
}

export interface SpaceRoleAssignmentsTable {
  id: Generated<number>;
  space_id: number;
  role_id: number;
  subject_type: string;
  subject_id: number;
  created_at_ms: number;
}

export interface ClassificationLevelsTable {
  id: string;
  name: string;
  description: string;
  guideline: string;
  color: string;
  status: string;
  sort_order: number;
}

export interface SpaceClassificationDefaultsTable {
  space_id: number;
  level_id: string;
  updated_at_ms: number;
}

export interface ContentClassificationLevelsTable {
  content_id: number;
  level_id: string;
  updated_at_ms: number;
}

// 0011
export interface GroupNestingsTable {
  parent_group_id: number;
  child_group_id: number;
  created_at_ms: number;
}

export interface UnlicensedPermissionsTable {
  target_type: string;
  operation: string;
  created_at_ms: number;
}

export interface UserPropertiesTable {
  id: Generated<number>;
  user_id: number;
  property_key: string;
  value_json: string;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface AppPropertiesTable {
  app_id: number;
  property_key: string;
  value_json: string;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface AdminKeysTable {
  user_id: number;
  created_at_ms: number;
  expires_at_ms: number;
}

export interface InlineCommentsTable {
  content_id: number;
  marker_ref: string;
  original_selection: string;
  resolution_status: string;
  resolution_modifier_id: number | null;
  resolution_modified_at_ms: number | null;
}

export interface LikesTable {
  content_id: number;
  user_id: number;
  created_at_ms: number;
}

export interface ContentTasksTable {
  id: Generated<number>;
  content_id: number;
  local_id: string;
  status: string;
  body: string;
  creator_id: number | null;
  assignee_id: number | null;
  completer_id: number | null;
  created_at_ms: number;
  updated_at_ms: number;
  due_at_ms: number | null;
  completed_at_ms: number | null;
}

export interface Tables extends WebhookAndBackupTables {
  users: UsersTable;
  groups: GroupsTable;
  group_memberships: GroupMembershipsTable;
  api_tokens: ApiTokensTable;
  audit_records: AuditRecordsTable;
  audit_retention: AuditRetentionTable;
  blobs: BlobsTable;
  content_versions: ContentVersionsTable;
  spaces: SpacesTable;
  content: ContentTable;
  labels: LabelsTable;
  content_labels: ContentLabelsTable;
  properties: PropertiesTable;
  watches: WatchesTable;
  space_labels: SpaceLabelsTable;
  space_settings: SpaceSettingsTable;
  long_tasks: LongTasksTable;
  space_permissions: SpacePermissionsTable;
  global_permissions: GlobalPermissionsTable;
  restrictions: RestrictionsTable;
  apps: AppsTable;
  app_space_blocks: AppSpaceBlocksTable;
  appearance_settings: AppearanceSettingsTable;
  space_roles: SpaceRolesTable;
  space_role_assignments: SpaceRoleAssignmentsTable;
  classification_levels: ClassificationLevelsTable;
  space_classification_defaults: SpaceClassificationDefaultsTable;
  content_classification_levels: ContentClassificationLevelsTable;
  site_identity: SiteIdentityTable;
  group_nestings: GroupNestingsTable;
  unlicensed_permissions: UnlicensedPermissionsTable;
  user_properties: UserPropertiesTable;
  app_properties: AppPropertiesTable;
  admin_keys: AdminKeysTable;
  inline_comments: InlineCommentsTable;
  likes: LikesTable;
  content_tasks: ContentTasksTable;
  content_states: ContentStatesTable;
  content_version_states: ContentVersionStatesTable;
  relations: RelationsTable;
  templates: TemplatesTable;
  content_views: ContentViewsTable;
  leases: LeasesTable;
  web_sessions: WebSessionsTable;
  blob_pins: BlobPinsTable;
  body_conversions: BodyConversionsTable;
}

// 0017
export interface ContentStatesTable {
  id: number;
  owner_id: number;
  name: string;
  color: string;
  last_used_at_ms: number;
}

export interface ContentVersionStatesTable {
  content_id: number;
  version_number: number;
  /** All three null: the state was removed at this version. */
  state_id: number | null;
  name: string | null;
  color: string | null;
  set_at_ms: number;
}

export interface RelationsTable {
  relation_name: string;
  source_type: string;
  source_key: string;
  target_type: string;
  target_key: string;
  creator_id: number | null;
  created_at_ms: number;
}

export interface TemplatesTable {
  id: Generated<number>;
  space_id: number | null;
  name: string;
  description: string;
  template_type: string;
  body_representation: string;
  body_value: string;
  labels_json: string;
  creator_id: number | null;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface ContentViewsTable {
  content_id: number;
  viewer_id: number;
  day_ms: number;
  views: number;
}
