import { describe, expect, it } from 'vitest';
import { createArticle } from '../../../src/lib/kb/editor';
import { articlesSharingWords } from '../../../src/lib/search/fallback';
import { createCategory, createMember, createTestDb } from '../../helpers/db';
import { DAY } from '../../helpers/time';

describe('articles offered when the search engine runs out of time', () => {
  it('ranks published articles of the locale by the words they share with the query, title first', async () => {
    const db = createTestDb();
    createCategory(db, 'billing');
    const agent = await createMember(db, 'agent');
    const publish = (title: string, extra: Record<string, string> = {}) =>
      createArticle(db, agent, { title, body: 'Texto del artículo.', category: 'billing', locale: 'es', intent: 'publish', ...extra }, 100 * DAY);
    publish('Cómo pagar tus facturas');
    publish('Cambiar la contraseña', { summary: 'Si no recuerdas la contraseña de tu factura electrónica.' });
    publish('Configurar el router', { tags: 'factura wifi' });
    publish('Borrador sobre facturas', { intent: 'draft' });
    publish('Pay your invoices', { locale: 'en', title: 'Pay your invoices' });
    const titles = (q: string, locale: 'es' | 'en' = 'es') => articlesSharingWords(db, q, locale).map((a) => a.title);
    expect(titles('¿Dónde veo mi FACTURA?')).toEqual(['Cómo pagar tus facturas', 'Configurar el router', 'Cambiar la contraseña']);
    expect(titles('invoices', 'en')).toEqual(['Pay your invoices']);
    expect(titles('de la el')).toEqual([]);
    expect(titles('')).toEqual([]);
  });
});
