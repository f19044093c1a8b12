import { z } from 'zod';
import { dateTime, iso } from '../api/api-shapes';
import { formatCents, SWITCHABLE_SURFACES, type DeflectionSettings } from './settings';

/** The JSON shape of the deflection settings (`GET`/`PATCH /api/v1/deflection/settings`). */
export const deflectionSettingsShape = z.object({
  widgetOrigins: z.array(z.string()),
  enabledSurfaces: z.array(z.enum(SWITCHABLE_SURFACES)),
  suggestionCount: z.number().int(),
  /** Decimal amount, e.g. "15.00". */
  costPerCase: z.string(),
  costPerCaseCents: z.number().int(),
  currency: z.string(),
  updatedAt: dateTime.nullable(),
});

export function deflectionSettingsJson(s: DeflectionSettings): z.output<typeof deflectionSettingsShape> {
  return {
    widgetOrigins: s.widgetOrigins,
    enabledSurfaces: s.enabledSurfaces,
    suggestionCount: s.suggestionCount,
    costPerCase: formatCents(s.costPerCaseCents),
    costPerCaseCents: s.costPerCaseCents,
    currency: s.currency,
    updatedAt: s.updatedAt === null ? null : iso(s.updatedAt),
  };
}

/** The JSON shape of `POST /api/v1/events`. */
export const eventBatchShape = z.object({
  accepted: z.number().int().describe('Events queued for recording'),
  ignored: z.number().int().describe('Events dropped: from a bot, about a missing article or thread, or held too long by the client'),
});
