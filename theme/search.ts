/**
 * The search box in the top bar: a combobox over a listbox of hits (the ARIA
 * 1.2 pattern). The index loads on first use, a few small files per query.
 */
import { search, type Filters, type Store } from '../src/search/query.ts';
import { terms } from '../src/search/tokenize.ts';
import { hitOption, moreOption, statusLabel } from './search-render.ts';
import { openStore } from './search-store.ts';
import './search.css';

/** Hits rendered at a time; "show more" adds another page. */
const PAGE = 10;
const DEBOUNCE_MS = 60;

interface Parts {
  form: HTMLFormElement;
  input: HTMLInputElement;
  panel: HTMLElement;
  list: HTMLUListElement;
  empty: HTMLElement;
  status: HTMLElement;
  /** The filter fieldset: shown only once a query has results (or a filter is set), so tabbing past an empty box adds no stops. */
  filterSet: HTMLElement;
  selects: HTMLSelectElement[];
}

/** Wires the `{{> search}}` partial of this page, if it has one. */
export function initSearch(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-search]');
  const input = form?.querySelector<HTMLInputElement>('#search-input');
  if (!form || !input) return;
  const parts: Parts = {
    form,
    input,
    panel: form.querySelector('.search-panel')!,
    list: form.querySelector('[role="listbox"]')!,
    empty: form.querySelector('[data-search-empty]')!,
    status: form.querySelector('[data-search-status]')!,
    filterSet: form.querySelector('.search-filters')!,
    selects: [...form.querySelectorAll<HTMLSelectElement>('select[data-search-filter]')],
  };
  new SearchBox(parts, document.body.dataset.root ?? '').wire();
}

class SearchBox {
  private store: Promise<Store> | null = null;
  private docs: number[] = [];
  private matched: ReadonlySet<string> = new Set();
  private shown = 0;
  private active = -1;
  private run = 0;
  private timer = 0;

  constructor(
    private readonly p: Parts,
    private readonly root: string,
  ) {}

