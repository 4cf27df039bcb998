import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { notFound } from '../../../domain/errors.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { addRestrictionSubject } from '../../../services/restrictions/add-restriction-subject.ts';
import { addRestrictions } from '../../../services/restrictions/add-restrictions.ts';
import { checkRestrictionSubject } from '../../../services/restrictions/check-restriction-subject.ts';
import { deleteRestrictions } from '../../../services/restrictions/delete-restrictions.ts';
import { getRelevantViewRestrictions } from '../../../services/restrictions/get-relevant-view-restrictions.ts';
import { getRestrictions } from '../../../services/restrictions/get-restrictions.ts';
import { removeRestrictionSubject } from '../../../services/restrictions/remove-restriction-subject.ts';
import { replaceRestrictions } from '../../../services/restrictions/replace-restrictions.ts';
import {
  parseRestrictionOperation,
  type SubjectRef,
} from '../../../services/restrictions/restriction-input.ts';
import { bodyRefusedAs } from '../../common/body-refusal.ts';
import { parseContentId } from '../../common/content-ids.ts';
import { typed } from '../../common/schemas.ts';
import type { Surface } from '../../common/surface.ts';
import { type WindowRules, windowOf } from '../paging.ts';
import {
  presentV1OperationRestriction,
  presentV1RelevantViewRestrictions,
  presentV1RestrictionArray,
  presentV1RestrictionsByOperation,
} from '../present/restriction.ts';
import { restrictionsBodyRefusal, restrictionUpdatesOf, userRefOfQuery } from '../restriction-input.ts';
import {
  OperationParams,
  PagedQuery,
  RestrictionParams,
  RestrictionsBody,
  SubjectParams,
  SubjectQuery,
} from '../schemas/restrictions.ts';

// Both specs default the users and groups of a restriction to 100 per page; Data Center's byOperation
// answers with 200, and relevantViewRestrictions pages its entries 50 at most.
const memberRules: WindowRules = { defaultLimit: 100, maxLimit: 200 };
const byOperationRules: WindowRules = { defaultLimit: 200, maxLimit: 200 };
const relevantRules: WindowRules = { defaultLimit: 50, maxLimit: 50 };
const allMembers = { start: 0, limit: memberRules.maxLimit };

const idOf = (request: { params: { id: string } }) => parseContentId(request.params.id);

/**
 * `/content/{id}/restriction` and its sub-resources (v1 and Data Center): reading needs sight of the
 * content; changing needs the right to restrict it. The same paths answer on `/rest/api` with Data Center
 * user ids and on `/wiki/rest/api` with Cloud account ids.
 */
export function v1RestrictionRoutes(deps: ServiceDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    const base = '/content/:id/restriction';
    const paged = { params: RestrictionParams, querystring: PagedQuery };

    app.get(base, { schema: paged }, async (request) => {
      const restrictions = await getRestrictions(deps, request.principal, idOf(request));
      return presentV1RestrictionArray(restrictions, windowOf(request.query, memberRules), request.surface);
    });

    for (const [method, change] of [
      ['PUT', replaceRestrictions],
      ['POST', addRestrictions],
    ] as const) {
      app.route({
        method,
        url: base,
        schema: { ...paged, body: RestrictionsBody },
        schemaErrorFormatter: bodyRefusedAs(restrictionsBodyRefusal),
        handler: async (request) => {
          const updates = restrictionUpdatesOf(request.body, request.surface);
          const restrictions = await change(deps, request.principal, idOf(request), updates);
          return presentV1RestrictionArray(
            restrictions,
            windowOf(request.query, memberRules),
            request.surface,
          );
        },
      });
    }

    app.get(`${base}/byOperation`, { schema: paged }, async (request) => {
      const restrictions = await getRestrictions(deps, request.principal, idOf(request));
      const window = windowOf(request.query, byOperationRules);
      return presentV1RestrictionsByOperation(restrictions, window, request.surface);
    });

    app.get(
      `${base}/byOperation/:operationKey`,
      { schema: { params: OperationParams, querystring: PagedQuery } },
      async (request) => {
        const operation = parseRestrictionOperation(request.params.operationKey);
        const restrictions = await getRestrictions(deps, request.principal, idOf(request), [operation]);
        const window = windowOf(request.query, memberRules);
        return presentV1OperationRestriction(restrictions, operation, window, request.surface);
      },
    );

    app.get(`${base}/relevantViewRestrictions`, { schema: paged }, async (request) => {
      const { content, restrictions } = await getRelevantViewRestrictions(
        deps,
        request.principal,
        idOf(request),
      );
      const window = windowOf(request.query, relevantRules);
      return presentV1RelevantViewRestrictions(content, restrictions, window, allMembers, request.surface);
    });

    app.delete(base, { schema: paged }, async (request) => {
      const restrictions = await deleteRestrictions(deps, request.principal, idOf(request));
      return presentV1RestrictionArray(restrictions, windowOf(request.query, memberRules), request.surface);
    });

    type SubjectRequest = {
      params: Static<typeof SubjectParams>;
      query: Static<typeof SubjectQuery>;
      surface: Surface;
    };
    const subjectSchema = { schema: { params: SubjectParams, querystring: SubjectQuery } };
    const subjectRoutes: [string, (request: SubjectRequest) => SubjectRef][] = [
      [`${base}/byOperation/:operationKey/user`, (request) => userRefOfQuery(request.query, request.surface)],
      [
        `${base}/byOperation/:operationKey/group/:groupName`,
        (request) => ({ kind: 'group', by: 'name', value: request.params.groupName ?? '' }),
      ],
      [
        `${base}/byOperation/:operationKey/byGroupId/:groupId`,
        (request) => ({ kind: 'group', by: 'id', value: request.params.groupId ?? '' }),
      ],
    ];
    for (const [url, refOf] of subjectRoutes) {
      // Cloud answers these with an empty body: 200 when the restriction names the user or group.
      app.get(url, subjectSchema, async (request, reply) => {
        const operation = parseRestrictionOperation(request.params.operationKey);
        const ref = refOf(request);
        if (!(await checkRestrictionSubject(deps, request.principal, idOf(request), operation, ref))) {
          throw notFound(
            `The ${operation} restriction of content ${request.params.id} does not name ${ref.value}`,
          );
        }
        return reply.status(200).send();
      });
      app.put(url, subjectSchema, async (request, reply) => {
        const operation = parseRestrictionOperation(request.params.operationKey);
        await addRestrictionSubject(deps, request.principal, idOf(request), operation, refOf(request));
        return reply.status(200).send();
      });
      app.delete(url, subjectSchema, async (request, reply) => {
        const operation = parseRestrictionOperation(request.params.operationKey);
        await removeRestrictionSubject(deps, request.principal, idOf(request), operation, refOf(request));
        return reply.status(200).send();
      });
    }
  };
}
