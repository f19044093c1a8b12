import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { membersOfTheMonth, reputationScores, users } from '../../../db/schema/index';
import { leaderboardPageRenderer } from '../../../src/components/reputation/leaderboard-page';
import { MEMBER_ROUTE, memberPageRenderer } from '../../../src/components/reputation/member-page';
import { translator } from '../../../src/lib/i18n/index';
import type { Actor } from '../../../src/lib/auth/sessions';
import type { AppContext } from '../../../src/lib/server/context';
import type { DirectRequest, PageRenderer } from '../../../src/web/direct-pages';
import { createMember, createTestDb } from '../../helpers/db';
import { NOW } from '../../helpers/time';

const SITE = 'https://resuelve.test';
const HOSTILE = `<script>alert("x")</script> & 'c'`;
const ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;c&#39;';
const SHEETS = '<link rel="stylesheet" href="/_astro/x.css">';
const PATHS = { member: '?_action=moderation.member', revokeBadge: '?_action=reputation.revokeBadge', respond: '?_action=reputation.respond' };

async function setup() {
  const db = createTestDb();
  const member = await createMember(db);
  db.update(users).set({ displayName: `Ana ${HOSTILE}` }).where(eq(users.id, member.id)).run();
  const other = await createMember(db, 'member', { locale: 'en' });
  const moderator = await createMember(db, 'moderator');
  db.insert(reputationScores).values([{ scope: 'all', userId: member.id, points: 1500 }, { scope: 'all', userId: other.id, points: 12000 }]).run();
  db.insert(membersOfTheMonth).values({ month: '2026-10', locale: 'es', userId: member.id, score: 30, figures: { accepted: 3, helpfulVotes: 0, rescued: 0 }, computedAt: NOW }).run();
  const ctx = { db, config: { SITE_URL: SITE } } as unknown as AppContext;
  return { ctx, member: { ...member, displayName: `Ana ${HOSTILE}` } as Actor, other, moderator };
}

function serve(renderer: PageRenderer, path: string, actor: Actor | null = null) {
  const match = renderer.path.exec(path);
  if (!match) return 'no match';
  const locale = path.startsWith('/en/') ? 'en' : 'es';
  const request: DirectRequest = { path, match, locale, t: translator(locale), actor, bot: false, viewer: { memberId: actor?.id ?? null, visitorId: null, ip: '203.0.113.1', userAgent: 'Firefox' }, now: NOW, stylesheets: SHEETS };
  return renderer.render(request);
}

describe('the member page rendered without Astro', () => {
  it('renders a member page for a visitor: title, canonical, JSON-LD, stylesheets and the escaped name', async () => {
    const { ctx, member } = await setup();
    const page = serve(memberPageRenderer(ctx, PATHS), `/es/members/${member.id}`);
    if (!page || typeof page === 'string') throw new Error('no page');
    expect(page.status).toBe(200);
    expect(page.headers).toEqual([['content-type', 'text/html']]);
    expect(page.body.startsWith('<!DOCTYPE html><html lang="es"><head><meta charset="utf-8">')).toBe(true);
    expect(page.body).toContain(`<title>Ana ${ESCAPED} · Resuelve</title>`);
    expect(page.body).toContain(`<meta name="robots" content="noindex, follow">`); // no posts yet
    expect(page.body).toContain(`<link rel="canonical" href="${SITE}/es/members/${member.id}">`);
    expect(page.body).toContain(`${SHEETS}</head>`);
    expect(page.body).toContain(`>Ana ${ESCAPED}</h1>`);
    expect(page.body).toContain('Miembro del mes: octubre de 2026');
    expect(page.body).toContain('<a href="/es/signin?next=%2Fes%2Fmembers%2F');
    expect(page.body).not.toContain('mod-tools');
    // In an attribute value Astro escapes `&` and `"` only, which keeps the value inside its quotes.
    expect(page.body).toContain(`<meta name="description" content="Perfil de Ana <script>alert(&quot;x&quot;)</script> &amp; 'c' en la comunidad`);
    expect(page.body.match(/<script/g)).toHaveLength(2);
    expect(page.body.match(/<script type="application\/ld\+json">/g)).toHaveLength(1);
  });

  it('gives a moderator the suspension form and the member their ledger link, in the page language', async () => {
    const { ctx, member, moderator } = await setup();
    const renderer = memberPageRenderer(ctx, PATHS);
    const forModerator = serve(renderer, `/en/members/${member.id}`, moderator);
    if (!forModerator || typeof forModerator === 'string') throw new Error('no page');
    expect(forModerator.body).toContain(`<form method="post" action="?_action=moderation.member"`);
    expect(forModerator.body).toContain('>Sign out</button>');
    const forMember = serve(renderer, `/es/members/${member.id}`, member);
    if (!forMember || typeof forMember === 'string') throw new Error('no page');
    expect(forMember.body).toContain(`href="/es/members/${member.id}/reputation"`);
    expect(forMember.body).not.toContain('mod-tools');
  });

  it('leaves a missing member, an id written otherwise and other paths to Astro', async () => {
    const { ctx, member } = await setup();
    const renderer = memberPageRenderer(ctx, PATHS);
    expect(renderer.route).toBe(MEMBER_ROUTE);
    expect(serve(renderer, '/es/members/999999')).toBeNull();
    for (const path of [`/es/members/0${member.id}`, `/es/members/${member.id}/`, `/es/members/${member.id}/reputation`, `/fr/members/${member.id}`]) expect(serve(renderer, path)).toBe('no match');
  });
});

describe('the leaderboard rendered without Astro', () => {
  it('renders the first page with the member of the month, ranks and escaped names', async () => {
    const { ctx, member, other } = await setup();
    const renderer = leaderboardPageRenderer(ctx);
    const es = serve(renderer, '/es/leaderboards');
    if (!es || typeof es === 'string') throw new Error('no page');
    expect(es.status).toBe(200);
    expect(es.body).toContain('<title>Clasificación · Resuelve</title>');
    expect(es.body).toContain(`<link rel="canonical" href="${SITE}/es/leaderboards">`);
    expect(es.body).toContain('<a href="/es/leaderboards" aria-current="page">');
    expect(es.body).toContain(`<a href="/es/members/${member.id}" data-astro-cid-xrcabs7e>Ana ${ESCAPED}</a>`);
    expect(es.body).toMatch(new RegExp(`<td data-astro-cid-dyxze3ji>1</td><td data-astro-cid-dyxze3ji><a href="/es/members/${other.id}"[^>]*>[^<]+</a></td><td class="num" data-astro-cid-dyxze3ji>12.000</td>`));
    const en = serve(renderer, '/en/leaderboards');
    if (!en || typeof en === 'string') throw new Error('no page');
    expect(en.body).toContain('>12,000</td>');
    expect(en.body).not.toContain('class="mom"'); // no member of the month in English yet
    expect(serve(renderer, '/es/leaderboards/')).toBe('no match');
  });
});
