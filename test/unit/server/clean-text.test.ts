import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { accessTokenSchema, signUpSchema } from '../../../src/lib/auth/schemas';
import { categorySchema } from '../../../src/lib/community/categories';
import { commentSchema } from '../../../src/lib/community/comment-post';
import { editQuestionSchema } from '../../../src/lib/community/edit-post';
import { answerSchema, askQuestionSchema } from '../../../src/lib/community/schemas';
import { tagSynonymSchema } from '../../../src/lib/moderation/moderate';
import { updateTagSchema } from '../../../src/lib/community/tags';
import { incidentInputSchema } from '../../../src/lib/incidents/incidents';
import { editorInputSchema } from '../../../src/lib/kb/editor';
import { feedbackSchema } from '../../../src/lib/kb/feedback';
import { flowSchema } from '../../../src/lib/kb/flows';
import { frontMatterSchema } from '../../../src/lib/kb/front-matter';
import { articleInputSchema } from '../../../src/lib/kb/save-article';
import { contentCommandSchema, threadCommandSchema } from '../../../src/lib/moderation/commands';
import { flagSchema } from '../../../src/lib/moderation/flags';
import { suspendSchema, unsuspendSchema } from '../../../src/lib/moderation/moderate';
import { searchQuerySchema, suggestQuerySchema } from '../../../src/lib/search/schemas';
import { contactRequestSchema } from '../../../src/lib/support/contact-requests';
import { cleanText, validateInput } from '../../../src/lib/validation';

// eslint-disable-next-line no-control-regex -- what must never be stored
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('cleanText', () => {
  it('removes control characters and whole terminal escape sequences', () => {
    expect(cleanText('a\u0000b\u0007c\u000cd\u007fe\u0085f', false)).toBe('abcdef');
    expect(cleanText('\u001b[31mred\u001b[0m \u001b[1;4mbold\u001b[m \u009b2Jx', false)).toBe('red bold x');
    expect(cleanText('\u001b]0;window title\u0007after \u001b]8;;https://evil.example\u001b\\link', false)).toBe('after link');
    expect(cleanText('\u001bcreset \u001b(Bcharset', false)).toBe('reset charset');
  });
  it('keeps tabs and line breaks in multi-line text (CRLF and CR become LF), spaces them in one line', () => {
    expect(cleanText('one\r\ntwo\rthree\n\tfour\u2028five', true)).toBe('one\ntwo\nthree\n\tfour\nfive');
    expect(cleanText('one\r\ntwo\tthree\nfour', false)).toBe('one two three four');
  });
  it('leaves every printable character alone, and replaces lone surrogates', () => {
    const text = 'Ñandú «ça» — 日本語 🎉 ¿qué? <b>&amp;</b> \u00a0nbsp \u200bzw';
    expect(cleanText(text, false)).toBe(text);
    expect(cleanText('a\ud800b\udfffc', false)).toBe('a\ufffdb\ufffdc');
  });
});

