import { describe, expect, it } from 'vitest';
import { badgesHtml, memberAnswersHtml, memberPageHtml, pageListsFingerprint, pageListsHtml, reputationPanelHtml, type MemberPageHtmlOptions } from '../../../src/components/reputation/profile-html';
import type { MemberAnswer, MemberProfile } from '../../../src/lib/community/member-profile';
import { translator } from '../../../src/lib/i18n/index';
import type { MemberBadge } from '../../../src/lib/reputation/award-badges';
import type { MemberReputation } from '../../../src/lib/reputation/profile';

const es = { locale: 'es' as const, t: translator('es') };
const en = { locale: 'en' as const, t: translator('en') };
const HOSTILE = `<script>alert("x")</script>'&`;
const AT = Date.UTC(2026, 7, 13, 12);
const REVOKE = '?_action=reputation.revokeBadge';

const badge = (over: Partial<MemberBadge> = {}): MemberBadge => ({ id: 5, slug: 'great-answer', name: 'Great answer', tier: 'gold', subjectId: 9, awardedAt: AT, revokedAt: null, revokeReason: null, ...over });
const answer = (over: Partial<MemberAnswer> = {}): MemberAnswer => ({ id: 12, questionId: 3, title: 'Router drops', slug: 'router-drops', locale: 'en', score: 4, accepted: true, createdAt: AT, ...over });

describe('badgesHtml', () => {
  it('writes each badge with its tier for screen readers and its date, in the page language', () => {
    expect(badgesHtml(en, { badges: [badge()], canRevokeBadges: false }, REVOKE)).toBe(
      '<li><span class="badge-chip gold"><span class="dot" aria-hidden="true">&#9679;</span> Great answer<span class="visually-hidden"> (Gold)</span></span><span class="meta"> 13 Aug 2026</span></li>',
    );
    expect(badgesHtml(es, { badges: [badge({ tier: 'bronze', name: 'Primera respuesta' })], canRevokeBadges: false }, REVOKE)).toContain('Primera respuesta<span class="visually-hidden"> (Bronce)</span>');
  });

  it('gives moderators a labelled revoke form beside each badge held, and shows revoked badges with their reason', () => {
    const html = badgesHtml(en, { badges: [badge(), badge({ id: 6, revokedAt: AT, revokeReason: 'gamed' })], canRevokeBadges: true }, REVOKE);
    expect(html.match(/<form /g)).toHaveLength(1);
    expect(html).toContain(`<form method="post" action="${REVOKE}" class="inline-form"><input type="hidden" name="badgeId" value="5">`);
    expect(html).toContain('<label class="visually-hidden" for="rb-5">Reason for revoking</label><input id="rb-5" name="reason" required minlength="3" maxlength="500"');
    expect(html).toContain('aria-label="Revoke: Great answer"');
    expect(html).toContain('<span class="meta"> · Revoked: gamed</span>');
    expect(badgesHtml(en, { badges: [badge()], canRevokeBadges: false }, REVOKE)).not.toContain('<form');
  });

  it('escapes names and reasons as Astro escapes expressions', () => {
    const html = badgesHtml(en, { badges: [badge({ name: HOSTILE }), badge({ id: 6, revokedAt: AT, revokeReason: HOSTILE })], canRevokeBadges: true }, REVOKE);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;');
  });
});

describe('memberAnswersHtml', () => {
  it('links each answer in its thread with its votes and date; ✓ only where asked', () => {
    expect(memberAnswersHtml(en, [answer()], true)).toBe(
      '<li><span class="badge solved">&#10003;</span> <a href="/en/questions/3/router-drops#answer-12">Router drops</a> <span class="meta">· 4 votes · 13 Aug 2026</span></li>',
    );
    expect(memberAnswersHtml(en, [answer()], false)).not.toContain('&#10003;');
    expect(memberAnswersHtml(es, [answer({ accepted: false, score: 1 })], true)).toBe(
      '<li><a href="/en/questions/3/router-drops#answer-12">Router drops</a> <span class="meta">· 1 voto · 13 ago 2026</span></li>',
    );
    expect(memberAnswersHtml(en, [answer({ title: HOSTILE })], true)).not.toContain('<script>');
  });
});

