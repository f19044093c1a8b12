import { describe, expect, it } from 'vitest';
import { buildWidget, WIDGET_MAX_GZIP_BYTES } from '../../../scripts/support/widget';

describe('widget.js as the build makes it', () => {
  it('stays within 12 KB gzipped', async () => {
    const built = await buildWidget();
    console.log(`widget.js: ${built.bytes} bytes, ${built.gzipBytes} bytes gzipped`);
    expect(WIDGET_MAX_GZIP_BYTES).toBe(12 * 1024);
    expect(built.gzipBytes).toBeLessThanOrEqual(WIDGET_MAX_GZIP_BYTES);
    expect(built.gzipBytes).toBeGreaterThan(1000);
  });

  it('talks only to the suggest and events endpoints, and never parses HTML (Trusted Types, strict CSP)', async () => {
    const { code } = await buildWidget();
    const endpoints = new Set(code.match(/\/api\/v1\/[a-z/]+/g));
    expect([...endpoints].sort()).toEqual(['/api/v1/events', '/api/v1/suggest']);
    expect(code).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
    // Cookies of this site are never sent from another site's page.
    expect(code).toContain('credentials:"omit"');
  });
});
