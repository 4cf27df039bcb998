import type { Space } from '../../../domain/content.ts';
import type { Template } from '../../../domain/template.ts';
import type { Surface } from '../../common/surface.ts';

/** `ContentTemplate`: the body (storage) only when asked for with `expand=body` or `body.storage`. */
export function presentV1Template(
  template: Template,
  space: Space | undefined,
  surface: Surface,
  options: { withBody: boolean },
) {
  return {
    templateId: String(template.id),
    name: template.name,
    description: template.description,
    templateType: template.templateType,
    labels: template.labels.map((label) => ({
      prefix: label.prefix,
      name: label.name,
      id: String(label.id),
      label: label.name,
    })),
    ...(space && {
      space: {
        id: space.id,
        key: space.key,
        name: space.name,
        _links: { self: `${surface.base}/rest/api/space/${space.key}` },
      },
    }),
    ...(options.withBody
      ? { body: { storage: { value: template.body.value, representation: template.body.representation } } }
      : { _expandable: { body: '' } }),
    _links: { self: `${surface.base}/rest/api/template/${template.id}` },
  };
}
