import { defineAction } from 'astro:actions';
import { z } from 'zod';
import { idSchema } from '../lib/community/schemas';
import { DomainError } from '../lib/errors';
import { runContentCommand, runThreadCommand } from '../lib/moderation/commands';
import { addTagSynonym, suspendMember, unsuspendMember } from '../lib/moderation/moderate';
import { EMAIL_FREQUENCIES, markNotificationsRead, savePreferences } from '../lib/notifications/notify';
import { parseInput } from '../lib/validation';
import { formFields, formInput, formResult } from '../web/form-result';

export const moderation = {
  /** Hide, restore, approve, reject a post or comment; uphold or dismiss its flags. */
  content: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx, actor } = context.locals;
        return runContentCommand(ctx.db, actor, formInput(form, { numbers: ['targetId'] }), ctx.now());
      }),
  }),
  thread: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx, actor } = context.locals;
        const fields = formInput(form, { numbers: ['duplicateOf'], booleans: ['merge'] });
        return runThreadCommand(ctx.db, actor, parseInput(idSchema, fields.questionId), fields, ctx.now());
      }),
  }),
  tagSynonym: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx, actor } = context.locals;
        return addTagSynonym(ctx.db, actor, formFields(form), ctx.now());
      }),
  }),
  member: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx, actor } = context.locals;
        const fields = formFields(form);
        const userId = parseInput(idSchema, fields.userId);
        if (fields.action === 'unsuspend') return unsuspendMember(ctx.db, actor, userId, ctx.now(), fields.reason ?? '');
        return suspendMember(ctx.db, actor, userId, formInput(form, { numbers: ['days'] }), ctx.now());
      }),
  }),
};

const preferencesSchema = z.object({
  emailFrequency: z.enum(EMAIL_FREQUENCIES, { error: 'field.invalid' }),
  enabled: z.array(z.string()).default([]),
});

export const notifications = {
  read: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx, actor } = context.locals;
        if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
        const id = form.get('id');
        return { changed: markNotificationsRead(ctx.db, actor.id, ctx.now(), id ? parseInput(idSchema, id) : undefined) };
      }),
  }),
  preferences: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx, actor } = context.locals;
        if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
        const data = parseInput(preferencesSchema, { emailFrequency: form.get('emailFrequency'), enabled: form.getAll('enabled') });
        const all = form.getAll('types').map(String);
        savePreferences(ctx.db, actor.id, { emailFrequency: data.emailFrequency, mutedTypes: all.filter((t) => !data.enabled.includes(t)) });
        return { saved: true };
      }),
  }),
};
