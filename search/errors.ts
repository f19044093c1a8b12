/** The search engine cannot be reached or refused the request; the page shows a "search is unavailable" message. */
export class SearchUnavailableError extends Error {
  constructor(engine: string, cause: unknown) {
    super(`The ${engine} search engine is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'SearchUnavailableError';
  }
}
