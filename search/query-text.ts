/** Words of a user query: letters and digits only, so no FTS5 or SQL syntax can get through. */
export function queryWords(q: string, maxWords = 12): string[] {
  return (q.slice(0, 500).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, maxWords);
}

/** A parsed user query: loose words and "quoted phrases" (their stop words kept), all syntax-free. */
export interface ParsedQuery {
  words: string[];
  phrases: string[][];
  /** The last word was typed without a trailing space: match it as a prefix. */
  lastIsPrefix: boolean;
}

export function parseQuery(q: string, maxWords = 12): ParsedQuery {
  const text = q.slice(0, 500);
  const phrases: string[][] = [];
  const rest = text.replace(/"([^"]*)"/g, (_, inner: string) => {
    const words = queryWords(inner, maxWords).map(foldText);
    if (words.length > 1) phrases.push(words);
    else if (words.length === 1) return ` ${words[0]} `;
    return ' ';
  });
  const words = queryWords(rest, maxWords).map(foldText);
  return { words, phrases, lastIsPrefix: words.length > 0 && /[\p{L}\p{N}]$/u.test(rest) };
}

// Words that carry no meaning on their own; dropped from queries so they do not flood the candidates.
const STOP_WORDS = new Set(
  (
    'a al algo como con de del el ella en es esta este esto estoy hay la las le lo los me mi mis muy no o para pero por que qué se si sin su sus te tengo un una uno y ya yo ' +
    'a an and are as at be but by can do does for from have how i if in is it its me my no not of on or so that the this to was what when where which why with you your'
  ).split(' '),
);

// Filler of forum questions ("hi, does anyone know…") and the rest of the common function words: ignored when a whole
// question is the query (similar questions), where they only add noise.
const QUESTION_FILLER = new Set(
  (
    'hi hello thanks thank please anyone any know would could should will get got one some all also just like about more there their them they we our us he she his her him has had been were am im dont regards help advice need want ' +
    'myself ours ourselves yours yourself yourselves himself hers herself itself theirs themselves who whom these those being having did doing because until while against between into through during before after above below up down out off over under again further then once here both each few most other such nor only own same than too very don ll ve re isn aren didn doesn wasn weren won wouldn couldn shouldn go going someone something thing things really much many well still even may might guys advance ' +
    'hola gracias alguien saber sabe alguno puede pueden quisiera ayuda favor ayudar necesito quiero hacer tiene tienen'
  ).split(' '),
);

export const STOP_WORDS_LIST: readonly string[] = [...STOP_WORDS];

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

export function isQuestionFiller(word: string): boolean {
  return STOP_WORDS.has(word) || QUESTION_FILLER.has(word);
}

/** Quotes a word for FTS5 (it contains no quote, see queryWords). */
export function ftsTerm(word: string, prefix = false): string {
  return `"${word}"${prefix ? '*' : ''}`;
}

/** Lowercase without accents: what the FTS5 tokenizer (unicode61, remove_diacritics 2) indexes. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The terms the index holds for a text, as the FTS5 tokenizer splits them (terms over 40 characters skipped). */
export function indexTerms(text: string): string[] {
  return (foldText(text).match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => t.length <= 40);
}

/**
 * Light stemming for English and Spanish plurals (S-stemmer rules): enough to match "banks" with "bank" and
 * "facturas" with "factura" without the over-stemming of Porter on Spanish words.
 */
export function lightStem(term: string): string {
  if (term.length > 5 && term.endsWith('iones')) return term.slice(0, -2);
  if (term.length > 4 && term.endsWith('ies') && !/[ae]ies$/.test(term)) return `${term.slice(0, -3)}y`;
  if (term.length > 3 && term.endsWith('es') && !/[aeo]es$/.test(term)) return term.slice(0, -1);
  if (term.length > 3 && term.endsWith('s') && !/(us|ss|is)$/.test(term)) return term.slice(0, -1);
  return term;
}

/** Typos tolerated in a word, as Meilisearch does by default: 1 from 5 letters, 2 from 9. */
export function allowedTypos(word: string): number {
  return word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0;
}

/** Optimal-string-alignment distance (a swap of two neighbours is one typo), or max + 1 once it exceeds max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      row.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}
