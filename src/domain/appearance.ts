import { badRequest } from './errors.ts';

/**
 * How the site and its spaces look: Data Center's colour schemes (a light and a dark model of thirteen
 * colours), Cloud's look and feel (a nested document of CSS values) and Cloud's themes. Tributary stores and
 * answers them as Confluence does; its own web interface reads them.
 */

export const colorSchemeFields = [
  'topBarColor',
  'topBarMenuSelectedBgColor',
  'topBarMenuSelectedTextColor',
  'breadcrumbsTextColor',
  'headerButtonBgColor',
  'headerButtonTextColor',
  'searchFieldTextColor',
  'searchFieldBgColor',
  'menuItemSelectedBgColor',
  'menuItemSelectedTextColor',
  'menuItemTextColor',
  'headingTextColor',
  'linkColor',
] as const;

export type ColorScheme = Record<(typeof colorSchemeFields)[number], string>;

/** Data Center's `ColorSchemeThemeBasedModel`. */
export interface ThemedColorScheme {
  colorSchemeModelLight: ColorScheme;
  colorSchemeModelDark: ColorScheme;
}

const scheme = (colors: string[]): ColorScheme =>
  Object.fromEntries(colorSchemeFields.map((field, index) => [field, colors[index]])) as ColorScheme;

/** Confluence's stock colours, in colorSchemeFields' order: the light scheme and its dark counterpart. */
export const defaultColorScheme: ThemedColorScheme = {
  colorSchemeModelLight: scheme([
    '#205081',
    '#3B7FC4',
    '#FFFFFF',
    '#FFFFFF',
    '#3B73AF',
    '#FFFFFF',
    '#333333',
    '#FFFFFF',
    '#EBF2F9',
    '#3B73AF',
    '#333333',
    '#333333',
    '#3B73AF',
  ]),
  colorSchemeModelDark: scheme([
    '#1D2125',
    '#282E33',
    '#B6C2CF',
    '#B6C2CF',
    '#579DFF',
    '#1D2125',
    '#B6C2CF',
    '#22272B',
    '#1C2B41',
    '#579DFF',
    '#B6C2CF',
    '#C7D1DB',
    '#579DFF',
  ]),
};

const hexColor = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

/** The colours a change names, model by model; those it leaves out keep their value. */
export type ColorSchemeChange = { [Model in keyof ThemedColorScheme]?: Partial<ColorScheme> };

export const colorSchemeModels: readonly (keyof ThemedColorScheme)[] = [
  'colorSchemeModelLight',
  'colorSchemeModelDark',
];

/** The colours sent for one model (`name`): each a colour of the scheme, each a hex colour. */
export function checkColors(raw: Readonly<Record<string, unknown>>, name: string): Partial<ColorScheme> {
  const colors: Partial<ColorScheme> = {};
  for (const [field, value] of Object.entries(raw)) {
    if (!(colorSchemeFields as readonly string[]).includes(field)) {
      throw badRequest(`${name}.${field} is not a colour of the scheme`, { field });
    }
    if (typeof value !== 'string' || !hexColor.test(value)) {
      throw badRequest(`${name}.${field} must be a colour such as #205081`, { field });
    }
    colors[field as keyof ColorScheme] = value.toUpperCase();
  }
  return colors;
}

/** `base` with the colours a change names. */
export const colorSchemeWith = (base: ThemedColorScheme, change: ColorSchemeChange): ThemedColorScheme => ({
  colorSchemeModelLight: { ...base.colorSchemeModelLight, ...change.colorSchemeModelLight },
  colorSchemeModelDark: { ...base.colorSchemeModelDark, ...change.colorSchemeModelDark },
});

/** Which scheme a space shows: the site's, or its own. */
export type ColorSchemeType = 'global' | 'custom';

export const colorSchemeTypeRefused = () => badRequest("type must be 'global' or 'custom'");

export function checkColorSchemeType(type: unknown): ColorSchemeType {
  if (type !== 'global' && type !== 'custom') throw colorSchemeTypeRefused();
  return type;
}

