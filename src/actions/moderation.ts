import { defineAction } from 'astro:actions';
import { z } from 'zod';
import { FLAG_TARGETS } from '../../db/schema/moderation';
import { EMAIL_FREQUENCIES } from '../../db/schema/notifications';
import { idSchema } from '../lib/community/schemas';
import { DomainError } from '../lib/errors';
import { resolveFlags } from '../lib/moderation/flags';
import { addTagSynonym, closeAsDuplicate, moderateContent, moderateThread, moveThread, retagThread, suspendMember, THREAD_ACTIONS, unsuspendMember } from '../lib/moderation/moderate';
import { markNotificationsRead, savePreferences } from '../lib/notifications/notify';
import { parseInput } from '../lib/validation';
import { formFields, formResult } from './form-result';

const targetSchema = z.object({ targetType: z.enum(FLAG_TARGETS, { error: 'field.invalid' }), targetId: idSchema });
const contentAction = z.enum(['hide', 'restore', 'approve', 'reject', 'uphold', 'dismiss'], { error: 'field.invalid' });

export const moderation = {
  /** Hide, restore, approve, reject a post or comment; uphold or dismiss its flags. */
  content: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx, actor } = context.locals;
        const fields = formFields(form);
        const { targetType, targetId } = parseInput(targetSchema, fields);
        const action = parseInput(contentAction, fields.action);
        const ref = { type: targetType, id: targetId };
        if (action === 'uphold' || action === 'dismiss') return resolveFlags(ctx.db, actor, ref, action === 'uphold' ? 'upheld' : 'dismissed', ctx.now(), fields.reason ?? '');
        return moderateContent(ctx.db, actor, ref, action, fields, ctx.now());
      }),
  }),
  thread: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx, actor } = context.locals;
        const fields = formFields(form);
        const questionId = parseInput(idSchema, fields.questionId);
        const action = fields.action;
        if (action === 'move') return moveThread(ctx.db, actor, questionId, fields, ctx.now());
        if (action === 'retag') return retagThread(ctx.db, actor, questionId, (fields.tags ?? '').split(/[,\s]+/).map((t) => t.trim().toLowerCase()).filter(Boolean), ctx.now());
        if (action === 'close') return closeAsDuplicate(ctx.db, actor, questionId, parseInput(idSchema, fields.duplicateOf), ctx.now(), { merge: fields.merge === 'true' });
        return moderateThread(ctx.db, actor, questionId, parseInput(z.enum(THREAD_ACTIONS, { error: 'field.invalid' }), action), fields, ctx.now());
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
        return fields.action === 'unsuspend' ? unsuspendMember(ctx.db, actor, userId, ctx.now(), fields.reason ?? '') : suspendMember(ctx.db, actor, userId, fields, ctx.now());
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
