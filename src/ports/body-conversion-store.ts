import type { ContentBody } from '../domain/content.ts';

/** A finished asynchronous body conversion, kept for its owner until it expires. */
export interface BodyConversion {
  id: string;
  /** `user:<id>`, or `anonymous`: only the one who asked reads the result. */
  ownerKey: string;
  outcome: { body: ContentBody } | { error: string };
  expiresAtMs: number;
}

/**
 * Results of `POST /contentbody/convert/async/…`, kept in the metadata store so that the poll may reach
 * any process of the site, not only the one that converted.
 */
export interface BodyConversionsRepository {
  /** Keeps the result, and forgets those expired at `nowMs`. */
  keep(conversion: BodyConversion, nowMs: number): Promise<void>;
  /** The result unless unknown or expired at `nowMs`. */
  find(id: string, nowMs: number): Promise<BodyConversion | undefined>;
}
