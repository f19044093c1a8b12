import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { tags } from '../../../db/schema/index';
import { memberPage } from '../../../src/components/reputation/member-page';
import { pageListsFingerprint, pageListsHtml } from '../../../src/components/reputation/profile-html';
import type { Actor } from '../../../src/lib/auth/sessions';
import { acceptAnswer, unacceptAnswer } from '../../../src/lib/community/accept-answer';
import { answerQuestion } from '../../../src/lib/community/answer-question';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { deletePost, undeletePost } from '../../../src/lib/community/delete-post';
import { readMemberLists, readMemberSummary } from '../../../src/lib/community/member-profile';
import { votePost } from '../../../src/lib/community/vote-post';
import { DomainError } from '../../../src/lib/errors';
import { translator, type Locale } from '../../../src/lib/i18n/index';
import { closeAsDuplicate, moderateContent } from '../../../src/lib/moderation/moderate';
import { badgesOf } from '../../../src/lib/reputation/award-badges';
import { keepPageLists, storedPageLists, writePageLists } from '../../../src/lib/reputation/page-lists';
import { memberPageView } from '../../../src/lib/reputation/profile';
import { createCategory, createMember, createTestDb } from '../../helpers/db';
import { HOUR } from '../../helpers/time';
import { seededRandom } from '../../../src/lib/demo/seeded-random';

let db: SqliteDb;
const NOW = Date.UTC(2026, 10, 20, 12);
const SITE = 'http://localhost:4321';
const PROFILE_FORM_PATHS = { member: '?_action=moderation.member', revokeBadge: '?_action=reputation.revokeBadge', respond: '?_action=reputation.respond' };
let n = 0;
const ask = (who: Actor, at: number) =>
  askQuestion(db, who, { title: `Pregunta número ${++n} sobre el router`, body: 'Desde hace una semana se desconecta a las 3 de la mañana.', category: 'internet', tags: 'router', locale: 'es' }, at);
const answer = (who: Actor, questionId: number, at: number) => answerQuestion(db, who, questionId, { body: `Reinicia el router y espera ${++n} minutos.` }, at);
const page = (actor: Actor | null, memberId: number, locale: Locale = 'es', now = NOW) => memberPage({ db, actor, locale, memberId, now, site: SITE, paths: PROFILE_FORM_PATHS })!;
const version = (userId: number) => (db.$client.prepare('select version from member_list_versions where user_id = ?').get(userId) as { version: number } | undefined)?.version ?? 0;
const storedRows = () => (db.$client.prepare('select count(*) as n from member_page_lists').get() as { n: number }).n;
/** Whether the page of `memberId` would be written from stored lists for a visitor. */
const servedStored = (memberId: number, locale: Locale = 'es') => memberPageView(db, null, memberId, locale, NOW, pageListsFingerprint(locale))!.stored !== null;

/** The lists as the page renders them from the facts now (what a stored row must equal while it counts). */
function liveLists(userId: number, locale: Locale) {
  const summary = readMemberSummary(db, userId)!;
  const lists = { ...readMemberLists(db, summary), badges: badgesOf(db, userId, locale) };
  return pageListsHtml({ locale, t: translator(locale) }, lists, false, PROFILE_FORM_PATHS.revokeBadge);
}

beforeEach(() => {
  db = createTestDb();
  createCategory(db, 'internet');
  db.insert(tags).values([{ name: 'router' }, { name: 'wifi' }]).run();
});

