import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.ts';

/** How long a reset waits for the requests under way to be answered before it gives up with 503. */
const drainLimitMs = 10_000;

/**
 * Keeps a reset apart from every other request: requests arriving during one wait for it to end, and it
 * begins only once those under way have been answered, so none of them straddles the old and new site.
 */
export class ResetGate {
  readonly #active = new Set<FastifyRequest>();
  #resetting: Promise<void> | undefined;
  #changed: (() => void) | undefined;

  /** The first `onRequest` hook: waits out a reset, then counts the request until its answer is sent. */
  readonly admit = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    while (this.#resetting) await this.#resetting;
    this.#active.add(request);
    reply.raw.once('close', () => {
      this.#active.delete(request);
      this.#changed?.();
    });
  };

  /**
   * Runs `work` (from the reset request `self`) with no other request under way and none let in. The
   * reset stops counting as under way first: two resets admitted together would otherwise each wait for
   * the other. The second then waits for the first and runs after it.
   */
  async exclusive(self: FastifyRequest, work: () => Promise<void>): Promise<void> {
    this.#active.delete(self);
    this.#changed?.();
    while (this.#resetting) await this.#resetting;
    let end = () => {};
    this.#resetting = new Promise((resolve) => (end = resolve));
    try {
      await this.#drain();
      await work();
    } finally {
      this.#resetting = undefined;
      this.#changed = undefined;
      end();
    }
  }

  async #drain(): Promise<void> {
    const deadline = performance.now() + drainLimitMs;
    while (this.#active.size > 0) {
      const leftMs = deadline - performance.now();
      if (leftMs <= 0) {
        throw new DomainError('dependency_unavailable', {
          detail: 'Requests were still under way after 10 seconds; the site was not reset',
        });
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, leftMs);
        this.#changed = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}
