import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { answerInTurns, RenderedLater, renderedWhenLong } from './rendered-later.ts';

/** What a client receives for `answer` sent through `answerInTurns`, with its content type. */
async function received(answer: object) {
  const app = Fastify();
  app.get('/', (_request, reply) => answerInTurns(reply, answer));
  const response = await app.inject({ url: '/' });
  await app.close();
  // A streamed answer has no length up front.
  const streamed = response.headers['content-length'] === undefined;
  return { type: response.headers['content-type'], body: response.body, streamed };
}

describe('lists rendered as the answer is serialised', () => {
  const render = (n: number) => ({ id: String(n), title: `Page ${n}` });

  it('renders a short list at once, and a long one only when serialised', () => {
    assert.deepEqual(renderedWhenLong([1, 2], render), [render(1), render(2)]);
    let rendered = 0;
    const later = renderedWhenLong(
      Array.from({ length: 1_000 }, (_, n) => n),
      (n) => {
        rendered += 1;
        return render(n);
      },
    );
    assert.ok(later instanceof RenderedLater);
    assert.equal(rendered, 0);
    assert.equal(JSON.stringify({ ancestors: later }).length > 0, true);
    assert.equal(rendered, 1_000);
  });

  for (const length of [1_000, 1_001, 1_250, 2_777]) {
    it(`sends the JSON that JSON.stringify would, in pieces (${length} items)`, async () => {
      const items = Array.from({ length }, (_, n) => n);
      const answer = {
        id: '7',
        skipped: undefined,
        ancestors: new RenderedLater(items, render),
        _links: { base: 'http://x' },
      };
      const { type, body, streamed } = await received(answer);
      assert.equal(type, 'application/json; charset=utf-8');
      assert.equal(streamed, true);
      assert.equal(body, JSON.stringify(answer));
      assert.deepEqual(Object.keys(JSON.parse(body)), ['id', 'ancestors', '_links']);
    });
  }

  it('leaves any other answer to Fastify', async () => {
    const answer = { id: '7', ancestors: [render(1)] };
    assert.equal(await answerInTurns({} as never, answer), answer);
    assert.deepEqual(await received(answer), {
      type: 'application/json; charset=utf-8',
      body: JSON.stringify(answer),
      streamed: false,
    });
  });
});
