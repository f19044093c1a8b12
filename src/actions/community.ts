import { defineAction } from 'astro:actions';
import { acceptAnswer } from '../lib/community/accept-answer';
import { answerQuestion } from '../lib/community/answer-question';
import { askQuestion } from '../lib/community/ask-question';
import { idSchema } from '../lib/community/schemas';
import { parseInput } from '../lib/validation';
import { formFields, formResult } from './form-result';

export const community = {
  ask: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx, actor, locale } = context.locals;
        const fields = formFields(form);
        return askQuestion(ctx.db, actor, { ...fields, locale: fields.locale ?? locale }, ctx.now());
      }),
  }),
  answer: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx, actor } = context.locals;
        const questionId = parseInput(idSchema, form.get('questionId'));
        return answerQuestion(ctx.db, actor, questionId, formFields(form), ctx.now());
      }),
  }),
  accept: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx, actor } = context.locals;
        const answerId = parseInput(idSchema, form.get('answerId'));
        const questionId = parseInput(idSchema, form.get('questionId'));
        return acceptAnswer(ctx.db, actor, answerId, ctx.now(), questionId);
      }),
  }),
};