const PATHS = { member: '?_action=moderation.member', revokeBadge: REVOKE, respond: '?_action=reputation.respond' };
const NO_ERRORS = { member: null, revokeBadge: null, respond: null };
const P = 'data-astro-cid-cxs2asv6';
const R = 'data-astro-cid-so6nrtj5';

const rep = (over: Partial<MemberReputation> = {}): MemberReputation => ({
  userId: 9,
  displayName: 'Ana',
  role: 'member',
  reputation: 1234,
  balance: null,
  rank: 17,
  trustLevel: 2,
  badges: [badge()],
  badgeCounts: { gold: 1, silver: 0, bronze: 0 },
  privileges: [
    { privilege: 'flag', threshold: 15, held: true },
    { privilege: 'seeFlagQueue', threshold: 5000, held: false },
  ],
  next: { privilege: 'seeFlagQueue', threshold: 5000, missing: 3766 },
  redemptions: null,
  nomination: null,
  membersOfTheMonth: [],
  canRevokeBadges: false,
  ...over,
});

const profile = (over: Partial<MemberProfile> = {}): MemberProfile => ({
  listVersion: 0,
  id: 9,
  displayName: 'Ana',
  role: 'member',
  locale: 'es',
  createdAt: AT,
  suspendedUntil: null,
  counts: { questions: 0, answers: 1, accepted: 1 },
  questions: [],
  answers: [answer()],
  accepted: [answer()],
  ...over,
});

const lists = (ctx: typeof en | typeof es, p: MemberProfile) => pageListsHtml(ctx, { ...p, badges: rep().badges }, false, REVOKE);

const options = (over: Partial<MemberPageHtmlOptions> = {}): MemberPageHtmlOptions => ({ suspendedUntil: null, maySuspend: false, showLedger: false, paths: PATHS, errors: NO_ERRORS, ...over });

describe('reputationPanelHtml', () => {
  it('writes points, rank, trust level, badge counts and the privilege ladder in the page language, every element in the panel scope', () => {
    const html = reputationPanelHtml(en, rep(), badgesHtml(en, rep(), REVOKE), { showLedger: false, paths: PATHS, errors: NO_ERRORS });
    expect(html.startsWith(`<section class="reputation" aria-labelledby="rep-h" ${R}><h2 id="rep-h" ${R}>Reputation</h2>`)).toBe(true);
    expect(html).toContain(`<li ${R}>&#10003; Flag posts <span class="meta" ${R}>(15 points)</span></li><li ${R}>· See the flag queue <span class="meta" ${R}>(5000 points)</span></li>`);
    expect(html).toContain(`<ul class="badges" ${R}>${badgesHtml(en, rep(), REVOKE)}</ul>`);
    // Outside the badge list (written into it as HTML, unscoped), every element carries the panel's scope.
    const outside = html.replace(badgesHtml(en, rep(), REVOKE), '');
    for (const tag of outside.match(/<[a-z0-9]+(?: [^>]*)?>/g)!) expect(tag).toContain(R);
    const es = reputationPanelHtml({ locale: 'es', t: translator('es') }, rep(), '', { showLedger: true, paths: PATHS, errors: NO_ERRORS });
    expect(es).toContain('Puesto n.º 17');
    expect(es).toContain(`<a href="/es/members/9/reputation" ${R}>`);
  });

  it('shows the member their nomination and rewards, escaped, and a form error by its message', () => {
    const html = reputationPanelHtml(
      en,
      rep({ role: 'superuser', balance: 40, nomination: { id: 3, createdAt: AT }, redemptions: [{ id: 1, rewardId: 2, rewardName: HOSTILE, userId: 9, memberName: 'Ana', kind: 'redeemed', cost: 10, status: 'fulfilled', note: HOSTILE, createdAt: AT, handledAt: AT }] }),
      '',
      { showLedger: false, paths: PATHS, errors: { member: null, revokeBadge: 'field.tooShort', respond: 'error.conflict' } },
    );
    expect(html).toContain(`Reputation &#9733;</h2>`);
    // Characters beyond Latin-1 in the builders' own text are references: the page stays a one-byte string.
    expect(html).not.toMatch(/[\u0100-\uffff]/);
    expect(html).toContain(`<form method="post" action="?_action=reputation.respond" class="inline-form" ${R}><input type="hidden" name="nominationId" value="3" ${R}>`);
    expect(html).toContain(`<p class="error" ${R}>${translator('en')('error.conflict')}</p>`);
    expect(html).toContain(`<p class="alert error" role="alert" ${R}>${translator('en')('field.tooShort')}</p>`);
    expect(html).not.toContain('<script>');
    expect(html).toContain(`&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp; &#8212; <strong ${R}>`);
  });
});

