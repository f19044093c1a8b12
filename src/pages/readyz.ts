import type { APIRoute } from 'astro';
import { checkReadiness } from '../lib/server/readiness';

export const GET: APIRoute = async ({ locals }) => {
  const report = await checkReadiness(locals.ctx);
  return new Response(JSON.stringify(report), {
    status: report.status === 'ready' ? 200 : 503,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
};
