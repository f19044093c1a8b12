import type { ApiRoute } from '../api/route';
import { incidentListShape } from './api-shapes';
import { incidentsQuerySchema } from './incidents';

export const INCIDENT_ROUTES: ApiRoute[] = [
  {
    method: 'get',
    path: '/incidents',
    summary: 'Known issues (service status): active incidents by default',
    auth: 'anyone',
    query: incidentsQuerySchema,
    responses: { 200: { description: 'Incidents', schema: incidentListShape } },
    errors: [400],
  },
];
