interface Suggestion {
  type: 'question' | 'article';
  title: string;
  url: string;
  solved: boolean;
}

// The start of a draft's body is enough to rank by, and keeps the request URL short.
const BODY_CHARS = 1000;

/** As the member types a title (and a body), lists similar solved threads and articles (progressive enhancement). */
export function attachSuggestions(panel: HTMLElement): void {
  const input = document.getElementById(panel.dataset.suggestFor ?? '') as HTMLInputElement | null;
  const bodyInput = document.getElementById(panel.dataset.suggestBody ?? '') as HTMLTextAreaElement | null;
  const list = panel.querySelector('ul');
  if (!input || !list) return;
  const draft = (params: URLSearchParams) => {
    const body = bodyInput?.value.trim().slice(0, BODY_CHARS);
    if (body) params.set('body', body);
    return params;
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;
  let lastQuery = '';

  const render = (items: Suggestion[]) => {
    list.replaceChildren(
      ...items.map((item) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = item.url;
        a.target = '_blank';
        a.rel = 'noopener';
        a.textContent = item.title;
        li.append(a);
        if (item.solved && item.type === 'question') {
          const badge = document.createElement('span');
          badge.className = 'badge solved';
          badge.textContent = '✓';
          li.append(' ', badge);
        }
        return li;
      }),
    );
    panel.hidden = items.length === 0;
  };

  const lookup = async () => {
    const q = input.value.trim();
    const typed = `${q}\n${bodyInput?.value.trim().slice(0, BODY_CHARS) ?? ''}`;
    if (typed === lastQuery) return;
    lastQuery = typed;
    if (q.length < 3) return render([]);
    controller?.abort();
    controller = new AbortController();
    try {
      const params = draft(new URLSearchParams({ q, locale: panel.dataset.locale ?? 'es', limit: '6' }));
      if (panel.dataset.context) params.set('context', panel.dataset.context);
      if (panel.dataset.surface) params.set('surface', panel.dataset.surface);
      const response = await fetch(`/api/v1/suggest?${params}`, { signal: controller.signal, headers: { accept: 'application/json' } });
      if (!response.ok) return;
      const body = (await response.json()) as { suggestions: Suggestion[] };
      render(body.suggestions);
    } catch {
      // aborted by a newer keystroke, or offline: keep the previous suggestions
    }
  };

  const typing = () => {
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
    if (!panel.dataset.context || q.length < 3 || q === sentFinal) return;
    sentFinal = q;
    const params = draft(new URLSearchParams({ q, locale: panel.dataset.locale ?? 'es', limit: '6', context: panel.dataset.context, final: '1' }));
    if (panel.dataset.surface) params.set('surface', panel.dataset.surface);
    void fetch(`/api/v1/suggest?${params}`, { keepalive: true, headers: { accept: 'application/json' } }).catch(() => {});
  };
  input.addEventListener('change', finish);
  input.form?.addEventListener('submit', finish);
}
