export const contentTypes = ['page', 'blogpost', 'comment', 'attachment'] as const;
export type ContentType = (typeof contentTypes)[number];

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

/** Pages, blog posts, comments and attachments: one id sequence, one shape. */
export interface Content {
  id: number;
  type: ContentType;
  status: ContentStatus;
  title: string;
  spaceId: number | null;
  /** The parent page of a page, or the comment a reply answers. */
  parentId: number | null;
  /** The page or blog post a comment or attachment belongs to. */
  containerId: number | null;
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
