import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/lib/auth/sessions';
import { directPages, stylesheetLinks, type DirectRequest } from '../../../src/web/direct-pages';
import { SECURITY_HEADERS } from '../../../src/web/security-headers';

const MEMBER: Actor = { id: 7, email: 'a@example.test', displayName: 'Ana', role: 'member', locale: 'es', suspendedUntil: null };
const TOKEN = 'a'.repeat(32);

function setup() {
  const seen: DirectRequest[] = [];
  const pages = directPages({
    renderers: [
      {
        route: '/[locale]/questions/[id]/[...slug]',
        path: /^\/(?:es|en)\/questions\/(\d+)\/[^/]+$/,
        render: (request) => {
          seen.push(request);
          return request.match[1] === '404' ? null : { status: 200, headers: [['content-type', 'text/html']], body: `<p>${request.locale} ${request.actor?.id ?? 'visitor'}</p>` };
        },
      },
    ],
    stylesheetsOf: () => '<link rel="stylesheet" href="/_astro/a.css">',
    sessionActor: (token) => (token === TOKEN ? MEMBER : null),
    clientIp: () => '203.0.113.5',
    trustsForwardedHeaders: false,
    now: () => 1000,
  });
  return { pages, seen };
}

function req(url: string, headers: Record<string, string> = {}, method = 'GET'): IncomingMessage {
  return { url, method, headers, socket: {} } as unknown as IncomingMessage;
}

function res() {
  const written: { status?: number; headers?: string[]; body?: string } = {};
  const response = {
    writeHead: (status: number, headers: string[]) => {
      written.status = status;
      written.headers = headers;
      return response;
    },
    end: (body: Buffer) => {
      written.body = body.toString();
    },
  };
  return { response: response as unknown as ServerResponse, written };
}

describe('pages rendered without Astro', () => {
  it("renders a visitor's and a member's GET of a page it knows, with the security headers, for this reader only", () => {
    const { pages, seen } = setup();
    expect(pages.renderAnonymous(req('/en/questions/1/x', { 'user-agent': 'Googlebot/2.1', cookie: `vid=${'b'.repeat(32)}` }))?.body).toBe('<p>en visitor</p>');
    expect(seen[0]).toMatchObject({ locale: 'en', bot: true, stylesheets: '<link rel="stylesheet" href="/_astro/a.css">', viewer: { memberId: null, visitorId: 'b'.repeat(32), ip: '203.0.113.5' } });
    const { response, written } = res();
    expect(pages.serve(req('/es/questions/1/x', { cookie: `vid=1; session=${TOKEN}`, 'x-request-id': 'abc-123' }), response)).toBe(true);
    expect(written.status).toBe(200);
    expect(written.body).toBe('<p>es 7</p>');
    const headers = new Map<string, string>();
    for (let i = 0; i < written.headers!.length; i += 2) headers.set(written.headers![i]!, written.headers![i + 1]!);
    for (const [name, value] of SECURITY_HEADERS) expect(headers.get(name)).toBe(value);
    expect(headers.get('cache-control')).toBe('private, no-cache');
    expect(headers.get('content-length')).toBe(String(Buffer.byteLength('<p>es 7</p>')));
    expect(headers.get('x-request-id')).toBe('abc-123');
    expect(headers.has('strict-transport-security')).toBe(false);
  });

  it('leaves to Astro what it cannot answer as Astro would', () => {
    const { pages } = setup();
    const leaves = (request: IncomingMessage) => {
      const { response, written } = res();
      expect(pages.serve(request, response)).toBe(false);
      expect(written.status).toBeUndefined();
    };
    leaves(req('/es/questions/1/x?promoted=1'));
    leaves(req('/es/questions/1/x', {}, 'HEAD'));
    leaves(req('/es/questions/1/x', {}, 'POST'));
    leaves(req('/es/questions/1/x', { authorization: 'Bearer t' }));
    leaves(req('/es/questions/404/x'));
    leaves(req('/es/about'));
    // A session due for renewal, expired or unknown (Astro renews or deletes it and sets the cookie), two session
    // cookies, or the https cookie name on plain http.
    leaves(req('/es/questions/1/x', { cookie: `session=${'c'.repeat(32)}` }));
    leaves(req('/es/questions/1/x', { cookie: `session=${TOKEN}; session=${TOKEN}` }));
    leaves(req('/es/questions/1/x', { cookie: `__Host-session=${TOKEN}` }));
    expect(pages.renderAnonymous(req('/es/questions/1/x?a=1'))).toBeNull();
  });

  it('leaves a request to Astro when a renderer or the session lookup throws, and reports the error', () => {
    const errors: unknown[] = [];
    const fail = () => {
      throw new Error('database is locked');
    };
    const pages = directPages({
      renderers: [{ route: 'r', path: /^\/es\/x$/, render: fail }],
      stylesheetsOf: () => '',
      sessionActor: fail,
      clientIp: () => '203.0.113.5',
      trustsForwardedHeaders: false,
      now: () => 1000,
      onError: (error) => errors.push(error),
    });
    expect(pages.renderAnonymous(req('/es/x'))).toBeNull();
    expect(pages.serve(req('/es/x', { cookie: `session=${TOKEN}` }), res().response)).toBe(false);
    expect(errors).toHaveLength(2);
  });

  it("writes a route's stylesheets as Astro's links, and none when Astro would write them otherwise", () => {
    expect(stylesheetLinks([{ type: 'external', src: '_astro/global.a1.css' }, { type: 'external', src: '/_astro/_..b2.css' }], '/', undefined)).toBe(
      '<link rel="stylesheet" href="/_astro/global.a1.css"><link rel="stylesheet" href="/_astro/_..b2.css">',
    );
    expect(stylesheetLinks([{ type: 'inline' }], '/', undefined)).toBeNull();
    expect(stylesheetLinks([{ type: 'external', src: '_astro/a.css' }], '/', 'https://cdn.example')).toBeNull();
  });
});
