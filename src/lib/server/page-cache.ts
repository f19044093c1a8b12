/**
 * A short-lived cache of the HTML that anonymous visitors get for a thread (a "microcache", as Discourse does for
 * anonymous traffic). Entries expire after `ttlMs` and are dropped as soon as the thread changes (outbox
 * `question.changed`), so an anonymous reader sees a change within `ttlMs` at worst.
 */
export interface CachedPage {
  body: string;
  status: number;
  headers: [string, string][];
  storedAt: number;
}

export class PageCache {
  private readonly byQuestion = new Map<number, Map<string, CachedPage>>();

  constructor(
    readonly ttlMs: number,
    private readonly maxQuestions = 2000,
  ) {}

  get(questionId: number, key: string, now: number): CachedPage | null {
    const page = this.byQuestion.get(questionId)?.get(key);
    if (!page) return null;
    if (now - page.storedAt >= this.ttlMs) {
      this.byQuestion.get(questionId)?.delete(key);
      return null;
    }
    return page;
  }

  set(questionId: number, key: string, page: CachedPage): void {
    if (this.ttlMs <= 0) return;
    let pages = this.byQuestion.get(questionId);
    if (!pages) {
      if (this.byQuestion.size >= this.maxQuestions) {
        // Maps iterate in insertion order: drop the thread cached longest ago.
        const oldest = this.byQuestion.keys().next().value;
        if (oldest !== undefined) this.byQuestion.delete(oldest);
      }
      pages = new Map();
      this.byQuestion.set(questionId, pages);
    }
    pages.set(key, page);
  }

  invalidateQuestion(questionId: number): void {
    this.byQuestion.delete(questionId);
  }
}
