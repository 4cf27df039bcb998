// @ts-check
/**
 * The trash's selection: "select all" for the rows of this page, a count of what is selected, and the
 * bulk buttons enabled only when something is. The forms work without this script (each row has its
 * own buttons); purging always passes through the server's confirmation screen.
 */

const form = document.querySelector('form.trash-form');
if (form instanceof HTMLFormElement) {
  const selectAll = /** @type {HTMLInputElement | null} */ (document.getElementById('select-all'));
  const boxes = /** @type {HTMLInputElement[]} */ ([
    ...form.querySelectorAll('input[type="checkbox"][name="id"]'),
  ]);
  const bulkButtons = /** @type {HTMLButtonElement[]} */ ([
    ...form.querySelectorAll('[data-needs-selection]'),
  ]);
  const count = form.querySelector('.selection-count');

  const update = () => {
    const selected = boxes.filter((box) => box.checked).length;
    for (const button of bulkButtons) button.disabled = selected === 0;
    for (const box of boxes) box.closest('tr')?.classList.toggle('selected', box.checked);
    if (count) count.textContent = selected === 0 ? '' : `${selected} selected`;
    if (selectAll) {
      selectAll.checked = selected > 0 && selected === boxes.length;
      selectAll.indeterminate = selected > 0 && selected < boxes.length;
    }
  };

  if (selectAll) {
    selectAll.hidden = false;
    selectAll.addEventListener('change', () => {
      for (const box of boxes) box.checked = selectAll.checked;
      update();
    });
  }
  for (const box of boxes) box.addEventListener('change', update);
  update();
}
