import type { Generated } from 'kysely';

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

export interface Tables {
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
  long_tasks: LongTasksTable;
  space_permissions: SpacePermissionsTable;
  global_permissions: GlobalPermissionsTable;
  restrictions: RestrictionsTable;
  apps: AppsTable;
  app_space_blocks: AppSpaceBlocksTable;
  content_states: ContentStatesTable;
  content_version_states: ContentVersionStatesTable;
  relations: RelationsTable;
  templates: TemplatesTable;
  content_views: ContentViewsTable;
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
