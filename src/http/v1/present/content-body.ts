import type { ContentBody } from '../../../domain/content.ts';
import type { BodyConversion } from '../../../ports/body-conversion-store.ts';

/** `ContentBody` as a conversion answers it: the converted value, nothing embedded (Cloud v1 spec). */
export function presentV1ConvertedBody(body: ContentBody) {
  return { value: body.value, representation: body.representation, embeddedContent: [], _links: {} };
}

/** `AsyncContentBody`: the converted body once finished (always, here), or why it failed. */
export function presentV1AsyncBody(conversion: BodyConversion) {
  if ('error' in conversion.outcome)
    return presentV1FailedConversion(conversion.id, conversion.outcome.error);
  return {
    value: conversion.outcome.body.value,
    representation: conversion.outcome.body.representation,
    renderTaskId: conversion.id,
    status: 'COMPLETED',
    embeddedContent: [],
  };
}

/** A conversion that failed, or an id the bulk fetch does not know (answered so the others still are). */
export function presentV1FailedConversion(renderTaskId: string, error: string) {
  return { renderTaskId, status: 'FAILED', error };
}
