import { type Content, isPageTreeType, type TreeContentType } from '../../domain/content.ts';
import { hasControlCharacters, normaliseTitle } from '../../domain/content-rules.ts';
import { badRequest, contentNotFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import { auditNoun, recordAudit } from '../audit/record-audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';
import { requireCreate } from '../permissions/policy.ts';
import { requireVisibleSpaceById, requireWriter } from '../permissions/space-access.ts';

export interface CreateTreeContentInput {
  type: TreeContentType;
  spaceId: number;
  /** None names the item after its type (`Untitled folder`). */
  title?: string | undefined;
  /** A page, folder, whiteboard, database or Smart Link in the same space; the space's root when absent. */
  parentId?: number | undefined;
  /** Smart Links only: the URL the link shows. */
  embedUrl?: string | undefined;
}

// Cloud names what it was not given a title for after its type.
const untitled: Record<TreeContentType, string> = {
  folder: 'Untitled folder',
  whiteboard: 'Untitled whiteboard',
  database: 'Untitled database',
  embed: 'Untitled Smart Link',
};

/**
 * `POST /folders`, `/whiteboards`, `/databases`, `/embeds`: a content-tree item with version 1. They have
 * no storage body; a Smart Link keeps its URL. Space permissions are those for pages, as in Cloud's
 * permission screen, where these types have no row of their own.
 */
export async function createTreeContent(
  deps: ServiceDeps,
  principal: Principal,
  input: CreateTreeContentInput,
): Promise<Content> {
  const authorId = requireWriter(principal);
  const title = input.title === undefined ? untitled[input.type] : normaliseTitle(input.title);
  const embedUrl = input.type === 'embed' ? embedUrlOf(input.embedUrl) : null;
  const space = await requireVisibleSpaceById(deps, principal, input.spaceId);
  let parentId: number | null = null;
  if (input.parentId !== undefined) {
    const parent = await requireVisibleContent(deps, principal, input.parentId, ['current', 'draft']);
    if (!isPageTreeType(parent.type) || parent.spaceId !== space.id) {
      throw badRequest(
        'The parent must be a page, folder, whiteboard, database or Smart Link in the same space',
        {
          field: 'parentId',
        },
      );
    }
    parentId = parent.id;
  }
  await requireCreate(deps, principal, space.id, { type: input.type });

  return deps.store.transaction(async (repositories) => {
    if (parentId !== null) {
      const parent = await repositories.content.findById(parentId);
      if (parent?.status !== 'current' && parent?.status !== 'draft') {
        throw contentNotFound(parentId);
      }
    }
    const nowMs = deps.clock.nowMs();
    const created = await repositories.content.insert(
      {
        type: input.type,
        status: 'current',
        spaceId: space.id,
        parentId,
        containerId: null,
        commentLocation: null,
        creatorId: authorId,
        embedUrl,
      },
      { title, authorId, createdAtMs: nowMs, message: '', minorEdit: false, body: null, file: null },
    );
    await recordAudit(repositories, deps.clock, principal, {
      category: 'Content',
      summary: `${auditNoun(input.type)} created`,
      content: created,
      changes: [
        { name: 'Title', before: '', after: created.title },
        { name: 'Status', before: '', after: 'current' },
      ],
    });
    return created;
  });
}

/** A Smart Link shows a web page: an absolute http(s) URL, or none yet. */
function embedUrlOf(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  if (raw.length > 2048 || hasControlCharacters(raw)) {
    throw badRequest('embedUrl must be an http or https URL', { field: 'embedUrl' });
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badRequest('embedUrl must be an http or https URL', { field: 'embedUrl' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw badRequest('embedUrl must be an http or https URL', { field: 'embedUrl' });
  }
  return raw;
}
