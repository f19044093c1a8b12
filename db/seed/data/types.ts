export type Locale = 'es' | 'en';

export interface SeedSection {
  slug: string;
  nameEs: string;
  nameEn: string;
}

export interface SeedCategory {
  slug: string;
  nameEs: string;
  nameEn: string;
  descriptionEs: string;
  descriptionEn: string;
  /** KB sections: child categories, in order. */
  sections: SeedSection[];
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