describe('the member page lists kept per member and language', () => {
  it('are written after a page rendered them, serve the next pages with the same bytes, and stop serving at a change', async () => {
    const member = await createMember(db);
    const asker = await createMember(db);
    const q = ask(asker, NOW);
    const a = answer(member, q.id, NOW + HOUR);
    ask(member, NOW + 2 * HOUR);
    expect(servedStored(member.id)).toBe(false);

    const first = page(null, member.id);
    expect(storedRows()).toBe(0);
    expect(writePageLists(db)).toBe(1);
    expect(servedStored(member.id)).toBe(true);
    expect(servedStored(member.id, 'en')).toBe(false);
    const second = page(null, member.id);
    expect(second.body).toBe(first.body);

    // A vote on the member's answer changes its score on the page: the stored lists no longer count.
    const before = version(member.id);
    votePost(db, asker, a.id, { value: 1 }, NOW + 3 * HOUR);
    expect(version(member.id)).toBeGreaterThan(before);
    expect(servedStored(member.id)).toBe(false);
    const third = page(null, member.id);
    expect(third.body).not.toBe(first.body);
    expect(third.body).toContain(liveLists(member.id, 'es').answers);
    expect(writePageLists(db)).toBe(1);
    expect(page(null, member.id).body).toBe(third.body);
  });

  it('are never served to moderators nor written from their pages, and a rendering overtaken by a change is not written', async () => {
    const member = await createMember(db);
    const moderator = await createMember(db, 'moderator');
    ask(member, NOW);
    page(moderator, member.id);
    expect(writePageLists(db)).toBe(0);
    page(null, member.id, 'en');
    expect(writePageLists(db)).toBe(1);
    expect(memberPageView(db, moderator, member.id, 'en', NOW, pageListsFingerprint('en'))!.stored).toBeNull();

    // Rendered at one version, then the member renames themselves (their questions' byline) before the write.
    const rendered = page(null, member.id, 'es');
    db.$client.prepare('update users set display_name = ? where id = ?').run('Otro Nombre', member.id);
    expect(writePageLists(db)).toBe(0);
    expect(servedStored(member.id, 'es')).toBe(false);
    expect(page(null, member.id, 'es').body).not.toBe(rendered.body);
  });

  it('count only for the markup they were written by', async () => {
    const member = await createMember(db);
    ask(member, NOW);
    const summary = readMemberSummary(db, member.id)!;
    keepPageLists(db, { userId: member.id, locale: 'es', version: summary.listVersion, fingerprint: 'another-release', html: liveLists(member.id, 'es') });
    expect(writePageLists(db)).toBe(1);
    expect(storedPageLists(db, member.id, 'es', summary.listVersion, 'another-release')).not.toBeNull();
    expect(servedStored(member.id)).toBe(false);
  });

  it('equal the lists rendered from the facts after every kind of change, by the use cases or raw SQL', async () => {
    const next = seededRandom(29);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    const members = [await createMember(db), await createMember(db), await createMember(db), await createMember(db), await createMember(db), await createMember(db)];
    const moderator = await createMember(db, 'moderator');
    const ruleIds = (db.$client.prepare('select id from badge_rules').all() as { id: number }[]).map((r) => r.id);
    expect(ruleIds.length).toBeGreaterThan(0);
    const questionIds: number[] = [];
    const answerIds: number[] = [];
    const tagIds = (db.$client.prepare('select id from tags').all() as { id: number }[]).map((r) => r.id);
    let at = NOW;
    const kinds = new Map<string, number>();
    let compared = 0;
    let invalidated = 0;
    const kindsList = ['ask', 'answer', 'vote', 'accept', 'unaccept', 'hide', 'restore', 'delete', 'undelete', 'merge', 'pending', 'author', 'move-answer', 'title', 'body', 'tag-on', 'tag-off', 'rename-tag', 'rename-member', 'badge', 'revoke-badge', 'hard-delete-answer', 'pin', 'close'] as const;
    // The common events more often than the rare ones.
    const weighted = [...kindsList, 'ask', 'ask', ...Array<'answer'>(5).fill('answer'), ...Array<'vote'>(6).fill('vote'), 'accept', 'accept'] as const;
    for (let step = 0; step < 400; step++) {
      at += 60_000;
      const kind = questionIds.length < 3 ? 'ask' : answerIds.length < 3 ? 'answer' : pick(weighted);
      try {
        const sqlRun = (statement: string, ...values: unknown[]) => db.$client.prepare(statement).run(...values);
        if (kind === 'ask') questionIds.push(ask(pick(members), at).id);
        else if (kind === 'answer') answerIds.push(answer(pick(members), pick(questionIds), at).id);
        else if (kind === 'vote') votePost(db, pick([...members, moderator]), pick([...questionIds, ...answerIds]), { value: next() < 0.7 ? 1 : -1 }, at);
        else if (kind === 'accept' || kind === 'unaccept') {
          const a = pick(answerIds);
          const authorId = (db.$client.prepare('select q.author_id as id from answers a join questions q on q.id = a.question_id where a.id = ?').get(a) as { id: number } | undefined)?.id;
          const asker = members.find((m) => m.id === authorId);
          if (!asker) continue;
          if (kind === 'accept') acceptAnswer(db, asker, a, at);
          else unacceptAnswer(db, asker, a, at);
        } else if (kind === 'hide') {
          moderateContent(db, moderator, next() < 0.5 ? { type: 'question', id: pick(questionIds) } : { type: 'answer', id: pick(answerIds) }, 'hide', { reason: 'r' }, at);
        } else if (kind === 'restore') {
          const hidden = db.$client.prepare("select 'question' as type, id from questions where status = 'hidden' union all select 'answer', id from answers where status = 'hidden'").all() as { type: 'question' | 'answer'; id: number }[];
          if (hidden.length === 0) continue;
          moderateContent(db, moderator, pick(hidden), 'restore', { reason: 'r' }, at);
        } else if (kind === 'delete' || kind === 'undelete') {
          if (kind === 'delete') deletePost(db, moderator, next() < 0.4 ? pick(questionIds) : pick(answerIds), at);
          else {
            const deleted = (db.$client.prepare('select id from questions where deleted_at is not null union all select id from answers where deleted_at is not null').all() as { id: number }[]).map((r) => r.id);
            if (deleted.length === 0) continue;
            undeletePost(db, moderator, pick(deleted), at);
          }
        } else if (kind === 'merge') closeAsDuplicate(db, moderator, pick(questionIds), pick(questionIds), at, { merge: true });
        else if (kind === 'pending') {
          const table = next() < 0.5 ? 'questions' : 'answers';
          sqlRun(`update ${table} set status = case status when 'pending' then 'published' else 'pending' end where id = ?`, table === 'questions' ? pick(questionIds) : pick(answerIds));
        } else if (kind === 'author') {
          const table = next() < 0.5 ? 'questions' : 'answers';
          sqlRun(`update ${table} set author_id = ? where id = ?`, pick(members).id, table === 'questions' ? pick(questionIds) : pick(answerIds));
        } else if (kind === 'move-answer') {
          // A moved answer leaves its acceptance behind.
          const id = pick(answerIds);
          sqlRun('delete from accepted_answers where answer_id = ?', id);
          sqlRun('update answers set question_id = ? where id = ?', pick(questionIds), id);
        }
        else if (kind === 'title') sqlRun('update questions set title = ?, slug = ? where id = ?', `Título <${step}> & más`, `titulo-${step}`, pick(questionIds));
        else if (kind === 'body') sqlRun('update questions set body_text = ? where id = ?', `Otro texto "${step}"`, pick(questionIds));
        else if (kind === 'tag-on') sqlRun('insert or ignore into question_tags (question_id, tag_id) values (?, ?)', pick(questionIds), pick(tagIds));
        else if (kind === 'tag-off') sqlRun('delete from question_tags where question_id = ? and tag_id = ?', pick(questionIds), pick(tagIds));
        else if (kind === 'rename-tag') sqlRun('update tags set name = ? where id = ?', `tag-${step}`, pick(tagIds));
        else if (kind === 'rename-member') sqlRun('update users set display_name = ? where id = ?', `Miembro ${step}`, pick(members).id);
        else if (kind === 'badge') sqlRun('insert or ignore into member_badges (rule_id, user_id, subject_id, awarded_at) values (?, ?, ?, ?)', pick(ruleIds), pick(members).id, step, at);
        else if (kind === 'revoke-badge') {
          const awarded = (db.$client.prepare('select id from member_badges order by id').all() as { id: number }[]).map((r) => r.id);
          if (awarded.length === 0) continue;
          sqlRun("update member_badges set revoked_at = ?, revoke_reason = 'r' where id = ?", at, pick(awarded));
        }
        else if (kind === 'pin') sqlRun('update questions set pinned_at = case when pinned_at is null then ? end where id = ?', at, pick(questionIds));
        else if (kind === 'close') sqlRun('update questions set closed_at = case when closed_at is null then ? end where id = ?', at, pick(questionIds));
        else {
          const id = pick(answerIds);
          sqlRun('delete from accepted_answers where answer_id = ?', id);
          for (const table of ['comments', 'post_revisions', 'votes', 'flags']) {
            try {
              sqlRun(`delete from ${table} where post_id = ?`, id);
            } catch {
              // a table without post_id
            }
          }
          try {
            sqlRun('delete from answers where id = ?', id);
          } catch {
            continue; // still referenced elsewhere
          }
        }
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
      {
        for (const m of members) {
          for (const locale of ['es', 'en'] as const) {
            const summary = readMemberSummary(db, m.id)!;
            const stored = storedPageLists(db, m.id, locale, summary.listVersion, pageListsFingerprint(locale));
            const written = (db.$client.prepare('select 1 from member_page_lists where user_id = ? and locale = ?').get(m.id, locale) as unknown) !== undefined;
            if (stored) {
              expect(stored, `member ${m.id} ${locale} after step ${step} (${kind})`).toEqual(liveLists(m.id, locale));
              compared++;
            } else if (written) invalidated++;
            // The page as a visitor gets it, then kept for the next check.
            page(null, m.id, locale, at);
          }
        }
        writePageLists(db);
      }
    }
    expect([...kinds.keys()].sort()).toEqual([...kindsList].sort());
    // Both outcomes were seen many times: rows that still held and equalled the facts, rows a change had set aside.
    expect(compared).toBeGreaterThan(100);
    expect(invalidated).toBeGreaterThan(100);
  });
});
