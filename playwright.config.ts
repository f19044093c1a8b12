import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4399);
/**
 * A customer's site embedding the widget, on a second origin (scripts/widget-demo.ts): 1000 above the server's port,
 * clear of the range parallel work trees take their server ports from.
 */
const DEMO_PORT = PORT + 1000;
// Debian's Chromium where it exists (our machines, CI); Playwright's own browser elsewhere (laptops).
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: `test-results/playwright-${PORT}.json` }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    launchOptions: systemChromium
      ? {
          executablePath: systemChromium,
          args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        }
      : {},
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  // TRUST_PROXY: specs that test per-address limits pose as other clients with X-Forwarded-For.
  webServer: [
    {
      command: 'node --import tsx scripts/serve-test.ts',
      url: `http://127.0.0.1:${PORT}/readyz`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { PORT: String(PORT), HOST: '127.0.0.1', SITE_URL: `http://127.0.0.1:${PORT}`, DATABASE_PATH: `test-results/e2e-${PORT}.db`, LOG_LEVEL: 'warn', SQLITE_SYNCHRONOUS: 'NORMAL', TRUST_PROXY: 'true', SCHEDULER_INTERVAL_MS: '2000', WEBHOOK_INBOUND_SECRET: 'e2e-inbound-secret-0123456789' },
    },
    {
      command: 'node --import tsx scripts/widget-demo.ts',
      url: `http://127.0.0.1:${DEMO_PORT}/`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { WIDGET_DEMO_PORT: String(DEMO_PORT), HOST: '127.0.0.1', SITE_URL: `http://127.0.0.1:${PORT}` },
    },
  ],
});
