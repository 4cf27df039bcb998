/** One thing a client did that will fail, or already fails, against a real Confluence (docs/profiles.md). */
export interface JournalWarning {
  readonly code: string;
  readonly message: string;
}

/** What the journal keeps of one request. */
export interface JournalEntry {
  readonly id: number;
  readonly time: string;
  readonly method: string;
  /** The path as the client sent it, without the query. */
  readonly path: string;
  readonly status: number;
  readonly durationMs: number;
  /** The username the request signed in as; null when it came without credentials. */
  readonly user: string | null;
  readonly warnings: readonly JournalWarning[];
}

/** A list page answered with `_links.next`: who read it and which page comes next. */
export interface NextPage {
  /** The reader and the next page (`readerPageKey`). */
  readonly key: string;
  readonly link: string;
}

/**
 * A request as recorded, kept as given (one object per request, the time as a number formatted only when
 * the journal is read): the journal numbers it. Most requests have no warning and share `noWarnings`.
 */
export interface RecordedEntry extends Omit<JournalEntry, 'id' | 'time'> {
  readonly timeMs: number;
}
export const noWarnings: readonly JournalWarning[] = Object.freeze([]);

interface Kept extends RecordedEntry {
  id: number;
  status: number;
  durationMs: number;
  warnings: readonly JournalWarning[];
  next?: NextPage & { followed: boolean };
}

export const nextLinkNotFollowed = 'next_link_not_followed';

/**
 * The last `capacity` requests in a ring, oldest first, and the counts of their warnings since the last
 * clear. A list page's `next_link_not_followed` is decided when the journal is read: it holds for as long
 * as the same reader has not asked for that next page since.
 */
export class RequestJournal {
  private readonly ring: Kept[] = [];
  private oldest = 0;
  private lastId = 0;
  private recorded = 0;
  private readonly counts = new Map<string, number>();
  /** Next pages offered and not yet asked for, by reader and page: the latest offer of each. */
  private readonly awaited = new Map<string, Kept>();
  private nextPagesOffered = 0;
  private nextPagesFollowed = 0;

  constructor(readonly capacity = 10_000) {}

  get size(): number {
    return this.ring.length;
  }

  /** Marks the offer of this page (by this reader) as followed; cheap when nothing is awaited. */
  pageAsked(key: string): void {
    const offer = this.awaited.get(key);
    if (!offer?.next) return;
    offer.next.followed = true;
    this.awaited.delete(key);
    this.nextPagesFollowed += 1;
  }

  get awaitsPages(): boolean {
    return this.awaited.size > 0;
  }

  /** Keeps the entry (the object given) and answers it, for `amend`. */
  record(entry: RecordedEntry, next?: NextPage): RecordedEntry {
    this.lastId += 1;
    this.recorded += 1;
    const kept = entry as Kept;
    kept.id = this.lastId;
    if (next) {
      kept.next = { ...next, followed: false };
      this.awaited.set(next.key, kept);
      this.nextPagesOffered += 1;
    }
    this.count(entry.warnings);
    if (this.ring.length < this.capacity) {
      this.ring.push(kept);
      return kept;
    }
    const evicted = this.ring[this.oldest];
    // An offer that leaves the ring stays unfollowed in the counts; only its lookup goes.
    if (evicted?.next && this.awaited.get(evicted.next.key) === evicted)
      this.awaited.delete(evicted.next.key);
    this.ring[this.oldest] = kept;
    this.oldest = (this.oldest + 1) % this.capacity;
    return kept;
  }

  /** The request's final status and whole duration once its answer has gone, and the notes that came meanwhile. */
  amend(entry: RecordedEntry, status: number, durationMs: number, notes: readonly JournalWarning[]): void {
    const kept = entry as Kept;
    kept.status = status;
    kept.durationMs = durationMs;
    if (notes.length === 0) return;
    kept.warnings = [...kept.warnings, ...notes];
    this.count(notes);
  }

  private count(warnings: readonly JournalWarning[]): void {
    for (const { code } of warnings) this.counts.set(code, (this.counts.get(code) ?? 0) + 1);
  }

  /** Every kept request, oldest first, with the warnings that hold now. */
  entries(): JournalEntry[] {
    const ordered = [...this.ring.slice(this.oldest), ...this.ring.slice(0, this.oldest)];
    return ordered.map(present);
  }

  /** Requests recorded since the last clear, and how many times each warning was given. */
  summary(): { requests: number; kept: number; warnings: Record<string, number> } {
    const warnings: Record<string, number> = Object.fromEntries(this.counts);
    const unfollowed = this.nextPagesOffered - this.nextPagesFollowed;
    if (unfollowed > 0) warnings[nextLinkNotFollowed] = unfollowed;
    return { requests: this.recorded, kept: this.ring.length, warnings };
  }

  clear(): void {
    this.ring.length = 0;
    this.oldest = 0;
    this.recorded = 0;
    this.counts.clear();
    this.awaited.clear();
    this.nextPagesOffered = 0;
    this.nextPagesFollowed = 0;
  }
}

function present(kept: Kept): JournalEntry {
  const { next, timeMs, id, ...rest } = kept;
  const entry = { id, time: new Date(timeMs).toISOString(), ...rest };
  if (!next || next.followed) return entry;
  const warning = {
    code: nextLinkNotFollowed,
    message: `This page's _links.next (${next.link}) was never requested afterwards by the same client: a client that reads only the first page misses the rest. Follow _links.next until a page has none.`,
  };
  return { ...entry, warnings: [...entry.warnings, warning] };
}
