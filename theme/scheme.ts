/**
 * The light / dark / auto switch in the top bar. The choice is kept in localStorage and set as
 * `data-theme` on <html> (the layout's inline head script applies it before the page paints);
 * "auto" removes it, so the reader's system preference decides (theme/base.css).
 */
export type Scheme = 'auto' | 'light' | 'dark';
const KEY = 'handover-theme';
const ORDER: Scheme[] = ['auto', 'light', 'dark'];
const LABEL: Record<Scheme, string> = { auto: 'Auto', light: 'Light', dark: 'Dark' };

export function storedScheme(): Scheme {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : 'auto';
  } catch {
    return 'auto';
  }
}

/** Whether the page shows dark now: the reader's choice, else their system's. */
export function isDark(): boolean {
  const chosen = document.documentElement.dataset.theme;
  return chosen ? chosen === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
}

function apply(scheme: Scheme): void {
  if (scheme === 'auto') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = scheme;
  try {
    if (scheme === 'auto') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, scheme);
  } catch {
    // Storage refused (private mode, file://): the choice lasts for this page.
  }
  dispatchEvent(new CustomEvent('handover:scheme'));
}

export function initScheme(): void {
  const button = document.querySelector<HTMLButtonElement>('[data-scheme-switch]');
  if (!button) return;
  const show = (scheme: Scheme) => {
    button.querySelector('.scheme-value')!.textContent = LABEL[scheme];
    button.dataset.scheme = scheme;
  };
  button.title = 'Colour scheme: auto (as your system), light or dark';
  show(storedScheme());
  button.hidden = false;
  button.addEventListener('click', () => {
    const next = ORDER[(ORDER.indexOf((button.dataset.scheme as Scheme) ?? 'auto') + 1) % ORDER.length]!;
    apply(next);
    show(next);
  });
}
