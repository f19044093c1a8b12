import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { tags, tagSynonyms } from '../../../db/schema/index';
import type { Actor } from '../../../src/lib/auth/sessions';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { listQuestions } from '../../../src/lib/community/list-questions';
import { getTag, listTags, updateTag } from '../../../src/lib/community/tags';
import { addTagSynonym } from '../../../src/lib/moderation/moderate';
import { createCategory, createMember, createTestDb } from '../../helpers/db';
import { translate } from '../../../src/lib/i18n/index';
import { expectCode } from '../../helpers/errors';
import { DAY, NOW } from '../../helpers/time';

let db: SqliteDb;
let moderator: Actor;
let established: Actor;
let n = 0;

const ask = (who: Actor, tagList: string) =>
  askQuestion(db, who, { title: `Una pregunta con etiquetas ${++n}`, body: `El cuerpo de la pregunta con etiquetas número ${n}.`, category: 'internet', locale: 'es', tags: tagList }, NOW + n * 1000);

beforeEach(async () => {
  db = createTestDb();
  createCategory(db, 'internet');
  moderator = await createMember(db, 'moderator');
  // trust level 1 (older than a day), past pre-moderation (older than a week)
  established = await createMember(db, 'member', { createdAt: NOW - 30 * DAY });
  db.insert(tags).values([{ name: 'router', description: 'Routers y módems' }, { name: 'wifi' }, { name: 'fibra' }]).run();
});

describe('tag list', () => {
  it('lists tags by name with published question counts and synonyms, keyset-paged, with a prefix filter', () => {
    ask(established, 'router wifi');
    ask(established, 'router');
    addTagSynonym(db, moderator, { synonym: 'modem', tag: 'router' }, NOW);
    const first = listTags(db, { limit: 2 });
    expect(first.items).toEqual([
      { name: 'fibra', description: '', questionCount: 0, synonyms: [] },
      { name: 'router', description: 'Routers y módems', questionCount: 2, synonyms: ['modem'] },
    ]);
    expect(first.nextCursor).toBe('router');
    expect(listTags(db, { limit: 2, after: first.nextCursor! })).toEqual({ items: [{ name: 'wifi', description: '', questionCount: 1, synonyms: [] }], nextCursor: null });
    expect(listTags(db, { prefix: 'WI' }).items.map((t) => t.name)).toEqual(['wifi']);
    expectCode(() => listTags(db, { prefix: 'a b' }), 'INVALID');
    expect(getTag(db, 'modem')?.name).toBe('router');
    expect(getTag(db, 'nada')).toBeNull();
  });
});

describe('creating tags when asking', () => {
  it('needs trust level 1: a brand-new member gets field.newTag, an established member creates the tag', async () => {
    const newcomer = await createMember(db, 'member', { createdAt: NOW });
    expect(expectCode(() => ask(newcomer, 'nueva-etiqueta'), 'INVALID').fields).toEqual({ tags: 'field.newTag' });
    ask(newcomer, 'router');
    ask(established, 'nueva-etiqueta');
    expect(getTag(db, 'nueva-etiqueta')).toMatchObject({ name: 'nueva-etiqueta', questionCount: 1 });
  });
});

