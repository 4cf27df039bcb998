/**
 * What a restore (or the copying half of a migrate) has done so far, so that a run cut short resumes
 * without creating anything twice. Each step is recorded before it starts (the title a page will get,
 * the attachment about to be created) and after it ends (the id it got, the versions uploaded); on
 * resume a step recorded as started but not as ended is looked up on the target before it is redone.
 */
import { UsageError } from '../toolkit/exit.ts';
import { readJsonIfPresent, writeJsonAtomically } from './json-files.ts';

/** Where a backup is rebuilt: as a page tree in a space (under a parent, if given), or all on one page. */
export type RestoreTarget =
  | { kind: 'space'; spaceKey: string; parentId?: string }
  | { kind: 'page'; pageId: string };

export interface AttachmentProgress {
  /** The name it has on the target. */
  title: string;
  targetContainerId: string;
  /** Known once its first version is uploaded (or found on resume). */
  targetId?: string;
  /** How many of the backup's versions are on the target, oldest first. */
  versionsDone: number;
  labelsDone: boolean;
  propertiesDone: boolean;
  /** How many of the attachment's comments are on the target, oldest first. */
  commentsDone: number;
  verified: boolean;
}

export interface RestoreState {
  format: 'tributary-restore-state';
  formatVersion: 1;
  target: { url: string; placement: RestoreTarget };
  /** Source page id → the title chosen for it on the target, recorded before any page is created. */
  plannedTitles: Record<string, string>;
  /** Source page id → target page id. */
  pages: Record<string, string>;
  /** Source attachment id → its progress. */
  attachments: Record<string, AttachmentProgress>;
}

const sameTarget = (a: RestoreState['target'], b: RestoreState['target']) =>
  JSON.stringify(a) === JSON.stringify(b);

export class RestoreStateFile {
  private saving = Promise.resolve();

  private constructor(
    readonly file: string,
    readonly state: RestoreState,
    /** Whether the file existed before this run: steps it records as started may have happened. */
    readonly resumed: boolean,
    private readonly dryRun: boolean,
  ) {}

  static async open(
    file: string,
    target: RestoreState['target'],
    dryRun: boolean,
  ): Promise<RestoreStateFile> {
    const raw = (await readJsonIfPresent(file)) as RestoreState | undefined;
    if (raw === undefined) {
      const fresh: RestoreState = {
        format: 'tributary-restore-state',
        formatVersion: 1,
        target,
        plannedTitles: {},
        pages: {},
        attachments: {},
      };
      return new RestoreStateFile(file, fresh, false, dryRun);
    }
    if (raw.format !== 'tributary-restore-state' || raw.formatVersion !== 1) {
      throw new UsageError(`${file} is not a Tributary restore state file`);
    }
    if (!sameTarget(raw.target, target)) {
      throw new UsageError(
        `${file} records a run into another target (${JSON.stringify(raw.target)}); give another --state file`,
      );
    }
    return new RestoreStateFile(file, raw, true, dryRun);
  }

  /** Writes the state now (one write at a time, in order); a dry run writes nothing. */
  save(): Promise<void> {
    if (this.dryRun) return Promise.resolve();
    const snapshot = structuredClone(this.state);
    this.saving = this.saving.then(() => writeJsonAtomically(this.file, snapshot));
    return this.saving;
  }
}
