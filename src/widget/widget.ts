/**
 * The embeddable help widget: `<script src="https://SITE/widget.js" data-locale="es" data-context="billing" async>`
 * (optionally `data-category="billing"`: the category its events are credited to).
 * Everything lives in a Shadow DOM (no styles leak in or out), is built with DOM calls (no innerHTML, so a host
 * page enforcing Trusted Types is fine), styled through a constructed stylesheet (not subject to the host's
 * `style-src`), and talks only to /api/v1/suggest and /api/v1/events on the site that served this script.
 */
import { STRINGS } from './strings';
import { CSS } from './styles';

interface Suggestion {
  type: 'article' | 'question';
  id: number;
  title: string;
  url: string;
  solved: boolean;
}
interface SuggestResponse {
  suggestions: Suggestion[];
  widget?: { enabled: boolean; incidents: { id: number; title: string; severity: 'critical' | 'major' | 'minor' }[] };
}
type Attrs = Record<string, string | boolean | ((e: Event) => void)>;

const MARK = Symbol.for('resuelve.widget');
const win = window as unknown as Record<symbol, boolean>;
const script = (document.currentScript ?? document.querySelector('script[src*="/widget.js"]')) as HTMLScriptElement | null;

if (script && !win[MARK]) {
  win[MARK] = true;
  start(script);
}

