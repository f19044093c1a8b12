import { defineAction } from 'astro:actions';
import { submitContactRequest } from '../lib/support/contact-requests';
import { clientIp } from '../web/api';
import { formFields, formResult } from '../web/form-result';
import { visitorFor } from '../web/cookies';
import { recordServerEvent } from '../lib/deflection/record-events';
import { deflectionClient } from '../web/deflection';

export const support = {
  contact: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx, actor } = context.locals;
        const visitor = visitorFor(context, true);
        const ip = clientIp(context, ctx.config.TRUST_PROXY);
        const sent = submitContactRequest(ctx.db, actor, formFields(form), { ip, visitorId: visitor.visitorId }, ctx.now());
        // The deflection fact: this visitor's session ended in a request to support (a case of the contact-form channel).
        recordServerEvent(ctx.deflection, deflectionClient(context, false), { occurredAt: ctx.now(), type: 'form_submitted', surface: 'contact_form', categorySlug: String(form.get('category') ?? '').slice(0, 64) || null, query: String(form.get('subject') ?? '').slice(0, 200) || null, data: { caseId: sent.id } });
        return sent;
      }),
  }),
};
