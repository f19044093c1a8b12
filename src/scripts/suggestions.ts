import { enhanceConfirmations, sendEvents } from './deflection';

interface Suggestion {
  type: 'question' | 'article';
  id: number;
  title: string;
  url: string;
  solved: boolean;
}

// The start of a draft's body is enough to rank by, and keeps the request URL short.
const BODY_CHARS = 1000;
/** How long a list must stay on screen to count as shown (not every keystroke's list). */
const SHOWN_AFTER_MS = 1500;

/**
 * As the member types a title (and a body), lists similar solved threads and articles (progressive enhancement),
 * each with "this solved my problem". On the ask and contact forms it records what was shown, and a form left with a
 * draft.
 */
export function attachSuggestions(panel: HTMLElement): void {
  const input = document.getElementById(panel.dataset.suggestFor ?? '') as HTMLInputElement | null;
  const bodyInput = document.getElementById(panel.dataset.suggestBody ?? '') as HTMLTextAreaElement | null;
  const list = panel.querySelector('ul');
  if (!input || !list) return;
  enhanceConfirmations();
  const d = panel.dataset;
  const locale = d.locale ?? 'es';
  const draft = (params: URLSearchParams) => {
    const body = bodyInput?.value.trim().slice(0, BODY_CHARS);
    if (body) params.set('body', body);
    return params;
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let shownTimer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;
  let lastQuery = `${input.value.trim()}\n${bodyInput?.value.trim().slice(0, BODY_CHARS) ?? ''}`;
  let retries = 0;

  const item = (s: Suggestion, rank: number, q: string) => {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = `/${locale}/suggestions/open?${new URLSearchParams({ surface: d.surface ?? '', type: s.type, id: String(s.id), rank: String(rank), query: q })}`;
    a.target = '_blank';
    a.rel = 'noopener';
    a.textContent = s.title;
    const hint = document.createElement('span');
    hint.className = 'visually-hidden';
    hint.textContent = ` ${d.opensLabel ?? ''}`;
    a.append(hint);
    li.append(a);
    if (s.solved && s.type === 'question') {
      const badge = document.createElement('span');
      badge.className = 'badge solved';
      badge.textContent = d.solvedLabel ?? '✓';
      li.append(' ', badge);
    }
    const confirm = document.createElement('button');
    Object.assign(confirm, { type: 'submit', className: 'confirm', name: 'confirm', value: `${d.surface}|${s.type}|${s.id}|${rank}`, formAction: d.confirmAction ?? '', formMethod: 'post', formNoValidate: true, textContent: d.confirmLabel ?? '' });
    confirm.dataset.title = s.title;
    confirm.dataset.url = s.url;
    confirm.setAttribute('aria-label', `${d.confirmLabel}: ${s.title}`);
    li.append(' ', confirm);
    return li;
  };

  const render = (items: Suggestion[], q: string) => {
    clearTimeout(shownTimer);
    list.replaceChildren(...items.map((s, i) => item(s, i + 1, q)));
    panel.hidden = items.length === 0;
    if (items.length && d.surface) {
      shownTimer = setTimeout(() => void sendEvents([{ type: 'suggestion_shown', surface: d.surface, locale, query: q, items: items.map((s, i) => ({ type: s.type, id: s.id, rank: i + 1 })) }]), SHOWN_AFTER_MS);
    }
  };

  const lookup = async () => {
    const q = input.value.trim();
    const typed = `${q}\n${bodyInput?.value.trim().slice(0, BODY_CHARS) ?? ''}`;
    if (typed === lastQuery) return;
    lastQuery = typed;
    if (q.length < 3) return render([], q);
    controller?.abort();
    controller = new AbortController();
    try {
      const params = draft(new URLSearchParams({ q, locale }));
      if (d.context) params.set('context', d.context);
      if (d.surface) params.set('surface', d.surface);
      const response = await fetch(`/api/v1/suggest?${params}`, { signal: controller.signal, headers: { accept: 'application/json' } });
      if (!response.ok) {
        // Busy (503): ask again for the same words once, a moment later.
        lastQuery = '';
        if (response.status === 503 && retries++ < 1) timer = setTimeout(lookup, 1000);
        return;
      }
      retries = 0;
      const body = (await response.json()) as { suggestions: Suggestion[] };
      render(body.suggestions, q);
    } catch {
      // aborted by a newer keystroke, or offline: keep the previous suggestions
    }
  };

  const typing = () => {
    retries = 0;
    clearTimeout(timer);
    timer = setTimeout(lookup, 200);
  };
  input.addEventListener('input', typing);
  bodyInput?.addEventListener('input', typing);

  // On a deflection form the suggestions count as one search per typing session: tell the server when the session
  // ends (the field lost focus or the form is being sent), so a visitor without an id is recorded once, at the end.
  let sentFinal = '';
  const finish = () => {
    const q = input.value.trim();
    if (!d.context || q.length < 3 || q === sentFinal) return;
    sentFinal = q;
    const params = draft(new URLSearchParams({ q, locale, context: d.context, final: '1' }));
    if (d.surface) params.set('surface', d.surface);
    void fetch(`/api/v1/suggest?${params}`, { keepalive: true, headers: { accept: 'application/json' } }).catch(() => {});
  };
  input.addEventListener('change', finish);

  // A draft left behind (the page closed or left without sending, nothing confirmed) is a form abandoned.
  let ended = false;
  input.form?.addEventListener('submit', () => {
    finish();
    ended = true;
  });
  panel.addEventListener('deflection:confirmed', () => (ended = true));
  addEventListener('pagehide', () => {
    const q = input.value.trim();
    if (ended || !d.surface || q.length < 3) return;
    ended = true;
    void sendEvents([{ type: 'form_abandoned', surface: d.surface, locale, query: q }], true);
  });
}
