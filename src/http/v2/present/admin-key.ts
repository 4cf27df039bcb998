import type { HeldAdminKey } from '../../../services/permissions/admin-keys.ts';
import { isoOf } from '../../common/time.ts';

/** Cloud v2's `AdminKeyResponse`. */
export function presentV2AdminKey(key: HeldAdminKey) {
  return { accountId: key.accountId, expirationTime: isoOf(key.expiresAtMs) };
}
