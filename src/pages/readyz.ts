import type { APIRoute } from 'astro';
import { checkReadiness } from '../lib/server/readiness';

export const GET: APIRoute = async ({ locals }) => {
  const report = await checkReadiness(locals.ctx);
  return new Response(JSON.stringify(report), {
    status: report.status === 'not_ready' ? 503 : 200,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
};
