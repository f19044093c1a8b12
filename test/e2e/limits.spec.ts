import { expect, test } from '@playwright/test';

/** Pose as another client: the test server trusts X-Forwarded-For (TRUST_PROXY). */
const from = (ip: string) => ({ 'x-forwarded-for': ip });

async function articleId(request: import('@playwright/test').APIRequestContext, locale: string, index: number): Promise<number> {
  const list = await (await request.get(`/api/v1/articles?locale=${locale}&limit=20`)).json();
  return list.items[index].id;
}

test('feedback API: made-up visitor ids from one address cannot pile "no" votes on an article', async ({ request }) => {
  const id = await articleId(request, 'en', 3);
  const votes = async () => (await (await request.get(`/api/v1/articles/${id}`)).json()).helpfulness.votes as number;
  const before = await votes();
  const statuses: number[] = [];
  for (let i = 0; i < 31; i++) {
    const res = await request.post(`/api/v1/articles/${id}/feedback`, {
      data: { helpful: false, visitorId: `made-up-visitor-${String(i).padStart(6, '0')}` },
      headers: from('203.0.113.77'),
    });
    statuses.push(res.status());
    if (res.status() === 429) {
      expect(res.headers()['content-type']).toContain('application/problem+json');
      expect(Number(res.headers()['retry-after'])).toBeGreaterThan(0);
    }
  }
  expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
  expect(statuses.slice(3)).toEqual(Array(28).fill(429));
  expect(await votes()).toBe(before + 3);

  // A visitor from that address may still change their own vote; another address may vote; the direct address is limited too.
  const change = await request.post(`/api/v1/articles/${id}/feedback`, { data: { helpful: true, visitorId: 'made-up-visitor-000000' }, headers: from('203.0.113.77') });
  expect(change.status()).toBe(200);
  const other = await request.post(`/api/v1/articles/${id}/feedback`, { data: { helpful: false, visitorId: 'another-visitor-000001' }, headers: from('198.51.100.23') });
  expect(other.status()).toBe(200);
  expect(await votes()).toBe(before + 4);
  const direct: number[] = [];
  const other2 = await articleId(request, 'en', 4);
  for (let i = 0; i < 5; i++) {
    direct.push((await request.post(`/api/v1/articles/${other2}/feedback`, { data: { helpful: false, visitorId: `direct-visitor-${String(i).padStart(6, '0')}` } })).status());
  }
  expect(direct).toEqual([200, 200, 200, 429, 429]);
});

test('feedback API: an IPv6 client is limited by its /64, whatever host address it picks', async ({ request }) => {
  const id = await articleId(request, 'es', 5);
  const statuses: number[] = [];
  for (let i = 1; i <= 5; i++) {
    const res = await request.post(`/api/v1/articles/${id}/feedback`, { data: { helpful: false, visitorId: `v6-visitor-000000${i}` }, headers: from(`2001:db8:aa:bb::${i.toString(16)}`) });
    statuses.push(res.status());
  }
  expect(statuses).toEqual([200, 200, 200, 429, 429]);
});
