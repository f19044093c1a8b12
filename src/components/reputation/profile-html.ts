/**
 * The member page's body (members/[id].astro) as one HTML string, the reputation panel included: a profile with 50
 * badges spent more rendering Astro markup than on the rest of the page, and the string serves both the Astro page and
 * the server's own render path. Every value is escaped here, as Astro escapes expressions (text) and attributes (`&`
 * and `"`); elements carry the `data-astro-cid-*` attribute of the component whose `<style>` styles them, so the
 * bytes are those Astro's templates wrote. The markup's own characters beyond Latin-1 (● ✓ ★ —) are numeric character
 * references, so a page whose members wrote Latin-1 text stays a one-byte string (see `oneByteHtml`).
 */
import { questionPath } from '../../lib/community/slug';
import { createHash } from 'node:crypto';
import type { MemberAnswer, MemberLists, MemberSummary } from '../../lib/community/member-profile';
import type { PageListsHtml } from '../../lib/reputation/page-lists';
import { formatDate, formatMonth, translate, translator, type Locale, type Translate } from '../../lib/i18n/index';
import type { MemberBadge } from '../../lib/reputation/award-badges';
import type { MemberReputation } from '../../lib/reputation/profile';
import { escapeHtml, oneByteHtml } from '../community/post-html';
import { escapeAttribute, questionListHtml, rememberedText, votesHtml } from '../community/question-list-html';

interface ProfileHtmlContext {
  locale: Locale;
  t: Translate;
}

/** Scope attributes of the components whose styles the markup keeps: members/[id].astro and ReputationPanel.astro. */
export const MEMBER_PAGE_SCOPE = 'cxs2asv6';
export const REPUTATION_PANEL_SCOPE = 'so6nrtj5';
const P = ` data-astro-cid-${MEMBER_PAGE_SCOPE}`;
const R = ` data-astro-cid-${REPUTATION_PANEL_SCOPE}`;

/** The `action` attributes of the page's forms (profile-actions.ts). */
export interface ProfileFormPaths {
  member: string;
  revokeBadge: string;
  respond: string;
}

/** Message keys of the errors of a form sent to the page (its action result); null when none was sent or it succeeded. */
export interface ProfileFormErrors {
  member: string | null;
  revokeBadge: string | null;
  respond: string | null;
}

export const NO_FORM_ERRORS: ProfileFormErrors = { member: null, revokeBadge: null, respond: null };

/** The badges' list items; moderators get a revoke form beside each badge held (`revokePath`: the form's action). */
export function badgesHtml({ locale, t }: ProfileHtmlContext, rep: Pick<MemberReputation, 'badges' | 'canRevokeBadges'>, revokePath: string): string {
  const tiers = { gold: escapeHtml(t('badges.tier.gold')), silver: escapeHtml(t('badges.tier.silver')), bronze: escapeHtml(t('badges.tier.bronze')) };
  const reasonLabel = escapeHtml(t('badges.revokeReason'));
  const revoke = escapeHtml(t('badges.revoke'));
  let html = '';
  for (const b of rep.badges) {
    const name = escapeHtml(b.name);
    html += `<li><span class="badge-chip ${b.tier}"><span class="dot" aria-hidden="true">&#9679;</span> ${name}<span class="visually-hidden"> (${tiers[b.tier]})</span></span>`;
    html += `<span class="meta"> ${escapeHtml(formatDate(locale, b.awardedAt))}</span>`;
    if (b.revokedAt !== null) html += `<span class="meta"> · ${escapeHtml(t('badges.revoked', { reason: b.revokeReason ?? '' }))}</span>`;
    else if (rep.canRevokeBadges) {
      html +=
        `<form method="post" action="${escapeHtml(revokePath)}" class="inline-form"><input type="hidden" name="badgeId" value="${b.id}">` +
        `<label class="visually-hidden" for="rb-${b.id}">${reasonLabel}</label>` +
        `<input id="rb-${b.id}" name="reason" required minlength="3" maxlength="500" placeholder="${reasonLabel}">` +
        `<button type="submit" class="secondary" aria-label="${revoke}: ${name}">${revoke}</button></form>`;
    }
    html += '</li>';
  }
  return html;
}

