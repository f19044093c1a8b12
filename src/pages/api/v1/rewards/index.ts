import { z } from 'zod';
import { canManageReputation } from '../../../../lib/auth/permissions';
import { rewardJson } from '../../../../lib/reputation/api-shapes';
import { createReward, listRewards } from '../../../../lib/reputation/rewards';
import { parseInput } from '../../../../lib/validation';
import { apiRoute, json, readJson } from '../../../../web/api';

const querySchema = z.object({ all: z.enum(['true', 'false'], { error: 'field.invalid' }).optional() });

export const GET = apiRoute(({ locals, url }) => {
  const { ctx, actor } = locals;
  const { all } = parseInput(querySchema, Object.fromEntries(url.searchParams));
  return json({ items: listRewards(ctx.db, 'en', ctx.now(), { all: all === 'true' && canManageReputation(actor, ctx.now()) }).map(rewardJson) });
});

export const POST = apiRoute(async ({ locals, request }) => {
  const { ctx, actor } = locals;
  return json(rewardJson(createReward(ctx.db, actor, await readJson(request), ctx.now())), 201);
});
