/**
 * Sortable columns: a `th[data-sort]` gets a button; rows sort by `td[data-sort-value]` (or text)
 * within each `tbody`, so team groups stay together. Clicking again reverses; `aria-sort` tells
 * screen readers the order.
 */
export function initSort(): void {
  document.querySelectorAll<HTMLTableElement>('table[data-sortable]').forEach((table) => {
    const headers = [...table.querySelectorAll<HTMLTableCellElement>('thead th[data-sort]')];
    headers.forEach((th) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort-button';
      button.append(...th.childNodes);
      const arrow = document.createElement('span');
      arrow.className = 'sort-arrow';
      arrow.setAttribute('aria-hidden', 'true');
      button.append(arrow);
      th.append(button);
      button.addEventListener('click', () => {
        const ascending = th.getAttribute('aria-sort') !== 'ascending';
        headers.forEach((other) => other.removeAttribute('aria-sort'));
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        sortBy(table, th.cellIndex, ascending);
      });
    });
  });
}

function sortBy(table: HTMLTableElement, column: number, ascending: boolean): void {
  const key = (row: HTMLTableRowElement) => {
    const cell = row.cells[column];
    return (cell?.dataset.sortValue ?? cell?.textContent ?? '').trim().toLowerCase();
  };
  table.querySelectorAll('tbody').forEach((body) => {
    const rows = [...body.querySelectorAll<HTMLTableRowElement>('tr[data-status]')];
    rows.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      // Empty cells stay last in both directions, so the names read as one run.
      if (!x !== !y) return x ? -1 : 1;
      return (ascending ? 1 : -1) * x.localeCompare(y);
    });
    body.append(...rows);
  });
}
