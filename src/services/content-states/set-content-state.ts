import type { Content } from '../../domain/content.ts';
import {
  type ContentState,
  spaceContentStates,
  stateColorOf,
  stateNameOf,
  type VersionState,
} from '../../domain/content-state.ts';
import { badRequest, conflict } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { MetadataRepositories } from '../../ports/metadata-store.ts';
import { auditNoun, recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireRight } from '../permissions/policy.ts';
import { requireWriter } from '../permissions/space-access.ts';
import { requireStateContent, type SettableStateStatus } from './content-state-target.ts';

/** `ContentStateRestInput`: a state by id, or by name and colour (null is sent but empty). */
export interface ContentStateInput {
  id?: number;
  name?: string | null;
  color?: string | null;
}

export const stateIdRule = 'The state id must be a whole number';
export const stateRequiredRule = 'A content state is required: give its id, or its name and color';

/**
 * `PUT /content/{id}/state`. On current content the state goes on a new version with the same title and
 * body (Cloud publishes it); on a draft it changes the draft in place. A state named by name and colour
 * reuses the caller's custom state of that name and colour, or becomes a new one.
 */
export async function setContentState(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  status: SettableStateStatus,
  input: ContentStateInput,
): Promise<VersionState> {
  const ownerId = requireWriter(principal);
  const content = await requireStateContent(deps, principal, id, [status]);
  await requireRight(deps, principal, content, 'update');
  if (ownerId === null) throw badRequest('Content states belong to users; the server has none');
  const nowMs = deps.clock.nowMs();
  return deps.store.transaction(async (repositories) => {
    const state = await resolveState(repositories, ownerId, input, nowMs);
    const version = await versionForState(repositories, content, ownerId, nowMs);
    await repositories.contentStates.setOnVersion(content.id, version, state, nowMs);
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Content',
      summary: `${auditNoun(content.type)} state changed`,
      content,
      changes: [{ name: 'Content state', before: '', after: state.name }],
    });
    return { state, setAtMs: nowMs };
  });
}

/** `DELETE /content/{id}/state`: a new version without a state (current), or the draft's state cleared. */
export async function removeContentState(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  status: SettableStateStatus,
): Promise<VersionState | undefined> {
  const authorId = requireWriter(principal);
  const content = await requireStateContent(deps, principal, id, [status]);
  await requireRight(deps, principal, content, 'update');
  const nowMs = deps.clock.nowMs();
  return deps.store.transaction(async (repositories) => {
    const previous = await repositories.contentStates.ofVersion(content.id, content.version.number);
    const version = await versionForState(repositories, content, authorId, nowMs);
    await repositories.contentStates.clearOnVersion(content.id, version, nowMs);
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Content',
      summary: `${auditNoun(content.type)} state removed`,
      content,
      changes: [{ name: 'Content state', before: previous?.state.name ?? '', after: '' }],
    });
    return previous;
  });
}

/** The version the state goes on: a new one for published content, the draft's own otherwise. */
async function versionForState(
  repositories: MetadataRepositories,
  content: Content,
  authorId: number | null,
  nowMs: number,
): Promise<number> {
  const latest = await repositories.content.findById(content.id);
  if (!latest || latest.status !== content.status || latest.version.number !== content.version.number) {
    throw conflict(`Content ${content.id} changed while its state was being set; read it again`);
  }
  if (content.status === 'draft') return content.version.number;
  const published = await repositories.content.appendVersion(content.id, {
    title: latest.title,
    authorId,
    createdAtMs: nowMs,
    message: '',
    minorEdit: true,
    body: latest.version.body,
    file: null,
  });
  return published.version.number;
}

/** By id (a space state, or one of the caller's own), else by name and colour, made when new. */
async function resolveState(
  repositories: MetadataRepositories,
  ownerId: number,
  input: ContentStateInput,
  nowMs: number,
): Promise<ContentState> {
  if (input.id !== undefined) {
    const space = spaceContentStates.find((state) => state.id === input.id);
    if (space) return space;
    const own = await repositories.contentStates.findCustomById(ownerId, input.id);
    if (!own) throw badRequest(`No content state with id ${input.id}`, { field: 'id' });
    await repositories.contentStates.markUsed(own.id, nowMs);
    return own;
  }
  if (input.name === undefined && input.color === undefined) {
    throw badRequest(stateRequiredRule);
  }
  const name = stateNameOf(input.name);
  const color = stateColorOf(input.color);
  const existing = await repositories.contentStates.findCustom(ownerId, name, color);
  if (existing) {
    await repositories.contentStates.markUsed(existing.id, nowMs);
    return existing;
  }
  return repositories.contentStates.insertCustom(ownerId, name, color, nowMs);
}
