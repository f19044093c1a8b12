// npm run bench -- same-pages --against <build dir> [--port 4410] [--size 100000]
//   Serves this checkout's build and another build (e.g. main's, built into a copy) on copies of the bench dataset
//   and compares their thread pages byte for byte, for visitors, crawlers, members, an agent, a moderator and each
//   thread's asker (and a few other pages, for the layout), then member pages, leaderboards (filters, pages, refused
//   queries) and home pages for visitors, members, staff and members reading their own page: the safety net for a
//   change to the render path.
import { type ChildProcess } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { createSession } from '../../src/lib/auth/sessions';
import { createDb } from '../../db/client';
import { prepareDataset, startServer, waitForReady } from './pages';
import { PROFILE_MEMBER } from './reputation';

export interface SamePagesOptions {
  size: number;
  port: number;
  /** The other build's output directory (with server/entry.mjs). */
  against: string;
}

const PERSON = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';
const CRAWLER = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
/** Per response, never the page's: compared apart from the rest. */
const PER_RESPONSE = new Set(['date', 'x-request-id', 'etag', 'connection', 'keep-alive', 'set-cookie']);
/** A person's view is counted and written within seconds, at a moment of each server's own: the count is left out. */
const VIEW_COUNT = /\d+ (visitas?|views?)\b/g;

/**
 * Gives threads of the dataset the states a thread page shows differently — a closed duplicate (crawlers get 301),
 * locked and pinned, deleted (410), hidden and pending answers, a support case with its badge, a hidden question, text
 * that needs escaping — the same in both copies.
 */
function prepareStates(path: string, now: number) {
  const db = createDb(path);
  const c = db.$client;
  const pick = (locale: string, offset: number) =>
    (c.prepare("select id from questions where locale = ? and deleted_at is null and status = 'published' and answer_count >= 3 order by id limit 1 offset ?").get(locale, offset) as { id: number }).id;
  const plain = [pick('es', 0), pick('es', 1), pick('en', 0), pick('en', 1), pick('es', 2), pick('en', 2)];
  const duplicate = pick('es', 3);
  const lockedPinned = pick('en', 3);
  const deleted = pick('es', 4);
  const moderated = pick('en', 4);
  const withCase = pick('es', 5);
  const solvedCase = pick('en', 5);
  const hostile = pick('es', 6);
  const hiddenQuestion = pick('en', 6);
  // Text that needs escaping everywhere it shows (title, description, author, tag), edited and with "me too"s.
  const HOSTILE = `<script>alert("x")</script> & 'comillas' — ✓ \u00e9`;
  c.prepare('update questions set title = ?, body_text = ?, updated_at = created_at + 3600000, me_too_count = 3 where id = ?').run(`¿${HOSTILE}?`, HOSTILE, hostile);
  c.prepare('update users set display_name = ? where id = (select author_id from questions where id = ?)').run(`Ana ${HOSTILE}`, hostile);
  const tag = c.prepare('insert into tags (name) values (?)').run(`a&b"<c>`).lastInsertRowid;
  c.prepare('insert into question_tags (question_id, tag_id) values (?, ?)').run(hostile, tag);
  c.prepare("update questions set status = 'hidden' where id = ?").run(hiddenQuestion);
  c.prepare('update questions set closed_at = ?, duplicate_of_id = ? where id = ?').run(now - 3600_000, plain[0], duplicate);
  c.prepare('update questions set locked_at = ?, pinned_at = ? where id = ?').run(now - 3600_000, now - 3600_000, lockedPinned);
  c.prepare('update questions set deleted_at = ? where id = ?').run(now - 3600_000, deleted);
  const [hidden, pending] = c.prepare('select id from answers where question_id = ? order by id limit 2').all(moderated) as { id: number }[];
  c.prepare("update answers set status = 'hidden' where id = ?").run(hidden!.id);
  c.prepare("update answers set status = 'pending' where id = ?").run(pending!.id);
  const queue = (c.prepare('select id from case_queues order by id limit 1').get() as { id: number }).id;
  const addCase = c.prepare(
    "insert into cases (channel, status, priority, subject, body, locale, email, name, question_id, queue_id, tags, created_at, updated_at, status_changed_at) values ('thread', ?, 'normal', 'Caso', 'Texto', ?, 'a@example.com', 'Ana', ?, ?, '[]', ?, ?, ?)",
  );
  const openCase = addCase.run('open', 'es', withCase, queue, now, now, now).lastInsertRowid;
  addCase.run('solved', 'en', solvedCase, queue, now, now, now);
  // The open case acknowledged: its asker sees when to expect an answer and the articles suggested meanwhile.
  const suggestions = [{ title: 'Cómo <reiniciar> el "router" & más', url: '/es/kb/restablecer-contrasena?a=1&b="2"' }];
  c.prepare("insert into case_events (case_id, type, actor_kind, data, created_at) values (?, 'acknowledged', 'system', ?, ?)").run(openCase, JSON.stringify({ expectedBy: now + 3600_000, suggestions }), now);
  // Asked a minute ago and not solved: its asker is offered a human later (the asker_request rule's delay).
  const fresh = (
    c
      .prepare("select id from questions where locale = 'en' and deleted_at is null and status = 'published' and closed_at is null and id not in (select question_id from accepted_answers) order by id limit 1 offset 7")
      .get() as { id: number }
  ).id;
  c.prepare('update questions set created_at = ?, updated_at = ? where id = ?').run(now - 60_000, now - 60_000, fresh);
  const userOf = (role: string) => (c.prepare('select id from users where role = ? order by id limit 1').get(role) as { id: number }).id;
  // The dataset has no moderator: the last member becomes one.
  c.prepare("update users set role = 'moderator' where id = (select max(id) from users where role = 'member')").run();
  const sessions = { member: createSession(db, userOf('member'), now).token, agent: createSession(db, userOf('agent'), now).token, moderator: createSession(db, userOf('moderator'), now).token };
  // Each thread's asker signed in too: the owner's page offers accepting, editing, following, asking for a human.
  const owners = new Map<number, string>();
  const threads = [...plain, duplicate, lockedPinned, deleted, moderated, withCase, solvedCase, hostile, hiddenQuestion, fresh].map((id) => {
    const q = c.prepare('select id, slug, locale, author_id as authorId from questions where id = ?').get(id) as { id: number; slug: string; locale: 'es' | 'en'; authorId: number };
    if (!owners.has(q.authorId)) owners.set(q.authorId, createSession(db, q.authorId, now).token);
    return { ...q, ownerSession: owners.get(q.authorId)! };
  });
  c.close();
  // A thread that does not exist (404), the same for every reader.
  threads.push({ id: 2_000_000_000, slug: 'nothing-here', locale: 'es', authorId: 0, ownerSession: sessions.member });
  return { threads, sessions };
}

