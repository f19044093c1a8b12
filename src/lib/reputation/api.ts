import { z } from 'zod';
import type { Db } from '../../../db/client';
import type { Actor } from '../auth/sessions';
import { badgeRuleSchema } from './badges';
import { listBadges, revokeSchema } from './award-badges';
import { leaderboardQuerySchema } from './leaderboards';
import { ledgerQuerySchema, memberReputation } from './profile';
import { fulfilSchema, grantSchema, redemptionQuerySchema, rewardSchema, type RedemptionView, type RewardView } from './rewards';
import { nominateSchema, revokeSuperuserSchema } from './superusers';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** GET /api/v1/members/{id}: reputation, trust level, badges, rank (balance and rewards only to the member and admins). */
export function memberJson(db: Db, viewer: Actor | null, userId: number, now: number) {
  const r = memberReputation(db, viewer, userId, 'en', now);
  const es = new Map(memberReputation(db, viewer, userId, 'es', now).badges.map((b) => [b.id, b.name]));
  return {
    id: r.userId,
    displayName: r.displayName,
    role: r.role,
    superuser: r.role === 'superuser',
    reputation: r.reputation,
    rank: r.rank,
    trustLevel: r.trustLevel,
    balance: r.balance,
    badges: r.badges.map((b) => ({ id: b.id, slug: b.slug, name: { es: es.get(b.id) ?? b.name, en: b.name }, tier: b.tier, subjectId: b.subjectId, awardedAt: iso(b.awardedAt), revokedAt: iso(b.revokedAt), revokeReason: b.revokeReason })),
    nextPrivilege: r.next,
    privileges: r.privileges,
    membersOfTheMonth: r.membersOfTheMonth.map((m) => ({ month: m.month, locale: m.locale, score: m.score, figures: m.figures })),
    redemptions: r.redemptions?.map(redemptionJson) ?? null,
  };
}

export function badgesJson(db: Db) {
  const en = listBadges(db, 'en');
  const es = new Map(listBadges(db, 'es').map((b) => [b.id, b]));
  return en.map((b) => ({
    id: b.id,
    slug: b.slug,
    tier: b.tier,
    name: { es: es.get(b.id)!.name, en: b.name },
    description: { es: es.get(b.id)!.description, en: b.description },
    condition: b.condition,
    threshold: b.threshold,
    windowDays: b.windowDays,
    tag: b.tag,
    category: b.category,
    repeatable: b.repeatable,
    awarded: b.awarded,
  }));
}

export function rewardJson(r: RewardView) {
  return {
    id: r.id,
    name: { es: r.nameEs, en: r.nameEn },
    description: { es: r.descriptionEs, en: r.descriptionEn },
    cost: r.cost,
    stock: r.stock,
    activeFrom: iso(r.activeFrom),
    activeUntil: iso(r.activeUntil),
    active: r.active,
  };
}

export function redemptionJson(r: RedemptionView) {
  return { id: r.id, rewardId: r.rewardId, userId: r.userId, kind: r.kind, cost: r.cost, status: r.status, note: r.note, createdAt: iso(r.createdAt), handledAt: iso(r.handledAt) };
}

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
function queryParameters(schema: z.ZodObject) {
  const js = jsonSchema(schema) as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({ name, in: 'query', required: js.required?.includes(name) ?? false, schema: s }));
}
const problem = { $ref: '#/components/responses/Problem' };
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), problem]));
const idParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'integer', minimum: 1 } });
const auth = [{ bearer: [] }, { cookie: [] }];
const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: jsonSchema(schema) } } });
const ok = (description: string, schema: object = { type: 'object' }) => ({ description, content: { 'application/json': { schema } } });
const Localized = { type: 'object', properties: { es: { type: 'string' }, en: { type: 'string' } } };
const Reward = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: Localized,
    description: Localized,
    cost: { type: ['integer', 'null'], description: 'null: granted by admins only' },
    stock: { type: ['integer', 'null'], description: 'null: unlimited' },
    activeFrom: { type: 'string', format: 'date-time' },
    activeUntil: { type: ['string', 'null'], format: 'date-time' },
    active: { type: 'boolean' },
  },
};
const Redemption = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    rewardId: { type: 'integer' },
    userId: { type: 'integer' },
    kind: { enum: ['redeemed', 'granted'] },
    cost: { type: 'integer' },
    status: { enum: ['requested', 'fulfilled', 'cancelled'] },
    note: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    handledAt: { type: ['string', 'null'], format: 'date-time' },
  },
};
const Badge = {
  type: 'object',
  properties: { id: { type: 'integer' }, slug: { type: 'string' }, tier: { enum: ['bronze', 'silver', 'gold'] }, name: Localized, description: Localized, condition: { type: 'string' }, threshold: { type: 'integer' }, repeatable: { type: 'boolean' }, awarded: { type: 'integer' } },
};

