import { ZodError } from 'zod';
import { DomainError, HTTP_STATUS } from '../lib/errors';
import { translate } from '../lib/i18n/index';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  507: 'Insufficient Storage',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** An RFC 9457 problem+json response. */
export function problem(
  status: number,
  detail: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, ...extra }), {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
  });
}

/** Maps any error to a problem response; unexpected errors become a bare 500 without internals. */
export function problemFromError(error: unknown, requestId: string): Response {
  if (error instanceof DomainError) {
    const status = HTTP_STATUS[error.code];
    const errors = Object.fromEntries(
      Object.entries(error.fields).map(([field, key]) => [field, { code: key, message: translate('en', key, error.fieldVars[field]) }]),
    );
    const headers: Record<string, string> = error.retryAfterS ? { 'retry-after': String(error.retryAfterS) } : {};
    return problem(status, error.message, Object.keys(errors).length ? { errors } : {}, headers);
  }
  if (error instanceof ZodError) return problem(400, 'The input is not valid.');
  return problem(500, `Something went wrong. Request id: ${requestId}.`, { requestId });
}
