import { leaderboard } from '../../../lib/reputation/leaderboards';
import { apiRoute, json } from '../../../web/api';

export const GET = apiRoute(({ locals, url }) => {
  const { ctx } = locals;
  const board = leaderboard(ctx.db, Object.fromEntries(url.searchParams), ctx.now());
  return json({ scope: board.scope, items: board.items, nextCursor: board.nextCursor });
});
