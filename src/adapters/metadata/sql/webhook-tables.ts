import type { Generated } from 'kysely';

/** Row types of migration 0016. */
export interface WebhooksTable {
  id: Generated<number>;
  name: string;
  url: string;
  active: number;
  configuration_json: string;
  credentials_json: string | null;
  ssl_verification_required: number;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface WebhookEventsTable {
  webhook_id: number;
  event: string;
}

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  webhook_id: number;
  event: string;
  payload: string;
  attempts: number;
  next_attempt_at_ms: number;
  created_at_ms: number;
}

export interface WebhookInvocationsTable {
  id: Generated<number>;
  webhook_id: number;
  event: string;
  url: string;
  request_body: string;
  request_headers_json: string;
  outcome: string;
  description: string;
  started_at_ms: number;
  finished_at_ms: number;
}

export interface BackupJobsTable {
  id: Generated<number>;
  operation: string;
  scope: string;
  state: string;
  owner_id: number | null;
  space_keys: string;
  settings_json: string;
  file_name: string | null;
  error_message: string | null;
  cancelled_by_id: number | null;
  statistics_json: string;
  created_at_ms: number;
  started_at_ms: number | null;
  finished_at_ms: number | null;
  cancelled_at_ms: number | null;
}

export interface WebhookAndBackupTables {
  webhooks: WebhooksTable;
  webhook_events: WebhookEventsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_invocations: WebhookInvocationsTable;
  backup_jobs: BackupJobsTable;
}
