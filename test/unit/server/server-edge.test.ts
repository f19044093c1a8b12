// The server's first look at a request, on a real node:http server: TRACE and CONNECT answered, malformed targets
// repaired and flagged, and an answer given before the body was read reaches the client.
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, readBodyUpTo } from '../../../src/web/api';
import { problem } from '../../../src/web/problem';
import { refuseTunnel, screenRequest } from '../../../src/web/server-edge';

let server: Server;
let port = 0;
const seen: { url: string | undefined; malformedUrl: boolean }[] = [];

/** Stands in for Astro: reads at most 1 MB of a body, answering 413 (the middleware's answer) when there is more. */
async function handle(req: IncomingMessage): Promise<Response> {
  if (req.method === 'GET') return new Response('ok');
  const body = await readBodyUpTo(
    new Request('http://x/', {
      method: 'POST',
      body: req as unknown as ReadableStream,
      duplex: 'half',
    } as RequestInit),
    MAX_BODY_BYTES,
  );
  return body ? new Response(`read ${body.byteLength}`) : problem(413, 'The body is larger than 1 MB.', {}, { connection: 'close' });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const edge = screenRequest(req, res);
    if (!edge) return;
    seen.push({ url: req.url, malformedUrl: edge.malformedUrl });
    void handle(req).then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  server.on('connect', refuseTunnel);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Writes a raw request and reads until the server closes the connection. */
function rawExchange(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    const parts: Buffer[] = [];
    socket.on('data', (c: Buffer) => parts.push(c));
    socket.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    socket.on('error', reject);
  });
}

describe('the first look at a request', () => {
  it('answers TRACE with 405 and the path’s Allow (problem+json under /api), then closes', async () => {
    const site = await rawExchange('TRACE /es/questions HTTP/1.1\r\nhost: x\r\n\r\n');
    expect(site).toMatch(/^HTTP\/1\.1 405 /);
    expect(site).toMatch(/\r\nallow: GET, HEAD, POST, OPTIONS\r\n/i);
    expect(site).toMatch(/\r\nconnection: close\r\n/i);
    const api = await rawExchange('TRACE /api/v1/search?q=x HTTP/1.1\r\nhost: x\r\n\r\n');
    expect(api).toMatch(/^HTTP\/1\.1 405 /);
    expect(api).toMatch(/\r\ncontent-type: application\/problem\+json/i);
    expect(api).toContain('"status":405');
    expect(seen.some((s) => s.url?.includes('search'))).toBe(false);
  });

  it('answers CONNECT with 405 instead of dropping the connection', async () => {
    const answer = await rawExchange('CONNECT example.com:443 HTTP/1.1\r\nhost: example.com:443\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 405 Method Not Allowed\r\n/);
    expect(answer).toMatch(/\r\nallow: GET, HEAD, POST, OPTIONS\r\n/);
    expect(answer.endsWith('\r\n\r\nThis address does not take CONNECT.\n')).toBe(true);
  });

  it('repairs a target with malformed percent-encoding and flags it; leaves a good one alone', async () => {
    seen.length = 0;
    await rawExchange('GET /es/questions/%E0%A4%A?q=%ZZ HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n');
    await rawExchange('GET /es/search?q=caf%C3%A9 HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n');
    expect(seen).toEqual([
      { url: '/es/questions/%25E0%25A4%25A?q=%25ZZ', malformedUrl: true },
      { url: '/es/search?q=caf%C3%A9', malformedUrl: false },
    ]);
  });

  it('the 413 reaches a client that is still writing and not yet reading: the server lingers instead of resetting', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      const parts: Buffer[] = [];
      socket.on('data', (c: Buffer) => parts.push(c));
      socket.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
      socket.on('error', reject);
      // the client reads nothing until it has written 4 MB: the answer waits in its buffer meanwhile
      socket.pause();
      socket.write('POST /api/v1/questions HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n');
      const chunk = Buffer.concat([Buffer.from('10000\r\n'), Buffer.alloc(0x10000, 'a'), Buffer.from('\r\n')]);
      let written = 0;
      const pump = () => {
        while (written < 64) {
          written++;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
        socket.end('0\r\n\r\n', () => socket.resume());
      };
      pump();
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toMatch(/\r\nconnection: close\r\n/i);
  });

  it('a chunked body within the limit is read whole', async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/x', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
        res.setEncoding('utf8');
        let body = '';
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve(body));
      });
      req.on('error', reject);
      req.end(Buffer.alloc(300_000, 'b'));
    });
    expect(text).toBe('read 300000');
  });
});
