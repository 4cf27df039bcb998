import type { LookAndFeel, Theme } from '../../../domain/appearance.ts';
import type { Surface } from '../../common/surface.ts';

/** Cloud's `Theme`: the theme with a link to itself. */
export function presentV1Theme(theme: Theme, surface: Surface) {
  return {
    ...theme,
    _links: { base: surface.base, self: `${surface.base}/rest/api/settings/theme/${theme.themeKey}` },
  };
}

/** Cloud's `LookAndFeelWithLinks`, answered after a custom look and feel is saved. */
export function presentV1LookAndFeel(
  lookAndFeel: LookAndFeel,
  surface: Surface,
  spaceKey: string | undefined,
) {
  const query = spaceKey === undefined ? '' : `?spaceKey=${encodeURIComponent(spaceKey)}`;
  return {
    ...lookAndFeel,
    _links: { base: surface.base, self: `${surface.base}/rest/api/settings/lookandfeel${query}` },
  };
}
