import { defineAction } from 'astro:actions';
import { z } from 'zod';
import { idSchema } from '../lib/community/schemas';
import { createIncident, linkQuestionToIncident, resolveIncident } from '../lib/incidents/incidents';
import { createArticle, previewArticle, promoteToKb, restoreRevision, updateArticle } from '../lib/kb/editor';
import { recordFeedback, recordNextStep } from '../lib/kb/feedback';
import { parseInput } from '../lib/validation';
import { clientIp } from '../web/api';
import { visitorFor } from '../web/cookies';
import { formFields, formResult } from '../web/form-result';

export const kb = {
  feedback: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx } = context.locals;
        const articleId = parseInput(idSchema, form.get('articleId'));
        const voter = { ...visitorFor(context, true), ip: clientIp(context, ctx.config.TRUST_PROXY) };
        return recordFeedback(ctx.db, articleId, voter, formFields(form), ctx.now());
      }),
  }),
  nextStep: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx } = context.locals;
        const articleId = parseInput(idSchema, form.get('articleId'));
        return { step: recordNextStep(ctx.db, articleId, visitorFor(context, true), form.get('step'), ctx.now()) };
      }),
  }),
  createIncident: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx, actor } = context.locals;
        return createIncident(ctx.db, actor, { ...formFields(form), categories: form.getAll('categories').map(String) }, ctx.now());
      }),
  }),
  resolveIncident: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx, actor } = context.locals;
        return resolveIncident(ctx.db, actor, parseInput(idSchema, form.get('incidentId')), ctx.now());
      }),
  }),
  linkIncident: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx, actor } = context.locals;
        const incidentId = parseInput(idSchema, form.get('incidentId'));
        const questionId = parseInput(z.object({ questionId: idSchema }), { questionId: form.get('questionId') }).questionId;
        return linkQuestionToIncident(ctx.db, actor, incidentId, questionId, ctx.now());
      }),
  }),
  /** Create (no articleId) or update an article; intent=preview renders the Markdown without saving. */
  saveArticle: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx, actor } = context.locals;
        const fields = formFields(form);
        if (fields.intent === 'preview') {
          return { kind: 'preview' as const, ...previewArticle(actor, fields.body ?? '', ctx.now()), values: fields };
        }
        if (fields.articleId) {
          const r = updateArticle(ctx.db, actor, parseInput(idSchema, fields.articleId), fields, ctx.now());
          return { kind: 'saved' as const, id: r.id, revision: r.revision };
        }
        const r = createArticle(ctx.db, actor, fields, ctx.now());
        return { kind: 'saved' as const, id: r.id, revision: r.revision };
      }),
  }),
  restoreRevision: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx, actor } = context.locals;
        const articleId = parseInput(idSchema, form.get('articleId'));
        const revision = parseInput(idSchema, form.get('revision'));
        return { articleId, from: revision, ...restoreRevision(ctx.db, actor, articleId, revision, ctx.now()) };
      }),
  }),
  promote: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx, actor } = context.locals;
        return promoteToKb(ctx.db, actor, parseInput(idSchema, form.get('questionId')), ctx.now());
      }),
  }),
};
