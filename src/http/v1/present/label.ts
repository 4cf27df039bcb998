import type { Content } from '../../../domain/content.ts';
import type { Label } from '../../../domain/label.ts';
import type { Slice, Window } from '../../../domain/paging.ts';
import type { Surface } from '../../common/surface.ts';

/** `Label` of both v1 specs; `label` repeats the name, as Confluence sends it. */
export function presentV1Label(label: Label) {
  return { prefix: label.prefix, name: label.name, id: String(label.id), label: label.name };
}

/** The labels of a content item inlined under `metadata.labels`, as a `LabelArray` with its link. */
export function presentV1InlineLabels(labels: Slice<Label>, wireId: string, surface: Surface, limit: number) {
  const path = `/rest/api/content/${wireId}/label`;
  return {
    results: labels.items.map(presentV1Label),
    start: 0,
    limit,
    size: labels.items.length,
    _links: {
      self: surface.base + path,
      ...(labels.total > labels.items.length && {
        next: `${path}?limit=${limit}&start=${labels.items.length}`,
      }),
    },
  };
}

/** Cloud v1 `LabelDetails`: the label and a page of the content carrying it. */
export function presentV1LabelDetails(
  label: Label,
  contents: Slice<Pick<Content, 'id' | 'type' | 'title'>>,
  window: Window,
) {
  return {
    label: presentV1Label(label),
    associatedContents: {
      results: contents.items.map((content) => ({
        contentType: content.type,
        contentId: content.id,
        title: content.title,
      })),
      start: window.start,
      limit: window.limit,
      size: contents.items.length,
    },
  };
}
