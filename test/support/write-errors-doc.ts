import { writeFileSync } from 'node:fs';
import { errorsDocUrl, renderErrorsDoc } from './errors-doc.ts';

/** `node --import tsx test/support/write-errors-doc.ts` rewrites docs/errors.md from the catalogue. */
writeFileSync(errorsDocUrl, renderErrorsDoc());
