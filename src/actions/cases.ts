import { defineAction } from 'astro:actions';
import type { ActionAPIContext } from 'astro:actions';
import { idSchema } from '../lib/community/schemas';
import { addCaseNote, bulkUpdateCases, escalateCaseTier, replyToCase, takeCase, updateCase } from '../lib/cases/commands';
import { answerSurvey } from '../lib/cases/csat';
import { calendarFromForm, deleteMacro, saveAgentProfile, saveCalendar, saveMacro, saveQueue, saveSlaPolicy, setCategoryQueue, setCustomerTier } from '../lib/cases/settings';
import { createWebhook, deleteWebhook, replayDelivery, updateWebhook } from '../lib/cases/webhooks';
import { escalateQuestion } from '../lib/escalation/escalate';
import { createRule, deleteRule, ruleFromForm, updateRule } from '../lib/escalation/rules';
import { parseInput } from '../lib/validation';
import { formFields, formResult } from '../web/form-result';

/** Forms of the agent workspace, the case settings (admins), the thread's escalation and the satisfaction survey. */

const id = (form: FormData, name: string) => parseInput(idSchema, form.get(name));
const optionalId = (form: FormData, name: string) => (form.get(name) ? id(form, name) : null);
const siteUrl = (context: ActionAPIContext) => context.locals.ctx.config.SITE_URL;
function run<T>(handler: (form: FormData, context: ActionAPIContext) => T) {
  return defineAction({ accept: 'form', handler: (form, context) => formResult(form, () => handler(form, context)) });
}

export const cases = {
  escalate: run((form, { locals }) => escalateQuestion(locals.ctx.db, locals.actor, id(form, 'questionId'), { priority: form.get('priority') || undefined, note: form.get('note') || undefined }, locals.ctx.now())),
  take: run((form, { locals }) => takeCase(locals.ctx.db, locals.actor, id(form, 'caseId'), locals.ctx.now())),
  update: run((form, { locals }) => {
    const fields = formFields(form);
    const input = Object.fromEntries(Object.entries({ status: fields.status, priority: fields.priority, assigneeId: fields.assigneeId, queueId: fields.queueId, tags: fields.tags, version: fields.version }).filter(([, v]) => v !== undefined));
    return updateCase(locals.ctx.db, locals.actor, id(form, 'caseId'), input, locals.ctx.now());
  }),
  reply: run((form, context) => {
    const { locals } = context;
    return replyToCase(locals.ctx.db, locals.actor, id(form, 'caseId'), formFields(form), locals.ctx.now(), { siteUrl: siteUrl(context) });
  }),
  note: run((form, { locals }) => addCaseNote(locals.ctx.db, locals.actor, id(form, 'caseId'), formFields(form), locals.ctx.now())),
  tier2: run((form, { locals }) => escalateCaseTier(locals.ctx.db, locals.actor, id(form, 'caseId'), { note: form.get('note') || undefined }, locals.ctx.now())),
  bulk: run((form, { locals }) => {
    const fields = formFields(form);
    const input = { ids: form.getAll('ids').map(String), status: fields.status || undefined, priority: fields.priority || undefined, assigneeId: fields.assigneeId === '' ? undefined : fields.assigneeId === 'none' ? null : fields.assigneeId };
    return bulkUpdateCases(locals.ctx.db, locals.actor, input, locals.ctx.now());
  }),
  survey: run((form, { locals }) => answerSurvey(locals.ctx.db, id(form, 'caseId'), { token: String(form.get('token') ?? '') || null, viewer: locals.actor }, formFields(form), locals.ctx.now())),
  // admins
  saveRule: run((form, { locals }) => {
    const ruleId = optionalId(form, 'ruleId');
    const input = ruleFromForm(formFields(form));
    return ruleId === null ? createRule(locals.ctx.db, locals.actor, input, locals.ctx.now()) : updateRule(locals.ctx.db, locals.actor, ruleId, input, locals.ctx.now());
  }),
  deleteRule: run((form, { locals }) => deleteRule(locals.ctx.db, locals.actor, id(form, 'ruleId'), locals.ctx.now())),
  saveCalendar: run((form, { locals }) => saveCalendar(locals.ctx.db, locals.actor, optionalId(form, 'calendarId'), calendarFromForm(formFields(form)), locals.ctx.now())),
  saveSla: run((form, { locals }) => saveSlaPolicy(locals.ctx.db, locals.actor, form.get('priority'), formFields(form), locals.ctx.now())),
  saveMacro: run((form, { locals }) => saveMacro(locals.ctx.db, locals.actor, optionalId(form, 'macroId'), formFields(form), locals.ctx.now())),
  deleteMacro: run((form, { locals }) => deleteMacro(locals.ctx.db, locals.actor, id(form, 'macroId'), locals.ctx.now())),
  saveQueue: run((form, { locals }) => saveQueue(locals.ctx.db, locals.actor, optionalId(form, 'queueId'), formFields(form), locals.ctx.now())),
  mapCategory: run((form, { locals }) => setCategoryQueue(locals.ctx.db, locals.actor, id(form, 'categoryId'), optionalId(form, 'queueId'), locals.ctx.now())),
  saveAgent: run((form, { locals }) => {
    const fields = formFields(form);
    return saveAgentProfile(locals.ctx.db, locals.actor, id(form, 'userId'), { ...fields, languages: form.getAll('languages').map(String), skills: form.getAll('skills').map(String) }, locals.ctx.now());
  }),
  setTier: run((form, { locals }) => setCustomerTier(locals.ctx.db, locals.actor, id(form, 'userId'), form.get('tier') ?? '', locals.ctx.now())),
  saveWebhook: run((form, { locals }) => {
    const webhookId = optionalId(form, 'webhookId');
    const input = { url: form.get('url'), description: form.get('description') ?? '', events: form.getAll('events').map(String), active: form.get('active') === 'on' || form.get('active') === 'true' };
    return webhookId === null ? createWebhook(locals.ctx.db, locals.actor, input, locals.ctx.now()) : updateWebhook(locals.ctx.db, locals.actor, webhookId, input, locals.ctx.now());
  }),
  deleteWebhook: run((form, { locals }) => deleteWebhook(locals.ctx.db, locals.actor, id(form, 'webhookId'), locals.ctx.now())),
  replay: run((form, { locals }) => replayDelivery(locals.ctx.db, locals.actor, id(form, 'deliveryId'), locals.ctx.now())),
};
