import { defineAction } from 'astro:actions';
import { z } from 'zod';
import { acceptAnswer, unacceptAnswer } from '../lib/community/accept-answer';
import { commentOnPost } from '../lib/community/comment-post';
import { deletePost, undeletePost } from '../lib/community/delete-post';
import { editPost } from '../lib/community/edit-post';
import { setFollowing, setMeToo } from '../lib/community/follow-question';
import { updateTag } from '../lib/community/tags';
import { votePost } from '../lib/community/vote-post';
import { flagContent, FLAG_TARGETS } from '../lib/moderation/flags';
import { answerQuestion } from '../lib/community/answer-question';
import { askQuestion } from '../lib/community/ask-question';
import { idSchema } from '../lib/community/schemas';
import { parseInput } from '../lib/validation';
import { formFields, formInput, formResult } from '../web/form-result';
import { DomainError } from '../lib/errors';
import { askFormDuplicates } from '../lib/deflection/contextual';
import { recordServerEvent } from '../lib/deflection/record-events';
import { deflectionClient } from '../web/deflection';

const flagTargetSchema = z.enum(FLAG_TARGETS, { error: 'field.invalid' });

const postAction = <T>(run: (ctx: App.Locals['ctx'], actor: App.Locals['actor'], postId: number, form: FormData) => T) =>
  defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx, actor } = context.locals;
        const postId = parseInput(idSchema, form.get('postId'));
        return run(ctx, actor, postId, form);
      }),
  });

const postActions = {
  vote: postAction((ctx, actor, postId, form) => votePost(ctx.db, actor, postId, formInput(form, { numbers: ['value'] }), ctx.now())),
  comment: postAction((ctx, actor, postId, form) => commentOnPost(ctx.db, actor, postId, formFields(form), ctx.now())),
  follow: postAction((ctx, actor, postId, form) => setFollowing(ctx.db, actor, postId, form.get('following') === 'true', ctx.now())),
  meToo: postAction((ctx, actor, postId, form) => setMeToo(ctx.db, actor, postId, form.get('affected') === 'true', ctx.now())),
  unaccept: postAction((ctx, actor, postId) => unacceptAnswer(ctx.db, actor, postId, ctx.now(), ctx.delays)),
  edit: postAction((ctx, actor, postId, form) => editPost(ctx.db, actor, postId, formInput(form, { numbers: ['revision'] }), ctx.now())),
  delete: postAction((ctx, actor, postId) => deletePost(ctx.db, actor, postId, ctx.now())),
  undelete: postAction((ctx, actor, postId) => undeletePost(ctx.db, actor, postId, ctx.now())),
  flag: postAction((ctx, actor, postId, form) => {
    const type = parseInput(flagTargetSchema, form.get('targetType') ?? 'question');
    return flagContent(ctx.db, actor, { type, id: postId }, formFields(form), ctx.now());
  }),
};

export const community = {
  ask: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, async () => {
        const { ctx, actor, locale } = context.locals;
        const fields = formFields(form);
        const draft = { ...fields, locale: fields.locale ?? locale };
        // Before posting, a solved question that looks the same is pointed out (once: "post anyway" sends it).
        const duplicates = fields.postAnyway === '1' ? [] : await askFormDuplicates(ctx.db, ctx.search, ctx.deflection.settings.get(ctx.db, ctx.now()), draft, ctx.now());
        if (duplicates.length) throw new DomainError('CONFLICT', 'A solved question looks the same.', { title: 'deflection.nearDuplicate.warning' });
        const asked = askQuestion(ctx.db, actor, draft, ctx.now());
        recordServerEvent(ctx.deflection, deflectionClient(context, false), { occurredAt: ctx.now(), type: 'form_submitted', surface: 'ask_form', categorySlug: fields.category?.slice(0, 64) || null, query: fields.title ?? null, data: { questionId: asked.id } });
        return asked;
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
        return acceptAnswer(ctx.db, actor, answerId, ctx.now(), questionId, ctx.delays);
      }),
  }),
  /** A tag's description and its complete list of synonyms (moderators). */
  editTag: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx, actor } = context.locals;
        const { tag, description, synonyms, confirmMerge } = formFields(form);
        return updateTag(ctx.db, actor, tag ?? '', { description, synonyms: synonyms ?? '', confirmMerge: confirmMerge === 'true' }, ctx.now());
      }),
  }),
  ...postActions,
};
