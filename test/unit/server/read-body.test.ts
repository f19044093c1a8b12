import { describe, expect, it } from 'vitest';
import { HttpError, MAX_BODY_BYTES, readBodyUpTo, readJson } from '../../../src/web/api';

/** A request whose body never ends (a chunked upload without a length), counting the bytes it was asked for. */
function endlessRequest(type = 'application/json') {
  const pulled = { bytes: 0 };
  const chunk = new TextEncoder().encode(`["${'x'.repeat(64 * 1024)}",`);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const request = new Request('http://localhost/api/v1/questions', { method: 'POST', headers: { 'content-type': type }, body, duplex: 'half' } as RequestInit);
  return { request, pulled };
}

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    if (error instanceof HttpError) return error.response.status;
    throw error;
  }
}

describe('reading a body', () => {
  it('stops at the limit: an endless body is refused after about 1 MB, not read to the end', async () => {
    const { request, pulled } = endlessRequest();
    expect(await statusOf(readJson(request))).toBe(413);
    expect(pulled.bytes).toBeGreaterThan(MAX_BODY_BYTES);
    expect(pulled.bytes).toBeLessThan(MAX_BODY_BYTES + 4 * 65 * 1024);
  });

  it('returns the bytes of a body within the limit, and null past it', async () => {
    const small = new Request('http://localhost/', { method: 'POST', body: 'x'.repeat(10) });
    expect((await readBodyUpTo(small, 10))?.byteLength).toBe(10);
    expect(await readBodyUpTo(new Request('http://localhost/', { method: 'POST', body: 'x'.repeat(11) }), 10)).toBeNull();
    expect((await readBodyUpTo(new Request('http://localhost/'), 10))?.byteLength).toBe(0);
  });

  it('answers 400 to malformed JSON and to bytes that are not UTF-8, 415 to other types', async () => {
    const post = (body: BodyInit, type = 'application/json') => readJson(new Request('http://localhost/', { method: 'POST', headers: { 'content-type': type }, body }));
    expect(await statusOf(post('{bad'))).toBe(400);
    expect(await statusOf(post(new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d])))).toBe(400);
    expect(await statusOf(post('{"a":1}', 'text/plain'))).toBe(415);
    expect(await readJson(new Request('http://localhost/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '\ufeff{"a":"ñ"}' }))).toEqual({ a: 'ñ' });
  });
});