/**
 * Gives members the states a member page shows differently — 50 badges (the bench's profile member) with one revoked,
 * member of the month, superuser, suspended, an open nomination and rewards (shown to the member and admins), a name
 * that needs escaping, no posts at all — and makes an admin; the same in both copies. Returns the members and the
 * sessions of those who read their own page and of the admin.
 */
function prepareMemberStates(path: string, now: number) {
  const db = createDb(path);
  const c = db.$client;
  const one = <T>(sql: string, ...args: unknown[]) => c.prepare(sql).get(...args) as T;
  const memberWith = (offset: number) => one<{ id: number }>("select id from users where role = 'member' and id > 100 order by id limit 1 offset ?", offset).id;
  const [nominated, suspended, superuser, admin] = [memberWith(0), memberWith(1), memberWith(2), memberWith(3)];
  const silent = one<{ id: number } | undefined>('select id from users u where not exists (select 1 from questions where author_id = u.id) and not exists (select 1 from answers where author_id = u.id) order by id limit 1')?.id;
  const hostile = one<{ id: number } | undefined>("select id from users where display_name like 'Ana <script>%' limit 1")?.id;
  const HOSTILE = `<b>"x"</b> & 'y' — ✓`;
  c.prepare("update users set role = 'admin' where id = ?").run(admin);
  c.prepare("update users set role = 'superuser' where id = ?").run(superuser);
  c.prepare('update users set suspended_until = ?, suspended_reason = ? where id = ?').run(now + 7 * 86_400_000, 'spam', suspended);
  const badge = one<{ id: number }>('select id from member_badges where user_id = ? and revoked_at is null order by id limit 1', PROFILE_MEMBER).id;
  c.prepare('update member_badges set revoked_at = ?, revoked_by = ?, revoke_reason = ? where id = ?').run(now - 3_600_000, admin, `Votos cruzados ${HOSTILE}`, badge);
  // Members of the month for the previous months, in both languages (the periodic job leaves months it has alone).
  const month = (back: number) => new Date(Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth() - back, 1)).toISOString().slice(0, 7);
  const mom = c.prepare('insert or replace into members_of_the_month (month, locale, user_id, score, figures, computed_at) values (?, ?, ?, ?, ?, ?)');
  mom.run(month(1), 'es', PROFILE_MEMBER, 120, JSON.stringify({ accepted: 9, helpfulVotes: 31, rescued: 2 }), now);
  mom.run(month(2), 'es', PROFILE_MEMBER, 80, JSON.stringify({ accepted: 6, helpfulVotes: 20, rescued: 1 }), now);
  mom.run(month(1), 'en', superuser, 90, JSON.stringify({ accepted: 7, helpfulVotes: 12, rescued: 0 }), now);
  c.prepare("insert into superuser_nominations (user_id, nominated_by, status, created_at) values (?, ?, 'nominated', ?)").run(nominated, admin, now - 86_400_000);
  const reward = c.prepare("insert into rewards (name_es, name_en, cost, stock, active_from, created_at) values (?, 'T-shirt', 100, 5, ?, ?)").run(`Camiseta ${HOSTILE}`, now - 86_400_000, now - 86_400_000).lastInsertRowid;
  const redeem = c.prepare('insert into redemptions (reward_id, user_id, kind, cost, status, note, created_at) values (?, ?, ?, ?, ?, ?, ?)');
  redeem.run(reward, nominated, 'redeemed', 100, 'requested', '', now - 7_200_000);
  redeem.run(reward, nominated, 'granted', 0, 'fulfilled', `Enviada ${HOSTILE}`, now - 3_600_000);
  const sessions = { nominated: createSession(db, nominated, now).token, profile: createSession(db, PROFILE_MEMBER, now).token, admin: createSession(db, admin, now).token };
  c.close();
  const members = [PROFILE_MEMBER, nominated, suspended, superuser, admin, ...(silent ? [silent] : []), ...(hostile ? [hostile] : []), 2_000_000_000];
  return { members, sessions };
}