/** The reputation domain's entries of the OpenAPI document. */
export const reputationPaths = {
  '/members/{id}': {
    get: {
      summary: 'A member: reputation, rank, trust level, badges, next privilege (balance and rewards only to the member and admins)',
      parameters: [idParam('id')],
      responses: {
        '200': ok('The member', {
          type: 'object',
          properties: { id: { type: 'integer' }, displayName: { type: 'string' }, reputation: { type: 'integer' }, rank: { type: ['integer', 'null'] }, trustLevel: { type: 'integer' }, balance: { type: ['integer', 'null'] }, badges: { type: 'array', items: { type: 'object' } }, nextPrivilege: { type: ['object', 'null'] } },
        }),
        ...errors(400, 404),
      },
    },
  },
  '/members/{id}/reputation': {
    get: {
      summary: "A member's points ledger, newest first (the member and moderators); keyset-paged with `cursor`",
      security: auth,
      parameters: [idParam('id'), ...queryParameters(ledgerQuerySchema)],
      responses: { '200': ok('Ledger rows', { type: 'object', properties: { items: { type: 'array', items: { type: 'object' } }, nextCursor: { type: ['integer', 'null'] } } }), ...errors(400, 401, 403, 404) },
    },
  },
  '/leaderboards': {
    get: {
      summary: 'Leaderboard: all time, this month or this week, per locale, per category or tag (all-time); staff excluded unless staff=true; keyset-paged',
      parameters: queryParameters(leaderboardQuerySchema),
      responses: {
        '200': ok('Entries', { type: 'object', properties: { scope: { type: 'string' }, items: { type: 'array', items: { type: 'object', properties: { rank: { type: 'integer' }, userId: { type: 'integer' }, displayName: { type: 'string' }, points: { type: 'integer' } } } }, nextCursor: { type: ['string', 'null'] } } }),
        ...errors(400),
      },
    },
  },
  '/badges': {
    get: { summary: 'Every active badge with its rule and how often it was awarded', responses: { '200': ok('Badges', { type: 'object', properties: { items: { type: 'array', items: Badge } } }) } },
    post: { summary: 'Define a badge from an existing condition (admins)', security: auth, requestBody: body(badgeRuleSchema), responses: { '201': ok('Created'), ...errors(400, 401, 403, 409) } },
  },
  '/member-badges/{id}/revocation': {
    post: { summary: 'Revoke an awarded badge with a reason (moderators; audit-logged)', security: auth, parameters: [idParam('id')], requestBody: body(revokeSchema), responses: { '200': ok('Revoked'), ...errors(400, 401, 403, 404, 409) } },
  },
  '/rewards': {
    get: { summary: 'The rewards catalog (active rewards; admins add all=true for every reward)', responses: { '200': ok('Rewards', { type: 'object', properties: { items: { type: 'array', items: Reward } } }) } },
    post: { summary: 'Create a reward (admins)', security: auth, requestBody: body(rewardSchema), responses: { '201': ok('Created', Reward), ...errors(400, 401, 403) } },
  },
  '/rewards/{id}': {
    put: { summary: 'Replace a reward (admins)', security: auth, parameters: [idParam('id')], requestBody: body(rewardSchema), responses: { '200': ok('Updated', Reward), ...errors(400, 401, 403, 404) } },
  },
  '/rewards/{id}/redemptions': {
    post: {
      summary: 'Redeem a reward with points (no body). 409 when inactive, grant-only, out of stock, beyond the balance or already requested',
      security: auth,
      parameters: [idParam('id')],
      responses: { '201': ok('Redeemed', { type: 'object', properties: { redemptionId: { type: 'integer' }, balance: { type: 'integer' } } }), ...errors(401, 403, 404, 409) },
    },
  },
  '/rewards/{id}/grants': {
    post: { summary: 'Grant a reward to a member (admins)', security: auth, parameters: [idParam('id')], requestBody: body(grantSchema.omit({ rewardId: true })), responses: { '201': ok('Granted'), ...errors(400, 401, 403, 409) } },
  },
  '/redemptions': {
    get: { summary: "The caller's redemptions; admins add all=true for everyone's (filter by status)", security: auth, parameters: [...queryParameters(redemptionQuerySchema), { name: 'all', in: 'query', required: false, schema: { type: 'boolean' } }], responses: { '200': ok('Redemptions', { type: 'object', properties: { items: { type: 'array', items: Redemption }, nextCursor: { type: ['integer', 'null'] } } }), ...errors(400, 401, 403) } },
  },
  '/redemptions/{id}': {
    patch: { summary: 'Fulfil or cancel (refund) a requested redemption, with a note (admins)', security: auth, parameters: [idParam('id')], requestBody: body(fulfilSchema), responses: { '200': ok('Handled'), ...errors(400, 401, 403, 404, 409) } },
  },
  '/superusers/candidates': {
    get: { summary: 'Superuser candidates over the last 90 days with their figures and score (moderators)', security: auth, responses: { '200': ok('Candidates'), ...errors(401, 403) } },
  },
  '/superusers/nominations': {
    post: { summary: 'Nominate a member (moderators); 409 for suspended members, staff or an open nomination', security: auth, requestBody: body(nominateSchema), responses: { '201': ok('Nominated'), ...errors(400, 401, 403, 409) } },
  },
  '/superusers/nominations/{id}': {
    post: {
      summary: 'The nominee accepts or declines',
      security: auth,
      parameters: [idParam('id')],
      requestBody: body(z.object({ answer: z.enum(['accept', 'decline']) })),
      responses: { '200': ok('Answered'), ...errors(400, 401, 403, 404, 409) },
    },
  },
  '/superusers/{id}': {
    delete: { summary: "Revoke a superuser's role with a reason (moderators)", security: auth, parameters: [idParam('id')], requestBody: body(revokeSuperuserSchema), responses: { '200': ok('Revoked'), ...errors(400, 401, 403, 404, 409) } },
  },
};