/** A list of the member's answers: a link to each in its thread, its votes and date (✓ when accepted and `markAccepted`). */
export function memberAnswersHtml({ locale, t }: ProfileHtmlContext, items: MemberAnswer[], markAccepted: boolean): string {
  let html = '';
  for (const a of items) {
    const href = `${questionPath(a.locale, { id: a.questionId, slug: a.slug })}#answer-${a.id}`;
    html += `<li>${markAccepted && a.accepted ? '<span class="badge solved">&#10003;</span> ' : ''}<a href="${escapeHtml(href)}">${escapeHtml(a.title)}</a>`;
    html += ` <span class="meta">· ${votesHtml(locale, t, a.score)} · ${escapeHtml(formatDate(locale, a.createdAt))}</span></li>`;
  }
  return html;
}

const PANEL_KEYS = ['reputation.title', 'reputation.privileges', 'reputation.allPrivileges', 'badges.title', 'badges.none', 'rewards.mine', 'members.none', 'reputation.ledger', 'superusers.invited', 'superusers.accept', 'superusers.decline'] as const;
const PAGE_KEYS = ['members.questions', 'members.answers', 'members.accepted', 'members.none', 'home.allQuestions', 'thread.moderation', 'moderation.reason', 'moderation.days', 'moderation.suspend', 'moderation.unsuspend'] as const;
type LabelKey = (typeof PANEL_KEYS)[number] | (typeof PAGE_KEYS)[number];
const LABELS = new Map<Locale, Record<LabelKey, string>>();

/** The page's fixed texts, translated and escaped once per language (characters beyond Latin-1 as references: oneByteHtml). */
function labels(locale: Locale): Record<LabelKey, string> {
  let l = LABELS.get(locale);
  if (!l) {
    l = Object.fromEntries([...PANEL_KEYS, ...PAGE_KEYS].map((key) => [key, oneByteHtml(translate(locale, key))])) as Record<LabelKey, string>;
    LABELS.set(locale, l);
  }
  return l;
}

/** One step of the privilege ladder, escaped; the ladder changes only with the settings, so its items are remembered. */
function privilegeHtml(locale: Locale, t: Translate, p: MemberReputation['privileges'][number]): string {
  const item = rememberedText(locale, `privilege.${p.privilege}`, p.threshold, () => `${escapeHtml(t(`privilege.${p.privilege}`))} <span class="meta"${R}>(${escapeHtml(t('reputation.points', { n: p.threshold }))})</span>`);
  return `<li${R}>${p.held ? '&#10003;' : '·'} ${item}</li>`;
}

/** ReputationPanel's section: points, rank, trust level, badges, privileges, rewards and the nomination to answer. */
export function reputationPanelHtml({ locale, t }: ProfileHtmlContext, rep: MemberReputation, badges: string, options: { showLedger: boolean; paths: ProfileFormPaths; errors: ProfileFormErrors }): string {
  const l = labels(locale);
  const { paths, errors } = options;
  let html = `<section class="reputation" aria-labelledby="rep-h"${R}><h2 id="rep-h"${R}>${l['reputation.title']}${rep.role === 'superuser' ? ' &#9733;' : ''}</h2>`;
  html += `<ul class="stats"${R}><li${R}><strong${R}>${escapeHtml(t('reputation.points', { n: rep.reputation }))}</strong></li>`;
  if (rep.rank !== null) html += `<li${R}>${escapeHtml(t('reputation.rank', { n: rep.rank }))}</li>`;
  html += `<li${R}>${escapeHtml(t('reputation.trustLevel', { n: rep.trustLevel }))}</li><li${R}>${escapeHtml(t('badges.counts', rep.badgeCounts))}</li>`;
  if (rep.balance !== null) html += `<li${R}>${escapeHtml(t('reputation.balance', { n: rep.balance }))}</li>`;
  html += '</ul>';
  if (rep.membersOfTheMonth.length > 0) html += `<p${R}>&#9733; ${escapeHtml(t('mom.history', { months: rep.membersOfTheMonth.map((m) => formatMonth(locale, m.month)).join(', ') }))}</p>`;
  if (rep.nomination) {
    html += `<div class="alert ok" role="status"${R}><p${R}>${l['superusers.invited']}</p>`;
    if (errors.respond) html += `<p class="error"${R}>${escapeHtml(t(errors.respond))}</p>`;
    html +=
      `<form method="post" action="${escapeAttribute(paths.respond)}" class="inline-form"${R}><input type="hidden" name="nominationId" value="${rep.nomination.id}"${R}>` +
      `<button type="submit" name="answer" value="accept"${R}>${l['superusers.accept']}</button><button type="submit" name="answer" value="decline" class="secondary"${R}>${l['superusers.decline']}</button></form></div>`;
  }
  const next = rep.next ? escapeHtml(t('reputation.next', { privilege: t(`privilege.${rep.next.privilege}`), threshold: rep.next.threshold, missing: rep.next.missing })) : l['reputation.allPrivileges'];
  html += `<p${R}>${next}</p><details${R}><summary${R}>${l['reputation.privileges']}</summary><ul class="privileges"${R}>`;
  for (const p of rep.privileges) html += privilegeHtml(locale, t, p);
  html += `</ul></details><h3${R}>${l['badges.title']}</h3>`;
  if (errors.revokeBadge) html += `<p class="alert error" role="alert"${R}>${escapeHtml(t(errors.revokeBadge))}</p>`;
  html += badges === '' ? `<p${R}>${l['badges.none']}</p>` : `<ul class="badges"${R}>${badges}</ul>`;
  if (rep.redemptions) {
    html += `<h3${R}>${l['rewards.mine']}</h3>`;
    if (rep.redemptions.length === 0) html += `<p${R}>${l['members.none']}</p>`;
    else {
      html += `<ul class="badges"${R}>`;
      for (const r of rep.redemptions) {
        html += `<li${R}>${escapeHtml(r.rewardName)} &#8212; <strong${R}>${escapeHtml(t(`rewards.status.${r.status}`))}</strong> <span class="meta"${R}>· ${escapeHtml(formatDate(locale, r.createdAt))}</span>`;
        if (r.note) html += ` · ${escapeHtml(r.note)}`;
        html += '</li>';
      }
      html += '</ul>';
    }
  }
  if (options.showLedger) html += `<p${R}><a href="/${locale}/members/${rep.userId}/reputation"${R}>${l['reputation.ledger']}</a></p>`;
  return html + '</section>';
}

