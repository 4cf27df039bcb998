// @ts-check
/**
 * Uploads on the attachments screen: files chosen or dropped on the list go, a few at a time, through the
 * public multipart endpoint with per-file progress; a file dropped on a row becomes that attachment's new
 * version. Refusals say why, and a clashing name offers to upload the file as a new version instead.
 */
import { contextPath, formatBytes, upload } from './api.js';
import { adjustCount, reasonOf } from './attachments-shared.js';

const parallelUploads = 3;

/** @typedef {{ id: string, title: string, version?: { number?: number, by?: { displayName?: string }, when?: string, message?: string }, extensions?: { mediaType?: string, fileSize?: number, comment?: string } }} V1Attachment */

/**
 * A row for an attachment the API just returned, shaped like the server's rows.
 * @param {string} pageId
 * @param {V1Attachment} attachment
 */
function rowOf(pageId, attachment) {
  const row = document.createElement('tr');
  const id = attachment.id.replace(/^att/, '');
  const title = attachment.title;
  row.dataset.attachmentId = id;
  row.dataset.title = title;
  row.dataset.version = String(attachment.version?.number ?? 1);
  row.dataset.mediaType = attachment.extensions?.mediaType ?? '';
  row.className = 'just-uploaded';
  const cell = (/** @type {string} */ className, /** @type {string | Node} */ content) => {
    const td = document.createElement('td');
    td.className = className;
    td.append(content);
    row.append(td);
    return td;
  };
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.name = 'id';
  box.value = id;
  box.setAttribute('aria-label', `Select ${title}`);
  cell('select', box);
  const link = document.createElement('a');
  link.href = `${contextPath}/download/attachments/${pageId}/${encodeURIComponent(title)}?version=${row.dataset.version}`;
  link.download = '';
  link.textContent = title;
  const preview = document.createElement('a');
  preview.className = 'preview-link';
  preview.href = `?pageId=${pageId}&preview=${encodeURIComponent(`/${pageId}/${id}/${title}`)}`;
  preview.textContent = 'Preview';
  preview.setAttribute('aria-label', `Preview ${title}`);
  cell('name', link).append(' ', preview);
  cell('size', formatBytes(attachment.extensions?.fileSize ?? 0));
  cell('type', row.dataset.mediaType);
  const when = new Date(attachment.version?.when ?? Date.now()).toISOString();
  cell('modified', `${when.slice(0, 16).replace('T', ' ')} UTC`);
  cell('author', attachment.version?.by?.displayName ?? '');
  cell('version', row.dataset.version);
  cell('comment', attachment.extensions?.comment ?? attachment.version?.message ?? '');
  const versions = document.createElement('button');
  versions.type = 'button';
  versions.className = 'link versions-button';
  versions.textContent = 'Versions';
  versions.setAttribute('aria-label', `Versions of ${title}`);
  cell('actions', versions);
  return row;
}

/**
 * The API's refusal in words for this screen.
 * @param {{ status: number, body: any, text: string }} answer
 */
function refusalOf(answer) {
  const message = answer.body?.message ?? answer.body?.errors?.[0]?.title ?? answer.text.slice(0, 200);
  // The API's own 413 wording rounds the limit to whole megabytes; ours says what matters.
  if (answer.status === 413) return 'Refused: the file is larger than this site accepts.';
  if (answer.status === 415) return `Refused: this site does not accept this type of file. ${message}`;
  if (answer.status === 403 || answer.status === 404) return 'Refused: you may not add attachments here.';
  return `Refused: ${message || `the server answered ${answer.status}`}`;
}

const isDuplicateName = (/** @type {{ status: number, text: string }} */ answer) =>
  answer.status === 400 && /same file name/i.test(answer.text);

/**
 * One line of the progress list for one file.
 * @param {File} file
 */
function progressLine(file) {
  const list = document.getElementById('upload-progress');
  const line = document.createElement('li');
  const name = document.createElement('span');
  name.className = 'file-name';
  name.textContent = file.name;
  const bar = document.createElement('progress');
  bar.max = file.size || 1;
  bar.value = 0;
  bar.setAttribute('aria-label', `Uploading ${file.name}`);
  const message = document.createElement('span');
  message.className = 'message';
  message.textContent = 'Waiting…';
  line.append(name, ' ', bar, ' ', message);
  list?.append(line);
  return { line, bar, message };
}

