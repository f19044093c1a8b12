import { describe, expect, it } from 'vitest';
import { PageCache } from '../../../src/lib/server/page-cache';

const page = (body: string, storedAt: number) => ({ body, status: 200, headers: [['content-type', 'text/html']] as [string, string][], storedAt });

describe('PageCache', () => {
  it('serves an entry until its time to live runs out', () => {
    const cache = new PageCache(10_000);
    cache.set(1, '/es/questions/1/a', page('v1', 1000));
    expect(cache.get(1, '/es/questions/1/a', 10_999)?.body).toBe('v1');
    expect(cache.get(1, '/es/questions/1/a', 11_000)).toBeNull();
    expect(cache.get(1, '/en/questions/1/a', 2000)).toBeNull();
  });
  it('drops every locale of a thread when it changes', () => {
    const cache = new PageCache(10_000);
    cache.set(1, '/es/questions/1/a', page('es', 0));
    cache.set(1, '/en/questions/1/a', page('en', 0));
    cache.set(2, '/es/questions/2/b', page('other', 0));
    cache.invalidateQuestion(1);
    expect(cache.get(1, '/es/questions/1/a', 1)).toBeNull();
    expect(cache.get(1, '/en/questions/1/a', 1)).toBeNull();
    expect(cache.get(2, '/es/questions/2/b', 1)?.body).toBe('other');
  });
  it('evicts the thread cached longest ago when full, and stores nothing with a zero time to live', () => {
    const cache = new PageCache(10_000, 2);
    cache.set(1, 'a', page('1', 0));
    cache.set(2, 'b', page('2', 0));
    cache.set(3, 'c', page('3', 0));
    expect(cache.get(1, 'a', 1)).toBeNull();
    expect(cache.get(3, 'c', 1)?.body).toBe('3');
    const off = new PageCache(0);
    off.set(1, 'a', page('1', 0));
    expect(off.get(1, 'a', 0)).toBeNull();
  });
});
