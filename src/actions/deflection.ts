import { defineAction } from 'astro:actions';
import { confirmDeflection } from '../lib/deflection/record-events';
import { updateDeflectionSettings } from '../lib/deflection/settings';
import { deflectionClient } from '../web/deflection';
import { formFields, formResult } from '../web/form-result';

/** Where the thank-you page leads back to when the form did not say: the form the visitor was on. */
const FORM_PATHS: Record<string, string> = { contact_form: 'contact', ask_form: 'questions/ask' };

/**
 * A confirm button's value, `surface|type|id|rank` (one button per suggestion, also inside another form, where it
 * submits that form here with `formaction`); the draft comes from that form's own field.
 */
function confirmationFields(form: FormData, locale: string): Record<string, string> {
  const fields = formFields(form);
  const [surface, type, id, rank] = fields.confirm ? fields.confirm.split('|') : [fields.surface, fields.type, fields.id, fields.rank];
  return {
    surface: surface ?? '',
    type: type ?? '',
    id: id ?? '',
    ...(rank ? { rank } : {}),
    query: fields.query ?? fields.subject ?? fields.title ?? '',
    ...(fields.back ? { back: fields.back } : surface && FORM_PATHS[surface] ? { back: `/${locale}/${FORM_PATHS[surface]}` } : {}),
    ...(fields.locale ? { locale: fields.locale } : {}),
  };
}

export const deflection = {
  /** "This solved my problem" without JavaScript; the thank-you page renders the result. */
  confirm: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx } = context.locals;
        return confirmDeflection(ctx.db, ctx.deflection, confirmationFields(form, context.locals.locale), deflectionClient(context, true), ctx.now());
      }),
  }),
  saveSettings: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx, actor } = context.locals;
        const fields = formFields(form);
        const saved = updateDeflectionSettings(
          ctx.db,
          actor,
          { widgetOrigins: fields.widgetOrigins ?? '', enabledSurfaces: form.getAll('enabledSurfaces').map(String), suggestionCount: fields.suggestionCount, costPerCase: fields.costPerCase, currency: fields.currency },
          ctx.now(),
        );
        ctx.deflection.settings.invalidate();
        return { updatedAt: saved.updatedAt };
      }),
  }),
};
