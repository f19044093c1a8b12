import { leaderboardJson } from '../../../lib/reputation/api-shapes';
import { leaderboard } from '../../../lib/reputation/leaderboards';
import { apiRoute, json } from '../../../web/api';

export const GET = apiRoute(({ locals, url }) => json(leaderboardJson(leaderboard(locals.ctx.db, Object.fromEntries(url.searchParams), locals.ctx.now()))));
