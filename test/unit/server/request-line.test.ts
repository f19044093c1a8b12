import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../../src/lib/api/openapi';
import { allowedMethods, refuseMethod, refuseUnfetchableMethod, repairedTarget } from '../../../src/web/request-line';

describe('allowed methods', () => {
  it('are the documented operations of an API path, with HEAD for GET and OPTIONS', () => {
    expect(allowedMethods('/api/v1/questions')).toEqual(['GET', 'HEAD', 'POST', 'OPTIONS']);
    expect(allowedMethods('/api/v1/questions/12/')).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(allowedMethods('/api/v1/answers/12/accept')).toEqual(['POST', 'DELETE', 'OPTIONS']);
    expect(allowedMethods('/api/v1/moderation/queue')).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(allowedMethods('/api/v1/openapi.json')).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(allowedMethods('/api/v1/nothing/here')).toBeNull();
    expect(allowedMethods('/_actions/community.vote')).toEqual(['POST', 'OPTIONS']);
    expect(allowedMethods('/es/questions')).toEqual(['GET', 'HEAD', 'POST', 'OPTIONS']);
  });

  it('cover every documented operation', () => {
    for (const route of API_ROUTES) {
      const path = `/api/v1${route.path.replace(/\{\w+\}/g, '7')}`;
      expect(allowedMethods(path), path).toContain(route.method.toUpperCase());
    }
  });
});

describe('refusing a method', () => {
  it('answers 405 with Allow: problem+json under /api, text elsewhere; 204 with Allow to OPTIONS', async () => {
    const api = refuseMethod('PUT', '/api/v1/posts/3/votes')!;
    expect([api.status, api.headers.get('allow'), api.headers.get('content-type')]).toEqual([405, 'POST, OPTIONS', 'application/problem+json; charset=utf-8']);
    expect(await api.json()).toMatchObject({ status: 405, title: 'Method Not Allowed' });
    const site = refuseMethod('DELETE', '/es/questions')!;
    expect([site.status, site.headers.get('allow')]).toEqual([405, 'GET, HEAD, POST, OPTIONS']);
    const options = refuseMethod('OPTIONS', '/api/v1/search')!;
    expect([options.status, options.headers.get('allow')]).toEqual([204, 'GET, HEAD, OPTIONS']);
    expect(refuseMethod('POST', '/api/v1/posts/3/votes')).toBeNull();
    expect(refuseMethod('PUT', '/api/v1/nothing')).toBeNull();
  });

  it('refuses the methods a fetch Request cannot carry before Astro sees them', async () => {
    const trace = refuseUnfetchableMethod('TRACE', '/api/v1/search?q=x')!;
    expect([trace.status, trace.headers.get('allow')]).toEqual([405, 'GET, HEAD, OPTIONS']);
    expect(refuseUnfetchableMethod('TRACE', '/es/')!.status).toBe(405);
    expect(refuseUnfetchableMethod('TRACE', '/api/v1/nothing')!.status).toBe(404);
    expect(refuseUnfetchableMethod('CONNECT', 'example.com:443')!.status).toBe(405);
    expect(refuseUnfetchableMethod('GET', '/es/')).toBeNull();
    expect(refuseUnfetchableMethod('PROPFIND', '/es/')).toBeNull();
  });
});

describe('malformed percent-encoding', () => {
  it('is repaired (every % escaped) so Astro can route it; a well-formed target is left alone', () => {
    expect(repairedTarget('/es/questions/%E0%A4%A')).toBe('/es/questions/%25E0%25A4%25A');
    expect(repairedTarget('/en/search?q=%ZZ')).toBe('/en/search?q=%25ZZ');
    expect(repairedTarget('/%C0%AF')).toBe('/%25C0%25AF');
    expect(repairedTarget('/es/search?q=caf%C3%A9%20con%25')).toBeNull();
    expect(repairedTarget('/es/')).toBeNull();
  });
});
