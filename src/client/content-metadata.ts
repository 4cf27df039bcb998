/**
 * Labels and content properties of any content, attachments included, through v1
 * (`/content/{id}/label`, `/content/{id}/property`, api-reference.md §1.8), which Cloud, Data Center and
 * Tributary all serve.
 */
import { jsonObject } from './attachment.ts';
import { type ClientContext, segment } from './context.ts';
import { UnexpectedResponseError } from './errors.ts';
import { v1Items } from './paging.ts';

export interface Label {
  prefix: string;
  name: string;
}

export interface ContentProperty {
  key: string;
  value: unknown;
}

/** v1 wants the numeric id; Cloud-shaped answers name attachments `att123`. */
const v1Id = (id: string) => segment(id.replace(/^att/, ''));

export async function listLabels(context: ClientContext, id: string, signal?: AbortSignal): Promise<Label[]> {
  const labels: Label[] = [];
  for await (const raw of v1Items(
    context.http,
    `${context.server.v1}/content/${v1Id(id)}/label`,
    context.server.context,
    { query: { limit: 200 }, signal },
  )) {
    const label = jsonObject(raw);
    if (typeof label.name === 'string') {
      labels.push({ prefix: typeof label.prefix === 'string' ? label.prefix : 'global', name: label.name });
    }
  }
  return labels;
}

/** Adds labels; a label already there is left as it is, so adding twice is harmless. */
export async function addLabels(
  context: ClientContext,
  id: string,
  labels: readonly Label[],
  signal?: AbortSignal,
): Promise<void> {
  if (labels.length === 0) return;
  await context.http.json('POST', `${context.server.v1}/content/${v1Id(id)}/label`, {
    json: labels.map(({ prefix, name }) => ({ prefix, name })),
    // Adding a label that is already there changes nothing, so a retry cannot duplicate it.
    idempotent: true,
    signal,
  });
}

export async function listProperties(
  context: ClientContext,
  id: string,
  signal?: AbortSignal,
): Promise<ContentProperty[]> {
  const properties: ContentProperty[] = [];
  for await (const raw of v1Items(
    context.http,
    `${context.server.v1}/content/${v1Id(id)}/property`,
    context.server.context,
    { query: { limit: 100, expand: 'version' }, signal },
  )) {
    const property = jsonObject(raw);
    if (typeof property.key === 'string') properties.push({ key: property.key, value: property.value });
  }
  return properties;
}

/** Creates the property, or gives an existing one this value as its next version. */
export async function setProperty(
  context: ClientContext,
  id: string,
  property: ContentProperty,
  signal?: AbortSignal,
): Promise<void> {
  const path = `${context.server.v1}/content/${v1Id(id)}/property/${segment(property.key)}`;
  const found = await context.http.send('GET', path, { query: { expand: 'version' }, accept: [404], signal });
  if (found.status === 404) {
    await found.discard();
    await context.http.json('POST', `${context.server.v1}/content/${v1Id(id)}/property`, {
      json: { key: property.key, value: property.value },
      signal,
    });
    return;
  }
  const existing = jsonObject(await found.json());
  if (JSON.stringify(existing.value) === JSON.stringify(property.value)) return;
  const versionNumber = jsonObject(existing.version).number;
  if (typeof versionNumber !== 'number') {
    throw new UnexpectedResponseError(`GET ${path}`, 'a property without a version number');
  }
  await context.http.json('PUT', path, {
    json: { key: property.key, value: property.value, version: { number: versionNumber + 1 } },
    signal,
  });
}
