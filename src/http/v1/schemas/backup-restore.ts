import { Type } from 'typebox';
import { Maybe, OptionalBody, v1QueryOf } from './common.ts';

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

/** DC 10's `SpaceBackupRequest`: the spaces, whether to keep the file, and the start of its name. */
export const SpaceBackupBody = OptionalBody(
  Type.Object({
    spaceKeys: Maybe(Type.Array(Type.String())),
    keepPermanently: Maybe(Type.Boolean()),
    fileNamePrefix: Maybe(Type.String()),
  }),
);

/** DC 10's `SiteBackupRequest`. */
export const SiteBackupBody = OptionalBody(
  Type.Object({
    skipAttachments: Maybe(Type.Boolean()),
    keepPermanently: Maybe(Type.Boolean()),
    fileNamePrefix: Maybe(Type.String()),
  }),
);

/** DC 10's `RestoreRequest`: the restore file to read; some clients spell it `filename`. */
export const RestoreBody = OptionalBody(
  Type.Object({
    fileName: Maybe(Type.String()),
    filename: Maybe(Type.String()),
    skipReindex: Maybe(Type.Boolean()),
  }),
);
