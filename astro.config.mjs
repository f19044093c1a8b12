// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import { widgetIntegration } from './scripts/support/widget.ts';

/**
 * @astrojs/node's build set-up (middleware mode) with our own server entry, src/server.ts: a node:http server that
 * answers cached pages before Astro's pipeline and hands everything else to it.
 */
function nodeWithOwnServer() {
  const integration = node({ mode: 'middleware' });
  const configDone = integration.hooks['astro:config:done'];
  if (!configDone) throw new Error('@astrojs/node no longer sets its adapter in astro:config:done');
  integration.hooks['astro:config:done'] = (params) =>
    configDone({ ...params, setAdapter: (adapter) => params.setAdapter({ ...adapter, serverEntrypoint: fileURLToPath(new URL('./src/server.ts', import.meta.url)) }) });
  return integration;
}

const SEARCH_ENGINE = fileURLToPath(new URL('./search/', import.meta.url));

export default defineConfig({
  output: 'server',
  // A separate output folder lets parallel work trees build and test side by side (ASTRO_OUT_DIR=dist-x).
  outDir: process.env.ASTRO_OUT_DIR ?? 'dist',
  adapter: nodeWithOwnServer(),
  // The embeddable widget (src/widget/) is built into /widget.js.
  integrations: [widgetIntegration()],
  server: { host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 4321) },
  // Stylesheets and scripts are always files so the CSP can stay 'self' without 'unsafe-inline'.
  build: { inlineStylesheets: 'never' },
  // Cross-origin checks are done by our own middleware (forms and JSON alike), see src/middleware.ts.
  security: { checkOrigin: false },
  devToolbar: { enabled: false },
  vite: {
    build: {
      assetsInlineLimit: 0,
      // The search engine in a chunk of its own: each search worker thread loads it, not the whole server.
      rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'search-engine', test: (id) => id.startsWith(SEARCH_ENGINE) }] } } },
    },
    // drizzle-orm is bundled: loaded file by file at run time, Node parsed its 179 KB package.json again for each of
    // its modules, about 130 MB of garbage at start that the heap then kept (RSS).
    ssr: { external: ['better-sqlite3', '@node-rs/argon2'], noExternal: ['drizzle-orm'] },
  },
});
