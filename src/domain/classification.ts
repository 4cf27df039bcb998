/**
 * A data classification level, as an organisation defines them (v2 `ClassificationLevel`). Only a
 * published level may be applied to a space or to content; draft and archived ones are listed only.
 */
export const classificationStatuses = ['DRAFT', 'PUBLISHED', 'ARCHIVED'] as const;
export type ClassificationStatus = (typeof classificationStatuses)[number];

export const classificationColors = [
  'RED',
  'RED_BOLD',
  'ORANGE',
  'YELLOW',
  'GREEN',
  'BLUE',
  'NAVY',
  'TEAL',
  'PURPLE',
  'GREY',
  'LIME',
] as const;
export type ClassificationColor = (typeof classificationColors)[number];

export interface ClassificationLevel {
  id: string;
  name: string;
  description: string;
  guideline: string;
  color: ClassificationColor;
  status: ClassificationStatus;
  /** Where the level sits in the organisation's list, lowest first. */
  order: number;
}
