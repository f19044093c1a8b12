import { defineAction } from 'astro:actions';
import { submitContactRequest } from '../lib/support/contact-requests';
import { clientIp } from '../web/api';
import { formFields, formResult } from '../web/form-result';
import { visitorFor } from '../web/cookies';

export const support = {
  contact: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx, actor } = context.locals;
        const visitor = visitorFor(context, true);
        const ip = clientIp(context, ctx.config.TRUST_PROXY);
        return submitContactRequest(ctx.db, actor, formFields(form), { ip, visitorId: visitor.visitorId }, ctx.now());
      }),
  }),
};
