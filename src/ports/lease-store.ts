/**
 * Leases: a named piece of background work and the process ("holder", a node id) that may run it until
 * `untilMs`. Several processes share one site through them, so work runs once per site, and work whose
 * process died is taken over once its lease has run out. Every change is one atomic statement.
 */
export interface LeasesRepository {
  /**
   * Takes the lease for `holder` until `untilMs` when nobody holds it, its holder's time has run out at
   * `nowMs`, or `holder` holds it already (then it is renewed); whether `holder` now holds it.
   */
  acquire(name: string, holder: string, nowMs: number, untilMs: number): Promise<boolean>;
  /** Extends a lease `holder` still holds; false when it has lost it (another holder took it over). */
  renew(name: string, holder: string, untilMs: number): Promise<boolean>;
  /** Gives the lease up, if `holder` holds it, so another process may take it at once. */
  release(name: string, holder: string): Promise<void>;
  /** Gives up every lease of `holder` (a process shutting down). */
  releaseAll(holder: string): Promise<void>;
  /** Who holds the lease at `nowMs`, if anyone. */
  holderOf(name: string, nowMs: number): Promise<string | undefined>;
}

/**
 * Blob bytes that uploads on any process have stored but not committed yet. A pin and a removal of the
 * same bytes are serialised by the store (both write the pin's row first), so a removal either sees the
 * pin or finishes before the pin is taken.
 */
export interface BlobPinsRepository {
  /** Adds a pin on the bytes, holding until `untilMs` at most (a process that died leaves no pin forever). */
  pin(sha256: string, nowMs: number, untilMs: number): Promise<void>;
  unpin(sha256: string): Promise<void>;
  /**
   * Whether any process holds a pin at `nowMs`; meant for the start of the transaction that removes the
   * bytes, which it holds the pin's row for until it commits.
   */
  isPinned(sha256: string, nowMs: number): Promise<boolean>;
}
