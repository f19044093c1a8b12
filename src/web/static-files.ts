import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, sep } from 'node:path';
import { matchesEtag } from './cached-pages';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

interface StaticFile {
  body: Buffer;
  headers: string[];
  etag: string;
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

/**
 * The built assets (`dist/client`: hashed CSS and scripts under `/_astro/`, the favicon), read once at start and
 * served from memory. Returns a handler that answers a GET or HEAD of one of them and returns true, false otherwise.
 */
export function staticFiles(clientDir: string, assetsDir = '_astro'): (req: IncomingMessage, res: ServerResponse) => boolean {
  const files = new Map<string, StaticFile>();
  for (const path of walk(clientDir)) {
    const urlPath = `/${relative(clientDir, path).split(sep).join('/')}`;
    const body = readFileSync(path);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    // Hashed file names never change content; the rest (the favicon) is revalidated with its ETag.
    const cacheControl = urlPath.startsWith(`/${assetsDir}/`) ? 'public, max-age=31536000, immutable' : 'public, max-age=0';
    const type = TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
    files.set(urlPath, { body, etag, headers: ['content-type', type, 'content-length', String(body.length), 'cache-control', cacheControl, 'etag', etag] });
  }
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const file = files.get(q < 0 ? url : url.slice(0, q));
    if (!file) return false;
    if (matchesEtag(req.headers['if-none-match'], file.etag)) {
      res.writeHead(304, ['cache-control', file.headers[5]!, 'etag', file.etag]);
      res.end();
    } else {
      res.writeHead(200, file.headers);
      res.end(req.method === 'HEAD' ? undefined : file.body);
    }
    return true;
  };
}
