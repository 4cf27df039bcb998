// @ts-check
/**
 * The versions panel of one attachment: its versions with download links, restoring an old one as the
 * current, deleting one, and editing the attachment's comment and labels. All through the public API.
 */
import { api, contextPath } from './api.js';
import { reasonOf } from './attachments-shared.js';

/** @typedef {{ number: number, when?: string, message?: string, by?: { displayName?: string } }} V1Version */

/**
 * @param {string} tag
 * @param {Record<string, string>} [attributes]
 * @param {(string | Node)[]} [children]
 */
function element(tag, attributes = {}, children = []) {
  const made = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, value);
  made.append(...children);
  return made;
}

/**
 * @param {string} label
 * @param {() => Promise<void>} action
 */
function actionButton(label, action, className = 'link') {
  const button = /** @type {HTMLButtonElement} */ (
    element('button', { type: 'button', class: className }, [label])
  );
  button.addEventListener('click', () => void action());
  return button;
}

/**
 * Fills the panel for the attachment of `row`.
 * @param {string} pageId
 * @param {HTMLElement} row
 * @param {HTMLElement} panel
 */
async function showVersions(pageId, row, panel) {
  const id = row.dataset.attachmentId ?? '';
  const title = row.dataset.title ?? '';
  const message = element('p', { class: 'panel-message', role: 'status' });
  const fail = (/** @type {unknown} */ error) => {
    message.className = 'panel-message error';
    message.textContent = reasonOf(error);
  };
  const reload = () => showVersions(pageId, row, panel);
  /** @type {{ results: V1Version[] }} */
  let versions;
  /** @type {{ results: { prefix: string, name: string }[] }} */
  let labels;
  /** @type {{ version: { number: number }, metadata?: { comment?: string }, title: string }} */
  let current;
  try {
    [versions, labels, current] = await Promise.all([
      api(`/rest/api/content/${id}/version?limit=200`),
      api(`/rest/api/content/${id}/label`),
      api(`/rest/api/content/${id}?expand=version,metadata`),
    ]);
  } catch (error) {
    panel.replaceChildren(element('p', { class: 'error' }, [reasonOf(error)]));
    return;
  }
  const currentNumber = current.version.number;
  const rows = versions.results.map((version) => {
    const download = element(
      'a',
      {
        href: `${contextPath}/download/attachments/${pageId}/${encodeURIComponent(title)}?version=${version.number}`,
        download: '',
      },
      ['Download'],
    );
    const actions = element('td', { class: 'actions' }, [download]);
    if (version.number !== currentNumber) {
      actions.append(
        ' ',
        actionButton(`Restore`, async () => {
          try {
            await api(`/rest/api/content/${id}/version`, {
              method: 'POST',
              json: {
                operationKey: 'restore',
                params: { versionNumber: version.number, message: `Restored version ${version.number}` },
              },
            });
            await reload();
            updateRowVersion(row, currentNumber + 1);
          } catch (error) {
            fail(error);
          }
        }),
      );
    }
    if (versions.results.length > 1) {
      actions.append(
        ' ',
        actionButton('Delete', async () => {
          if (!window.confirm(`Delete version ${version.number} of ${title}? This cannot be undone.`)) return;
          try {
            await api(`/rest/api/content/${pageId}/child/attachment/${id}/version/${version.number}`, {
              method: 'DELETE',
            });
            await reload();
          } catch (error) {
            fail(error);
          }
        }),
      );
    }
    return element('tr', { 'data-version': String(version.number) }, [
      element('td', {}, [String(version.number), version.number === currentNumber ? ' (current)' : '']),
      element('td', {}, [(version.when ?? '').slice(0, 16).replace('T', ' ')]),
      element('td', {}, [version.by?.displayName ?? '']),
      element('td', {}, [version.message ?? '']),
      actions,
    ]);
  });
  const table = element('div', { class: 'table-scroll' }, [
    element('table', { class: 'grid' }, [
      element('caption', {}, [`Versions of ${title}`]),
      element('thead', {}, [
        element(
          'tr',
          {},
          ['Version', 'Date', 'Author', 'Comment', 'Actions'].map((name) =>
            element('th', { scope: 'col' }, [name]),
          ),
        ),
      ]),
      element('tbody', {}, rows),
    ]),
  ]);

  const comment = /** @type {HTMLInputElement} */ (
    element('input', { id: 'attachment-comment', type: 'text', value: current.metadata?.comment ?? '' })
  );
  const commentForm = element('form', { class: 'toolbar' }, [
    element('label', { for: 'attachment-comment' }, ['Comment']),
    comment,
    element('button', { type: 'submit' }, ['Save comment']),
  ]);
  commentForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api(`/rest/api/content/${pageId}/child/attachment/${id}`, {
        method: 'PUT',
        json: {
          id,
          type: 'attachment',
          title,
          version: { number: currentNumber + 1 },
          metadata: { comment: comment.value },
        },
      });
      await reload();
      updateRowVersion(row, currentNumber + 1, comment.value);
    } catch (error) {
      fail(error);
    }
  });

  const labelList = element(
    'ul',
    { class: 'labels' },
    labels.results.map((label) =>
      element('li', {}, [
        label.name,
        ' ',
        actionButton(`Remove`, async () => {
          try {
            await api(`/rest/api/content/${id}/label/${encodeURIComponent(label.name)}`, {
              method: 'DELETE',
            });
            await reload();
          } catch (error) {
            fail(error);
          }
        }),
      ]),
    ),
  );
  const newLabel = /** @type {HTMLInputElement} */ (
    element('input', { id: 'attachment-label', type: 'text' })
  );
  const labelForm = element('form', { class: 'toolbar' }, [
    element('label', { for: 'attachment-label' }, ['Add label']),
    newLabel,
    element('button', { type: 'submit' }, ['Add']),
  ]);
  labelForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api(`/rest/api/content/${id}/label`, {
        method: 'POST',
        json: [{ prefix: 'global', name: newLabel.value.trim() }],
      });
      await reload();
    } catch (error) {
      fail(error);
    }
  });

  const close = actionButton(
    'Close',
    async () => {
      panel.hidden = true;
      /** @type {HTMLElement | null} */ (row.querySelector('button.versions-button'))?.focus();
    },
    '',
  );
  panel.replaceChildren(
    element('div', { class: 'panel-header' }, [element('h2', { id: 'versions-heading' }, [title]), close]),
    message,
    table,
    commentForm,
    element('h3', {}, ['Labels']),
    labelList,
    labelForm,
  );
  panel.hidden = false;
}

/**
 * @param {HTMLElement} row
 * @param {number} number
 * @param {string} [comment]
 */
function updateRowVersion(row, number, comment) {
  row.dataset.version = String(number);
  const cell = row.querySelector('td.version');
  if (cell) cell.textContent = String(number);
  const commentCell = row.querySelector('td.comment');
  if (commentCell && comment !== undefined) commentCell.textContent = comment;
}

/** @param {string} pageId */
export function wireVersions(pageId) {
  const panel = document.getElementById('attachment-versions');
  const table = document.getElementById('attachment-table');
  if (!panel || !table) return;
  table.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button.versions-button') : null;
    const row = /** @type {HTMLElement | null} */ (button?.closest('tr') ?? null);
    if (!row) return;
    void showVersions(pageId, row, panel).then(() => panel.focus());
  });
}
