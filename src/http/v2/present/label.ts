import type { Label } from '../../../domain/label.ts';

/** `Label` of the v2 spec: the id is a string. */
export function presentV2Label(label: Label) {
  return { id: String(label.id), name: label.name, prefix: label.prefix };
}
