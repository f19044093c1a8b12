export type DocumentType = 'question' | 'article';

/** What the search engines index: one document per question (thread) or article. */
export interface SearchDocument {
  type: DocumentType;
  id: number;
  locale: 'es' | 'en';
  title: string;
  /** Plain text: the question with its answers, or the article body. */
  body: string;
  tags: string[];
  category: string;
  solved: boolean;
  votes: number;
  /** Share of readers who found an article helpful (0–1), once it has enough votes; null when unknown. */
  helpfulness: number | null;
  url: string;
  updatedAt: number;
}

export function documentKey(type: DocumentType, id: number): string {
  return `${type}:${id}`;
}
