export type { Locale, SeedCategory, SeedSection, SeedArticle, SeedAnswer, SeedQuestion } from './types.ts';
export { SEED_CATEGORIES } from './categories.ts';
export { SEED_QUESTIONS } from './questions.ts';
