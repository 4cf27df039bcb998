import { writeFileSync } from 'node:fs';
import { readDcDefaultExpansions, renderDcDefaultExpansions, tablePath } from './dc-default-expansions.ts';

/** `node --import tsx test/support/write-dc-default-expansions.ts` rewrites src/http/v1/dc-default-expansions.ts. */
const entries = readDcDefaultExpansions();
writeFileSync(tablePath, renderDcDefaultExpansions(entries));
console.log(`${entries.length} default expansions written to ${tablePath}`);
