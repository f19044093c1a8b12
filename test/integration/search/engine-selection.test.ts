import { describe, expect, it } from 'vitest';
import { SearchUnavailableError } from '../../../search/errors';
import { createSearchIndex } from '../../../search/index';
import { loadConfig } from '../../../src/lib/server/config';
import { createContext } from '../../../src/lib/server/context';
import { createTestDb } from '../../helpers/db';

describe('search engine selection', () => {
  it('uses the embedded SQLite FTS5 engine by default and Meilisearch when MEILISEARCH_HOST is set', () => {
    expect(createContext(loadConfig({ LOG_LEVEL: 'silent' }), { db: createTestDb() }).search.engine).toBe('sqlite');
    expect(createContext(loadConfig({ LOG_LEVEL: 'silent', MEILISEARCH_HOST: '' }), { db: createTestDb() }).search.engine).toBe('sqlite');
    const ctx = createContext(loadConfig({ LOG_LEVEL: 'silent', MEILISEARCH_HOST: 'http://127.0.0.1:7700', MEILISEARCH_API_KEY: 'k' }), { db: createTestDb() });
    expect(ctx.search.engine).toBe('meilisearch');
  });

  it('reports an unreachable Meilisearch as SearchUnavailableError, for reads and writes alike', async () => {
    // Port 9 (discard) refuses connections on any test machine.
    const index = createSearchIndex({ engine: 'meilisearch', host: 'http://127.0.0.1:9', indexName: 'down' });
    await expect(index.search({ q: 'router' })).rejects.toBeInstanceOf(SearchUnavailableError);
    await expect(index.index([{ type: 'question', id: 1, locale: 'es', title: 't', body: 'b', tags: [], category: 'c', solved: false, votes: 0, helpfulness: null, url: '/', updatedAt: 0 }])).rejects.toThrow(
      /meilisearch search engine is unavailable/,
    );
  });
});
