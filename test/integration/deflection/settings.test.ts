import { beforeEach, describe, expect, it } from 'vitest';
import { NOW } from '../../helpers/time';
import type { SqliteDb } from '../../../db/client';
import type { Actor } from '../../../src/lib/auth/sessions';
import {
  DEFAULT_DEFLECTION_SETTINGS,
  getDeflectionSettings,
  isSurfaceEnabled,
  isWidgetOriginAllowed,
  normalizeOrigin,
  SettingsCache,
  updateDeflectionSettings,
} from '../../../src/lib/deflection/settings';
import { expectCode } from '../../helpers/errors';
import { createMember, createTestDb } from '../../helpers/db';

let db: SqliteDb;
let admin: Actor;
let agent: Actor;

beforeEach(async () => {
  db = createTestDb();
  admin = await createMember(db, 'admin');
  agent = await createMember(db, 'agent');
});

describe('normalizeOrigin', () => {
  it.each([
    ['https://shop.example.com', 'https://shop.example.com'],
    ['https://Shop.Example.com/', 'https://shop.example.com'],
    ['http://localhost:4518', 'http://localhost:4518'],
    ['https://shop.example.com:443', 'https://shop.example.com'],
    ['https://tienda.españa.es', 'https://tienda.xn--espaa-rta.es'],
  ])('%s → %s', (input, origin) => expect(normalizeOrigin(input)).toBe(origin));

  it.each(['shop.example.com', 'https://shop.example.com/help', 'https://*.example.com', 'javascript:alert(1)', 'ftp://x.example', 'https://user:pw@x.example', 'https://x.example?a=1', 'null', ''])(
    'refuses %s',
    (input) => expect(normalizeOrigin(input)).toBeNull(),
  );
});

describe('deflection settings', () => {
  it('starts from the defaults and is for admins only', () => {
    expect(getDeflectionSettings(db, admin, NOW)).toEqual(DEFAULT_DEFLECTION_SETTINGS);
    expectCode(() => getDeflectionSettings(db, agent, NOW), 'FORBIDDEN');
    expectCode(() => getDeflectionSettings(db, null, NOW), 'UNAUTHORIZED');
    expectCode(() => updateDeflectionSettings(db, agent, { suggestionCount: 3 }, 1), 'FORBIDDEN');
  });

  it('saves origins (normalized, without duplicates), surfaces, count and cost; a patch keeps the rest', () => {
    const saved = updateDeflectionSettings(
      db,
      admin,
      { widgetOrigins: 'https://shop.example.com/\nhttps://SHOP.example.com, http://localhost:4518', enabledSurfaces: ['widget', 'contact_form'], suggestionCount: '3', costPerCase: '12,50', currency: 'usd' },
      1000,
    );
    expect(saved).toEqual({
      widgetOrigins: ['https://shop.example.com', 'http://localhost:4518'],
      enabledSurfaces: ['widget', 'contact_form'],
      suggestionCount: 3,
      costPerCaseCents: 1250,
      currency: 'USD',
      updatedAt: 1000,
    });
    const patched = updateDeflectionSettings(db, admin, { suggestionCount: 7 }, 2000);
    expect(patched).toMatchObject({ widgetOrigins: ['https://shop.example.com', 'http://localhost:4518'], enabledSurfaces: ['widget', 'contact_form'], suggestionCount: 7, costPerCaseCents: 1250 });
    expect(isSurfaceEnabled(patched, 'search')).toBe(false);
    expect(isSurfaceEnabled(patched, 'widget')).toBe(true);
    expect(isWidgetOriginAllowed(patched, 'http://localhost:4518')).toBe(true);
    expect(isWidgetOriginAllowed(patched, 'http://localhost:4519')).toBe(false);
    expect(isWidgetOriginAllowed(patched, null)).toBe(false);
  });

  it('reports every bad field at once and changes nothing', () => {
    const e = expectCode(
      () => updateDeflectionSettings(db, admin, { widgetOrigins: ['https://ok.example', 'https://bad.example/path'], suggestionCount: 0, costPerCase: '-3', currency: 'euro', enabledSurfaces: ['moon'] }, 1),
      'INVALID',
    );
    expect(e.fields).toEqual({
      widgetOrigins: 'deflection.field.origin',
      suggestionCount: 'deflection.field.count',
      costPerCase: 'deflection.field.cost',
      currency: 'deflection.field.currency',
      enabledSurfaces: 'field.invalid',
    });
    expectCode(() => updateDeflectionSettings(db, admin, { unknown: 1 }, 1), 'INVALID');
    expect(getDeflectionSettings(db, admin, NOW)).toEqual(DEFAULT_DEFLECTION_SETTINGS);
  });

  it('is cached for a few seconds and dropped at once on invalidate', () => {
    const cache = new SettingsCache(5000);
    expect(cache.get(db, 0).suggestionCount).toBe(5);
    updateDeflectionSettings(db, admin, { suggestionCount: 2 }, 1);
    expect(cache.get(db, 4999).suggestionCount).toBe(5);
    expect(cache.get(db, 5000).suggestionCount).toBe(2);
    updateDeflectionSettings(db, admin, { suggestionCount: 4 }, 1);
    cache.invalidate();
    expect(cache.get(db, 5001).suggestionCount).toBe(4);
  });
});