/**
 * Sends one file: as a new attachment of the page, or as a new version of `attachmentId`.
 * @param {string} pageId
 * @param {File} file
 * @param {{ attachmentId?: string, title?: string, replace?: boolean }} [target]
 */
async function send(pageId, file, target = {}) {
  const { line, bar, message } = progressLine(file);
  const form = new FormData();
  // A new version keeps the attachment's name: the dropped file's own name would rename it.
  form.append('file', file, target.title ?? file.name);
  const base = `/rest/api/content/${pageId}/child/attachment`;
  const path = target.attachmentId ? `${base}/${target.attachmentId}/data` : base;
  message.textContent = 'Uploading…';
  try {
    const answer = await upload(
      path,
      form,
      (loaded) => {
        bar.value = loaded;
      },
      target.replace ? 'PUT' : 'POST',
    );
    if (answer.status >= 200 && answer.status < 300) {
      bar.value = bar.max;
      line.className = 'done';
      const attachment = /** @type {V1Attachment} */ (answer.body?.results?.[0] ?? answer.body);
      message.textContent =
        target.attachmentId || target.replace
          ? `Uploaded as version ${attachment.version?.number ?? ''}.`
          : 'Uploaded.';
      placeRow(pageId, attachment);
      return;
    }
    line.className = 'error';
    if (isDuplicateName(answer)) {
      message.textContent = 'An attachment of this name exists. ';
      const again = document.createElement('button');
      again.type = 'button';
      again.textContent = 'Upload as new version';
      again.addEventListener('click', () => {
        line.remove();
        void send(pageId, file, { replace: true });
      });
      message.append(again);
    } else {
      message.textContent = refusalOf(answer);
    }
  } catch (error) {
    line.className = 'error';
    message.textContent = reasonOf(error);
  }
}

/**
 * Shows an uploaded attachment: its row updated in place, or a new row at the top of the list.
 * @param {string} pageId
 * @param {V1Attachment} attachment
 */
function placeRow(pageId, attachment) {
  const body = document.querySelector('#attachment-table tbody');
  if (!body || !attachment?.id) return;
  const fresh = rowOf(pageId, attachment);
  const existing = body.querySelector(`tr[data-attachment-id="${fresh.dataset.attachmentId}"]`);
  if (existing) {
    existing.replaceWith(fresh);
    return;
  }
  body.prepend(fresh);
  document.getElementById('attachment-empty')?.remove();
  adjustCount(1);
}

/**
 * Uploads files a few at a time (each with its own progress line).
 * @param {string} pageId
 * @param {File[]} files
 */
async function sendAll(pageId, files) {
  const queue = [...files];
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) await send(pageId, file);
  };
  await Promise.all(Array.from({ length: Math.min(parallelUploads, queue.length) }, worker));
}

/** @param {DragEvent} event */
const carriesFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes('Files');

/** @param {string} pageId */
export function wireUploads(pageId) {
  const input = /** @type {HTMLInputElement | null} */ (document.getElementById('upload-input'));
  input?.addEventListener('change', () => {
    void sendAll(pageId, [...(input.files ?? [])]);
    input.value = '';
  });
  const zone = document.getElementById('attachment-bulk');
  if (!zone) return;
  zone.addEventListener('dragover', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    zone.classList.add('dropping');
    const row = /** @type {HTMLElement | null} */ (
      event.target instanceof Element ? event.target.closest('tbody tr') : null
    );
    for (const marked of zone.querySelectorAll('tr.drop-target'))
      if (marked !== row) marked.classList.remove('drop-target');
    row?.classList.add('drop-target');
  });
  zone.addEventListener('dragleave', (event) => {
    if (event.target === zone) zone.classList.remove('dropping');
  });
  zone.addEventListener('drop', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    zone.classList.remove('dropping');
    for (const marked of zone.querySelectorAll('tr.drop-target')) marked.classList.remove('drop-target');
    const files = [...(event.dataTransfer?.files ?? [])];
    const row = /** @type {HTMLElement | null} */ (
      event.target instanceof Element ? event.target.closest('tbody tr') : null
    );
    // One file on a row is that attachment's next version; several, or the list itself, are new attachments.
    if (row?.dataset.attachmentId && files.length === 1 && files[0]) {
      void send(pageId, files[0], { attachmentId: row.dataset.attachmentId, title: row.dataset.title });
    } else {
      void sendAll(pageId, files);
    }
  });
}
