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

export interface Tables {
  users: UsersTable;
  groups: GroupsTable;
  group_memberships: GroupMembershipsTable;
  api_tokens: ApiTokensTable;
  audit_records: AuditRecordsTable;
  blobs: BlobsTable;
  content_versions: ContentVersionsTable;
  spaces: SpacesTable;
  content: ContentTable;
  labels: LabelsTable;
  content_labels: ContentLabelsTable;
  properties: PropertiesTable;
  watches: WatchesTable;
  long_tasks: LongTasksTable;
}
