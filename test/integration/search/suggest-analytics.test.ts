import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { searchEvents } from '../../../db/schema/index';
import { suggestSurface, TYPING_SESSION_GAP_MS } from '../../../src/lib/search/analytics';
import { suggestAsYouType, type SuggestContext } from '../../../src/lib/search/suggest';
import { createSearchIndex, type SearchIndex } from '../../../search/index';
import { createMember, createTestDb } from '../../helpers/db';
import { NOW } from '../../helpers/time';

const VISITOR = 'v1234567890abcdef';
let db: SqliteDb;
let index: SearchIndex;

beforeEach(async () => {
  db = createTestDb();
  index = createSearchIndex({ engine: 'sqlite', sqlite: db.$client, now: () => NOW });
  const doc = { locale: 'es' as const, tags: [], category: 'internet', solved: true, votes: 0, helpfulness: null, updatedAt: NOW };
  await index.index([
    { ...doc, type: 'question', id: 1, title: 'El router no enciende', body: 'Ninguna luz.', url: '/q/1' },
    { ...doc, type: 'question', id: 2, title: 'Router wifi lento por la noche', body: 'Va muy lento.', url: '/q/2' },
    { ...doc, type: 'article', id: 3, title: 'Configurar el wifi', body: 'Paso a paso.', url: '/a/3' },
  ]);
});

/** Types `text` one keystroke every `everyMs` from `start`, asking for suggestions after each (as the forms do). */
async function typeOut(text: string, context: Partial<SuggestContext>, start = NOW, everyMs = 300) {
  const ids: (number | null)[] = [];
  for (let i = 3; i <= text.length; i++) {
    const r = await suggestAsYouType(db, index, { title: text.slice(0, i), locale: 'es', limit: 8 }, { surface: 'api', final: false, ...context }, start + (i - 3) * everyMs);
    ids.push(r.searchEventId);
  }
  return ids;
}

const events = () => db.select().from(searchEvents).orderBy(searchEvents.id).all();

describe('suggestions recorded as searches of the deflection forms', () => {
  it('records a typing session on the contact form as one search holding the final query', async () => {
    const ids = await typeOut('router wifi', { context: 'contact', visitorId: VISITOR });
    expect(ids).toHaveLength(9);
    expect(new Set(ids).size).toBe(1);
    const all = events();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ id: ids[0], query: 'router wifi', resultCount: 3, surface: 'contact_form', visitorId: VISITOR, locale: 'es', occurredAt: NOW + 8 * 300 });
  });

  it('starts a new search after a pause longer than the session gap, and per surface', async () => {
    expect(TYPING_SESSION_GAP_MS).toBe(5000);
    await typeOut('router', { context: 'ask', visitorId: VISITOR });
    await typeOut('wifi lento', { context: 'ask', visitorId: VISITOR }, NOW + 3 * 300 + 5001);
    await typeOut('configurar', { context: 'widget', visitorId: VISITOR }, NOW + 20_000);
    await typeOut('configurar', { context: 'widget', visitorId: 'another-visitor-0001' }, NOW + 20_000);
    expect(events().map((e) => [e.query, e.surface, e.resultCount])).toEqual([
      ['router', 'ask_form', 2],
      ['wifi lento', 'ask_form', 2],
      ['configurar', 'widget', 1],
      ['configurar', 'widget', 1],
    ]);
  });

  it('ties a member\'s session by member id', async () => {
    const member = await createMember(db);
    await typeOut('router no enc', { context: 'ask', userId: member.id });
    expect(events().map((e) => [e.query, e.userId, e.surface])).toEqual([['router no enc', member.id, 'ask_form']]);
  });

  it('without a member or visitor id records only the request marked final', async () => {
    const ids = await typeOut('router wifi', { context: 'contact' });
    expect(ids.every((id) => id === null)).toBe(true);
    expect(events()).toHaveLength(0);
    const final = await suggestAsYouType(db, index, { title: 'router wifi', locale: 'es', limit: 8 }, { context: 'contact', surface: 'api', final: true }, NOW + 3000);
    // both words in 2, then the two with either word in their title (1 and 3)
    expect(final.hits[0]!.id).toBe(2);
    expect(final.hits.slice(1).map((h) => h.id).sort()).toEqual([1, 3]);
    expect(events().map((e) => [e.id, e.query, e.surface, e.resultCount])).toEqual([[final.searchEventId, 'router wifi', 'contact_form', 3]]);
  });

  it('does not record suggestions outside the deflection forms', async () => {
    await typeOut('router wifi', { visitorId: VISITOR });
    await typeOut('router wifi', { context: 'página de precios', visitorId: VISITOR, final: true });
    expect(events()).toHaveLength(0);
  });

  it('maps the client context, or an explicit form surface, to the recorded surface', () => {
    expect(suggestSurface('ask', 'api')).toBe('ask_form');
    expect(suggestSurface('contact', 'api')).toBe('contact_form');
    expect(suggestSurface('widget', 'api')).toBe('widget');
    expect(suggestSurface('contact', 'contact_form')).toBe('contact_form');
    expect(suggestSurface(undefined, 'ask_form')).toBe('ask_form');
    expect(suggestSurface(undefined, 'api')).toBeNull();
    expect(suggestSurface('site', 'site')).toBeNull();
    expect(suggestSurface('constructor', 'api')).toBeNull();
  });
});
