import { z } from 'zod';
import { contactRequestSchema } from './contact-requests';

/** The contact form as the API takes it: the widget and integrations say which they are. */
export const contactRequestApiSchema = contactRequestSchema.extend({
  channel: z.enum(['api', 'widget'], { error: 'field.invalid' }).default('api'),
});

export const contactReceiptShape = z.object({
  id: z.int(),
  reference: z.string().meta({ examples: ['C-000042'], description: 'The case number' }),
  status: z.literal('new'),
  expectedResponseHours: z.number().meta({ description: 'First-response target of a normal case, in business hours' }),
});
