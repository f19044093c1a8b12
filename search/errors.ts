/** The search engine cannot be reached or refused the request; the page shows a "search is unavailable" message. */
export class SearchUnavailableError extends Error {
  constructor(engine: string, cause: unknown) {
    super(`The ${engine} search engine is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'SearchUnavailableError';
  }
}

/**
 * A query ran past the hard time budget and was abandoned (its worker stops it at its next check). A subclass of
 * SearchUnavailableError so every caller that already answers 503 keeps doing so; pages may say "try more specific
 * words" instead.
 */
export class SearchTimeoutError extends SearchUnavailableError {
  constructor(engine: string, budgetMs: number) {
    super(engine, new Error(`the query took longer than ${budgetMs} ms and was stopped`));
    this.name = 'SearchTimeoutError';
  }
}
