export type Locale = 'es' | 'en';

export interface SeedCategory {
  slug: string;
  nameEs: string;
  nameEn: string;
  descriptionEs: string;
  descriptionEn: string;
}

export interface SeedArticle {
  translationKey: string;
  locale: Locale;
  slug: string;
  category: string;
  title: string;
  summary: string;
  body: string;
  tags: string[];
}

export interface SeedAnswer {
  body: string;
  accepted?: boolean;
}

export interface SeedQuestion {
  locale: Locale;
  category: string;
  title: string;
  body: string;
  tags: string[];
  answers: SeedAnswer[];
}
