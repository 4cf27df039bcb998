import type { Space } from '../../../domain/content.ts';
import type { SpaceStorage } from '../../../services/storage/get-space-storage.ts';
import type { VersionPrunePreview } from '../../../services/storage/preview-version-prune.ts';
import type { VersionPruneOutcome } from '../../../services/storage/prune-old-versions.ts';
import { bytesCell, timeOf } from '../formats.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField, type Screen } from '../layout.ts';
import { spaceTabs } from '../space-tabs.ts';
import { screenUrls } from '../urls.ts';
import type { WebView } from '../web-view.ts';

export const pruneUrl = (view: WebView, key: string) =>
  `${view.root}/spaces/pruneversions.action?key=${encodeURIComponent(key)}`;

/** The rule as the form wrote it, to fill the form again and carry it to the confirmation. */
export interface PruneFormValues {
  keep: string;
  olderThan: string;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

const breadcrumbsOf = (view: WebView, space: Space) => {
  const urls = screenUrls(view);
  return [
    { label: space.name, href: urls.space(space.key) },
    { label: 'Storage', href: urls.storage(space.key) },
  ];
};

/** A share of a whole as a bar: a `<meter>` the style sheet draws, with the share in words beside it. */
function shareBar(part: number, whole: number, label: string): SafeHtml {
  const percent = whole === 0 ? 0 : (part / whole) * 100;
  return html`<meter class="share" min="0" max="${whole || 1}" value="${part}" aria-label="${label}">${percent.toFixed(1)}%</meter>
    <span class="share-text">${percent.toFixed(1)}%</span>`;
}

function pruneForm(view: WebView, space: Space, values: PruneFormValues): SafeHtml {
  return html`<form method="get" action="${pruneUrl(view, space.key)}" class="prune-form">
    <input type="hidden" name="key" value="${space.key}">
    <p>Deletes historical versions of this space's attachments, never the current one. With both fields,
      a version goes only when both say so. You will see what goes before anything is deleted.</p>
    <div class="fields">
      <div><label for="prune-keep">Keep the newest versions of each file</label>
        <input id="prune-keep" name="keep" type="number" min="1" step="1" inputmode="numeric" value="${values.keep}" aria-describedby="prune-keep-help">
        <small id="prune-keep-help" class="muted">The current version counts. Leave empty to keep by date only.</small></div>
      <div><label for="prune-older">Versions uploaded before</label>
        <input id="prune-older" name="olderThan" type="date" value="${values.olderThan}"></div>
    </div>
    <button type="submit" class="primary">Preview prune</button>
  </form>`;
}

/** A space's storage: totals, bytes by media type, the largest files, and the prune form. */
export function storageScreen(view: WebView, storage: SpaceStorage, mayPrune: boolean): Screen {
  const { space, usage, largest } = storage;
  const urls = screenUrls(view);
  const figure = (label: string, bytes: number, id: string, note?: string) =>
    html`<div class="figure" id="${id}"><dt>${label}</dt><dd>${bytesCell(bytes)}${note && html` <span class="muted">${note}</span>`}</dd></div>`;
  const main = html`<h1>Storage <span class="muted">${space.name}</span></h1>
    ${spaceTabs(view, space, 'storage')}
    <dl class="figures">
      ${figure('All attachments', usage.totalBytes, 'total-bytes', `${plural(usage.attachments, 'file')}, ${plural(usage.versions, 'version')}`)}
      ${figure('Current versions', usage.currentBytes, 'current-bytes')}
      ${figure('Old versions', usage.historicalBytes, 'historical-bytes', plural(usage.historicalVersions, 'version'))}
      ${figure('In the trash', usage.trashedBytes, 'trashed-bytes')}
    </dl>
    <p class="muted">Sizes are each version's own; identical files are stored once, so the disk may hold less.</p>
    <h2 id="by-type">By media type</h2>
    ${
      usage.byMediaType.length === 0
        ? html`<p class="empty">No attachments.</p>`
        : html`<div class="table-scroll"><table class="grid by-type" aria-labelledby="by-type">
          <thead><tr><th scope="col">Media type</th><th scope="col" class="number">Versions</th>
            <th scope="col" class="number">Size</th><th scope="col">Share</th></tr></thead>
          <tbody>${usage.byMediaType.map(
            (type) => html`<tr><td class="mono">${type.mediaType}</td><td class="number">${type.versions}</td>
              <td class="number">${bytesCell(type.bytes)}</td>
              <td class="bar">${shareBar(type.bytes, usage.totalBytes, `${type.mediaType} share`)}</td></tr>`,
          )}</tbody></table></div>`
    }
    <h2 id="largest">Largest files</h2>
    ${
      largest.length === 0
        ? html`<p class="empty">No current attachments.</p>`
        : html`<div class="table-scroll"><table class="grid largest" aria-labelledby="largest">
          <thead><tr><th scope="col">File</th><th scope="col">On</th><th scope="col">Media type</th>
            <th scope="col" class="number">Size</th><th scope="col" class="number">With old versions</th></tr></thead>
          <tbody>${largest.map(
            (file) => html`<tr>
              <td>${file.containerId === null ? file.title : html`<a href="${urls.attachments(file.containerId)}">${file.title}</a>`}</td>
              <td>${file.containerTitle ?? ''}</td><td class="mono">${file.mediaType}</td>
              <td class="number">${bytesCell(file.sizeBytes)}</td>
              <td class="number">${bytesCell(file.allVersionsBytes)} <span class="muted">(${file.versionNumber} v)</span></td></tr>`,
          )}</tbody></table></div>`
    }
    <h2 id="prune">Prune old versions</h2>
    ${
      mayPrune
        ? pruneForm(view, space, { keep: '', olderThan: '' })
        : html`<p class="notice">Only administrators of this space can delete old versions.</p>`
    }`;
  return {
    title: `Storage - ${space.name}`,
    main,
    breadcrumbs: [{ label: space.name, href: urls.space(space.key) }],
    styles: ['space-admin.css'],
  };
}

/** What a prune would delete, and the button that does it (the rule and the totals go with it). */
export function prunePreviewScreen(
  view: WebView,
  preview: VersionPrunePreview,
  values: PruneFormValues,
  notice?: SafeHtml,
): Screen {
  const { space, totals, sample } = preview;
  const what = `${totals.versions} old version${totals.versions === 1 ? '' : 's'} of ${totals.attachments} file${totals.attachments === 1 ? '' : 's'}`;
  const main = html`<h1>Prune old versions <span class="muted">${space.name}</span></h1>
    ${spaceTabs(view, space, 'storage')}
    ${notice}
    ${
      totals.versions === 0
        ? html`<p class="notice" role="status">No version matches: nothing would be deleted.</p>`
        : html`<p class="notice" role="status" id="prune-summary">This deletes ${what}, freeing
            <strong>${bytesCell(totals.bytes)}</strong> (less if identical files are kept elsewhere).
            Current versions are never deleted. This cannot be undone.</p>
          <div class="table-scroll"><table class="grid prune-sample">
            <caption>${sample.length < totals.versions ? `The first ${sample.length} of ${totals.versions}` : 'Every version that goes'}</caption>
            <thead><tr><th scope="col">File</th><th scope="col" class="number">Version</th>
              <th scope="col" class="number">Size</th><th scope="col">Uploaded</th></tr></thead>
            <tbody>${sample.map(
              (
                version,
              ) => html`<tr data-attachment="${version.attachmentId}" data-version="${version.number}">
                <td>${version.title}</td><td class="number">${version.number}</td>
                <td class="number">${bytesCell(version.sizeBytes)}</td><td>${timeOf(version.createdAtMs)}</td></tr>`,
            )}</tbody></table></div>
          <form method="post" action="${pruneUrl(view, space.key)}" class="toolbar">
            ${csrfField(view)}
            <input type="hidden" name="keep" value="${values.keep}">
            <input type="hidden" name="olderThan" value="${values.olderThan}">
            <input type="hidden" name="expectedVersions" value="${totals.versions}">
            <input type="hidden" name="expectedBytes" value="${totals.bytes}">
            <button type="submit" class="danger">Delete ${totals.versions} version${totals.versions === 1 ? '' : 's'}</button>
            <a class="button" href="${screenUrls(view).storage(space.key)}">Cancel</a>
          </form>`
    }
    <h2>Change the rule</h2>
    ${pruneForm(view, space, values)}`;
  return {
    title: `Prune old versions - ${space.name}`,
    main,
    breadcrumbs: breadcrumbsOf(view, space),
    styles: ['space-admin.css'],
  };
}

/** What a prune did. */
export function pruneDoneScreen(view: WebView, outcome: VersionPruneOutcome): Screen {
  const { space } = outcome;
  const main = html`<h1>Prune old versions <span class="muted">${space.name}</span></h1>
    ${spaceTabs(view, space, 'storage')}
    <div class="notice ${outcome.failed.length > 0 ? 'error' : 'ok'}" role="status" id="prune-outcome">
      <p>Deleted ${outcome.removed} old version${outcome.removed === 1 ? '' : 's'}, ${bytesCell(outcome.removedBytes)}.</p>
      ${
        outcome.failed.length > 0 &&
        html`<p>${outcome.failed.length} could not be deleted:</p><ul>${outcome.failed
          .slice(0, 50)
          .map(
            (failure) =>
              html`<li>${failure.version.title} v${failure.version.number}: ${failure.message}</li>`,
          )}</ul>`
      }
    </div>
    <p><a href="${screenUrls(view).storage(space.key)}">Back to storage</a></p>`;
  return {
    title: `Pruned - ${space.name}`,
    main,
    breadcrumbs: breadcrumbsOf(view, space),
    styles: ['space-admin.css'],
  };
}