/** The member pages and leaderboards to compare, with the headers of each kind of reader. */
function reputationPages(members: number[], sessions: Record<'member' | 'agent' | 'moderator' | 'nominated' | 'profile' | 'admin', string>, site: string) {
  const person = { 'user-agent': PERSON };
  const signedIn = (token: string) => ({ ...person, cookie: `session=${token}` });
  const readers: [string, Record<string, string>][] = [
    ['person, rendered', { ...person, 'cache-control': 'no-cache' }],
    ['person, from the cache', person],
    ['crawler, rendered', { 'user-agent': CRAWLER, 'cache-control': 'no-cache' }],
    ['member', signedIn(sessions.member)],
    ['agent', signedIn(sessions.agent)],
    ['moderator', signedIn(sessions.moderator)],
    ['admin', signedIn(sessions.admin)],
    ['the nominated member', signedIn(sessions.nominated)],
    ['the profile member', signedIn(sessions.profile)],
  ];
  const pages: { path: string; headers: Record<string, string>; what: string; form?: Record<string, string> }[] = [];
  for (const locale of ['es', 'en']) {
    for (const id of members) for (const [name, headers] of readers) pages.push({ path: `/${locale}/members/${id}`, headers, what: `/${locale}/members/${id} (${name})` });
    const boards = ['', '?period=month', '?period=week&locale=es', '?locale=en', '?category=billing', '?tag=tag-1', '?staff=1', '?cursor=3000%3A1', '?category=nope', '?tag=%3Cb%3E%22x%22', '?limit=500', '?period=year', '?tag=tag-1&tag=tag-2&period=month'];
    for (const query of boards) for (const [name, headers] of readers.slice(0, 7)) pages.push({ path: `/${locale}/leaderboards${query}`, headers, what: `/${locale}/leaderboards${query} (${name})` });
    // Forms that fail and show the profile again with their error (Astro renders these, with the builders' form states).
    const moderator = { ...signedIn(sessions.moderator), origin: site };
    const profile = `/${locale}/members/${PROFILE_MEMBER}`;
    pages.push({ path: `${profile}?_action=reputation.revokeBadge`, headers: moderator, what: `${profile} (a revocation without a reason)`, form: { badgeId: '1', reason: 'x' } });
    pages.push({ path: `${profile}?_action=moderation.member`, headers: moderator, what: `${profile} (a suspension without a reason)`, form: { userId: String(PROFILE_MEMBER), action: 'suspend', reason: '', days: '7' } });
    pages.push({ path: `/${locale}/members/${members[1]}?_action=reputation.respond`, headers: { ...signedIn(sessions.nominated), origin: site }, what: `/${locale}/members/${members[1]} (an answer to a nomination that is not one)`, form: { nominationId: '999999', answer: 'accept' } });
    // The home page shows the member of the month too.
    for (const [name, headers] of readers.slice(0, 4)) pages.push({ path: `/${locale}/`, headers, what: `/${locale}/ (${name})` });
  }
  return pages;
}

interface Fetched {
  status: number;
  headers: [string, string][];
  body: string;
}

