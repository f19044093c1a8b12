import { describe, expect, it } from 'vitest';
import { cacheablePage, PageCache, tagsOfChange, type CachedPage } from '../../../src/lib/server/page-cache';

const page = (body: string | number, storedAt: number, tags = ['question:1']): CachedPage => ({
  status: 200,
  headers: ['content-type', 'text/html'],
  body: typeof body === 'number' ? Buffer.alloc(body) : Buffer.from(body),
  etag: '"e"',
  tags,
  storedAt,
});

describe('PageCache', () => {
  it('serves a page fresh within its time to live, stale for staleMs more, then forgets it', () => {
    const cache = new PageCache({ ttlMs: 10_000, staleMs: 5000 });
    cache.set('a', page('v1', 1000), cache.renderStarted());
    expect(cache.get('a', 10_999)).toMatchObject({ fresh: true, page: { body: Buffer.from('v1') } });
    expect(cache.get('a', 11_000)).toMatchObject({ fresh: false });
    expect(cache.get('a', 15_999)?.fresh).toBe(false);
    expect(cache.get('a', 16_000)).toBeNull();
    expect(cache.size).toBe(0);
  });

  it('marks the pages carrying a changed tag and only those; "*" marks every page', () => {
    const cache = new PageCache({ ttlMs: 10_000, changeDelayMs: 1000 });
    for (const [key, tags] of [['es', ['question:1']], ['en', ['question:1']], ['other', ['question:2']], ['home', ['lists', 'kb']]] as const) cache.set(key, page(key, 0, [...tags]), 0);
    const fresh = (now: number) => ['es', 'en', 'other', 'home'].filter((k) => cache.get(k, now)?.fresh);
    expect(cache.invalidate(['question:1'])).toBe(2);
    expect(cache.invalidate(['question:1'])).toBe(0);
    // A changed page is served for the change delay (from its render), then rendered again by the next reader.
    expect(fresh(999)).toEqual(['es', 'en', 'other', 'home']);
    expect(fresh(1000)).toEqual(['other', 'home']);
    expect(cache.get('es', 1000)).toMatchObject({ fresh: false, page: { body: Buffer.from('es') } });
    expect(cache.invalidate(['kb'])).toBe(1);
    expect(fresh(1000)).toEqual(['other']);
    expect(cache.invalidate(['*'])).toBe(4);
    expect(fresh(1000)).toEqual([]);
    // The new render of a page is fresh again.
    cache.set('es', page('es v2', 1000, ['question:1']), cache.renderStarted());
    expect(fresh(1500)).toEqual(['es']);
  });

  it('stores a page whose tags changed while it was rendered as changed: it may show the old state', () => {
    const cache = new PageCache({ ttlMs: 10_000, changeDelayMs: 1000 });
    const started = cache.renderStarted();
    cache.invalidate(['question:1']);
    cache.set('a', page('old', 0, ['question:1']), started);
    cache.set('b', page('fine', 0, ['question:2']), started);
    cache.set('c', page('new', 0, ['question:1']), cache.renderStarted());
    expect(['a', 'b', 'c'].map((k) => cache.get(k, 1000)?.fresh)).toEqual([false, true, true]);
    const before = cache.renderStarted();
    cache.invalidate(['*']);
    cache.set('d', page('old', 0, ['question:3']), before);
    expect(cache.get('d', 1000)?.fresh).toBe(false);
  });

  it('stays within its entry and byte bounds whatever is stored, evicting the least recently used first', () => {
    const cache = new PageCache({ ttlMs: 60_000, maxEntries: 50, maxBytes: 200_000 });
    for (let i = 0; i < 1000; i++) {
      cache.set(`page ${i}`, page(1000 + (i % 7) * 3000, 0, [`question:${i}`]), cache.renderStarted());
      expect(cache.size).toBeLessThanOrEqual(50);
      expect(cache.bytes).toBeLessThanOrEqual(200_000);
    }
    expect(cache.get('page 999', 1)).not.toBeNull();
    expect(cache.get('page 0', 1)).toBeNull();
    // A page read recently outlives older ones.
    const small = new PageCache({ ttlMs: 60_000, maxEntries: 2 });
    small.set('a', page('a', 0), 0);
    small.set('b', page('b', 0), 0);
    small.get('a', 1);
    small.set('c', page('c', 0), 0);
    expect(['a', 'b', 'c'].filter((k) => small.get(k, 1))).toEqual(['a', 'c']);
    // One page may not take more than a quarter of the bytes.
    expect(cache.set('huge', page(60_000, 0), cache.renderStarted())).toBe(false);
    // A new render of a page replaces its entry: the bytes do not add up.
    const bytes = cache.bytes;
    cache.set('page 999', page(1000 + (999 % 7) * 3000, 0, ['question:999']), cache.renderStarted());
    expect(cache.bytes).toBe(bytes);
  });

  it('forgets expired pages on a sweep, and stores nothing with a zero time to live', () => {
    const cache = new PageCache({ ttlMs: 1000, staleMs: 1000 });
    cache.set('a', page('a', 0), 0);
    cache.set('b', page('b', 1500), 0);
    expect(cache.sweep(2000)).toBe(1);
    expect(cache.size).toBe(1);
    const off = new PageCache({ ttlMs: 0 });
    expect(off.set('a', page('a', 0), 0)).toBe(false);
    expect(off.enabled).toBe(false);
  });
});

