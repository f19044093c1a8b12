// Builds the embeddable widget (src/widget/) into one small script with esbuild (Astro's own bundler dependency).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WIDGET_ENTRY = join(ROOT, 'src', 'widget', 'widget.ts');
/** The widget's budget: what a host page downloads, gzipped. */
export const WIDGET_MAX_GZIP_BYTES = 12 * 1024;

export async function buildWidget(): Promise<{ code: string; bytes: number; gzipBytes: number }> {
  const result = await build({
    entryPoints: [WIDGET_ENTRY],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2022', 'chrome111', 'firefox115', 'safari16.4'],
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  return { code, bytes: Buffer.byteLength(code), gzipBytes: gzipSync(code, { level: 9 }).length };
}

/** Writes `widget.js` into a folder served as the site's root (the client build, or dev's public files). */
export async function writeWidget(dir: string): Promise<{ bytes: number; gzipBytes: number }> {
  const built = await buildWidget();
  if (built.gzipBytes > WIDGET_MAX_GZIP_BYTES) throw new Error(`widget.js is ${built.gzipBytes} bytes gzipped, over the ${WIDGET_MAX_GZIP_BYTES}-byte budget`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'widget.js'), built.code);
  return built;
}

/** Astro integration: `/widget.js` in the build output, and served fresh by the dev server. */
export function widgetIntegration() {
  return {
    name: 'resuelve-widget',
    hooks: {
      'astro:build:done': async ({ dir, logger }: { dir: URL; logger: { info: (m: string) => void } }) => {
        const built = await writeWidget(fileURLToPath(dir));
        logger.info(`widget.js: ${built.bytes} bytes, ${built.gzipBytes} gzipped`);
      },
      'astro:server:setup': ({ server }: { server: { middlewares: { use: (path: string, fn: (req: unknown, res: { setHeader: (k: string, v: string) => void; end: (b: string) => void }) => void) => void } } }) => {
        server.middlewares.use('/widget.js', (_req, res) => {
          void buildWidget().then((b) => {
            res.setHeader('content-type', 'text/javascript; charset=utf-8');
            res.end(b.code);
          });
        });
      },
    },
  };
}
