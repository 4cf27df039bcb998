import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aSpaceWithPage } from '../../../test/support/builders.ts';
import { rejectsWithDomainError } from '../../../test/support/domain-errors.ts';
import { useServiceSite } from '../../../test/support/service-deps.ts';
import { maxCqlClauses } from '../../domain/cql/parser.ts';
import { systemPrincipal } from '../../domain/principal.ts';
import { searchContent } from './search-content.ts';
import { searchSite } from './search-site.ts';

const window = { start: 0, limit: 5 };
const search = (services: Parameters<typeof searchContent>[0], cql: string) =>
  searchContent(services, systemPrincipal, { cql, cqlContext: undefined }, window);

describe('searching content with long queries (found by the fuzzing of issue 22)', () => {
  const site = useServiceSite();

  it('answers a list of 3,000 titles, which compiles to 3,000 conditions joined by OR', async () => {
    await aSpaceWithPage(site.services, 'LONG');
    const titles = Array.from({ length: 3000 }, (_, n) => `"t${n}"`).concat('"LONG page"');
    const found = await search(site.services, `title in (${titles.join(', ')})`);
    assert.equal(found.total, 1);
  });

  it(`answers ${maxCqlClauses} clauses joined by OR, on content and across the site`, async () => {
    const cql = Array.from({ length: maxCqlClauses }, (_, n) => `title ~ "w${n}"`).join(' OR ');
    assert.equal((await search(site.services, cql)).total, 0);
    const input = { cql, cqlContext: undefined };
    assert.equal((await searchSite(site.services, systemPrincipal, input, window)).total, 0);
  });

  it(`refuses a query of more than ${maxCqlClauses} clauses with a 400, not a 500 from the database`, async () => {
    const cql = Array.from({ length: 1000 }, (_, n) => `title ~ "w${n}"`).join(' OR ');
    const error = await rejectsWithDomainError(search(site.services, cql), 'invalid_request');
    assert.match(error.message, new RegExp(`more than ${maxCqlClauses} clauses`));
  });
});
