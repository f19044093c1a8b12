import { describe, expect, it } from 'vitest';
import { addressKey } from '../../../src/lib/rate-limits/rate-limits';

describe('addressKey', () => {
  it('keeps IPv4 addresses, also when mapped into IPv6', () => {
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
  });

  it('reduces IPv6 addresses to their /64, however they are written', () => {
    const keys = ['2001:db8:0:7::1', '2001:0db8:0000:0007:ffff::1', '2001:DB8:0:7:1:2:3:4', '2001:db8:0:7::1%eth0'].map(addressKey);
    expect(new Set(keys)).toEqual(new Set(['2001:db8:0:7::/64']));
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(addressKey('2001:db8:0:8::1')).not.toBe(addressKey('2001:db8:0:7::1'));
  });
});