export interface MemberPageHtmlOptions {
  /** Since when the member is suspended, when they are now. */
  suspendedUntil: number | null;
  /** Whether the reader may suspend the member (or lift the suspension): the moderation form. */
  maySuspend: boolean;
  showLedger: boolean;
  paths: ProfileFormPaths;
  errors: ProfileFormErrors;
}

/** The member page's `<div class="medium">`: name, counts, the reputation panel, moderation, questions and answers. */
export function memberPageHtml(ctx: ProfileHtmlContext, profile: MemberSummary, rep: MemberReputation, lists: PageListsHtml, options: MemberPageHtmlOptions): string {
  const { locale, t } = ctx;
  const l = labels(locale);
  const suspended = options.suspendedUntil !== null;
  let html = `<div class="medium"${P}><h1${P}>${escapeHtml(profile.displayName)}</h1><p class="meta"${P}>${escapeHtml(t('members.since', { date: formatDate(locale, profile.createdAt) }))}`;
  if (suspended) html += ` · <span class="badge"${P}>${escapeHtml(t('members.suspended', { date: formatDate(locale, options.suspendedUntil!) }))}</span>`;
  html +=
    `</p><ul class="stats"${P}><li${P}><strong${P}>${profile.counts.questions}</strong> ${l['members.questions']}</li>` +
    `<li${P}><strong${P}>${profile.counts.answers}</strong> ${l['members.answers']}</li>` +
    `<li${P}><strong${P}>${profile.counts.accepted}</strong> ${l['members.accepted']}</li></ul>`;
  html += reputationPanelHtml(ctx, rep, lists.badges, options);
  if (options.maySuspend) {
    html += `<details class="mod-tools"${P}><summary${P}>${l['thread.moderation']}</summary>`;
    if (options.errors.member) html += `<div class="alert error" role="alert"${P}>${escapeHtml(t(options.errors.member))}</div>`;
    html +=
      `<form method="post" action="${escapeAttribute(options.paths.member)}"${P}><input type="hidden" name="userId" value="${profile.id}"${P}>` +
      `<input type="hidden" name="action" value="${suspended ? 'unsuspend' : 'suspend'}"${P}><label for="mod-reason"${P}>${l['moderation.reason']}</label>` +
      `<input id="mod-reason" name="reason" maxlength="500"${suspended ? '' : ' required'}${P}>`;
    if (!suspended) html += `<label for="mod-days"${P}>${l['moderation.days']}</label><input id="mod-days" name="days" inputmode="numeric" pattern="[0-9]+" value="7" required${P}>`;
    html += `<button type="submit" class="secondary"${P}>${suspended ? l['moderation.unsuspend'] : l['moderation.suspend']}</button></form></details>`;
  }
  html += `<h2${P}>${l['members.questions']}</h2>`;
  html += lists.questions ? `<ul class="question-list">${lists.questions}</ul>` : `<p${P}>${l['members.none']}</p>`;
  html += `<p${P}><a href="/${locale}/questions?author=${profile.id}"${P}>${l['home.allQuestions']}</a></p><h2${P}>${l['members.accepted']}</h2>`;
  html += lists.accepted ? `<ul class="answers"${P}>${lists.accepted}</ul>` : `<p${P}>${l['members.none']}</p>`;
  html += `<h2${P}>${l['members.answers']}</h2>`;
  html += lists.answers ? `<ul class="answers"${P}>${lists.answers}</ul>` : `<p${P}>${l['members.none']}</p>`;
  return html + '</div>';
}

