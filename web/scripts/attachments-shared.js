// @ts-check
/** What the attachments screen's scripts share: the status line and the count. */

/**
 * Says something to the visitor in the live region, as one line of the status list.
 * @param {string} message
 * @param {'ok' | 'error'} [kind]
 */
export function announce(message, kind = 'ok') {
  const status = document.getElementById('upload-progress');
  if (!status) return;
  const line = document.createElement('li');
  line.className = kind === 'error' ? 'error' : 'done';
  line.textContent = message;
  status.append(line);
}

/**
 * Keeps the count line in step with rows added or removed here.
 * @param {number} by
 */
export function adjustCount(by) {
  const count = document.getElementById('attachment-count');
  if (!count) return;
  const now = Number((count.textContent ?? '').replace(/[^0-9]/g, '')) + by;
  count.textContent = now === 1 ? '1 attachment' : `${now.toLocaleString('en')} attachments`;
}

/** @param {unknown} error */
export const reasonOf = (error) => (error instanceof Error ? error.message : String(error));
