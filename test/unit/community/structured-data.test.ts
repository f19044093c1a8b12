import { describe, expect, it } from 'vitest';
import type { Thread } from '../../../src/lib/community/get-thread';
import { qaPageJsonLd } from '../../../src/lib/community/structured-data';
import { jsonLdText, SerializedJsonLd } from '../../../src/lib/json-ld';
import { htmlToText } from '../../../src/lib/markdown';

const SITE = 'https://ayuda.example';
const author = (id: number, displayName: string) => ({ id, displayName, role: 'member' });
const answer = (id: number, over: Partial<Thread['answers'][number]> = {}) =>
  ({ id, accepted: false, status: 'published', score: id % 3, createdAt: 1_700_000_000_000 + id * 3600_000, updatedAt: 1_700_000_000_000 + id * 3600_000, bodyHtml: `<p>Respuesta ${id}: reinicia el <code>&lt;router&gt;</code> “ya”.</p>`, author: author(100 + id, `Socia ${id}`), ...over }) as Thread['answers'][number];

function thread(answers: Thread['answers']): Thread {
  return {
    question: { id: 7, slug: 'el-router-se-reinicia', locale: 'es', title: 'El router </script> se reinicia', bodyText: 'Cada hora <b>se reinicia</b>.', score: 4, createdAt: 1_699_990_000_000, author: author(9, 'Lucía') },
    answers,
  } as unknown as Thread;
}

/** The QAPage as the object the layout used to serialize. */
function asObject(t: Thread) {
  const q = t.question;
  const url = `${SITE}/es/questions/${q.id}/${q.slug}`;
  const person = (a: { id: number; displayName: string }) => ({ '@type': 'Person', name: a.displayName, url: `${SITE}/es/members/${a.id}` });
  const one = (a: Thread['answers'][number]) => ({ '@type': 'Answer', text: htmlToText(a.bodyHtml), dateCreated: new Date(a.createdAt).toISOString(), upvoteCount: a.score, url: `${url}#answer-${a.id}`, author: person(a.author) });
  const accepted = t.answers.find((a) => a.accepted);
  const suggested = t.answers.filter((a) => !a.accepted);
  return {
    '@context': 'https://schema.org',
    '@type': 'QAPage',
    mainEntity: {
      '@type': 'Question',
      name: q.title,
      text: q.bodyText,
      answerCount: t.answers.length,
      upvoteCount: q.score,
      dateCreated: new Date(q.createdAt).toISOString(),
      author: person(q.author),
      inLanguage: q.locale,
      ...(accepted ? { acceptedAnswer: one(accepted) } : {}),
      ...(suggested.length ? { suggestedAnswer: suggested.map(one) } : {}),
    },
  };
}

describe('the thread page’s QAPage JSON-LD', () => {
  it('is the text JSON.stringify gives for the object, `<` escaped, with or without accepted and suggested answers', () => {
    const cases = [thread([answer(1), answer(2, { accepted: true }), answer(3)]), thread([answer(4, { accepted: true })]), thread([answer(5), answer(6)])];
    for (const t of cases) {
      const serialized = qaPageJsonLd(t, SITE);
      expect(serialized).toBeInstanceOf(SerializedJsonLd);
      expect(jsonLdText(serialized)).toBe(JSON.stringify(asObject(t)).replace(/</g, '\\u003c'));
      expect(jsonLdText(serialized)).not.toContain('<');
      // Again, from what it remembered.
      expect(qaPageJsonLd(t, SITE).json).toBe(serialized.json);
    }
  });

  it('follows an answer’s edit, score and author’s name rather than what it remembered', () => {
    const before = qaPageJsonLd(thread([answer(10)]), SITE).json;
    const changes: Partial<Thread['answers'][number]>[] = [{ score: 42 }, { updatedAt: 1_800_000_000_000, bodyHtml: '<p>Editada.</p>' }, { author: author(110, 'Socia renombrada') }];
    for (const change of changes) {
      const t = thread([answer(10, change)]);
      expect(qaPageJsonLd(t, SITE).json).toBe(JSON.stringify(asObject(t)).replace(/</g, '\\u003c'));
      expect(qaPageJsonLd(t, SITE).json).not.toBe(before);
    }
  });
});
