import { isDark } from './scheme.ts';

/** The global that mermaid's browser bundle defines. */
interface MermaidGlobal {
  initialize(config: Record<string, unknown>): void;
  run(options: { querySelector: string }): Promise<void>;
}

/**
 * Loads mermaid's browser bundle (a classic script, path in `body[data-mermaid]`) once, only when
 * the page holds a diagram, then draws every `pre.mermaid`. Strict security: labels stay text.
 * If it cannot load, the diagrams are removed and the text list beside them carries the meaning.
 */
export function initMermaid(): void {
  const blocks = document.querySelectorAll<HTMLElement>('pre.mermaid');
  const src = document.body.dataset.mermaid;
  if (blocks.length === 0 || !src) return;
  const fail = () => blocks.forEach((block) => block.closest('figure.diagram')?.remove() ?? block.remove());
  const script = document.createElement('script');
  script.src = src;
  script.onerror = fail;
  script.onload = () => {
    const mermaid = (window as unknown as { mermaid?: MermaidGlobal }).mermaid;
    if (!mermaid) return fail();
    // On a narrow screen the escalation path reads top to bottom, so its labels keep reading size.
    if (matchMedia('(max-width: 46rem)').matches) blocks.forEach((block) => (block.textContent = (block.textContent ?? '').replace(/^flowchart LR\b/, 'flowchart TD')));
    blocks.forEach((block) => (block.dataset.source = block.textContent ?? ''));
    const draw = () => {
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: isDark() ? 'dark' : 'default', flowchart: { useMaxWidth: false } });
      mermaid.run({ querySelector: 'pre.mermaid' }).then(() => dispatchEvent(new Event('resize')), fail);
    };
    draw();
    // A new colour scheme (the top-bar switch, or the system's) redraws the diagrams in it.
    const redraw = () => {
      blocks.forEach((block) => {
        block.removeAttribute('data-processed');
        block.textContent = block.dataset.source ?? '';
      });
      draw();
    };
    addEventListener('handover:scheme', redraw);
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', redraw);
  };
  document.head.append(script);
}
