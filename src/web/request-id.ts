/** The request id of a response: the caller's `X-Request-Id` (up to 64 characters) or a new random one. */
export function requestIdOf(header: string | string[] | null | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given?.slice(0, 64) || crypto.randomUUID();
}