/** The page's lists as it writes them (items only; '' for an empty list): what member_page_lists keeps. */
export function pageListsHtml(ctx: ProfileHtmlContext, lists: MemberLists & { badges: MemberBadge[] }, canRevokeBadges: boolean, revokePath: string): PageListsHtml {
  const badgeCounts = { gold: 0, silver: 0, bronze: 0 };
  for (const b of lists.badges) if (b.revokedAt === null) badgeCounts[b.tier]++;
  return {
    badgeCounts,
    badges: badgesHtml(ctx, { badges: lists.badges, canRevokeBadges }, revokePath),
    questions: questionListHtml(ctx, lists.questions, 3),
    accepted: memberAnswersHtml(ctx, lists.accepted, false),
    answers: memberAnswersHtml(ctx, lists.answers, true),
  };
}

const FINGERPRINTS = new Map<Locale, string>();

/**
 * What identifies the markup `pageListsHtml` writes in a language: a hash of the lists of a made-up member with every
 * kind of item. Stored lists written by another markup (another release, changed messages) no longer match.
 */
export function pageListsFingerprint(locale: Locale): string {
  let fingerprint = FINGERPRINTS.get(locale);
  if (!fingerprint) {
    const html = pageListsHtml({ locale, t: translator(locale) }, FINGERPRINT_LISTS, false, '');
    fingerprint = createHash('sha256').update(JSON.stringify(html)).digest('base64url').slice(0, 22);
    FINGERPRINTS.set(locale, fingerprint);
  }
  return fingerprint;
}

const DAY = 86_400_000;
const FINGERPRINT_LISTS: MemberLists & { badges: MemberBadge[] } = {
  questions: [
    { id: 1, title: 'Título & <prueba>', slug: 'titulo-prueba', locale: 'es', excerpt: 'Texto "con" comillas', score: 1, answerCount: 1, solved: true, createdAt: 10 * DAY, lastActivityAt: 11 * DAY, pinned: true, closed: true, author: 'Ana Ñ', category: { slug: 'c', nameEs: 'C', nameEn: 'C' }, tags: ['a b', 'ñ'] },
    { id: 2, title: 'Title', slug: 'title', locale: 'en', excerpt: '', score: -2, answerCount: 7, solved: false, createdAt: 400 * DAY, lastActivityAt: 400 * DAY, pinned: false, closed: false, author: 'Ana Ñ', category: { slug: 'c', nameEs: 'C', nameEn: 'C' }, tags: [] },
  ],
  accepted: [{ id: 3, questionId: 1, title: 'Título & <prueba>', slug: 'titulo-prueba', locale: 'es', score: 12, accepted: true, createdAt: 20 * DAY }],
  answers: [
    { id: 3, questionId: 1, title: 'Título & <prueba>', slug: 'titulo-prueba', locale: 'es', score: 12, accepted: true, createdAt: 20 * DAY },
    { id: 4, questionId: 2, title: 'Title', slug: 'title', locale: 'en', score: 0, accepted: false, createdAt: 800 * DAY },
  ],
  badges: (['gold', 'silver', 'bronze'] as const).map((tier, i) => ({ id: i + 1, slug: tier, name: `${tier} <b>`, tier, subjectId: 0, awardedAt: (30 + i) * DAY, revokedAt: null, revokeReason: null })),
};
