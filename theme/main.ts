/**
 * The client: progressive enhancement only. Every page reads fully without it;
 * this adds the escalation diagram, list filters, matrix sorting and search.
 * Bundled into one classic script (ES modules do not load from file://).
 */
import './styles.css';
import { initEnhance } from './enhance.ts';
import { initFilters } from './filters.ts';
import { initMermaid } from './mermaid-loader.ts';
import { initScheme } from './scheme.ts';
import { initSort } from './sort.ts';
// Search is owned by theme/search.ts (the search box partial and its index).
import { initSearch } from './search.ts';

function start(): void {
  initScheme();
  initEnhance();
  initMermaid();
  initFilters();
  initSort();
  initSearch();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
