import { getDeflectionSettings, updateDeflectionSettings } from '../../../../lib/deflection/settings';
import { deflectionSettingsJson } from '../../../../lib/deflection/api-shapes';
import { apiRoute, json, objectBody, readJson } from '../../../../web/api';

export const GET = apiRoute(({ locals }) => json(deflectionSettingsJson(getDeflectionSettings(locals.ctx.db, locals.actor, locals.ctx.now()))));

export const PATCH = apiRoute(async ({ locals, request }) => {
  const { ctx, actor } = locals;
  const saved = updateDeflectionSettings(ctx.db, actor, objectBody(await readJson(request)), ctx.now());
  ctx.deflection.settings.invalidate();
  return json(deflectionSettingsJson(saved));
});
