import { addCaseNote } from '../../../../../lib/cases/commands';
import { idSchema } from '../../../../../lib/community/schemas';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, json, objectBody, readJson } from '../../../../../web/api';

export const POST = apiRoute(async ({ locals, params, request }) => {
  const { ctx, actor } = locals;
  return json(addCaseNote(ctx.db, actor, parseInput(idSchema, params.id), objectBody(await readJson(request)), ctx.now()), 201);
});
