import { describe, expect, it } from 'vitest';
import { badgesHtml, memberAnswersHtml } from '../../../src/components/reputation/profile-html';
import type { MemberAnswer } from '../../../src/lib/community/member-profile';
import { translator } from '../../../src/lib/i18n/index';
import type { MemberBadge } from '../../../src/lib/reputation/award-badges';

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
      '<li><span class="badge-chip gold"><span class="dot" aria-hidden="true">●</span> Great answer<span class="visually-hidden"> (Gold)</span></span><span class="meta"> 13 Aug 2026</span></li>',
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
      '<li><span class="badge solved">✓</span> <a href="/en/questions/3/router-drops#answer-12">Router drops</a> <span class="meta">· 4 votes · 13 Aug 2026</span></li>',
    );
    expect(memberAnswersHtml(en, [answer()], false)).not.toContain('✓');
    expect(memberAnswersHtml(es, [answer({ accepted: false, score: 1 })], true)).toBe(
      '<li><a href="/en/questions/3/router-drops#answer-12">Router drops</a> <span class="meta">· 1 voto · 13 ago 2026</span></li>',
    );
    expect(memberAnswersHtml(en, [answer({ title: HOSTILE })], true)).not.toContain('<script>');
  });
});
