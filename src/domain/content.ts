/** The types Data Center and Cloud v1 know; their operations and lists take only these. */
export const contentTypes = ['page', 'blogpost', 'comment', 'attachment'] as const;
/**
 * Cloud's other content-tree types: they sit in a space's page tree (under pages and folders, with pages
 * under them) but have no storage body of their own; Cloud v2 alone addresses them.
 */
export const treeContentTypes = ['folder', 'whiteboard', 'database', 'embed'] as const;
export type TreeContentType = (typeof treeContentTypes)[number];
/** What can stand in a space's page tree: pages and the tree types (v2 `direct-children`, `descendants`). */
export const pageTreeTypes = ['page', ...treeContentTypes] as const;
export const isPageTreeType = (type: ContentType): boolean =>
  (pageTreeTypes as readonly string[]).includes(type);

/**
 * `custom`: an app's custom content (v2 `/custom-content`), whose own type string the app chooses
 * (`Content.customType`).
 */
export type ContentType = (typeof contentTypes)[number] | TreeContentType | 'custom';

const contentTypeNouns: Record<string, string> = {
  page: 'Page',
  blogpost: 'Blog post',
  comment: 'Comment',
  attachment: 'Attachment',
  folder: 'Folder',
  whiteboard: 'Whiteboard',
  database: 'Database',
  embed: 'Smart Link',
  custom: 'Custom content',
};

/** How people name a kind of content ('Blog post', 'Smart Link'); a type it does not know, as given. */
export const contentTypeNoun = (type: string): string => contentTypeNouns[type] ?? type;

export const contentStatuses = ['current', 'trashed', 'draft', 'historical', 'archived', 'deleted'] as const;
export type ContentStatus = (typeof contentStatuses)[number];

export type CommentLocation = 'footer' | 'inline';

/** A body as Confluence stores it; we keep `storage` (and ADF as given) and render the rest on read. */
export interface ContentBody {
  representation: string;
  value: string;
}

/** The bytes behind an attachment version. */
export interface AttachmentFile {
  sha256: string;
  sizeBytes: number;
  mediaType: string;
  /** Cloud's media file id: a UUID distinct from the attachment id, new for each version. */
  fileId: string;
}

export interface ContentVersion {
  contentId: number;
  number: number;
  title: string;
  authorId: number | null;
  createdAtMs: number;
  message: string;
  minorEdit: boolean;
  body: ContentBody | null;
  file: AttachmentFile | null;
}

/** Pages, blog posts, comments, attachments and Cloud's other types: one id sequence, one shape. */
export interface Content {
  id: number;
  type: ContentType;
  status: ContentStatus;
  title: string;
  spaceId: number | null;
  /** The parent page (or folder, whiteboard…) of a tree item, or the comment a reply answers. */
  parentId: number | null;
  parentType: ContentType | null;
  /** The page or blog post a comment or attachment belongs to; what custom content sits in. */
  containerId: number | null;
  /** Custom content's type as its app named it (`ac:app:module`); null for every other type. */
  customType: string | null;
  /** The URL a Smart Link (embed) shows; null for every other type. */
  embedUrl: string | null;
  position: number | null;
  commentLocation: CommentLocation | null;
  creatorId: number | null;
  createdAtMs: number;
  /** The current version (its number, author, time, body). */
  version: ContentVersion;
}

export type SpaceType = 'global' | 'personal';
export type SpaceStatus = 'current' | 'archived';

export interface Space {
  id: number;
  key: string;
  name: string;
  description: string;
  type: SpaceType;
  status: SpaceStatus;
  homepageId: number | null;
  creatorId: number | null;
  /** Private spaces (`POST /space/_private`) are visible to their creator and administrators only. */
  private: boolean;
  createdAtMs: number;
  updatedAtMs: number;
}
