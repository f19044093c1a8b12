import type { ApiRoute } from '../api/route';
import { contactReceiptShape, contactRequestPageShape } from './api-shapes';
import { contactRequestSchema, listContactRequestsSchema } from './contact-requests';

export const SUPPORT_ROUTES: ApiRoute[] = [
  {
    method: 'post',
    path: '/contact-requests',
    summary:
      'Write to support (the contact form): anyone; members may omit name and email. Returns the reference (R-000042); an acknowledgement mail is queued. Rate-limited per address and visitor id',
    auth: 'anyone',
    body: { schema: contactRequestSchema.partial({ locale: true }) },
    responses: { 201: { description: 'Received', schema: contactReceiptShape } },
    errors: [400, 413, 415, 429],
  },
  {
    method: 'get',
    path: '/contact-requests',
    summary: 'Contact requests, newest first (agents, moderators, admins); filter by status; cursor pagination',
    auth: 'signed-in',
    query: listContactRequestsSchema,
    responses: { 200: { description: 'A page of requests', schema: contactRequestPageShape } },
    errors: [400, 401, 403],
  },
];
