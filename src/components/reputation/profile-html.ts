/**
 * The member profile's long lists (badges, answers, accepted answers) as HTML strings: a profile with 50 badges spent
 * more rendering them as Astro markup than on the rest of the page. The page and ReputationPanel insert them with
 * `set:html` and style them with `:global` rules. Every value is escaped here, as Astro escapes expressions.
 */
import { questionPath } from '../../lib/community/slug';
import type { MemberAnswer } from '../../lib/community/member-profile';
import { formatDate, type Locale, type Translate } from '../../lib/i18n/index';
import type { MemberReputation } from '../../lib/reputation/profile';
import { escapeHtml } from '../community/post-html';
import { votesHtml } from '../community/question-list-html';

interface ProfileHtmlContext {
  locale: Locale;
  t: Translate;
}

/** The badges' list items; moderators get a revoke form beside each badge held (`revokePath`: the form's action). */
export function badgesHtml({ locale, t }: ProfileHtmlContext, rep: Pick<MemberReputation, 'badges' | 'canRevokeBadges'>, revokePath: string): string {
  const tiers = { gold: escapeHtml(t('badges.tier.gold')), silver: escapeHtml(t('badges.tier.silver')), bronze: escapeHtml(t('badges.tier.bronze')) };
  const reasonLabel = escapeHtml(t('badges.revokeReason'));
  const revoke = escapeHtml(t('badges.revoke'));
  let html = '';
  for (const b of rep.badges) {
    const name = escapeHtml(b.name);
    html += `<li><span class="badge-chip ${b.tier}"><span class="dot" aria-hidden="true">●</span> ${name}<span class="visually-hidden"> (${tiers[b.tier]})</span></span>`;
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
    html += `<li>${markAccepted && a.accepted ? '<span class="badge solved">✓</span> ' : ''}<a href="${escapeHtml(href)}">${escapeHtml(a.title)}</a>`;
    html += ` <span class="meta">· ${votesHtml(locale, t, a.score)} · ${escapeHtml(formatDate(locale, a.createdAt))}</span></li>`;
  }
  return html;
}
