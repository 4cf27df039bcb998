// @ts-check
/**
 * The attachments screen: selecting rows for the bulk actions, moving the selected to the trash, the text
 * preview, and wiring uploads and the versions panel (attachments-upload.js, attachments-versions.js).
 * Every change goes through the public REST API, as any client's would.
 */
import { api } from './api.js';
import { adjustCount, announce, reasonOf } from './attachments-shared.js';
import { wireUploads } from './attachments-upload.js';
import { wireVersions } from './attachments-versions.js';

const bulk = /** @type {HTMLFormElement | null} */ (document.getElementById('attachment-bulk'));
const pageId = bulk?.dataset.pageId ?? '';

/** @returns {HTMLInputElement[]} */
const rowBoxes = () =>
  [...document.querySelectorAll('#attachment-table tbody input[name="id"]')].map(
    (box) => /** @type {HTMLInputElement} */ (box),
  );
const selectedBoxes = () => rowBoxes().filter((box) => box.checked);

function wireSelection() {
  const all = /** @type {HTMLInputElement | null} */ (document.getElementById('select-all'));
  all?.addEventListener('change', () => {
    for (const box of rowBoxes()) box.checked = all.checked;
  });
  // "Select all" shows whether every row is selected, some (mixed), or none.
  document.getElementById('attachment-table')?.addEventListener('change', (event) => {
    if (!all || event.target === all) return;
    const checked = selectedBoxes().length;
    all.checked = checked > 0 && checked === rowBoxes().length;
    all.indeterminate = checked > 0 && !all.checked;
  });
  bulk?.addEventListener('submit', (event) => {
    if (selectedBoxes().length === 0) {
      event.preventDefault();
      announce('Select the attachments to download first.', 'error');
    }
  });
}

async function trashSelected() {
  const boxes = selectedBoxes();
  if (boxes.length === 0) {
    announce('Select the attachments to move to the trash first.', 'error');
    return;
  }
  const noun = boxes.length === 1 ? 'this attachment' : `these ${boxes.length} attachments`;
  if (!window.confirm(`Move ${noun} to the trash? They can be restored from the space's trash.`)) return;
  let moved = 0;
  for (const box of boxes) {
    const row = box.closest('tr');
    try {
      await api(`/rest/api/content/${pageId}/child/attachment/${box.value}`, { method: 'DELETE' });
      row?.remove();
      moved += 1;
    } catch (error) {
      announce(`${row?.dataset.title ?? box.value}: ${reasonOf(error)}`, 'error');
    }
  }
  adjustCount(-moved);
  announce(moved === 1 ? 'Moved 1 attachment to the trash.' : `Moved ${moved} attachments to the trash.`);
}

/** The first 256 KiB of a text attachment, shown as text (never as markup). */
async function showTextPreview() {
  const pre = /** @type {HTMLElement | null} */ (document.querySelector('.preview-text[data-src]'));
  if (!pre) return;
  const limit = 256 * 1024;
  try {
    const response = await fetch(pre.dataset.src ?? '', {
      credentials: 'same-origin',
      headers: { Range: `bytes=0-${limit - 1}` },
    });
    if (!response.ok) throw new Error(`The server answered ${response.status}`);
    const text = await response.text();
    const whole =
      response.status !== 206 || !/\/(\d+)$/.test(response.headers.get('content-range') ?? '')
        ? true
        : Number(/\/(\d+)$/.exec(response.headers.get('content-range') ?? '')?.[1]) <= limit;
    pre.textContent = whole
      ? text
      : `${text}\n… (only the first 256 KiB are shown; download the file for the rest)`;
  } catch (error) {
    pre.textContent = `The file could not be shown: ${reasonOf(error)}`;
  }
}

wireSelection();
document.getElementById('trash-selected')?.addEventListener('click', () => void trashSelected());
void showTextPreview();
if (bulk) {
  wireUploads(pageId);
  wireVersions(pageId);
}
// The list is usable from here on (bench/web-attachments.ts times this mark).
performance.mark('attachments-ready');
document.body.dataset.ready = 'true';
