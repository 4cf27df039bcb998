import {
  answeredDcVersion,
  type InstanceMetrics,
  type NodeStatus,
  type SiteIdentity,
} from '../../../domain/site.ts';
import type { Surface } from '../../common/surface.ts';
import { isoOf } from '../../common/time.ts';

/** `ServerInformation` of the DC spec: the base URL clients should use and the version answered. */
export function presentV1ServerInformation(surface: Surface) {
  return { baseUrl: surface.base, version: answeredDcVersion };
}

/** The spec's `pages`, `spaces`, `users`, and the other counts an administrator asks for beside them. */
export function presentV1InstanceMetrics(metrics: InstanceMetrics) {
  return {
    pages: metrics.pages,
    spaces: metrics.spaces,
    users: metrics.users,
    blogposts: metrics.blogPosts,
    comments: metrics.comments,
    attachments: metrics.attachments,
  };
}

/**
 * `NodeStatus`: the one node is this process. `jvmStats` carries the runtime's memory, since there is no
 * JVM; `buildStats` the Confluence version answered and the runtime's.
 */
export function presentV1NodeStatus(node: NodeStatus, index: number, nowMs: number) {
  return {
    nodeId: index + 1,
    jvmStats: {
      runtime: 'node',
      usedMemory: node.heapUsedBytes,
      totalMemory: node.heapTotalBytes,
      residentMemory: node.residentBytes,
      uptimeMs: nowMs - node.startedAtMs,
    },
    props: {
      hostname: node.hostname,
      pid: node.pid,
      platform: node.platform,
      startedAt: isoOf(node.startedAtMs),
    },
    buildStats: { confluenceVersion: answeredDcVersion, runtimeVersion: node.nodeVersion },
  };
}

/**
 * Cloud's `SystemInfoEntity`. `commitHash` is required but Tributary knows no build commit at run time, so
 * it is empty rather than invented; dates are answered in UTC and messages in English.
 */
export function presentV1SystemInfo(identity: SiteIdentity, surface: Surface) {
  return {
    cloudId: identity.siteId,
    commitHash: '',
    baseUrl: surface.base,
    fallbackBaseUrl: surface.base,
    defaultLocale: 'en_US',
    defaultTimeZone: 'UTC',
  };
}
