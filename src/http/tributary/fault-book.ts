import { type FaultRule, faultPathMatcher } from '../../domain/fault-rule.ts';

/** A rule as listed: its id, what it was given, and how it has been used. */
export interface ListedFault extends FaultRule {
  id: number;
  /** Hits left of a rule with `times`; null: no end. */
  remaining: number | null;
  /** Requests it has been applied to. */
  injected: number;
}

/** What a rule is matched on. */
export interface FaultTarget {
  method: string;
  /** Without query or context path. */
  path: string;
  /** The username of a signed-in user; undefined for anyone else. */
  username: string | undefined;
  /** A multipart/form-data body: only such a request can be an upload that `failUpload` fails. */
  multipart: boolean;
}

interface Entry {
  listed: ListedFault;
  matchesPath: (path: string) => boolean;
  random: (() => number) | undefined;
}

/**
 * mulberry32: a small generator whose sequence is fixed by its seed, so a rule with a probability hits
 * the same requests on every run that sends the same requests in the same order.
 */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Test mode's fault rules in the order they were added, with their counts. */
export class FaultBook {
  #entries: Entry[] = [];
  #nextId = 1;

  get isEmpty(): boolean {
    return this.#entries.length === 0;
  }

  add(rule: FaultRule): ListedFault {
    const listed: ListedFault = { id: this.#nextId++, ...rule, remaining: rule.times ?? null, injected: 0 };
    const random = rule.probability === undefined ? undefined : seededRandom(rule.seed ?? 0);
    this.#entries.push({ listed, matchesPath: faultPathMatcher(rule.path), random });
    return { ...listed };
  }

  list(): ListedFault[] {
    return this.#entries.map((entry) => ({ ...entry.listed }));
  }

  remove(id: number): boolean {
    const before = this.#entries.length;
    this.#entries = this.#entries.filter((entry) => entry.listed.id !== id);
    return this.#entries.length < before;
  }

  clear(): void {
    this.#entries = [];
  }

  /**
   * The first rule that matches the request and hits it, counted as used; undefined: the request is
   * served as usual. A rule whose probability misses lets the next rules be tried.
   */
  take(target: FaultTarget): ListedFault | undefined {
    for (const { listed, matchesPath, random } of this.#entries) {
      if (listed.remaining === 0) continue;
      if (listed.method !== undefined && listed.method !== target.method) continue;
      if (listed.user !== undefined && listed.user.toLowerCase() !== target.username?.toLowerCase()) continue;
      if (listed.failUpload && !target.multipart) continue;
      if (!matchesPath(target.path)) continue;
      if (random && random() >= (listed.probability ?? 1)) continue;
      if (listed.remaining !== null) listed.remaining -= 1;
      listed.injected += 1;
      return { ...listed };
    }
    return undefined;
  }
}
