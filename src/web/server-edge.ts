/**
 * The server's first look at a request (src/server.ts calls `screenRequest` before static files, the page cache and
 * Astro): what Astro cannot take is answered or repaired here, so nothing at the edge ends in a 500.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { writeResponse } from 'astro/app/node';
import { allowedMethods, refuseUnfetchableMethod, repairedTarget } from './request-line';

/** What Astro's render takes as locals from this first look. */
export interface EdgeLocals {
  /** The target had malformed percent-encoding and was repaired: the middleware answers 400. */
  malformedUrl: boolean;
}

/** How long a connection stays open, reading and dropping, after an answer that left the request's body unread. */
export const LINGER_MS = 2000;

/**
 * A connection that closes after an answer given before the whole body arrived (a 413 stops reading at the limit)
 * first ends our side, then lingers up to LINGER_MS reading what the client still sends: Node would destroy the socket
 * at once, and a socket closed with unread data is reset, which makes a client still writing lose the answer.
 */
function lingerIfBodyUnread(req: IncomingMessage): void {
  const socket = req.socket;
  socket.destroySoon = () => {
    if (req.complete) return Socket.prototype.destroySoon.call(socket);
    socket.end();
    // the rest of the body is read and dropped meanwhile (a paused body would stop the client writing, then reset it)
    req.removeAllListeners('readable').removeAllListeners('data').resume();
    req.once('end', () => socket.destroy());
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
}

/**
 * Answers TRACE and TRACK (a fetch Request cannot carry them; Astro answered 500) with 405 and the path's `Allow`, or
 * the API's 404, and returns null. Otherwise returns the locals for Astro: a target with malformed percent-encoding
 * (`%ZZ`, `%E0%A4%A`) is repaired in place and flagged, and must skip static files and the page cache.
 */
export function screenRequest(req: IncomingMessage, res: ServerResponse): EdgeLocals | null {
  const refusal = refuseUnfetchableMethod(req.method ?? 'GET', req.url ?? '/');
  if (refusal) {
    res.shouldKeepAlive = false;
    void writeResponse(refusal, res);
    return null;
  }
  lingerIfBodyUnread(req);
  const repaired = repairedTarget(req.url ?? '/');
  if (repaired === null) return { malformedUrl: false };
  req.url = repaired;
  return { malformedUrl: true };
}

/**
 * For the server's `connect` event: a CONNECT (a proxy tunnel, which this site is not) gets 405 with the `Allow` of the
 * site's pages, then the connection closes. Without a listener Node drops the connection without an answer.
 */
export function refuseTunnel(_req: IncomingMessage, socket: Duplex): void {
  const body = 'This address does not take CONNECT.\n';
  const head = [
    'HTTP/1.1 405 Method Not Allowed',
    `allow: ${allowedMethods('/')!.join(', ')}`,
    'content-type: text/plain; charset=utf-8',
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}
