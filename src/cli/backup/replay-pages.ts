/**
 * The pages half of a restore: creates the backed-up pages in the target space, parents before children,
 * each under its nearest backed-up ancestor, with a title unique in that space. The restore state maps
 * each source page to the page made for it.
 */
import { createPage, findPageByTitle } from '../../client/index.ts';
import { isOperationalError } from '../toolkit/exit.ts';
import { messageOf } from '../toolkit/tally.ts';
import type { BackupPage } from './manifest.ts';
import type { ReplayOptions } from './replay-backup.ts';
import type { RestoreTarget } from './restore-state.ts';

/** How deep a page sits among the backed-up pages, so parents are created before their children. */
function depthOf(page: BackupPage, inBackup: ReadonlySet<string>): number {
  return page.ancestorIds.filter((id) => inBackup.has(id)).length;
}

/** The nearest ancestor that the backup holds, if any. */
function backedUpParentOf(page: BackupPage, inBackup: ReadonlySet<string>): string | undefined {
  return [...page.ancestorIds].reverse().find((id) => inBackup.has(id));
}

/**
 * A page keeps its title unless the target space already has a page of that title (or another restored
 * page took it); then it becomes `Title (restored)`, `Title (restored 2)`, and so on.
 */
async function planTitles(options: ReplayOptions, spaceKey: string, pages: readonly BackupPage[]) {
  const { state } = options;
  const planned = new Set(Object.values(state.state.plannedTitles));
  let changed = false;
  for (const page of pages) {
    if (state.state.plannedTitles[page.id] !== undefined) continue;
    for (let attempt = 1; ; attempt += 1) {
      const title =
        attempt === 1 ? page.title : `${page.title} (restored${attempt === 2 ? '' : ` ${attempt - 1}`})`;
      if (planned.has(title)) continue;
      if (await findPageByTitle(options.client, spaceKey, title, page.type)) continue;
      state.state.plannedTitles[page.id] = title;
      planned.add(title);
      changed = true;
      break;
    }
  }
  if (changed) await state.save();
}

export async function replayPages(options: ReplayOptions, target: Extract<RestoreTarget, { kind: 'space' }>) {
  const { client, state, tally } = options;
  const inBackup = new Set(options.manifest.pages.map((page) => page.id));
  const ordered = [...options.manifest.pages].sort((a, b) => depthOf(a, inBackup) - depthOf(b, inBackup));
  // Titles planned by an earlier run may belong to pages that run created before it stopped.
  const plannedEarlier = new Set(Object.keys(state.state.plannedTitles));
  await planTitles(options, target.spaceKey, ordered);
  for (const page of ordered) {
    const subject = `page ${page.id} '${page.title}'`;
    const title = state.state.plannedTitles[page.id] ?? page.title;
    if (state.state.pages[page.id] !== undefined) {
      tally.add({ outcome: 'skipped', subject, detail: 'already restored', bytes: 0 });
      continue;
    }
    const parentSource = page.type === 'page' ? backedUpParentOf(page, inBackup) : undefined;
    const parentId = parentSource === undefined ? target.parentId : state.state.pages[parentSource];
    if (parentSource !== undefined && parentId === undefined && !options.dryRun) {
      tally.add({ outcome: 'failed', subject, detail: 'its parent page was not restored', bytes: 0 });
      continue;
    }
    if (options.dryRun) {
      tally.add({ outcome: 'done', subject, detail: `would create as '${title}'`, bytes: 0 });
      continue;
    }
    try {
      const found = plannedEarlier.has(page.id)
        ? await findPageByTitle(client, target.spaceKey, title, page.type)
        : undefined;
      const created =
        found ??
        (await createPage(client, {
          type: page.type,
          spaceKey: target.spaceKey,
          title,
          ...(parentId !== undefined && { parentId }),
          bodyStorage: page.bodyStorage,
        }));
      state.state.pages[page.id] = created.id;
      await state.save();
      tally.add({
        outcome: 'done',
        subject,
        detail: found ? `found as ${created.id} from an earlier run` : `created as ${created.id} '${title}'`,
        bytes: 0,
        fields: { sourceId: page.id, targetId: created.id, title },
      });
    } catch (error) {
      if (!isOperationalError(error)) throw error;
      tally.add({ outcome: 'failed', subject, detail: messageOf(error), bytes: 0 });
    }
  }
}
