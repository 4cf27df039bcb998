/** Cloud v2's `AppProperty`: the key and the value as the app stored it. */
export function presentV2AppProperty(property: { key: string; value: unknown }) {
  return { key: property.key, value: property.value };
}