describe('memberPageHtml', () => {
  it('writes the page body in the page scope, with the panel, the lists and no moderation for a visitor', () => {
    const html = memberPageHtml(en, profile({ displayName: HOSTILE }), rep(), lists(en, profile()), options());
    expect(html.startsWith(`<div class="medium" ${P}><h1 ${P}>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;</h1><p class="meta" ${P}>Member since 13 Aug 2026</p>`)).toBe(true);
    expect(html).toContain(`<ul class="stats" ${P}><li ${P}><strong ${P}>0</strong> Questions</li>`);
    expect(html).toContain(`<h2 ${P}>Questions</h2><p ${P}>None yet.</p>`.replace('None yet.', translator('en')('members.none')));
    expect(html).toContain(`<ul class="answers" ${P}>${memberAnswersHtml(en, [answer()], false)}</ul>`);
    expect(html).not.toContain('mod-tools');
    expect(html.endsWith('</div>')).toBe(true);
  });

  it('gives moderators the suspension form, and the lifting form with the date to a suspended member', () => {
    const open = memberPageHtml(en, profile(), rep(), lists(en, profile()), options({ maySuspend: true }));
    expect(open).toContain(`<form method="post" action="?_action=moderation.member" ${P}><input type="hidden" name="userId" value="9" ${P}><input type="hidden" name="action" value="suspend" ${P}>`);
    expect(open).toContain(`<input id="mod-reason" name="reason" maxlength="500" required ${P}><label for="mod-days" ${P}>`);
    const lifted = memberPageHtml(es, profile(), rep(), lists(es, profile()), options({ maySuspend: true, suspendedUntil: AT, errors: { ...NO_ERRORS, member: 'error.form' } }));
    expect(lifted).toContain(` · <span class="badge" ${P}>Suspendido hasta 13 ago 2026</span></p>`);
    expect(lifted).toContain(`value="unsuspend" ${P}>`);
    expect(lifted).toContain(`<input id="mod-reason" name="reason" maxlength="500" ${P}><button`);
    expect(lifted).toContain(`<div class="alert error" role="alert" ${P}>${translator('es')('error.form')}</div>`);
  });
});

describe('pageListsHtml', () => {
  it('writes the items of each list (empty for none) and counts the badges held per tier, revoked ones left out', () => {
    const html = pageListsHtml(en, { questions: [], answers: [answer({ accepted: false })], accepted: [answer()], badges: [badge(), badge({ id: 6, tier: 'bronze' }), badge({ id: 7, tier: 'bronze', revokedAt: AT, revokeReason: 'spam' })] }, false, REVOKE);
    expect(html.badgeCounts).toEqual({ gold: 1, silver: 0, bronze: 1 });
    expect(html.questions).toBe('');
    expect(html.accepted).toBe(memberAnswersHtml(en, [answer()], false));
    expect(html.answers).toBe(memberAnswersHtml(en, [answer({ accepted: false })], true));
    expect(html.badges).toBe(badgesHtml(en, { badges: [badge(), badge({ id: 6, tier: 'bronze' }), badge({ id: 7, tier: 'bronze', revokedAt: AT, revokeReason: 'spam' })], canRevokeBadges: false }, REVOKE));
  });

  it('fingerprints the markup per language: the same in one process, different across languages', () => {
    expect(pageListsFingerprint('es')).toMatch(/^[\w-]{22}$/);
    expect(pageListsFingerprint('es')).toBe(pageListsFingerprint('es'));
    expect(pageListsFingerprint('en')).not.toBe(pageListsFingerprint('es'));
  });
});
