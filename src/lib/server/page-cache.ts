/**
 * The HTML cache in front of the render path: pages anonymous readers get (threads, KB articles, question lists, the
 * KB home, the home page, member profiles), answered before Astro's pipeline (src/web/cached-pages.ts). Every entry carries tags
 * naming what it shows; the outbox marks the pages of the tags a change touches (`tagsOfChange`) as changed, and a
 * changed page is rendered again by the next reader once it is `changeDelayMs` old — so a change reaches readers
 * within that delay (1 s), and a page changed many times a second (a hot thread's votes, the lists on every write)
 * is rendered at most once per delay. Entries also expire after `ttlMs` (view counts, "popular" lists); an expired or
 * changed page is served to other readers while one renders it again (for up to `staleMs`), so a spike on a page
 * costs one render. Memory is bounded by entries and bytes.
 */

/** A page the cache may hold, recognised from its URL alone. */
export interface CacheablePage {
  kind: 'thread' | 'article' | 'kb' | 'questions' | 'home' | 'member';
  locale: 'es' | 'en';
  /** Question id of a thread, article slug of an article. */
  subject: number | string | null;
  tags: string[];
}

/** Every question list and the home pages: they show titles, counts and scores of many threads. */
export const LISTS_TAG = 'lists';
/** Every KB page (and the home pages, which list articles): articles link each other, show incidents and sections. */
export const KB_TAG = 'kb';
export const questionTag = (questionId: number) => `question:${questionId}`;
/** A member's profile: it also lists their questions and answers with their scores, so it carries LISTS_TAG too. */
export const memberTag = (userId: number) => `member:${userId}`;

const THREAD = /^\/(es|en)\/questions\/(\d{1,15})\/[a-z0-9-]{1,80}$/;
const ARTICLE = /^\/(es|en)\/kb\/([a-z0-9-]{1,120})$/;
const KB_CATEGORY = /^\/(es|en)\/kb\/categories\/[a-z0-9-]{1,64}$/;
const KB_HOME = /^\/(es|en)\/kb\/?$/;
const QUESTIONS = /^\/(es|en)\/questions\/?$/;
const HOME = /^\/(es|en)\/?$/;
const MEMBER = /^\/(es|en)\/members\/(\d{1,15})$/;
/** Query parameters of the question lists; any other (or a repeated one) makes the URL uncacheable. */
const LIST_PARAMS = new Set(['filter', 'category', 'tag', 'cursor', 'author']);

/**
 * Pure: which cacheable page a request path and query string name, or null. Only canonical shapes qualify (made-up
 * query strings would let anyone fill the cache with copies of one page).
 */
export function cacheablePage(pathname: string, query: string): CacheablePage | null {
  let m: RegExpExecArray | null;
  if (!query) {
    if ((m = THREAD.exec(pathname))) {
      const id = Number(m[2]);
      return { kind: 'thread', locale: m[1] as 'es' | 'en', subject: id, tags: [questionTag(id)] };
    }
    if ((m = HOME.exec(pathname))) return { kind: 'home', locale: m[1] as 'es' | 'en', subject: null, tags: [LISTS_TAG, KB_TAG] };
    if ((m = KB_HOME.exec(pathname) ?? KB_CATEGORY.exec(pathname))) return { kind: 'kb', locale: m[1] as 'es' | 'en', subject: null, tags: [KB_TAG] };
    if ((m = ARTICLE.exec(pathname))) return { kind: 'article', locale: m[1] as 'es' | 'en', subject: m[2]!, tags: [KB_TAG] };
    if ((m = MEMBER.exec(pathname))) {
      const id = Number(m[2]);
      return { kind: 'member', locale: m[1] as 'es' | 'en', subject: id, tags: [memberTag(id), LISTS_TAG] };
    }
  }
  if ((m = QUESTIONS.exec(pathname))) {
    if (query) {
      const seen = new Set<string>();
      for (const name of new URLSearchParams(query).keys()) {
        if (!LIST_PARAMS.has(name) || seen.has(name)) return null;
        seen.add(name);
      }
    }
    return { kind: 'questions', locale: m[1] as 'es' | 'en', subject: null, tags: [LISTS_TAG] };
  }
  return null;
}

/** What an outbox message changes, as cache tags; `'*'` means every page. */
export function tagsOfChange(topic: string, payload: Record<string, unknown>): string[] {
  switch (topic) {
    case 'question.changed':
      return [questionTag(Number(payload.questionId)), LISTS_TAG];
    case 'article.changed':
    case 'incident.changed':
      return [KB_TAG];
    case 'tag.changed':
      return [LISTS_TAG];
    case 'category.changed':
      return ['*'];
    // Sent after every change of a member's points (votes, acceptances, answers, promotions): their profile.
    case 'reputation.badges':
      return [memberTag(Number(payload.userId))];
    default:
      return [];
  }
}

export interface CachedPage {
  status: number;
  /** Response headers as a flat [name, value, …] list, without the per-request ones (request id, date). */
  headers: string[];
  body: Buffer;
  etag: string;
  tags: string[];
  storedAt: number;
}