async function fetchPage(base: string, path: string, headers: Record<string, string>, form?: Record<string, string>): Promise<Fetched> {
  const res = await fetch(base + path, { headers, redirect: 'manual', ...(form ? { method: 'POST', body: new URLSearchParams(form) } : {}) });
  const body = (await res.text()).replace(VIEW_COUNT, '# $1');
  return { status: res.status, headers: [...res.headers].filter(([name]) => !PER_RESPONSE.has(name)), body };
}

/** The first difference of two pages, with some context. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at character ${i}: …${JSON.stringify(a.slice(Math.max(0, i - 80), i + 80))}… against …${JSON.stringify(b.slice(Math.max(0, i - 80), i + 80))}…`;
}

export async function benchSamePages(opts: SamePagesOptions, log: (line: string) => void) {
  const { dbPath } = prepareDataset(opts.size, false);
  const now = Date.now();
  const copies = ['bench-results/same-pages-this.db', 'bench-results/same-pages-other.db'];
  for (const copy of copies) for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
  copyFileSync(dbPath, copies[0]!);
  const { threads, sessions } = prepareStates(copies[0]!, now);
  const memberStates = prepareMemberStates(copies[0]!, now);
  copyFileSync(copies[0]!, copies[1]!);
  // Both servers write the same SITE_URL into their pages (canonical links, JSON-LD).
  const site = `http://127.0.0.1:${opts.port}`;
  const ports = [opts.port, opts.port + 1];
  const servers: ChildProcess[] = [
    startServer(copies[0]!, ports[0]!, { SITE_URL: site }),
    startServer(copies[1]!, ports[1]!, { SITE_URL: site }, undefined, `${opts.against}/server/entry.mjs`),
  ];
  try {
    await Promise.all(servers.map((s, i) => waitForReady(`http://127.0.0.1:${ports[i]}/readyz`, s)));
    type Thread = (typeof threads)[number];
    const variants: { name: string; headers: (q: Thread) => Record<string, string>; otherLocale?: boolean; slug?: string }[] = [
      { name: 'person, rendered', headers: () => ({ 'user-agent': PERSON, 'cache-control': 'no-cache' }) },
      { name: 'person, from the cache', headers: () => ({ 'user-agent': PERSON }) },
      { name: 'crawler, rendered', headers: () => ({ 'user-agent': CRAWLER, 'cache-control': 'no-cache' }) },
      { name: 'crawler, from the cache', headers: () => ({ 'user-agent': CRAWLER }) },
      { name: 'person, in the other language', headers: () => ({ 'user-agent': PERSON, 'cache-control': 'no-cache' }), otherLocale: true },
      { name: 'person with a visitor cookie', headers: () => ({ 'user-agent': PERSON, 'cache-control': 'no-cache', cookie: `vid=${'a'.repeat(32)}` }) },
      { name: 'member', headers: () => ({ 'user-agent': PERSON, cookie: `session=${sessions.member}` }) },
      { name: 'member, in the other language', headers: () => ({ 'user-agent': PERSON, cookie: `session=${sessions.member}` }), otherLocale: true },
      { name: 'agent', headers: () => ({ 'user-agent': PERSON, cookie: `session=${sessions.agent}` }) },
      { name: 'moderator', headers: () => ({ 'user-agent': PERSON, cookie: `session=${sessions.moderator}` }) },
      { name: 'the asker', headers: (q) => ({ 'user-agent': PERSON, cookie: `session=${q.ownerSession}` }) },
      { name: 'crawler with a session', headers: () => ({ 'user-agent': CRAWLER, cookie: `session=${sessions.member}` }) },
      { name: 'person, another slug (301)', headers: () => ({ 'user-agent': PERSON, 'cache-control': 'no-cache' }), slug: 'another-slug' },
      { name: 'member, another slug (301)', headers: () => ({ 'user-agent': PERSON, cookie: `session=${sessions.member}` }), slug: 'another-slug' },
    ];
    let compared = 0;
    let bytes = 0;
    const statuses = new Map<number, number>();
    const differences: string[] = [];
    // What the compared pages showed, so a state that no longer shows is noticed.
    const MARKERS: Record<string, string> = {
      'moderation panel': 'id="mod-category"',
      'case badge': '<div class="case-badge" role="status">',
      'case suggestions': 'Cómo &lt;reiniciar&gt;',
      'ask for a human now': 'class="case-badge"><input type="hidden" name="questionId"',
      'ask for a human later': '<p class="meta case-badge">',
      'escalate (staff)': 'id="escalate-priority"',
      'accept form': 'name="answerId"',
      'answer form': 'id="answer-body"',
      'hidden answer': 'class="alert error" role="status">',
      'escaped title': '&lt;script&gt;alert(&quot;x&quot;)',
      'field error': 'aria-invalid="true"',
      'form error': 'role="alert"',
      'flag sent': 'class="alert ok" role="status"',
    };
    const shown = new Map<string, number>();
    const compare = async (path: string, headers: Record<string, string>, what: string, form?: Record<string, string>) => {
      const [mine, theirs] = [await fetchPage(`http://127.0.0.1:${ports[0]}`, path, headers, form), await fetchPage(`http://127.0.0.1:${ports[1]}`, path, headers, form)];
      for (const [name, marker] of Object.entries(MARKERS)) if (mine.body.includes(marker)) shown.set(name, (shown.get(name) ?? 0) + 1);
      compared++;
      statuses.set(mine.status, (statuses.get(mine.status) ?? 0) + 1);
      bytes += Buffer.byteLength(mine.body);
      if (mine.status !== theirs.status) differences.push(`${what}: status ${mine.status} against ${theirs.status}`);
      else if (JSON.stringify(mine.headers) !== JSON.stringify(theirs.headers)) differences.push(`${what}: headers ${JSON.stringify(mine.headers)} against ${JSON.stringify(theirs.headers)}`);
      else if (mine.body !== theirs.body) differences.push(`${what}: body ${firstDifference(mine.body, theirs.body)}`);
    };
    for (const q of threads) {
      for (const variant of variants) {
        const locale = variant.otherLocale ? (q.locale === 'es' ? 'en' : 'es') : q.locale;
        const path = `/${locale}/questions/${q.id}/${variant.slug ?? q.slug}`;
        await compare(path, variant.headers(q), `${path} (${variant.name})`);
      }
    }
    // Forms that fail and show the page again with their error (Astro renders these: the builders' form states).
    const member = { 'user-agent': PERSON, cookie: `session=${sessions.member}`, origin: site };
    for (const q of threads.slice(0, 3)) {
      const path = `/${q.locale}/questions/${q.id}/${q.slug}`;
      await compare(`${path}?_action=community.answer`, member, `${path} (an empty answer)`, { questionId: String(q.id), body: '' });
      await compare(`${path}?_action=community.comment`, member, `${path} (an empty comment)`, { postId: String(q.id), body: '  ' });
      await compare(`${path}?_action=community.vote`, { ...member, cookie: `session=${q.ownerSession}` }, `${path} (the asker votes on their own question)`, { postId: String(q.id), value: '1' });
      await compare(`${path}?_action=community.flag`, member, `${path} (a flag without reputation)`, { postId: String(q.id), targetType: 'question', reason: 'spam' });
    }
    // Other pages, for the layout they share with the thread page (src/layouts/layout-html.ts).
    const readers = variants.filter((v) => ['person, rendered', 'member', 'agent', 'moderator'].includes(v.name));
    const others = ['/es/about', '/en/about', '/es/', '/en/questions', '/es/questions?tag=tag-1', '/es/kb', '/es/leaderboards', '/en/badges', '/es/search?q=router', '/es/account'];
    for (const path of others) for (const variant of readers) await compare(path, variant.headers(threads[0]!), `${path} (${variant.name})`);
    const memberPages = reputationPages(memberStates.members, { ...sessions, ...memberStates.sessions }, site);
    for (const page of memberPages) await compare(page.path, page.headers, page.what, page.form);
    // Again, once the lists the first pass rendered are stored (src/lib/reputation/page-lists.ts: the server
    // writes them within 250 ms of the page that rendered them): this time most member pages are written from their stored lists.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const again = memberPages.filter((page) => !page.form && page.path.includes('/members/'));
    for (const page of again) await compare(page.path, page.headers, `${page.what}, again`);
    log(`Compared ${compared} pages (${threads.length} threads × ${variants.length} kinds of reader, 4 failing forms on 3 threads, then ${others.length} other pages × ${readers.length}, then ${memberPages.length} member pages, leaderboards and home pages, and the ${again.length} member pages again; ${Math.round(bytes / 1024)} KB; statuses ${[...statuses].map(([status, n]) => `${status} ×${n}`).join(', ')}) of this build with ${opts.against}: ${differences.length} differ.`);
    log(`  Shown: ${Object.keys(MARKERS).map((name) => `${name} ×${shown.get(name) ?? 0}`).join(', ')}.`);
    for (const d of differences) log(`  ${d}`);
    return { compared, bytes, statuses: Object.fromEntries(statuses), differences };
  } finally {
    for (const s of servers) s.kill('SIGTERM');
  }
}
