import { writeFileSync } from 'node:fs';
import { readProfileTables, renderProfileTables, tablePath } from './profile-tables.ts';

/** `node --import tsx test/support/write-profile-tables.ts` rewrites src/http/profiles/spec-tables.ts. */
const tables = readProfileTables();
writeFileSync(tablePath, renderProfileTables(tables));
console.log(
  `${tables.cloudV1Removed.length} removed and ${tables.cloudV1Deprecated.length} deprecated Cloud v1 operations, ` +
    `${tables.dcMethodsByPath.length} Data Center paths, ${tables.cloudV1Limits.length} + ${tables.dcLimits.length} limit rules written to ${tablePath}`,
);