  wire(): void {
    const { form, input, selects } = this.p;
    document.addEventListener('keydown', (event) => this.onGlobalKey(event));
    form.addEventListener('submit', (event) => event.preventDefault());
    // Focus only starts loading the index; the panel opens with something to show.
    input.addEventListener('focus', () => {
      this.load().catch(() => {});
      if (terms(input.value).length) this.open();
    });
    input.addEventListener('input', () => this.schedule());
    input.addEventListener('keydown', (event) => this.onKey(event));
    for (const select of selects) select.addEventListener('change', () => void this.update());
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && event.target !== input) this.close(), input.focus();
    });
    form.addEventListener('focusout', (event) => {
      if (!form.contains(event.relatedTarget as Node | null)) this.close();
    });
    this.p.list.addEventListener('click', (event) => {
      if ((event.target as Element).closest('.search-more')) void this.more();
    });
  }

  /** `/` focuses the box from anywhere, except while typing in another field. */
  private onGlobalKey(event: KeyboardEvent): void {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    const target = event.target as HTMLElement | null;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    event.preventDefault();
    this.p.input.focus();
    this.p.input.select();
  }

  private onKey(event: KeyboardEvent): void {
    const count = this.p.list.children.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      this.open();
      if (count) this.activate(event.key === 'ArrowDown' ? Math.min(count - 1, this.active + 1) : Math.max(-1, this.active - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      this.choose(this.active >= 0 ? this.active : 0);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (!this.p.panel.hidden) this.close();
      else (this.p.input.value = ''), void this.update();
    }
  }

  private choose(index: number): void {
    const option = this.p.list.children[index];
    if (!option) return;
    if (option.classList.contains('search-more')) return void this.more();
    const link = option.querySelector('a');
    if (link) location.href = link.href;
  }

  private activate(index: number): void {
    const options = [...this.p.list.children] as HTMLElement[];
    options.forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
    this.active = index;
    if (index < 0) return this.p.input.removeAttribute('aria-activedescendant');
    this.p.input.setAttribute('aria-activedescendant', options[index]!.id);
    options[index]!.scrollIntoView({ block: 'nearest' });
  }

  private open(): void {
    this.p.panel.hidden = false;
    this.p.input.setAttribute('aria-expanded', 'true');
    this.load();
  }

  private close(): void {
    this.p.panel.hidden = true;
    this.p.input.setAttribute('aria-expanded', 'false');
    this.activate(-1);
  }

  /** Opens the index once; fills the filters from its manifest. */
  private load(): Promise<Store> {
    this.store ??= openStore(this.root).then(
      (store) => (this.fillFilters(store), store),
      (error: Error) => {
        this.store = null;
        this.say(`Search is unavailable: ${error.message}.`, true);
        throw error;
      },
    );
    return this.store;
  }

  private fillFilters(store: Store): void {
    const { statuses, teams, owners } = store.manifest.filters;
    const options: Record<string, [string, string][]> = { status: statuses.map((s) => [s, statusLabel(s)]), team: teams, owner: owners };
    for (const select of this.p.selects)
      for (const [value, label] of options[select.dataset.searchFilter!] ?? []) select.append(new Option(label, value));
  }

  private filters(): Filters {
    return Object.fromEntries(this.p.selects.filter((s) => s.value).map((s) => [s.dataset.searchFilter!, s.value]));
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.update(), DEBOUNCE_MS);
  }

  /** Runs the query and shows the first page; a newer query wins over a slower older one. */
  private async update(): Promise<void> {
    const run = ++this.run;
    const query = this.p.input.value;
    const filters = this.filters();
    // One letter or only stop words: nothing to look up yet, so no "nothing matches" either, and no empty panel.
    if (!terms(query).length && !Object.keys(filters).length) return void this.show([], new Set(), run, '').then(() => this.close());
    this.open();
    const store = await this.load().catch(() => null);
    if (!store || run !== this.run) return;
    const result = await search(store, query, filters);
    if (run === this.run) await this.show(result.docs, result.matched, run, query);
  }

  private async show(docs: number[], matched: ReadonlySet<string>, run: number, query: string): Promise<void> {
    this.docs = docs;
    this.matched = matched;
    this.shown = 0;
    this.p.list.replaceChildren();
    this.activate(-1);
    if (!terms(query).length && !Object.keys(this.filters()).length) return this.say('', false);
    await this.more(run);
    if (run !== this.run) return;
    const n = docs.length;
    this.p.filterSet.hidden = n === 0 && !Object.keys(this.filters()).length;
    const text = n ? `${n} result${n === 1 ? '' : 's'}` : query.trim() ? `Nothing matches “${query.trim()}”` : 'Nothing matches these filters';
    this.say(n ? text : `${text}${Object.keys(this.filters()).length ? '; try clearing a filter' : ''}.`, n === 0);
  }

  /** Appends the next page of hits, loading only their files. */
  private async more(run = this.run): Promise<void> {
    const store = await this.load();
    const page = this.docs.slice(this.shown, this.shown + PAGE);
    const files = await Promise.all(page.map((n) => store.doc(n)));
    if (run !== this.run) return;
    const keep = this.active;
    this.p.list.querySelector('.search-more')?.remove();
    files.forEach((doc, i) => this.p.list.append(hitOption(doc, this.matched, `search-hit-${this.shown + i}`, this.root + doc.u)));
    this.shown += files.length;
    const left = this.docs.length - this.shown;
    if (left > 0) this.p.list.append(moreOption('search-more', left, PAGE));
    if (keep >= 0) this.activate(Math.min(keep, this.p.list.children.length - 1));
  }

  private say(text: string, showEmpty: boolean): void {
    this.p.status.textContent = text;
    this.p.empty.textContent = showEmpty ? text : '';
    this.p.empty.hidden = !showEmpty;
  }
}
