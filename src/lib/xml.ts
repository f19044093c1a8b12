const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
// What XML 1.0 cannot carry at all, escaped or not: C0 controls but tab, LF and CR; lone surrogates; U+FFFE, U+FFFF.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text or an attribute value for an XML document (feeds, sitemaps): escaped, and without the characters XML forbids,
 * so the document stays well-formed whatever the content holds (stored before input was cleaned, or imported).
 */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}
