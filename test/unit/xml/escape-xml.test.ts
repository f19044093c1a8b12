import { describe, expect, it } from 'vitest';
import { escapeXml } from '../../../src/lib/xml';

describe('escapeXml', () => {
  it('escapes markup and drops what XML 1.0 cannot carry', () => {
    expect(escapeXml(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;');
    expect(escapeXml('Form\u000cfeed, NUL\u0000, ESC\u001b[31m, lone \ud800 and \udfff, \ufffe\uffff')).toBe('Formfeed, NUL, ESC[31m, lone  and , ');
  });
  it('keeps tabs, line breaks and every character XML allows, astral ones included', () => {
    const text = 'tab\tnl\ncr\r Ñandú 日本語 🎉 \u0085 \u00a0 \ufffd';
    expect(escapeXml(text)).toBe(text);
  });
});
