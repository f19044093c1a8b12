import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

/** Identity of a post's content, used to recognize a double submit of the same text. */
export function contentHash(...parts: string[]): string {
  const normalized = parts.map((p) => p.trim().replace(/\s+/g, ' ').toLowerCase()).join('\u0000');
  return encodeHexLowerCase(sha256(new TextEncoder().encode(normalized))).slice(0, 32);
}
