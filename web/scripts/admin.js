// @ts-check
/**
 * The administration screens work without scripts; this only asks before changes that cannot be undone
 * with a click (deleting a group, revoking an app's tokens), named by `data-confirm` on their forms.
 */
for (const form of document.querySelectorAll('form[data-confirm]')) {
  form.addEventListener('submit', (event) => {
    const question = form.getAttribute('data-confirm') ?? 'Are you sure?';
    if (!window.confirm(question)) event.preventDefault();
  });
}
