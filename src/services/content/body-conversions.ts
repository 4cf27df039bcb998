import type { ContentBody } from '../../domain/content.ts';

/** A finished conversion, kept for its owner until it expires. */
export interface BodyConversion {
  id: string;
  /** `user:<id>`, or `anonymous`: only the one who asked reads the result. */
  ownerKey: string;
  outcome: { body: ContentBody } | { error: string };
  expiresAtMs: number;
}

/**
 * Results of `POST /contentbody/convert/async/…`, kept in memory for five minutes as Cloud keeps them
 * (Cloud v1 spec), and at most `capacity` of them: the oldest go first. Lost on restart, as a client
 * that polls an expired id expects. One instance per process, made by main.ts and passed down.
 */
export class BodyConversions {
  static readonly keptMs = 5 * 60 * 1000;
  readonly #results = new Map<string, BodyConversion>();
  readonly #capacity: number;

  constructor(capacity = 10_000) {
    this.#capacity = capacity;
  }

  keep(conversion: BodyConversion, nowMs: number): void {
    this.#forgetExpired(nowMs);
    // Maps iterate in insertion order, so the first key is the oldest result.
    while (this.#results.size >= this.#capacity) {
      const oldest = this.#results.keys().next().value;
      if (oldest === undefined) break;
      this.#results.delete(oldest);
    }
    this.#results.set(conversion.id, conversion);
  }

  find(id: string, nowMs: number): BodyConversion | undefined {
    const found = this.#results.get(id);
    if (found && found.expiresAtMs <= nowMs) {
      this.#results.delete(id);
      return undefined;
    }
    return found;
  }

  #forgetExpired(nowMs: number) {
    for (const [id, conversion] of this.#results) {
      if (conversion.expiresAtMs > nowMs) break;
      this.#results.delete(id);
    }
  }
}
