/**
 * Small reading aids every docs site has: a copy button on each code block, keyboard scrolling
 * for any box wider than the screen (with a note that it scrolls), and a copy-link anchor on headings.
 */

/** Code blocks get a copy button; one that scrolls sideways can be scrolled by keyboard. */
function enhanceCode(): void {
  for (const pre of document.querySelectorAll<HTMLPreElement>('pre:not(.mermaid)')) {
    if (pre.parentElement?.classList.contains('code-block')) continue;
    const wrap = document.createElement('div');
    wrap.className = 'code-block';
    pre.replaceWith(wrap);
    wrap.append(pre);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-button';
    button.textContent = 'Copy';
    button.setAttribute('aria-label', 'Copy this code');
    button.addEventListener('click', () => {
      const text = pre.innerText.replace(/\n$/, '');
      const done = (label: string) => {
        button.textContent = label;
        setTimeout(() => (button.textContent = 'Copy'), 1500);
      };
      navigator.clipboard?.writeText(text).then(() => done('Copied'), () => done('Press Ctrl+C'));
    });
    wrap.append(button);
  }
}

/** A box that scrolls sideways is focusable (arrow keys scroll it), is named, and says that it scrolls. */
function markScrollers(): void {
  const boxes = document.querySelectorAll<HTMLElement>('.table-wrap, .code-block > pre');
  for (const box of boxes) {
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    box.toggleAttribute('data-scrolls', scrolls);
    if (!scrolls) continue;
    if (!box.hasAttribute('tabindex')) box.tabIndex = 0;
    if (box.classList.contains('table-wrap') && !box.hasAttribute('role')) {
      box.setAttribute('role', 'region');
      const heading = box.closest('section')?.querySelector('h2, h3');
      const caption = heading ? headingText(heading) : '';
      box.setAttribute('aria-label', `${caption ? `${caption}, ` : ''}table, scrolls sideways`);
      if (!box.nextElementSibling?.classList.contains('scroll-note')) {
        const note = document.createElement('p');
        note.className = 'scroll-note';
        note.setAttribute('aria-hidden', 'true');
        note.textContent = 'Scroll sideways for more columns →';
        box.after(note);
      }
    }
  }
}

/** A heading's own words, without its anchor link or count. */
function headingText(heading: Element): string {
  const copy = heading.cloneNode(true) as Element;
  copy.querySelectorAll('.anchor, .count, .count-muted').forEach((el) => el.remove());
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Headings with an id get a "#" link to themselves, to copy and share. */
function headingAnchors(): void {
  for (const heading of document.querySelectorAll<HTMLElement>('main h2[id], main h3[id]')) {
    // The contents row's own title is not a section to link to.
    if (heading.querySelector('.anchor') || heading.closest('.toc, nav')) continue;
    const link = document.createElement('a');
    link.className = 'anchor';
    link.href = `#${encodeURIComponent(heading.id)}`;
    link.setAttribute('aria-label', `Link to ${headingText(heading) || 'this section'}`);
    // The "#" is drawn by CSS, so it is not part of the heading's text when copied or read.
    link.textContent = '';
    heading.append(' ', link);
  }
}

/** The Rollback section held together, so print keeps it on one page (theme/print.css). */
function holdRollback(): void {
  const heading = document.querySelector('.prose > h2#rollback');
  if (!heading) return;
  const part = document.createElement('div');
  part.className = 'prose-keep';
  heading.before(part);
  let next: Element | null = heading;
  while (next && (next === heading || next.tagName !== 'H2')) {
    const following: Element | null = next.nextElementSibling;
    part.append(next);
    next = following;
  }
}

/** Printing opens every folded group (paper cannot unfold), and folds them back after. */
function printOpensDetails(): void {
  addEventListener('beforeprint', () =>
    document.querySelectorAll<HTMLDetailsElement>('details:not([open])').forEach((details) => {
      details.open = true;
      details.dataset.printOpened = '';
    }),
  );
  addEventListener('afterprint', () =>
    document.querySelectorAll<HTMLDetailsElement>('details[data-print-opened]').forEach((details) => {
      details.open = false;
      delete details.dataset.printOpened;
    }),
  );
}

/** The contents mark the section being read (on a wide screen they stay in view beside it). */
function markCurrentSection(): void {
  const links = [...document.querySelectorAll<HTMLAnchorElement>('.toc a[href^="#"]')];
  const targets = links.map((link) => document.getElementById(decodeURIComponent(link.hash.slice(1))));
  if (!links.length) return;
  let frame = 0;
  const update = () => {
    frame = 0;
    // A section is being read once its top passes under the top bar (the page's scroll padding).
    const line = (parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0) + 8;
    const atEnd = innerHeight + scrollY >= document.documentElement.scrollHeight - 2;
    let current = -1;
    targets.forEach((target, i) => {
      if (target && (target.getBoundingClientRect().top <= line || (atEnd && target.getBoundingClientRect().top < innerHeight))) current = i;
    });
    links.forEach((link, i) => (i === current ? link.setAttribute('aria-current', 'location') : link.removeAttribute('aria-current')));
  };
  const later = () => void (frame ||= requestAnimationFrame(update));
  addEventListener('scroll', later, { passive: true });
  addEventListener('resize', later);
  update();
}

export function initEnhance(): void {
  printOpensDetails();
  holdRollback();
  enhanceCode();
  headingAnchors();
  markScrollers();
  markCurrentSection();
  let frame = 0;
  addEventListener('resize', () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(markScrollers);
  });
}