describe('editing a tag (description and synonyms)', () => {
  it('outcomes: not found, forbidden, invalid, conflict', () => {
    addTagSynonym(db, moderator, { synonym: 'wlan', tag: 'wifi' }, NOW);
    expectCode(() => updateTag(db, moderator, 'nada', { description: 'x' }, NOW), 'NOT_FOUND');
    expectCode(() => updateTag(db, established, 'router', { description: 'x' }, NOW), 'FORBIDDEN');
    expectCode(() => updateTag(db, null, 'router', { description: 'x' }, NOW), 'UNAUTHORIZED');
    expect(expectCode(() => updateTag(db, moderator, 'router', { synonyms: 'router' }, NOW), 'INVALID').fields).toEqual({ synonyms: 'tag.ownName' });
    // the error names the invalid synonym (lowercased, as it would be stored)
    const invalid = expectCode(() => updateTag(db, moderator, 'router', { synonyms: 'modem, Módem' }, NOW), 'INVALID');
    expect([invalid.fields, invalid.fieldVars]).toEqual([{ synonyms: 'tag.invalidSynonym' }, { synonyms: { name: 'módem' } }]);
    expect(translate('es', invalid.fields.synonyms!, invalid.fieldVars.synonyms)).toContain('«módem» no es un nombre de etiqueta válido');
    expect(translate('en', invalid.fields.synonyms!, invalid.fieldVars.synonyms)).toContain('“módem” is not a valid tag name: tags use lowercase letters a–z without accents');
    // every field error comes at once
    expect(expectCode(() => updateTag(db, moderator, 'router', { synonyms: 'Mal!', description: 'x'.repeat(301) }, NOW), 'INVALID').fields).toEqual({ synonyms: 'tag.invalidSynonym', description: 'field.tooLong' });
    expect(expectCode(() => updateTag(db, moderator, 'router', { synonyms: 'modem', confirmMerge: 'yes' }, NOW), 'INVALID').fields).toEqual({ confirmMerge: 'field.invalid' });
    expect(expectCode(() => updateTag(db, moderator, 'router', { description: 'x'.repeat(301) }, NOW), 'INVALID').fields).toEqual({ description: 'field.tooLong' });
    expect(expectCode(() => updateTag(db, moderator, 'router', { synonyms: 'modem, wlan' }, NOW), 'CONFLICT').fields).toEqual({ synonyms: 'tag.synonymTaken' });
    expect(getTag(db, 'router')?.synonyms).toEqual([]);
  });

  it('sets the description and synonyms; an existing tag given as a synonym is merged; asking and filtering with a synonym use the tag', () => {
    const withFibra = ask(established, 'fibra');
    const withBoth = ask(established, 'fibra router');
    const result = updateTag(db, moderator, 'router', { description: 'Routers, módems y fibra', synonyms: ['modem', 'fibra'], confirmMerge: true }, NOW);
    expect(result).toEqual({ name: 'router', description: 'Routers, módems y fibra', questionCount: 2, synonyms: ['fibra', 'modem'], moved: 2 });
    expect(db.select().from(tags).all().map((t) => t.name).sort()).toEqual(['router', 'wifi']);
    // asking with a synonym stores the tag
    const asked = ask(established, 'modem');
    expect(listQuestions(db, { tag: 'router' }).items.map((q) => [q.id, q.tags])).toEqual([
      [asked.id, ['router']],
      [withBoth.id, ['router']],
      [withFibra.id, ['router']],
    ]);
    // filtering with a synonym lists the tag's questions
    expect(listQuestions(db, { tag: 'MODEM' }).items).toHaveLength(3);
    expect(listQuestions(db, { tag: 'fibra' }).items).toHaveLength(3);
    // the full list replaces: modem stops being a synonym
    updateTag(db, moderator, 'router', { synonyms: 'fibra' }, NOW);
    expect(db.select().from(tagSynonyms).all().map((s) => s.name)).toEqual(['fibra']);
    expect(listQuestions(db, { tag: 'modem' }).items).toEqual([]);
  });

  it('merging existing tags needs confirmMerge: without it, a CONFLICT naming the tags and their question counts, and nothing changes', () => {
    for (let i = 0; i < 3; i++) ask(established, 'wifi');
    ask(established, 'fibra router');
    const before = db.select().from(tags).all().length;
    const refused = expectCode(() => updateTag(db, moderator, 'router', { synonyms: 'wlan, wifi, fibra', description: 'nueva' }, NOW), 'CONFLICT');
    expect(refused.fields).toEqual({ synonyms: 'tag.confirmMerge' });
    expect(refused.fieldVars).toEqual({ synonyms: { tags: 'fibra (1), wifi (3)' } });
    expect(refused.message).toContain('confirmMerge');
    expect(translate('es', 'tag.confirmMerge', refused.fieldVars.synonyms)).toContain('fibra (1), wifi (3)');
    expect(db.select().from(tags).all()).toHaveLength(before);
    expect(getTag(db, 'router')).toMatchObject({ description: 'Routers y módems', synonyms: [] });
    // a synonym that is not a tag needs no confirmation; neither does keeping synonyms already merged
    expect(updateTag(db, moderator, 'router', { synonyms: 'wlan' }, NOW)).toMatchObject({ synonyms: ['wlan'], moved: 0 });
    // a boolean, as JSON sends it (the form action converts its checkbox)
    expect(expectCode(() => updateTag(db, moderator, 'router', { synonyms: 'wlan, wifi, fibra', confirmMerge: 'true' }, NOW), 'INVALID').fields).toEqual({ confirmMerge: 'field.invalid' });
    expect(updateTag(db, moderator, 'router', { synonyms: 'wlan, wifi, fibra', confirmMerge: true }, NOW)).toMatchObject({ synonyms: ['fibra', 'wifi', 'wlan'], questionCount: 4, moved: 4 });
    expect(updateTag(db, moderator, 'router', { synonyms: 'wlan, wifi, fibra' }, NOW).moved).toBe(0);
  });
});