/** Cloud's `LookAndFeel`: sections of CSS values, kept as sent once checked. */
export type LookAndFeel = Record<string, unknown>;

const requiredSections = ['headings', 'links', 'menus', 'header', 'content', 'bordersAndDividers'];
const optionalSections = ['horizontalHeader', 'spaceReference'];
const longestCssValue = 2000;
const deepestNesting = 4;

function checkCssTree(value: unknown, path: string, depth: number): void {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return;
  if (typeof value === 'string') {
    if (value.length > longestCssValue)
      throw badRequest(`${path} is longer than ${longestCssValue} characters`);
    return;
  }
  if (typeof value !== 'object' || Array.isArray(value) || depth > deepestNesting) {
    throw badRequest(`${path} must be a CSS value or an object of them`);
  }
  for (const [key, inner] of Object.entries(value)) checkCssTree(inner, `${path}.${key}`, depth + 1);
}

/** A look and feel sent to be saved: every required section, no unknown one, each a tree of CSS values. */
export function checkLookAndFeel(body: Readonly<Record<string, unknown>>): LookAndFeel {
  for (const section of requiredSections) {
    if (typeof body[section] !== 'object' || body[section] === null) {
      throw badRequest(`The look and feel needs its ${section} section`, { section });
    }
  }
  for (const [section, value] of Object.entries(body)) {
    if (!requiredSections.includes(section) && !optionalSections.includes(section)) {
      throw badRequest(`Unknown look and feel section: ${section}`, { section });
    }
    checkCssTree(value, section, 1);
  }
  return { ...body };
}

const container = (background: string) => ({
  background,
  backgroundColor: background,
  backgroundImage: '',
  backgroundSize: 'auto',
  borderRadius: '3px',
  padding: '0',
});

/** Cloud's stock look and feel, the `global` one until an administrator customises the site's. */
export const defaultLookAndFeel: LookAndFeel = {
  headings: { color: '#172B4D' },
  links: { color: '#0052CC' },
  menus: { hoverOrFocus: { backgroundColor: '#EBECF0' }, color: '#42526E' },
  header: {
    backgroundColor: '#FFFFFF',
    button: { backgroundColor: '#0052CC', color: '#FFFFFF' },
    primaryNavigation: { color: '#42526E', hoverOrFocus: { backgroundColor: '#EBECF0', color: '#0052CC' } },
    secondaryNavigation: { color: '#42526E', hoverOrFocus: { backgroundColor: '#EBECF0', color: '#0052CC' } },
    search: { backgroundColor: '#FFFFFF', color: '#42526E' },
  },
  content: {
    screen: { background: '#FFFFFF', backgroundColor: '#FFFFFF', layer: { width: '100%', height: '100%' } },
    container: container('#FFFFFF'),
    header: container('#FFFFFF'),
    body: container('#FFFFFF'),
  },
  bordersAndDividers: { color: '#DFE1E6' },
};

/** Which look and feel a space (or the site) shows. */
export type LookAndFeelType = 'global' | 'custom' | 'theme';

export function checkLookAndFeelType(raw: unknown): LookAndFeelType {
  if (raw !== 'global' && raw !== 'custom' && raw !== 'theme') {
    throw badRequest("lookAndFeelType must be 'global', 'custom' or 'theme'");
  }
  return raw;
}

export interface Theme {
  themeKey: string;
  name: string;
  description: string;
}

/** The themes this server has: Cloud lists the themes installed on the site; these are built in. */
export const themes: readonly Theme[] = [
  {
    themeKey: 'default',
    name: 'Default',
    description: 'The standard layout: space sidebar, page tree and page.',
  },
  {
    themeKey: 'documentation',
    name: 'Documentation',
    description: 'The page tree beside every page and a search box scoped to the space, for manuals.',
  },
];

export const themeOf = (themeKey: string): Theme | undefined =>
  themes.find((theme) => theme.themeKey === themeKey);
