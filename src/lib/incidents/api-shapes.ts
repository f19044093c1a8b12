import { z } from 'zod';
import { INCIDENT_SEVERITIES } from '../../../db/schema/index';
import { dateTime, iso } from '../api/api-shapes';
import { isIncidentActive, type IncidentView } from './incidents';

export const incidentListShape = z.object({
  items: z.array(
    z
      .object({
        id: z.int(),
        title: z.string(),
        bodyHtml: z.string(),
        severity: z.enum(INCIDENT_SEVERITIES),
        categories: z.array(z.string()).meta({ description: 'Slugs of the categories it affects; empty: all' }),
        startsAt: dateTime,
        resolvedAt: dateTime.nullable(),
        active: z.boolean(),
      })
      .meta({ id: 'Incident' }),
  ),
});

export function incidentListJson(items: IncidentView[], now: number): z.output<typeof incidentListShape> {
  return {
    items: items.map((i) => ({
      id: i.id,
      title: i.title,
      bodyHtml: i.bodyHtml,
      severity: i.severity,
      categories: i.categories.map((c) => c.slug),
      startsAt: iso(i.startsAt),
      resolvedAt: i.resolvedAt === null ? null : iso(i.resolvedAt),
      active: isIncidentActive(i, now),
    })),
  };
}
