import type { ContentBody } from './content.ts';
import type { Label } from './label.ts';

/** A page template: of one space, or global (of the whole site) when `spaceId` is null. */
export interface Template {
  id: number;
  spaceId: number | null;
  name: string;
  description: string;
  /** Cloud knows `page` templates only (ContentTemplateCreate.templateType). */
  templateType: 'page';
  body: ContentBody;
  labels: Label[];
  creatorId: number | null;
  createdAtMs: number;
  updatedAtMs: number;
}