describe('cacheablePage', () => {
  it('recognises threads, articles, KB pages, question lists and home pages by their canonical URLs', () => {
    expect(cacheablePage('/es/questions/42/mi-router-falla', '')).toEqual({ kind: 'thread', locale: 'es', subject: 42, tags: ['question:42'] });
    expect(cacheablePage('/en/kb/reset-password', '')).toEqual({ kind: 'article', locale: 'en', subject: 'reset-password', tags: ['kb'] });
    expect(cacheablePage('/en/kb', '')?.kind).toBe('kb');
    expect(cacheablePage('/en/kb/categories/billing', '')?.kind).toBe('kb');
    expect(cacheablePage('/es/', '')).toEqual({ kind: 'home', locale: 'es', subject: null, tags: ['lists', 'kb'] });
    expect(cacheablePage('/es/questions', 'filter=solved&category=billing&tag=router&cursor=abc')?.tags).toEqual(['lists']);
    expect(cacheablePage('/en/members/12', '')).toEqual({ kind: 'member', locale: 'en', subject: 12, tags: ['member:12', 'lists'] });
  });

  it('leaves out other pages, other shapes and made-up query strings', () => {
    for (const [path, query] of [
      ['/es/questions/42/mi-router-falla', 'x=1'],
      ['/es/questions/42', ''],
      ['/es/questions/42/a/b', ''],
      ['/fr/questions/42/a', ''],
      ['/es/kb/feed.xml', ''],
      ['/es/kb/reset-password', 'feedback=saved'],
      ['/es/questions', 'filter=solved&filter=newest'],
      ['/es/questions', 'utm_source=x'],
      ['/es/questions/ask', ''],
      ['/es/search', 'q=router'],
      ['/es/about', ''],
      ['/api/v1/questions', ''],
      ['/es/members/12/reputation', ''],
      ['/es/members/12', 'x=1'],
      ['/es/members/abc', ''],
    ]) {
      expect(cacheablePage(path!, query!), `${path}?${query}`).toBeNull();
    }
  });
});

describe('tagsOfChange', () => {
  it('names the pages each outbox topic changes', () => {
    expect(tagsOfChange('question.changed', { questionId: 7 })).toEqual(['question:7', 'lists']);
    expect(tagsOfChange('article.changed', { articleId: 3 })).toEqual(['kb']);
    expect(tagsOfChange('incident.changed', { incidentId: 1 })).toEqual(['kb']);
    expect(tagsOfChange('tag.changed', { tagId: 1 })).toEqual(['lists']);
    expect(tagsOfChange('category.changed', { categoryId: 1 })).toEqual(['*']);
    expect(tagsOfChange('reputation.badges', { userId: 5, event: 'vote' })).toEqual(['member:5']);
    expect(tagsOfChange('mail.queued', { mailId: 1 })).toEqual([]);
  });
});
