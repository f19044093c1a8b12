// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';

export default defineConfig({
  output: 'server',
  // A separate output folder lets parallel work trees build and test side by side (ASTRO_OUT_DIR=dist-x).
  outDir: process.env.ASTRO_OUT_DIR ?? 'dist',
  adapter: node({ mode: 'standalone' }),
  server: { host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 4321) },
  // Stylesheets and scripts are always files so the CSP can stay 'self' without 'unsafe-inline'.
  build: { inlineStylesheets: 'never' },
  // Cross-origin checks are done by our own middleware (forms and JSON alike), see src/middleware.ts.
  security: { checkOrigin: false },
  devToolbar: { enabled: false },
  vite: {
    build: { assetsInlineLimit: 0 },
    ssr: { external: ['better-sqlite3', '@node-rs/argon2'] },
  },
});
