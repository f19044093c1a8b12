import type { ApiRoute } from '../api/route';
import { contactReceiptShape, contactRequestApiSchema } from './api-shapes';

export const SUPPORT_ROUTES: ApiRoute[] = [
  {
    method: 'post',
    path: '/contact-requests',
    summary:
      'Write to support (the contact form, the widget, integrations): anyone; members may omit name and email. Opens a case and returns its number (C-000042); the acknowledgement (expected first response, business hours, suggestions) is mailed. Rate-limited per address and visitor id.',
    auth: 'anyone',
    body: { schema: contactRequestApiSchema.partial({ locale: true }) },
    responses: { 201: { description: 'Received', schema: contactReceiptShape } },
    errors: [400, 413, 415, 429],
  },
];