function start(script: HTMLScriptElement): void {
  const base = new URL(script.src, location.href).origin;
  const lang = (script.dataset.locale || document.documentElement.lang || 'es').slice(0, 2).toLowerCase();
  const locale: 'es' | 'en' = lang === 'en' ? 'en' : 'es';
  const t = STRINGS[locale];
  const slug = (value: string | undefined) => (/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value ?? '') ? value!.slice(0, 64) : '');
  // What the page is about (suggestions, incidents, the contact form's category) is not what a deflection is credited
  // to: an event carries the host's category only when it names one with data-category, else the server credits the
  // article or thread the customer saw, opened or confirmed.
  const context = slug(script.dataset.context);
  const category = slug(script.dataset.category);
  const visitorId = visitor();

  function h(tag: string, attrs: Attrs = {}, ...children: (Node | string | null)[]): HTMLElement {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (typeof v === 'function') el.addEventListener(k, v);
      else if (v === true) el.setAttribute(k, '');
      else if (v !== false) el.setAttribute(k, v);
    }
    el.append(...children.filter((c): c is Node | string => c !== null));
    return el;
  }

  // ---- events: batched, sent after a pause, at once for a confirmation, and when the page is left
  const queue: Record<string, unknown>[] = [];
  let sendTimer: ReturnType<typeof setTimeout> | undefined;
  function track(event: Record<string, unknown>, now = false): void {
    queue.push({ id: randomId(16), at: Date.now(), surface: 'widget', locale, ...(category ? { category } : {}), ...event });
    clearTimeout(sendTimer);
    if (now) send(false);
    else sendTimer = setTimeout(() => send(false), 2000);
  }
  function send(keepalive: boolean): void {
    while (queue.length) {
      const events = queue.splice(0, 50);
      fetch(`${base}/api/v1/events`, {
        method: 'POST',
        mode: 'cors',
        credentials: 'omit',
        keepalive,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sentAt: Date.now(), visitorId, events }),
      }).catch(() => {});
    }
  }
  addEventListener('pagehide', () => send(true));
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && send(true));

  // ---- the shadow tree
  const host = h('div', { 'data-resuelve-widget': '' });
  // The host page's own rules reach this element (not its shadow tree): inline !important wins over them. CSSOM
  // calls are not `style` attributes, so a CSP without 'unsafe-inline' allows them.
  for (const [k, v] of [['display', 'block'], ['position', 'static'], ['transform', 'none'], ['filter', 'none'], ['contain', 'none'], ['direction', 'ltr']]) host.style.setProperty(k!, v!, 'important');
  const root = host.attachShadow({ mode: 'open' });
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } catch {
    root.append(h('style', {}, CSS));
  }

  const launcher = h('button', { type: 'button', class: 'launcher', 'aria-label': t.launcherLabel, 'aria-haspopup': 'dialog', 'aria-expanded': 'false', 'aria-controls': 'rw-panel', click: () => open() }, h('span', { class: 'icon', 'aria-hidden': 'true' }, '?'), t.launcher);
  const close = h('button', { type: 'button', class: 'close', 'aria-label': t.close, click: () => hide() }, '×');
  const incidentList = h('ul');
  const incidents = h('section', { class: 'incidents', 'aria-label': t.incidents, hidden: true }, h('h3', {}, t.incidents), incidentList);
  const input = h('input', { id: 'rw-q', type: 'search', dir: 'auto', maxlength: '200', autocomplete: 'off', input: () => onType() }) as HTMLInputElement;
  const search = h('form', { role: 'search', class: 'search', submit: (e) => (e.preventDefault(), lookup(true)) }, h('label', { for: 'rw-q' }, t.searchLabel), h('div', { class: 'row' }, input, h('button', { type: 'submit' }, t.searchButton)));
  const status = h('p', { class: 'status', role: 'status' });
  const listTitle = h('h3', { id: 'rw-list-title' }, t.forPage);
  const list = h('ul', { class: 'results', 'aria-labelledby': 'rw-list-title' });
  const results = h('div', {}, status, listTitle, list);
  const thanksTitle = h('h3', { tabindex: '-1' }, t.thanksTitle);
  const thanks = h('div', { class: 'thanks', hidden: true }, thanksTitle, h('p', {}, t.thanksBody), h('button', { type: 'button', class: 'secondary', click: () => showResults() }, t.back));
  const askLink = h('a', { target: '_blank', rel: 'noopener' }, t.ask) as HTMLAnchorElement;
  const contactLink = h('a', { target: '_blank', rel: 'noopener' }, t.contact) as HTMLAnchorElement;
  const panel = h(
    'div',
    { id: 'rw-panel', class: 'panel', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'rw-title', hidden: true, keydown: (e) => onKey(e as KeyboardEvent) },
    h('div', { class: 'head' }, h('h2', { id: 'rw-title' }, t.title), close),
    incidents,
    search,
    results,
    thanks,
    h('p', { class: 'links' }, askLink, contactLink),
  );
  root.append(launcher, panel);
  updateLinks();

  // ---- state
  let pageItems: Suggestion[] | null = null;
  let shown: Suggestion[] = [];
  let shownQuery = '';
  let unsentShown: ReturnType<typeof setTimeout> | undefined;
  let typeTimer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;
  let lastQuery = '';

  let disabled = false;
  let loading: Promise<void> | null = null;

  // Moving the host (a framework re-rendering the body) drops the focus inside it: put it back, on the launcher too.
  // Focus that the visitor moved out of the widget is not taken back. Chrome fires focusout while removing the host,
  // before the re-attach: only whether the focus is inside once that settled tells the two apart.
  let lastFocus: HTMLElement | null = null;
  root.addEventListener('focusin', (e) => (lastFocus = e.target as HTMLElement));
  root.addEventListener('focusout', () => setTimeout(() => !root.activeElement && host.isConnected && (lastFocus = null)));
  function attach(): void {
    if (host.isConnected || disabled) return;
    document.body.append(host);
    const active = document.activeElement;
    if (lastFocus && (!panel.hidden || !active || active === document.body)) lastFocus.focus();
  }
  // A host framework that re-renders the whole body does not make the widget disappear.
  const mount = () => {
    attach();
    new MutationObserver(attach).observe(document.body, { childList: true });
    // The launcher shows once the site said the widget is on, or could not say so within 3 s (the links still help).
    launcher.hidden = true;
    const reveal = () => (launcher.hidden = false);
    setTimeout(reveal, 3000);
    void loadPage().then(reveal);
  };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);

  function loadPage(): Promise<void> {
    loading ??= (async () => {
      try {
        const body = await suggest(pageQuery(), 'page');
        if (body.widget && !body.widget.enabled) {
          disabled = true;
          host.remove();
          return;
        }
        pageItems = body.suggestions;
        renderIncidents(body.widget?.incidents ?? []);
      } catch {
        pageItems = null;
      }
      loading = null;
      if (!panel.hidden && !input.value.trim()) render(pageItems, '', t.forPage);
    })();
    return loading;
  }

  async function suggest(q: string, source: 'page' | 'typed'): Promise<SuggestResponse> {
    controller?.abort();
    const ctrl = (controller = new AbortController());
    const timer = setTimeout(() => ctrl.abort(), 8000);
    try {
      const params = new URLSearchParams({ q, locale, surface: 'widget', source });
      if (context) params.set('context', context);
      if (source === 'typed') params.set('visitorId', visitorId);
      const response = await fetch(`${base}/api/v1/suggest?${params}`, { mode: 'cors', credentials: 'omit', signal: ctrl.signal, headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(String(response.status));
      return (await response.json()) as SuggestResponse;
    } finally {
      clearTimeout(timer);
    }
  }

  function onType(): void {
    updateLinks();
    clearTimeout(typeTimer);
    typeTimer = setTimeout(() => lookup(false), 300);
  }

  async function lookup(submitted: boolean): Promise<void> {
    const q = input.value.trim();
    if (q === lastQuery && !submitted) return;
    lastQuery = q;
    if (q.length < 3) {
      render(pageItems, '', t.forPage);
      return;
    }
    status.textContent = t.loading;
    try {
      const body = await suggest(q, 'typed');
      render(body.suggestions, q, t.results);
    } catch (e) {
      if ((e as Error).name !== 'AbortError' || input.value.trim() === q) render(null, q, t.results);
    }
  }

  function render(items: Suggestion[] | null, query: string, heading: string): void {
    flushShown();
    listTitle.textContent = heading;
    list.replaceChildren(...(items ?? []).map((item, i) => row(item, i + 1, query)));
    status.textContent = items === null ? t.down : items.length === 0 ? t.none : items.length === 1 ? t.countOne : t.count.replace('{n}', String(items.length));
    shown = items ?? [];
    shownQuery = query;
    // A list counts as shown once it stayed on screen a moment (not every keystroke's list).
    if (shown.length && !panel.hidden) unsentShown = setTimeout(flushShown, 1500);
  }

  function flushShown(): void {
    if (unsentShown === undefined) return;
    clearTimeout(unsentShown);
    unsentShown = undefined;
    track({ type: 'suggestion_shown', query: shownQuery || undefined, items: shown.map((s, i) => ({ type: s.type, id: s.id, rank: i + 1 })) });
  }

  function row(item: Suggestion, rank: number, query: string): HTMLElement {
    const subject = { type: item.type, id: item.id };
    const q = query || undefined;
    return h(
      'li',
      {},
      h('a', { href: new URL(item.url, base).href, target: '_blank', rel: 'noopener', dir: 'auto', click: () => (flushShown(), track({ type: 'suggestion_opened', subject, rank, query: q }, true)) }, item.title, h('span', { class: 'sr' }, ` ${t.opensNew}`)),
      item.solved && item.type === 'question' ? h('span', { class: 'badge' }, t.solved) : null,
      h(
        'button',
        {
          type: 'button',
          class: 'confirm',
          'aria-label': `${t.confirm}: ${item.title}`,
          click: () => {
            flushShown();
            track({ type: 'confirmed', subject, rank, query: q }, true);
            results.hidden = true;
            search.hidden = true;
            thanks.hidden = false;
            thanksTitle.focus();
          },
        },
        t.confirm,
      ),
    );
  }

  function showResults(): void {
    thanks.hidden = true;
    results.hidden = false;
    search.hidden = false;
    input.focus();
  }

  function renderIncidents(items: NonNullable<SuggestResponse['widget']>['incidents']): void {
    incidentList.replaceChildren(
      ...items.map((i) => h('li', {}, h('strong', {}, `${t.severity[i.severity]}: `), h('a', { href: `${base}/${locale}/status`, target: '_blank', rel: 'noopener', dir: 'auto' }, i.title))),
    );
    incidents.hidden = items.length === 0;
    launcher.classList.toggle('alert', items.length > 0);
  }

  function updateLinks(): void {
    const draft = input.value.trim().slice(0, 150);
    const ask = new URLSearchParams(draft ? { title: draft } : {});
    const contact = new URLSearchParams({ ...(draft ? { subject: draft } : {}), via: 'widget', ...(context ? { category: context } : {}) });
    askLink.href = `${base}/${locale}/questions/ask${ask.size ? `?${ask}` : ''}`;
    contactLink.href = `${base}/${locale}/contact?${contact}`;
  }

  function open(): void {
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    if (!input.value.trim()) {
      // The page's suggestions failed before (a busy or unreachable site): try again now.
      if (pageItems === null && !loading) {
        status.textContent = t.loading;
        void loadPage();
      } else render(pageItems, '', t.forPage);
    }
    // Opened again after "this solved my problem": the thank-you is still what the panel shows.
    (thanks.hidden ? input : thanksTitle).focus();
  }

  function hide(): void {
    flushShown();
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }

  /** Escape closes; Tab and Shift+Tab stay inside the panel while it is open. */
  function onKey(e: KeyboardEvent): void {
    if (e.key === 'Escape') {
      e.preventDefault();
      hide();
      return;
    }
    if (e.key !== 'Tab') return;
    const focusable = [...panel.querySelectorAll<HTMLElement>('a[href], button, input')].filter((el) => !el.closest('[hidden]'));
    const first = focusable[0];
    const last = focusable.at(-1);
    const active = root.activeElement;
    if (e.shiftKey && (active === first || !panel.contains(active))) {
      e.preventDefault();
      last?.focus();
    } else if (!e.shiftKey && active === last) {
      e.preventDefault();
      first?.focus();
    }
  }

  /** What the host page is about: its context, title (without the site name) and path words. */
  function pageQuery(): string {
    const title = document.title.split(/\s[|–—·-]\s/)[0] ?? '';
    const path = location.pathname
      .split(/[/_.-]+/)
      .filter((w) => /^\p{L}{3,}$/u.test(w) && !/^(html?|php|aspx?|index|www)$/i.test(w))
      .slice(-4);
    return [context.replace(/-/g, ' '), title, ...path].join(' ').trim().slice(0, 200);
  }
}

/** A random id: kept in the host site's storage, or only in memory when the visitor opted out (GPC / Do Not Track). */
function visitor(): string {
  const nav = navigator as Navigator & { globalPrivacyControl?: boolean };
  if (nav.globalPrivacyControl === true || nav.doNotTrack === '1') return randomId(24);
  try {
    const saved = localStorage.getItem('resuelve.vid');
    if (saved && /^[A-Za-z0-9_-]{16,64}$/.test(saved)) return saved;
    const id = randomId(24);
    localStorage.setItem('resuelve.vid', id);
    return id;
  } catch {
    return randomId(24);
  }
}

function randomId(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return Array.from(bytes, (b) => alphabet[b & 63]).join('');
}
