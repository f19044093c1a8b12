import type { APIContext } from 'astro';
import { asDomainError, DomainError } from '../lib/errors';
import { problem, problemFromError } from './problem';

export const MAX_BODY_BYTES = 1024 * 1024;

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
}

/** A response written chunk by chunk as the generator yields (a large export never sits whole in memory). */
export function streamText(chunks: Iterator<string>, contentType: string, headers: Record<string, string> = {}): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': contentType, ...headers } });
}

/**
 * The body's bytes, reading no more than `limit` of them: null when the body is longer (the rest is left unread, so a
 * chunked body without an announced length cannot make the server read or hold more than the limit).
 */
export async function readBodyUpTo(request: Request, limit: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.byteLength;
    if (size > limit) {
      reader.releaseLock();
      return null;
    }
    chunks.push(value);
  }
}

/** Reads a JSON body: 415 when not JSON, 413 over `maxBytes` (1 MB; read no further), 400 when malformed. */
export async function readJson(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new HttpError(problem(415, 'Send the body as application/json.'));
  }
  const bytes = await readBodyUpTo(request, maxBytes);
  if (!bytes) throw new HttpError(problem(413, `The body is larger than ${maxBytes >= MAX_BODY_BYTES ? '1 MB' : `${Math.round(maxBytes / 1024)} KB`}.`, {}, { connection: 'close' }));
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new HttpError(problem(400, 'The body is not valid JSON (UTF-8).'));
  }
}

/** A JSON body that must be an object (commands take named fields); anything else is a 400. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  throw new HttpError(problem(400, 'The body must be a JSON object.'));
}

/** A ready response to return as is (thrown from helpers deep in a handler). */
export class HttpError extends Error {
  constructor(readonly response: Response) {
    super('http error');
  }
}

/** Wraps an API handler: every failure becomes problem+json, never a stack trace. */
export function apiRoute(handler: (context: APIContext) => Promise<Response> | Response) {
  return async (context: APIContext): Promise<Response> => {
    try {
      return await handler(context);
    } catch (error) {
      if (error instanceof HttpError) return error.response;
      const domain = asDomainError(error);
      if (!domain) context.locals.ctx.log.error({ err: error, requestId: context.locals.requestId }, 'api error');
      else if (domain.code === 'STORAGE_FULL') context.locals.ctx.log.error({ err: error, requestId: context.locals.requestId }, 'a write found the disk full');
      return problemFromError(domain ?? error, context.locals.requestId);
    }
  };
}

export function requireActor(context: APIContext) {
  const actor = context.locals.actor;
  if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in or send a personal access token (Authorization: Bearer …).');
  return actor;
}

export function clientIp(context: APIContext | { clientAddress: string; request: Request }, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = context.request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return context.clientAddress;
  } catch {
    return 'unknown';
  }
}
