import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { deflectionSettings } from '../../../db/schema/index';
import { canManageDeflection } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { DomainError } from '../errors';
import { parseInput } from '../validation';

/** The surfaces an admin can switch off (suggestions and "this solved my problem" disappear there). */
export const SWITCHABLE_SURFACES = ['widget', 'ask_form', 'contact_form', 'search', 'article', 'not_found'] as const;
export type SwitchableSurface = (typeof SWITCHABLE_SURFACES)[number];

export const MAX_WIDGET_ORIGINS = 50;
export const SUGGESTION_COUNT_RANGE = { min: 1, max: 10 } as const;

export interface DeflectionSettings {
  widgetOrigins: string[];
  enabledSurfaces: SwitchableSurface[];
  suggestionCount: number;
  costPerCaseCents: number;
  currency: string;
  updatedAt: number | null;
}

export const DEFAULT_DEFLECTION_SETTINGS: DeflectionSettings = {
  widgetOrigins: [],
  enabledSurfaces: [...SWITCHABLE_SURFACES],
  suggestionCount: 5,
  costPerCaseCents: 1500,
  currency: 'EUR',
  updatedAt: null,
};

/**
 * Pure: the origin a browser sends for a page of `value` (`https://shop.example.com:8443`), or null when `value` is
 * not an http(s) origin: a path, query, credentials or wildcard make it something an admin did not mean.
 */
export function normalizeOrigin(value: string): string | null {
  const text = value.trim().replace(/\/$/, '');
  if (!/^https?:\/\/[^/?#@*\s]+$/i.test(text)) return null;
  try {
    const url = new URL(text);
    return url.origin === 'null' ? null : url.origin;
  } catch {
    return null;
  }
}

const originList = z
  .union([z.string().max(20_000), z.array(z.string().max(300)).max(MAX_WIDGET_ORIGINS)])
  .transform((v, ctx) => {
    const items = (typeof v === 'string' ? v.split(/[\s,]+/) : v).map((s) => s.trim()).filter(Boolean);
    const origins: string[] = [];
    for (const item of items) {
      const origin = normalizeOrigin(item);
      if (!origin) {
        ctx.addIssue({ code: 'custom', message: 'deflection.field.origin' });
        return z.NEVER;
      }
      if (!origins.includes(origin)) origins.push(origin);
    }
    if (origins.length > MAX_WIDGET_ORIGINS) {
      ctx.addIssue({ code: 'custom', message: 'deflection.field.tooManyOrigins' });
      return z.NEVER;
    }
    return origins;
  });

/** "12.50", "12,50" or 12.5 → 1250 cents. */
const money = z
  .union([z.number(), z.string().trim().max(20)])
  .transform((v, ctx) => {
    const text = typeof v === 'number' ? String(v) : v.replace(',', '.');
    if (!/^\d{1,9}(\.\d{1,2})?$/.test(text)) {
      ctx.addIssue({ code: 'custom', message: 'deflection.field.cost' });
      return z.NEVER;
    }
    return Math.round(Number(text) * 100);
  });

export const deflectionSettingsSchema = z
  .object({
    widgetOrigins: originList.optional(),
    enabledSurfaces: z.array(z.enum(SWITCHABLE_SURFACES, { error: 'field.invalid' })).max(SWITCHABLE_SURFACES.length).optional(),
    suggestionCount: z.coerce
      .number({ error: 'field.invalid' })
      .int({ error: 'field.invalid' })
      .min(SUGGESTION_COUNT_RANGE.min, { error: 'deflection.field.count' })
      .max(SUGGESTION_COUNT_RANGE.max, { error: 'deflection.field.count' })
      .optional(),
    costPerCase: money.optional(),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, { error: 'deflection.field.currency' })
      .optional(),
  })
  .strict();

export function readDeflectionSettings(db: Db): DeflectionSettings {
  const row = db.select().from(deflectionSettings).where(eq(deflectionSettings.id, 1)).get();
  if (!row) return { ...DEFAULT_DEFLECTION_SETTINGS, widgetOrigins: [], enabledSurfaces: [...SWITCHABLE_SURFACES] };
  const disabled = new Set(row.disabledSurfaces);
  return {
    widgetOrigins: row.widgetOrigins,
    enabledSurfaces: SWITCHABLE_SURFACES.filter((s) => !disabled.has(s)),
    suggestionCount: row.suggestionCount,
    costPerCaseCents: row.costPerCaseCents,
    currency: row.currency,
    updatedAt: row.updatedAt,
  };
}

/** The settings page and `GET /api/v1/deflection/settings`: admins only. */
export function getDeflectionSettings(db: Db, actor: Actor | null, now: number): DeflectionSettings {
  if (!canManageDeflection(actor, now)) throw new DomainError(actor ? 'FORBIDDEN' : 'UNAUTHORIZED', 'Only admins see the deflection settings.');
  return readDeflectionSettings(db);
}

/** Changes the given settings (the others stay); every field error at once. */
export function updateDeflectionSettings(db: Db, actor: Actor | null, input: unknown, now: number): DeflectionSettings {
  if (!canManageDeflection(actor, now)) throw new DomainError(actor ? 'FORBIDDEN' : 'UNAUTHORIZED', 'Only admins change the deflection settings.');
  const patch = parseInput(deflectionSettingsSchema, input);
  return db.transaction((tx) => {
    const current = readDeflectionSettings(tx);
    const next = {
      widgetOrigins: patch.widgetOrigins ?? current.widgetOrigins,
      enabledSurfaces: patch.enabledSurfaces ?? current.enabledSurfaces,
      suggestionCount: patch.suggestionCount ?? current.suggestionCount,
      costPerCaseCents: patch.costPerCase ?? current.costPerCaseCents,
      currency: patch.currency ?? current.currency,
    };
    const row = {
      widgetOrigins: next.widgetOrigins,
      disabledSurfaces: SWITCHABLE_SURFACES.filter((s) => !next.enabledSurfaces.includes(s)),
      suggestionCount: next.suggestionCount,
      costPerCaseCents: next.costPerCaseCents,
      currency: next.currency,
      updatedAt: now,
      updatedBy: actor.id,
    };
    tx.insert(deflectionSettings).values({ id: 1, ...row }).onConflictDoUpdate({ target: deflectionSettings.id, set: row }).run();
    return readDeflectionSettings(tx);
  });
}

export function isSurfaceEnabled(settings: Pick<DeflectionSettings, 'enabledSurfaces'>, surface: string): boolean {
  return !(SWITCHABLE_SURFACES as readonly string[]).includes(surface) || (settings.enabledSurfaces as readonly string[]).includes(surface);
}

/** Pure: whether a browser page on `origin` may embed the widget and call the API. */
export function isWidgetOriginAllowed(settings: Pick<DeflectionSettings, 'widgetOrigins'>, origin: string | null): boolean {
  return origin !== null && settings.widgetOrigins.includes(origin);
}

/** Cost per case as the form shows it: "15.00". */
export function formatCents(cents: number): string {
  return (cents / 100).toFixed(2);
}

/**
 * Settings read on every widget and API request are kept for `ttlMs`; a change through updateDeflectionSettings in
 * this process drops them at once (`invalidate`).
 */
export class SettingsCache {
  private value: DeflectionSettings | null = null;
  private readAt = 0;
  constructor(private readonly ttlMs = 5000) {}

  get(db: Db, now: number): DeflectionSettings {
    if (!this.value || now - this.readAt >= this.ttlMs) {
      this.value = readDeflectionSettings(db);
      this.readAt = now;
    }
    return this.value;
  }

  invalidate(): void {
    this.value = null;
  }
}
