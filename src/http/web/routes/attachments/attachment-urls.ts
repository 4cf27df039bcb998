import type { Content } from '../../../../domain/content.ts';
import { attachmentWebuiOf } from '../../../common/attachment-links.ts';

/** The download servlet's link for a version of an attachment (the current one by default). */
export function downloadUrlOf(contextPath: string, attachment: Content, versionNumber?: number): string {
  const name = encodeURIComponent(attachment.title);
  return `${contextPath}/download/attachments/${attachment.containerId}/${name}?version=${versionNumber ?? attachment.version.number}`;
}

/** The same file shown in the browser, for the kinds the servlet will show (send-attachment.ts). */
export const inlineUrlOf = (contextPath: string, attachment: Content) =>
  `${downloadUrlOf(contextPath, attachment)}&preview=true`;

/** The screen with this attachment's preview open, relative to the screen (the link `_links.webui` gives). */
export const previewUrlOf = (attachment: Content) => `?${attachmentWebuiOf(attachment).split('?')[1]}`;
