import { defineAction } from 'astro:actions';
import { addCategoryModerator, createCategory, removeCategoryModerator, updateCategory } from '../lib/community/categories';
import { idSchema } from '../lib/community/schemas';
import { parseInput } from '../lib/validation';
import { formFields, formInput, formResult } from '../web/form-result';

export const categories = {
  /** Creates a category, or edits it when the form carries its `categoryId`. */
  save: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx, actor } = context.locals;
        const { categoryId, ...fields } = formInput(form, { numbers: ['parentId', 'position'] });
        // The empty choice is "both languages".
        if (fields.locale === '') fields.locale = null;
        return categoryId ? updateCategory(ctx.db, actor, parseInput(idSchema, categoryId), fields, ctx.now()) : createCategory(ctx.db, actor, fields, ctx.now());
      }),
  }),
  /** Adds (by email) or removes (by member id, `action=remove`) a category moderator. */
  moderator: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx, actor } = context.locals;
        const fields = formFields(form);
        const categoryId = parseInput(idSchema, fields.categoryId);
        if (fields.action === 'remove') return removeCategoryModerator(ctx.db, actor, categoryId, parseInput(idSchema, fields.userId), ctx.now());
        return addCategoryModerator(ctx.db, actor, categoryId, { email: fields.email }, ctx.now());
      }),
  }),
};