/** Every schema that takes free text, with a valid input and the fields people type in. */
const TEXT_INPUTS: [name: string, schema: z.ZodType, input: Record<string, unknown>, fields: string[]][] = [
  ['question', askQuestionSchema, { title: 'Mi router no enciende', body: 'Desde ayer el router no enciende la luz.', category: 'internet', locale: 'es' }, ['title', 'body', 'category']],
  ['answer', answerSchema, { body: 'Reinícialo manteniendo pulsado el botón.' }, ['body']],
  ['comment', commentSchema, { body: '¿Qué modelo es?' }, ['body']],
  ['edit', editQuestionSchema, { title: 'Mi router no enciende', body: 'Desde ayer el router no enciende la luz.', note: 'typo', revision: 1 }, ['title', 'body', 'note']],
  ['flag', flagSchema, { reason: 'spam', note: 'publicidad' }, ['note']],
  ['content command', contentCommandSchema, { targetType: 'answer', targetId: 3, action: 'hide', reason: 'spam' }, ['reason']],
  ['thread command', threadCommandSchema, { action: 'lock', reason: 'resuelto' }, ['reason']],
  ['suspension', suspendSchema, { reason: 'spam repetido', days: 3 }, ['reason']],
  ['lifted suspension', unsuspendSchema, { reason: 'apelación aceptada' }, ['reason']],
  ['category', categorySchema, { slug: 'internet', nameEs: 'Internet', nameEn: 'Internet', descriptionEs: 'Conexión', descriptionEn: 'Connection' }, ['nameEs', 'nameEn', 'descriptionEs', 'descriptionEn']],
  ['tag', updateTagSchema, { description: 'Routers y módems' }, ['description']],
  ['tag synonym', tagSynonymSchema, { synonym: 'wlan', tag: 'wifi', description: 'Redes' }, ['description']],
  ['sign-up', signUpSchema, { email: 'a@b.example', password: 'correct horse battery', displayName: 'Lucía' }, ['displayName']],
  ['access token', accessTokenSchema, { name: 'mi script' }, ['name']],
  ['article (editor)', editorInputSchema, { title: 'Cambiar la clave', summary: 'Cómo', body: 'Paso 1', category: 'account', locale: 'es', note: 'nota' }, ['title', 'summary', 'body', 'note']],
  ['article (write)', articleInputSchema, { slug: 'a', locale: 'es', translationKey: 'a', title: 'Cambiar la clave', summary: 'Cómo', body: 'Paso 1', category: 'account', note: 'n' }, ['title', 'summary', 'body', 'note']],
  ['article (file)', frontMatterSchema, { title: 'Cambiar la clave', summary: 'Cómo', category: 'account', locale: 'es', author: 'a@b.example' }, ['title', 'summary']],
  ['flow', flowSchema, { title: 'Sin internet', description: 'Guía', locale: 'es', category: 'internet', start: 'a', steps: {} }, ['title', 'description']],
  ['feedback', feedbackSchema, { helpful: false, comment: 'No me sirvió' }, ['comment']],
  ['incident', incidentInputSchema, { titleEs: 'Caída', titleEn: 'Outage', bodyEs: 'Detalles', bodyEn: 'Details', severity: 'major' }, ['titleEs', 'titleEn', 'bodyEs', 'bodyEn']],
  ['contact request', contactRequestSchema, { locale: 'es', name: 'Ana', subject: 'No puedo entrar', message: 'La clave no funciona desde ayer.' }, ['name', 'subject', 'message']],
  ['search', searchQuerySchema, { q: 'router' }, ['q']],
  ['suggestions', suggestQuerySchema, { q: 'router', body: 'no enciende', context: 'ask' }, ['q', 'body', 'context']],
];

describe('every text input goes through the one rule', () => {
  it.each(TEXT_INPUTS)('%s: control characters and escapes are gone, the words stay', (_name, schema, input, fields) => {
    const clean = validateInput(schema, input);
    expect(clean.ok, JSON.stringify(clean)).toBe(true);
    const dirty = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, fields.includes(k) ? `\u001b[31m${v}\u0000\u0007\u000c\u001b[0m` : v]));
    const result = validateInput(schema, dirty);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const data = (result as { data: Record<string, unknown> }).data;
    for (const field of fields) {
      expect(data[field], field).toBe((clean as { data: Record<string, unknown> }).data[field]);
      expect(String(data[field]), field).not.toMatch(CONTROL);
    }
  });

  it('a title of control characters is empty; a title needs letters', () => {
    const base = { body: 'Desde ayer el router no enciende la luz.', category: 'internet', locale: 'es' };
    expect(validateInput(askQuestionSchema, { ...base, title: '\u0000'.repeat(30) })).toEqual({ ok: false, fields: { title: 'field.required' } });
    expect(validateInput(askQuestionSchema, { ...base, title: '1234567890 ?!?! 1234' })).toEqual({ ok: false, fields: { title: 'field.titleNeedsLetters' } });
    expect(validateInput(askQuestionSchema, { ...base, title: '¿Error 404 en 2024?' }).ok).toBe(true);
    expect(validateInput(editorInputSchema, { title: '---', body: 'x', category: 'a', locale: 'es' })).toMatchObject({ ok: false, fields: { title: 'field.titleNeedsLetters' } });
  });
});
