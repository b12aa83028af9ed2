/**
 * Filter bars: `[data-filters=<table id>]` holds `select[data-filter=<key>]`; a row shows when
 * its `data-<key>` equals every chosen value ('-' chooses rows without one). Without JS the bar
 * stays hidden and the full list shows.
 */
export function initFilters(): void {
  document.querySelectorAll<HTMLElement>('[data-filters]').forEach((bar) => {
    const table = document.getElementById(bar.dataset.filters ?? '');
    if (!table) return;
    const selects = [...bar.querySelectorAll<HTMLSelectElement>('select[data-filter]')];
    const count = document.querySelector<HTMLElement>(`[data-filter-count-for="${bar.dataset.filters}"]`);
    const apply = () => {
      const rows = [...table.querySelectorAll<HTMLTableRowElement>('tbody tr[data-status]')];
      let shown = 0;
      for (const row of rows) {
        const match = selects.every((select) => {
          const want = select.value;
          const have = row.dataset[select.dataset.filter ?? ''] ?? '';
          return want === '' || want === have || (want === '-' && have === '');
        });
        row.hidden = !match;
        if (match) shown++;
      }
      // A team's heading row hides when none of its rows show.
      table.querySelectorAll<HTMLTableSectionElement>('tbody[data-group]').forEach((group) => {
        group.hidden = !group.querySelector('tr[data-status]:not([hidden])');
      });
      if (count) count.textContent = shown === rows.length ? '' : `Showing ${shown} of ${rows.length} workflows`;
    };
    selects.forEach((select) => select.addEventListener('change', apply));
    bar.hidden = false;
    apply();
  });
}
