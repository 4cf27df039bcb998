import type { ServiceDeps } from '../deps.ts';

/** The parts a process needs to serve requests. */
export type ReadinessPart = 'database' | 'blobStore';

/** A part that does not answer within this long is counted as failing: a load balancer probe must be quick. */
const checkTimeoutMs = 2_000;

async function answersInTime(check: () => Promise<void>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), checkTimeoutMs);
  });
  try {
    return await Promise.race([check().then(() => true), late]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** The parts that failed a cheap request (a trivial query, a look at the blob store), none when ready. */
export async function failingParts(deps: ServiceDeps): Promise<ReadinessPart[]> {
  const blobCheck = deps.blobs.check?.bind(deps.blobs);
  const [database, blobStore] = await Promise.all([
    answersInTime(() => deps.store.check()),
    blobCheck ? answersInTime(blobCheck) : true,
  ]);
  return [...(database ? [] : ['database' as const]), ...(blobStore ? [] : ['blobStore' as const])];
}