interface Entry extends CachedPage {
  key: string;
  bytes: number;
  /** Something it shows changed since its render began. */
  changed: boolean;
}

export interface PageCacheOptions {
  ttlMs: number;
  /** How much longer an expired or changed entry may be served while one request renders the page again. */
  staleMs?: number;
  /** How long a page may still be served after a change (from its render): bounds the renders of a busy page. */
  changeDelayMs?: number;
  maxEntries?: number;
  maxBytes?: number;
}

/** Per-entry bookkeeping (key, Map and Set slots, the object itself), counted against `maxBytes` with the body. */
const ENTRY_OVERHEAD_BYTES = 400;
/** Tags remembered for renders in progress before that memory is reset (see `set`). */
const MAX_REMEMBERED_TAGS = 10_000;

export class PageCache {
  readonly ttlMs: number;
  readonly staleMs: number;
  readonly changeDelayMs: number;
  readonly maxEntries: number;
  readonly maxBytes: number;
  /** Least recently used first (a Map iterates in insertion order and a hit re-inserts its entry). */
  private readonly entries = new Map<string, Entry>();
  private readonly byTag = new Map<string, Set<string>>();
  private totalBytes = 0;
  /** Invalidation counter: a page whose render began before one of its tags changed is stored as changed. */
  private seq = 0;
  private readonly changedAt = new Map<string, number>();
  private floorSeq = 0;

  constructor(options: PageCacheOptions) {
    this.ttlMs = options.ttlMs;
    this.staleMs = options.staleMs ?? 30_000;
    this.changeDelayMs = options.changeDelayMs ?? 1000;
    this.maxEntries = options.maxEntries ?? 2000;
    this.maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  }

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  /**
   * The entry under `key`: `fresh` to serve as it is; not fresh (expired, or changed and older than the change delay)
   * to serve only while another request renders the page again; null past `staleMs` or when absent.
   */
  get(key: string, now: number): { page: CachedPage; fresh: boolean } | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    const age = now - entry.storedAt;
    if (age >= this.ttlMs + this.staleMs) {
      this.delete(entry);
      return null;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return { page: entry, fresh: age < (entry.changed ? Math.min(this.changeDelayMs, this.ttlMs) : this.ttlMs) };
  }

  /** The page stored under `key`, fresh or not, without counting it as used. */
  peek(key: string): CachedPage | undefined {
    return this.entries.get(key);
  }

  /** Call before rendering a page to store: the page is stored as changed if its tags change meanwhile. */
  renderStarted(): number {
    return this.seq;
  }

  /** Stores a page rendered since `startedAt` (from `renderStarted`); false when off or the page is too big. */
  set(key: string, page: CachedPage, startedAt: number): boolean {
    if (!this.enabled) return false;
    const bytes = page.body.length + key.length * 2 + page.headers.reduce((n, h) => n + h.length, 0) + ENTRY_OVERHEAD_BYTES;
    if (bytes > this.maxBytes / 4) return false;
    const old = this.entries.get(key);
    if (old) this.delete(old);
    const changed = startedAt < this.floorSeq || page.tags.some((t) => (this.changedAt.get(t) ?? -1) > startedAt);
    const entry: Entry = { ...page, key, bytes, changed };
    this.entries.set(key, entry);
    this.totalBytes += bytes;
    for (const tag of page.tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    while (this.entries.size > this.maxEntries || this.totalBytes > this.maxBytes) {
      const oldest = this.entries.values().next().value;
      if (!oldest) break;
      this.delete(oldest);
    }
    return true;
  }

  /** Marks every page carrying one of `tags` (`'*'`: every page) as changed. Returns how many. */
  invalidate(tags: string[]): number {
    if (tags.length === 0) return 0;
    this.seq++;
    if (tags.includes('*')) {
      this.changedAt.clear();
      this.floorSeq = this.seq;
      for (const entry of this.entries.values()) entry.changed = true;
      return this.entries.size;
    }
    if (this.changedAt.size + tags.length > MAX_REMEMBERED_TAGS) {
      // Forget the per-tag times: every render begun before now is stored as changed instead.
      this.changedAt.clear();
      this.floorSeq = this.seq;
    }
    let n = 0;
    for (const tag of tags) {
      this.changedAt.set(tag, this.seq);
      for (const key of this.byTag.get(tag) ?? []) {
        const entry = this.entries.get(key);
        if (entry && !entry.changed) {
          entry.changed = true;
          n++;
        }
      }
    }
    return n;
  }

  /** Drops entries past their stale window, so memory follows traffic down as well as up. */
  sweep(now: number): number {
    let n = 0;
    for (const entry of this.entries.values()) {
      if (now - entry.storedAt >= this.ttlMs + this.staleMs) {
        this.delete(entry);
        n++;
      }
    }
    return n;
  }

  private delete(entry: Entry): void {
    if (this.entries.get(entry.key) !== entry) return;
    this.entries.delete(entry.key);
    this.totalBytes -= entry.bytes;
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(entry.key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
  }
}
