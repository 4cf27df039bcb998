import { Type } from 'typebox';
import { FieldsBody, v1QueryOf } from './common.ts';

export const JobParams = Type.Object({ jobId: Type.String() });
/** DC 10's job filter; `jobStates` may repeat or come comma-separated. */
export const JobListQuery = v1QueryOf(
  'limit',
  'fromDate',
  'toDate',
  'jobScope',
  'jobOperation',
  'jobStates',
  'spaceKey',
  'owner',
);
export const RestoreFilesQuery = v1QueryOf('jobScope');
/** A backup's spaces and archive name, or the archive a restore reads; checked by the backup use cases. */
export const JobBody = FieldsBody('spaceKeys', 'fileName', 'fileNamePrefix', 'filename');
