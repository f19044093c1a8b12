/** Words of a user query: letters and digits only, so no FTS5 or SQL syntax can get through. */
export function queryWords(q: string, maxWords = 12): string[] {
  return (q.slice(0, 500).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, maxWords);
}

// Words that carry no meaning on their own; dropped from OR-queries so they do not flood the candidates.
const STOP_WORDS = new Set(
  (
    'a al algo como con de del el ella en es esta este esto estoy hay la las le lo los me mi mis muy no o para pero por que qué se si sin su sus te tengo un una uno y ya yo ' +
    'a an and are as at be but by can do does for from have how i if in is it its me my no not of on or so that the this to was what when where which why with you your'
  ).split(' '),
);

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Quotes a word for FTS5 (it contains no quote, see queryWords). */
export function ftsTerm(word: string, prefix = false): string {
  return `"${word}"${prefix ? '*' : ''}`;
}
