import type { AppliedRedaction } from '../../../domain/storage-redaction.ts';
import type { ContentRedactions } from '../../../services/content/redact-content.ts';

function presentRedaction(redaction: AppliedRedaction) {
  return {
    pointer: redaction.pointer,
    from: redaction.from,
    to: redaction.to,
    ...(redaction.reason !== undefined && { reason: redaction.reason }),
    ...(redaction.redactionId !== undefined && { redactionId: redaction.redactionId }),
  };
}

/** The 202 of `POST /pages/{id}/redact`: each redaction asked for, in the request's order, with its id. */
export function presentV2Redactions(result: ContentRedactions) {
  return {
    body: { redactions: result.body.map(presentRedaction) },
    title: { redactions: result.title.map(presentRedaction) },
  };
}
