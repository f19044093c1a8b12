/** Deflection events from our own pages: same origin, so the visitor cookie says who it is. */

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[b & 63]).join('');
}

/** Sends events to /api/v1/events; resolves whether the server took them. */
export async function sendEvents(events: Record<string, unknown>[], keepalive = false): Promise<boolean> {
  const now = Date.now();
  try {
    const response = await fetch('/api/v1/events', {
      method: 'POST',
      keepalive,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ sentAt: now, events: events.map((e) => ({ id: randomId(), at: now, ...e })) }),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/** The words a list of suggestions answers: a live panel's field, or the query the page rendered them for. */
function draftOf(list: HTMLElement): string {
  const input = list.dataset.suggestFor ? (document.getElementById(list.dataset.suggestFor) as HTMLInputElement | null) : null;
  return (input?.value ?? list.dataset.query ?? '').trim().slice(0, 500);
}

/**
 * "This solved my problem" without a page load: the confirmation goes to the events API and the list (or the whole
 * form it belongs to, which ends that flow) gives way to a thank-you with a link back. When the API cannot be
 * reached, the button does what it does without JavaScript: it posts to the thank-you page.
 */
export function enhanceConfirmations(): void {
  const doc = document as Document & { deflectionEnhanced?: boolean };
  if (doc.deflectionEnhanced) return;
  doc.deflectionEnhanced = true;
  document.addEventListener('click', async (event) => {
    const button = (event.target as Element | null)?.closest?.<HTMLButtonElement>('button.confirm[name="confirm"]');
    const list = button?.closest<HTMLElement>('[data-deflection-list]');
    if (!button || !list || button.dataset.fallback) return;
    event.preventDefault();
    button.disabled = true;
    const [surface, type, id, rank] = button.value.split('|');
    const query = draftOf(list);
    const ok = await sendEvents([{ type: 'confirmed', surface, subject: { type, id: Number(id) }, rank: Number(rank), locale: list.dataset.locale, ...(query ? { query } : {}) }]);
    button.disabled = false;
    if (!ok) {
      button.dataset.fallback = '1';
      button.form?.requestSubmit(button);
      return;
    }
    list.dispatchEvent(new CustomEvent('deflection:confirmed', { bubbles: true }));
    showThanks(list, button);
  });
}

function showThanks(list: HTMLElement, button: HTMLButtonElement): void {
  const d = list.dataset;
  // On the ask or contact form the flow ends here: the form is put away (kept, in case the visitor still needs it).
  const form = list.closest('form');
  const replaced: HTMLElement = form ?? list;
  const box = document.createElement('div');
  box.className = 'alert ok deflection-thanks';
  box.setAttribute('role', 'status');
  box.tabIndex = -1;
  const title = document.createElement('p');
  const strong = document.createElement('strong');
  strong.textContent = d.thanks ?? '';
  title.append(strong);
  const body = document.createElement('p');
  body.textContent = d.thanksBody ?? '';
  const links = document.createElement('p');
  const item = document.createElement('a');
  item.href = button.dataset.url ?? '#';
  item.textContent = button.dataset.title ?? '';
  links.append(item);
  if (form) {
    const still = document.createElement('button');
    still.type = 'button';
    still.className = 'link';
    still.textContent = d.stillLabel ?? '';
    still.addEventListener('click', () => {
      form.hidden = false;
      box.remove();
    });
    links.append(' · ', still);
  } else if (d.back) {
    const back = document.createElement('a');
    back.href = d.back;
    back.textContent = d.backLabel ?? '';
    links.append(' · ', back);
  }
  box.append(title, body, links);
  replaced.before(box);
  replaced.hidden = true;
  box.focus();
}
