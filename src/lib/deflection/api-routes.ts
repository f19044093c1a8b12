import type { ApiRoute } from '../api/route';
import { deflectionSettingsShape, eventBatchShape } from './api-shapes';
import { eventBatchSchema } from './events';
import { deflectionSettingsSchema } from './settings';

export const DEFLECTION_ROUTES: ApiRoute[] = [
  {
    method: 'post',
    path: '/events',
    summary: 'Deflection events from a browser: suggestions shown, opened, confirmed ("this solved my problem"), forms abandoned',
    description:
      'Our pages send them with the visitor cookie; the widget sends them from the sites an admin allowed (CORS), with its own `visitorId`. Written in the background in batches. At most 50 events and 64 KB; an event id already recorded is recorded once; events a client held more than 10 minutes, or about an article or thread that does not exist, are dropped (`ignored`); bots are answered and ignored. Floods are limited per visitor and address (429). Other origins get 403.',
    auth: 'anyone',
    body: { schema: eventBatchSchema },
    responses: { 202: { description: 'Queued', schema: eventBatchShape } },
    errors: [400, 403, 413, 415, 429],
  },
  {
    method: 'get',
    path: '/deflection/settings',
    summary: 'Deflection settings: allowed widget origins, surfaces on, number of suggestions, cost per case (admins)',
    auth: 'signed-in',
    responses: { 200: { description: 'Settings', schema: deflectionSettingsShape } },
    errors: [401, 403],
  },
  {
    method: 'patch',
    path: '/deflection/settings',
    summary: 'Change some deflection settings (admins); the others stay',
    auth: 'signed-in',
    body: { schema: deflectionSettingsSchema },
    responses: { 200: { description: 'Settings', schema: deflectionSettingsShape } },
    errors: [400, 401, 403, 413, 415],
  },
];
