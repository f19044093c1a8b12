/**
 * Keyboard shortcuts of the agent workspace (everything also works with Tab and Enter alone): on the queue list
 * j / k move between cases, x selects one; on a case r, n and s jump to the reply, the note and the status; g then q
 * goes back to the queue; ? opens the list of shortcuts.
 */
function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function attachShortcuts(root: HTMLElement): void {
  let pendingG = false;
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    const links = [...root.querySelectorAll<HTMLAnchorElement>('[data-case-link]')];
    const current = links.indexOf(document.activeElement as HTMLAnchorElement);
    const focus = (el: HTMLElement | null | undefined) => {
      if (!el) return;
      event.preventDefault();
      el.focus();
    };
    if (pendingG) {
      pendingG = false;
      if (event.key === 'q') {
        const queue = root.dataset.queueHref;
        if (queue) window.location.assign(queue);
      }
      return;
    }
    switch (event.key) {
      case 'j':
        focus(links[Math.min(links.length - 1, current + 1)]);
        break;
      case 'k':
        focus(links[Math.max(0, current - 1)]);
        break;
      case 'x': {
        const box = links[current]?.closest('tr')?.querySelector<HTMLInputElement>('input[type=checkbox]');
        if (box) {
          event.preventDefault();
          box.checked = !box.checked;
        }
        break;
      }
      case 'r':
        focus(root.querySelector<HTMLElement>('#f-reply-body'));
        break;
      case 'n':
        focus(root.querySelector<HTMLElement>('#f-note-body'));
        break;
      case 's':
        focus(root.querySelector<HTMLElement>('#f-status'));
        break;
      case 'g':
        pendingG = true;
        break;
      case '?': {
        const help = root.querySelector<HTMLDetailsElement>('details.shortcuts');
        if (help) {
          help.open = true;
          focus(help.querySelector('summary'));
        }
        break;
      }
    }
  });
}
