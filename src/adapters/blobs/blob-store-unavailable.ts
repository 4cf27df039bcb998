// Apart from the S3 adapter, so start-up can recognise the error without loading the AWS SDK.

/** Which setting a failed start-up check points at. */
export type S3Problem = 'bucket' | 'credentials' | 'endpoint';

/** The store cannot be used as configured; start-up reports it on one line. */
export class S3BlobStoreUnavailable extends Error {
  readonly problem: S3Problem;

  constructor(problem: S3Problem, message: string) {
    super(message);
    this.name = 'S3BlobStoreUnavailable';
    this.problem = problem;
  }
}
