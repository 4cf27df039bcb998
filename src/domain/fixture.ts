/**
 * A fixture (docs/fixtures.md), checked whole: what `--seed` loads into a new site. Every field has its
 * value (defaults applied); files are absolute paths inside the fixture's folder.
 */
export interface Fixture {
  /** The file it was read from (fixture.json, or a backup's manifest.json), for messages. */
  source: string;
  spaces: FixtureSpace[];
}

export interface FixtureSpace {
  /** Where it stands in the file (a JSON path such as `$.spaces[0]`), for messages. */
  at: string;
  key: string;
  name: string;
  description: string;
  /** The home page Confluence makes with the space ("<name> Home"); its id is assigned. */
  homepage: FixtureHomepage | undefined;
  /** Top-level pages and blog posts (beside the home page). */
  pages: FixturePage[];
}

export interface FixtureContentParts {
  /** Where it stands in the file (a JSON path), for messages. */
  at: string;
  labels: string[];
  /** Footer comments, oldest first. */
  comments: FixtureComment[];
  attachments: FixtureAttachment[];
  /** Child pages, in order. */
  children: FixturePage[];
}

export interface FixtureHomepage extends FixtureContentParts {
  title: string | undefined;
  /** Storage format; undefined keeps the empty body of a new space. */
  body: string | undefined;
}

export interface FixturePage extends FixtureContentParts {
  /** The id the fixture states; assigned when undefined. */
  id: number | undefined;
  type: 'page' | 'blogpost';
  title: string;
  /** Storage format. */
  body: string;
}

export interface FixtureComment {
  body: string;
}

export interface FixtureAttachment {
  at: string;
  id: number | undefined;
  /** The file name, the same in every version. */
  title: string;
  labels: string[];
  /** Oldest first: the first is version 1. */
  versions: FixtureAttachmentVersion[];
}

export interface FixtureAttachmentVersion {
  /** Absolute path of the bytes. */
  file: string;
  sizeBytes: number;
  /** Undefined: detected from the bytes, then the name, as for an upload. */
  mediaType: string | undefined;
  comment: string;
  minorEdit: boolean;
}

/** Every id the fixture states, for reserving them before anything is created. */
export function statedIdsOf(fixture: Fixture): number[] {
  const ids: number[] = [];
  const visit = (parts: FixtureContentParts) => {
    for (const attachment of parts.attachments) if (attachment.id !== undefined) ids.push(attachment.id);
    for (const child of parts.children) {
      if (child.id !== undefined) ids.push(child.id);
      visit(child);
    }
  };
  for (const space of fixture.spaces) {
    if (space.homepage) visit(space.homepage);
    visit({ at: space.at, labels: [], comments: [], attachments: [], children: space.pages });
  }
  return ids;
}
