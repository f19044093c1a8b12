// The fuzz classes, run against the built server over every operation of the OpenAPI document and every form action:
// methods, malformed bodies to actions, wrong JSON types, control characters and chunked bodies. None may get a 500;
// each class also asserts the exact answer it must get.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { documentedOperations, type OpenApiDoc } from '../helpers/openapi';
import { BASE_URL, tokenFor } from './helpers';

test.describe.configure({ mode: 'serial' });

const unique = Date.now() % 1_000_000;
const ORIGIN = { origin: BASE_URL };

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** Body bytes written before the response arrived. */
  sent: number;
}

/**
 * One request over node:http, any method. `chunks` writes that many bytes without a Content-Length (chunked), 64 KB
 * at a time, and stops writing as soon as the response arrives.
 */
function raw(
  method: string,
  path: string,
  options: {
    headers?: Record<string, string>;
    body?: string | Buffer;
    chunks?: number;
  } = {},
): Promise<RawResponse> {
  const base = new URL(BASE_URL);
  // node:http sends a DELETE's body with neither a length nor chunks unless told (the server reads it as the next request)
  const length =
    options.chunks !== undefined
      ? { 'transfer-encoding': 'chunked' }
      : options.body !== undefined && !options.headers?.['transfer-encoding']
        ? { 'content-length': String(Buffer.byteLength(options.body)) }
        : {};
  const headers = { ...length, ...options.headers };
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = httpRequest({ host: base.hostname, port: base.port, method, path, headers }, (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(parts).toString('utf8'),
          sent,
        }),
      );
      res.on('error', reject);
    });
    req.on('error', (error) => {
      if (!answered) reject(new Error(`${method} ${path}: ${error.message}`));
    });
    if (options.chunks === undefined) {
      req.end(options.body);
      return;
    }
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = () => {
      while (!answered && sent < options.chunks!) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/** Every action as `namespace.name`, read from src/actions (the files' exported objects and the index that names them). */
function actionNames(): string[] {
  const actionsDir = 'src/actions';
  const blocks = new Map<string, { keys: string[]; spreads: string[] }>();
  for (const file of readdirSync(actionsDir).filter((f) => f.endsWith('.ts') && f !== 'index.ts')) {
    const source = readFileSync(`${actionsDir}/${file}`, 'utf8');
    const headers = [...source.matchAll(/^(?:export )?const (\w+) = \{$/gm)];
    headers.forEach((h, i) => {
      const text = source.slice(h.index, headers[i + 1]?.index ?? source.length);
      blocks.set(h[1]!, {
        keys: [...text.matchAll(/^ {2}(\w+): \w+\(/gm)].map((m) => m[1]!),
        spreads: [...text.matchAll(/^ {2}\.\.\.(\w+),$/gm)].map((m) => m[1]!),
      });
    });
  }
  const keysOf = (name: string): string[] => [...(blocks.get(name)?.keys ?? []), ...(blocks.get(name)?.spreads ?? []).flatMap(keysOf)];
  const index = readFileSync(`${actionsDir}/index.ts`, 'utf8');
  const namespaces = /export const server = \{([^}]+)\}/
    .exec(index)![1]!
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return namespaces.flatMap((ns) => keysOf(ns).map((key) => `${ns}.${key}`)).sort();
}

let doc: OpenApiDoc;
const tokens: Record<'member' | 'helper' | 'moderator' | 'admin', string> = {
  member: '',
  helper: '',
  moderator: '',
  admin: '',
};
const ids = {
  question: 0,
  otherQuestion: 0,
  answer: 0,
  comment: 0,
  category: 0,
  article: 0,
  memberToSuspend: 0,
};
const contexts: APIRequestContext[] = [];
let routerDescription = '';

async function api(method: string, path: string, who: keyof typeof tokens | null, data?: unknown) {
  const res = await raw(method, `/api/v1${path}`, {
    headers: {
      ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}),
      ...(data === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: data === undefined ? undefined : JSON.stringify(data),
  });
  return { ...res, json: () => JSON.parse(res.body) };
}

test.beforeAll(async ({ playwright }) => {
  const signedIn = async (email: string) => {
    const context = await playwright.request.newContext({ baseURL: BASE_URL });
    contexts.push(context);
    return tokenFor(context, email);
  };
  tokens.member = await signedIn('tom@resuelve.test');
  tokens.helper = await signedIn('lucia@resuelve.test');
  tokens.moderator = await signedIn('moderator@resuelve.test');
  tokens.admin = await signedIn('admin@resuelve.test');
  doc = JSON.parse((await raw('GET', '/api/v1/openapi.json')).body);

  const ask = async (title: string) =>
    (
      await api('POST', '/questions', 'member', {
        title,
        body: 'The quuxbaz widget keeps blinking after the update.',
        category: 'internet',
        locale: 'en',
      })
    ).json().id as number;
  ids.question = await ask(`Fuzzing the edge ${unique}: the quuxbaz widget blinks`);
  ids.otherQuestion = await ask(`Fuzzing the edge ${unique}: the quuxbaz widget is silent`);
  ids.answer = (
    await api('POST', `/questions/${ids.question}/answers`, 'helper', {
      body: 'Hold the quuxbaz reset button for ten seconds.',
    })
  ).json().id;
  ids.comment = (
    await api('POST', `/questions/${ids.question}/comments`, 'helper', {
      body: 'Which quuxbaz model is it?',
    })
  ).json().id;
  ids.category = (
    await api('POST', '/categories', 'admin', {
      slug: `fuzz-${unique}`,
      nameEs: 'Fuzz',
      nameEn: 'Fuzz',
    })
  ).json().id;
  ids.article = (await api('GET', '/articles?locale=en&limit=1', null)).json().items[0].id;
  // a demo member none of these requests sign in as: its id, read from the moderators list it joins for a moment
  const moderators = (
    await api('POST', `/categories/${ids.category}/moderators`, 'admin', {
      email: 'john@resuelve.test',
    })
  ).json();
  ids.memberToSuspend = moderators.items[0].id;
  await api('DELETE', `/categories/${ids.category}/moderators?userId=${ids.memberToSuspend}`, 'admin');
  routerDescription = (await api('GET', '/tags/router', null)).json().description;
  expect(
    Object.values(ids).every((id) => id > 0),
    JSON.stringify(ids),
  ).toBe(true);
});

test.afterAll(async () => {
  await api('DELETE', `/members/${ids.memberToSuspend}/suspension`, 'moderator');
  await api('PATCH', '/tags/router', 'moderator', {
    description: routerDescription,
  });
  for (const context of contexts) await context.dispose();
});

/** A documented path with real ids in its parameters. */
function fill(path: string): string {
  const id = path.startsWith('/questions/')
    ? ids.question
    : path.startsWith('/answers/') || path.startsWith('/posts/')
      ? ids.answer
      : path.startsWith('/categories/')
        ? ids.category
        : path.startsWith('/members/')
          ? ids.memberToSuspend
          : ids.article;
  return path.replace('{name}', 'router').replace('{id}', String(id));
}

/** A valid body for every operation that takes one, and who sends it (each with the right to). */
function validBodies(): Record<
  string,
  {
    who: keyof typeof tokens | null;
    path?: string;
    body: Record<string, unknown>;
  }
> {
  return {
    'POST /questions': {
      who: 'member',
      body: {
        title: `Fuzzing the edge ${unique}: a third quuxbaz`,
        body: 'The quuxbaz widget keeps blinking after the update.',
        category: 'internet',
        tags: ['router'],
        locale: 'en',
      },
    },
    'POST /questions/{id}/answers': {
      who: 'helper',
      body: { body: 'Unplug the quuxbaz for a minute, then plug it in again.' },
    },
    'POST /questions/{id}/comments': {
      who: 'helper',
      body: { body: 'Is the quuxbaz light red or green?' },
    },
    'POST /posts/{id}/votes': { who: 'member', body: { value: 1 } },
    'POST /categories': {
      who: 'admin',
      body: {
        slug: `fuzz-more-${unique}`,
        nameEs: 'Más fuzz',
        nameEn: 'More fuzz',
        descriptionEs: '',
        descriptionEn: '',
        parentId: null,
        locale: null,
        position: null,
      },
    },
    'PATCH /categories/{id}': {
      who: 'admin',
      body: {
        nameEn: 'Fuzz',
        descriptionEn: 'Fuzzed',
        parentId: null,
        locale: 'en',
        position: 3,
      },
    },
    'POST /categories/{id}/moderators': {
      who: 'admin',
      body: { userId: null, email: 'lucia@resuelve.test' },
    },
    'PATCH /tags/{name}': {
      who: 'moderator',
      body: {
        description: 'Routers and modems',
        synonyms: [],
        confirmMerge: false,
      },
    },
    'POST /posts/{id}/flags': {
      who: 'member',
      path: `/posts/${ids.question}/flags`,
      body: { reason: 'other', note: 'fuzz', commentId: ids.comment },
    },
    'POST /moderation/content': {
      who: 'moderator',
      body: {
        targetType: 'comment',
        targetId: ids.comment,
        action: 'hide',
        reason: 'fuzz',
      },
    },
    'POST /questions/{id}/moderation': {
      who: 'moderator',
      path: `/questions/${ids.otherQuestion}/moderation`,
      body: {
        action: 'close',
        duplicateOf: ids.question,
        merge: false,
        category: 'internet',
        tags: ['router'],
        reason: 'fuzz',
      },
    },
    'POST /members/{id}/suspension': {
      who: 'moderator',
      body: { reason: 'fuzz', days: 1 },
    },
    'DELETE /members/{id}/suspension': {
      who: 'moderator',
      body: { reason: 'fuzz over' },
    },
    'POST /articles/{id}/feedback': {
      who: null,
      body: {
        helpful: true,
        comment: 'fuzz',
        visitorId: `fuzz-visitor-${unique}-0000`,
      },
    },
    'POST /contact-requests': {
      who: null,
      body: {
        locale: 'en',
        name: 'Fuzz',
        email: 'fuzz@example.com',
        subject: 'Fuzzing the edge',
        message: 'A message long enough to be sent.',
        category: 'internet',
        from: 'kb:reset-your-password',
      },
    },
  };
}

function bodySchema(operation: string): Record<string, unknown> | undefined {
  const [method, path] = operation.split(' ') as [string, string];
  const body = doc.paths[path]![method.toLowerCase()]!.requestBody as { content: Record<string, { schema: Record<string, unknown> }> } | undefined;
  return body?.content['application/json']!.schema;
}

const WRONG_VALUES: unknown[] = [true, false, 0, 1, -1, 1.5, '1', 'true', '', [1], ['x'], {}, null];

test('methods: every documented path answers the methods it does not take with 405 problem+json and its Allow; TRACE and unknown methods never 500', async () => {
  // About eight requests for each of the documented paths (over a hundred with the cases routes): past 30 s under load.
  test.slow();
  const byPath = new Map<string, string[]>();
  for (const op of documentedOperations(doc)) {
    const [method, path] = op.split(' ') as [string, string];
    byPath.set(path, [...(byPath.get(path) ?? []), method]);
  }
  let checked = 0;
  for (const [path, methods] of byPath) {
    const allowed = new Set([...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS']);
    const url = `/api/v1${fill(path)}`;
    for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND', 'PURGE']) {
      if (allowed.has(method) && method !== 'OPTIONS') continue;
      const res = await raw(method, url);
      checked++;
      const allow = String(res.headers.allow ?? '').split(', ');
      expect(new Set(allow), `${method} ${url}`).toEqual(allowed);
      if (method === 'OPTIONS') {
        expect(res.status, `${method} ${url}`).toBe(204);
      } else {
        expect(res.status, `${method} ${url}`).toBe(405);
        expect(res.headers['content-type'], `${method} ${url}`).toMatch(/^application\/problem\+json/);
        if (method !== 'HEAD')
          expect(JSON.parse(res.body)).toMatchObject({
            status: 405,
            title: 'Method Not Allowed',
          });
      }
    }
  }
  expect(checked).toBeGreaterThan(byPath.size * 5);

  const thread = `/en/questions/${ids.question}/x`;
  for (const path of [
    '/',
    '/es/',
    '/en/questions',
    thread,
    '/es/kb',
    '/es/signin',
    '/es/kb/feed.xml',
    '/sitemap.xml',
    '/healthz',
    '/favicon.svg',
    '/es/no-such-page',
    '/api/v1/no-such-route',
  ]) {
    for (const method of ['PUT', 'PATCH', 'DELETE', 'TRACE', 'PROPFIND', 'MKCOL', 'OPTIONS']) {
      const res = await raw(method, path, { headers: ORIGIN });
      expect(res.status, `${method} ${path}`).toBeLessThan(500);
      if (path.startsWith('/api/')) expect(res.status, `${method} ${path}`).toBe(404);
      else expect([res.status, res.headers.allow], `${method} ${path}`).toEqual([method === 'OPTIONS' ? 204 : 405, 'GET, HEAD, POST, OPTIONS']);
    }
  }
  for (const name of actionNames()) {
    const res = await raw('GET', `/_actions/${name}`);
    expect([res.status, res.headers.allow], name).toEqual([405, 'POST, OPTIONS']);
  }
});

test('malformed bodies to every form action (/_actions/<name> and ?_action=): 415 for what is no form, never a 500', async () => {
  const names = actionNames();
  expect(names.length).toBeGreaterThanOrEqual(30);
  const bodies: [string, string | Buffer][] = [
    ['application/json', '{bad'],
    ['application/json', '{"postId": "1", "value": [1]}'],
    ['application/json', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
    ['application/json; charset=utf-8', ''],
    ['text/plain', 'postId=1'],
    ['application/xml', '<a/>'],
    ['multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="postId"\r\n\r\n1\r\n--x'],
    ['multipart/form-data', 'no boundary at all'],
    ['application/x-www-form-urlencoded', '%%%&=&&postId=%ZZ&value=%E0%A4%A'],
  ];
  let checked = 0;
  for (const name of names) {
    // the action exists (an unknown name is a 404)
    const known = await raw('POST', `/_actions/${name}`, {
      headers: {
        ...ORIGIN,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: '',
    });
    expect(known.status, name).not.toBe(404);
    for (const target of [`/_actions/${name}`, `/en/?_action=${name}`]) {
      for (const [type, body] of bodies) {
        const res = await raw('POST', target, {
          headers: { ...ORIGIN, 'content-type': type },
          body,
        });
        checked++;
        // a form, however broken, reaches the action (which answers with its form result); anything else is refused
        if (type.includes('form')) expect(res.status, `${target} ${type} ${String(body).slice(0, 30)}`).toBeLessThan(500);
        else expect(res.status, `${target} ${type} ${String(body).slice(0, 30)}`).toBe(415);
      }
      const untyped = await raw('POST', target, {
        headers: ORIGIN,
        body: '{bad',
      });
      expect(untyped.status, `${target} without a type`).toBe(415);
    }
  }
  expect(checked).toBe(names.length * 2 * bodies.length);
});

test('every documented operation that takes a body: no JSON object, or no JSON at all, is a 4xx problem+json', async () => {
  const withBody = documentedOperations(doc).filter((op) => bodySchema(op));
  expect(withBody).toEqual(expect.arrayContaining(Object.keys(validBodies())));
  const bodies = ['[]', '"text"', '42', 'null', '{"a":', '{"a":1}}', '\u0000', '"\ud800"', '[{"value":1}]'];
  for (const operation of withBody) {
    const [method, template] = operation.split(' ') as [string, string];
    for (const body of bodies) {
      const res = await raw(method, `/api/v1${fill(template)}`, { headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' }, body });
      expectProblem(res, `${operation} ${JSON.stringify(body)} → ${res.status} ${res.body.slice(0, 200)}`);
    }
  }
});

test('wrong JSON types: every documented request body refuses, with a 400, each value its schema does not allow', async () => {
  const bases = validBodies();
  const withBody = documentedOperations(doc).filter((op) => bases[op]);
  const ajv = new Ajv2020({ strict: false, allowUnionTypes: true });
  addFormats(ajv);
  let refused = 0;
  const accepted: string[] = [];
  for (const operation of withBody) {
    const { who, path, body } = bases[operation]!;
    const schema = bodySchema(operation)!;
    const validate = ajv.compile({ ...schema, components: doc.components });
    expect(validate(body), `${operation}: its valid body ${JSON.stringify(validate.errors)}`).toBe(true);
    const [method, template] = operation.split(' ') as [string, string];
    for (const property of Object.keys((schema.properties ?? {}) as object)) {
      for (const value of WRONG_VALUES) {
        const wrong = { ...body, [property]: value };
        if (validate(wrong)) continue;
        const res = await api(method, path ?? fill(template), who, wrong);
        refused++;
        if (res.status !== 400 || !/^application\/problem\+json/.test(res.headers['content-type'] ?? '')) {
          accepted.push(`${operation} ${property}=${JSON.stringify(value)} → ${res.status} ${res.headers['content-type']} ${res.body.slice(0, 200)}`);
        }
      }
    }
  }
  expect(accepted).toEqual([]);
  expect(refused).toBeGreaterThan(300);
  // the documented way to take a vote back is 0, and null is not it
  expect((await api('POST', `/posts/${ids.answer}/votes`, 'member', { value: -1 })).json()).toMatchObject({ vote: -1 });
  expect((await api('POST', `/posts/${ids.answer}/votes`, 'member', { value: null })).status).toBe(400);
  expect((await api('POST', `/posts/${ids.answer}/votes`, 'member', { value: 0 })).json()).toMatchObject({ vote: 0 });
});

// eslint-disable-next-line no-control-regex -- what must never come back
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]|\\u00(?:0[0-8bcef]|1[0-9a-f]|7f|8[0-9a-f]|9[0-9a-f])/i;

test('control characters in every text field of every request body: never a 500, never stored', async () => {
  const bases = validBodies();
  let accepted = 0;
  for (const [operation, { who, path, body }] of Object.entries(bases)) {
    const schema = bodySchema(operation)!;
    const [method, template] = operation.split(' ') as [string, string];
    const properties = (schema.properties ?? {}) as Record<string, { type?: string }>;
    const dirty = Object.fromEntries(
      Object.entries(body).map(([k, v]) => [
        k,
        typeof v === 'string' && properties[k]?.type === 'string' && !['slug', 'email', 'visitorId', 'from', 'category'].includes(k)
          ? `\u001b[31m${v}\u0000\u0007\u000c\u001b[0m`
          : v,
      ]),
    );
    const res = await api(method, path ?? fill(template), who, dirty);
    expect(res.status, `${operation}: ${res.body}`).toBeLessThan(500);
    if (res.status < 300) {
      accepted++;
      expect(res.body, operation).not.toMatch(CONTROL);
    }
  }
  expect(accepted).toBeGreaterThan(8);
  const thread = (await api('GET', `/questions/${ids.question}`, null)).body;
  expect(thread).toContain('Unplug the quuxbaz');
  expect(thread).not.toMatch(CONTROL);
});

test('chunked bodies: every operation and action that takes a body stops reading at 1 MB and answers 413', async () => {
  const targets = [
    ...documentedOperations(doc)
      .filter((op) => !op.startsWith('GET '))
      .map((op) => {
        const [method, path] = op.split(' ') as [string, string];
        return [method, `/api/v1${fill(path)}`, 'application/json'] as const;
      }),
    ...actionNames().map((name) => ['POST', `/_actions/${name}`, 'application/x-www-form-urlencoded'] as const),
    ['POST', '/en/signin?_action=auth.signIn', 'application/x-www-form-urlencoded'] as const,
  ];
  for (const [method, path, type] of targets) {
    const res = await raw(method, path, {
      headers: {
        ...ORIGIN,
        authorization: `Bearer ${tokens.admin}`,
        'content-type': type,
      },
      chunks: 2 * 1024 * 1024,
    });
    expect(res.status, `${method} ${path}`).toBe(413);
    expect(res.headers['content-type'], `${method} ${path}`).toMatch(/^application\/problem\+json/);
  }
  // an endless upload is answered long before it ends: the server does not read it to the end
  for (const [path, type] of [
    ['/api/v1/questions', 'application/json'],
    ['/en/questions/ask?_action=community.ask', 'application/x-www-form-urlencoded'],
  ]) {
    const res = await raw('POST', path!, {
      headers: {
        ...ORIGIN,
        authorization: `Bearer ${tokens.member}`,
        'content-type': type!,
      },
      chunks: 256 * 1024 * 1024,
    });
    expect(res.status, path).toBe(413);
    expect(res.sent, path).toBeLessThan(64 * 1024 * 1024);
  }
  // a small chunked body is read like any other
  const small = await raw('POST', `/api/v1/posts/${ids.answer}/votes`, {
    headers: {
      authorization: `Bearer ${tokens.member}`,
      'content-type': 'application/json',
      'transfer-encoding': 'chunked',
    },
    body: '{"value":1}',
  });
  expect([small.status, JSON.parse(small.body).vote]).toEqual([200, 1]);
});

/** A seeded generator (mulberry32): the same seed gives the same cases on every run and every machine. */
function seeded(seed: number) {
  let state = seed | 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}
type Random = ReturnType<typeof seeded>;

// Values no real id can be: the random cases must change nothing that other specs read.
const ODD_NUMBERS = [0, -1, -0.5, 1.5, 2 ** 53 + 2, 1e308, -1e308, 999_999_999_999_999, 1e-7];
const ODD_STRINGS = [
  '',
  ' ',
  '\u0000'.repeat(30),
  '\u001b[31mred\u001b[0m',
  '\u202e\u0007\f\v',
  '\ud800',
  'x'.repeat(40_000),
  '🙂'.repeat(300),
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '"unbalanced AND NOT (',
  'NEAR(a b) * ^ -x',
  '%00%ZZ',
  '../../etc/passwd',
  'true',
  '1',
  '[1]',
];

/** A JSON value from the odd corners: wrong types, hostile and huge strings, nesting. */
function oddValue(random: Random, depth = 0): unknown {
  switch (random.int(depth > 2 ? 4 : 7)) {
    case 0:
      return random.pick([true, false, null]);
    case 1:
      return random.pick(ODD_NUMBERS);
    case 2:
    case 3:
      return random.pick(ODD_STRINGS);
    case 4:
      return Array.from({ length: random.int(4) }, () => oddValue(random, depth + 1));
    case 5:
      return Object.fromEntries(
        Array.from({ length: random.int(4) }, (_, i) => [
          random.pick(['id', 'value', '__proto__', 'constructor', `k${i}`]),
          oddValue(random, depth + 1),
        ]),
      );
    default: {
      let nested: unknown = random.pick(ODD_NUMBERS);
      for (let i = 0; i < 2000; i++) nested = [nested];
      return nested;
    }
  }
}

/** Random bytes, as a body that claims to be JSON. */
function oddBytes(random: Random): Buffer {
  return Buffer.from(
    Array.from({ length: random.int(200) }, () => random.pick([0x7b, 0x7d, 0x22, 0x5b, 0x5d, 0x3a, 0x2c, 0x00, 0xff, 0xc3, 0x5c, random.int(256)])),
  );
}

const CASES = { api: 400, targets: 150, actions: 200 };

function expectProblem(res: RawResponse, label: string, status?: number) {
  expect(res.status, label).toBeGreaterThanOrEqual(400);
  expect(res.status, label).toBeLessThan(500);
  if (status !== undefined) expect(res.status, label).toBe(status);
  expect(res.headers['content-type'], label).toMatch(/^application\/problem\+json/);
  expect(JSON.parse(res.body), label).toMatchObject({ status: res.status });
}

test(`seeded random request bodies (${CASES.api} cases): every body its schema refuses is a 400 problem+json, never a 5xx`, async () => {
  const random = seeded(0x5eed0a91);
  const bases = validBodies();
  const ajv = new Ajv2020({ strict: false, allowUnionTypes: true });
  addFormats(ajv);
  const operations = Object.keys(bases).sort();
  const validators = new Map(operations.map((op) => [op, ajv.compile({ ...bodySchema(op)!, components: doc.components })]));
  const kinds = new Map<string, number>();
  let sent = 0;
  while (sent < CASES.api) {
    const operation = random.pick(operations);
    const { who, path, body } = bases[operation]!;
    const [method, template] = operation.split(' ') as [string, string];
    const properties = Object.keys(body);
    let url = `/api/v1${path ?? fill(template)}`;
    let payload: string | Buffer;
    let kind: string;
    let status: number | undefined = 400;
    const roll = random.int(10);
    if (roll < 5) {
      kind = 'fields';
      const changed: Record<string, unknown> = { ...body };
      for (let i = 0, n = 1 + random.int(3); i < n; i++) changed[random.pick(properties)] = oddValue(random);
      if (random.int(4) === 0) delete changed[random.pick(properties)];
      // a change the schema allows could be stored: only refused bodies are sent
      if (validators.get(operation)!(changed)) continue;
      payload = JSON.stringify(changed);
    } else if (roll < 7) {
      kind = 'not an object';
      payload = JSON.stringify(random.pick([[], [body], 'body', 42, null, true]));
    } else if (roll < 9) {
      kind = 'bytes';
      payload = oddBytes(random);
    } else {
      kind = 'path';
      if (!template.includes('{')) continue;
      url = `/api/v1${template.replace(/\{\w+\}/, random.pick(['0', '-1', '1e3', '999999999999999', '9'.repeat(40), 'abc', '%00', '%2E%2E', 'x'.repeat(300), '%F0%9F%99%82']))}`;
      payload = JSON.stringify(body);
      status = undefined;
    }
    const headers = {
      'content-type': 'application/json',
      ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}),
    };
    const res = await raw(method, url, { headers, body: payload });
    const label = `case ${sent} (${kind}) ${method} ${url.slice(0, 80)} ${String(payload).slice(0, 120)} → ${res.status} ${res.body.slice(0, 200)}`;
    if (kind === 'path') expect([400, 404], label).toContain(res.status);
    expectProblem(res, label, status);
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    sent++;
  }
  expect(kinds.size).toBe(4);
});

test(`seeded random request lines (${CASES.targets} cases): any method and target, never a 5xx; the API answers problem+json`, async () => {
  const random = seeded(0x7a26e7);
  const apiPaths = documentedOperations(doc).map((op) => `/api/v1${fill(op.split(' ')[1]!)}`);
  const sitePaths = [
    '/',
    '/es/',
    '/en/questions',
    `/en/questions/${ids.question}/x`,
    '/es/kb',
    '/en/search',
    '/es/tags',
    '/sitemap.xml',
    '/en/kb/feed.xml',
    '/_actions/community.vote',
  ];
  const garbage = ['%ZZ', '%E0%A4%A', '%C0%AF', '%00', '..', '%2e%2e%2f', '//', '\u00e9', '%F0%9F', ';x=1', '*', 'x'.repeat(3000)];
  for (let i = 0; i < CASES.targets; i++) {
    const api = random.int(2) === 0;
    let target = api ? random.pick(apiPaths) : random.pick(sitePaths);
    for (let j = random.int(3); j > 0; j--) target += random.pick(['/', '?q=', '&next=', '#']) + encodeURI(random.pick(garbage)).replace(/%25/g, '%');
    const method = random.pick(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND', 'PURGE']);
    const res = await raw(method, target, { headers: ORIGIN });
    const label = `case ${i}: ${method} ${target.slice(0, 120)} → ${res.status} ${res.body.slice(0, 200)}`;
    expect(res.status, label).toBeLessThan(500);
    if (api && res.status >= 400 && method !== 'HEAD') expectProblem(res, label);
  }
});

test(`seeded random forms to the actions (${CASES.actions} cases): never a 5xx, 415 for what is no form`, async () => {
  const random = seeded(0xac710);
  const names = actionNames();
  const keys = [
    'postId',
    'value',
    'title',
    'body',
    'email',
    'password',
    'locale',
    'category',
    'tags',
    'reason',
    'days',
    'targetId',
    'helpful',
    'comment',
    'next',
    'name',
    'slug',
    '_action',
    '',
  ];
  // no value holds an @ or yes/no: anonymous actions (sign-up, contact, KB feedback) refuse every case and store nothing
  const values = ODD_STRINGS.filter((v) => v.length < 5000).concat(['%%%', '=&=', '+', '\r\n', '0', '-1', '1e3']);
  const types = [
    'application/x-www-form-urlencoded',
    'application/x-www-form-urlencoded; charset=latin1',
    'multipart/form-data; boundary=b',
    'application/json',
    'text/plain',
    '',
  ];
  for (let i = 0; i < CASES.actions; i++) {
    const name = random.pick(names);
    const target = random.int(2) === 0 ? `/_actions/${name}` : `/${random.pick(['es', 'en'])}/?_action=${name}`;
    const type = random.pick(types);
    const fields = Array.from({ length: random.int(6) }, () => [random.pick(keys), random.pick(values)] as const);
    const body = type.startsWith('multipart')
      ? `${fields.map(([k, v]) => `--b\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('')}${random.int(3) ? '--b--\r\n' : ''}`
      : random.int(4) === 0
        ? oddBytes(random)
        : new URLSearchParams(fields.map(([k, v]) => [k, v])).toString();
    const res = await raw('POST', target, {
      headers: { ...ORIGIN, ...(type ? { 'content-type': type } : {}) },
      body,
    });
    const label = `case ${i}: ${target} ${type} ${String(body).slice(0, 120)} → ${res.status} ${res.body.slice(0, 200)}`;
    expect(res.status, label).toBeLessThan(500);
    if (!/form/.test(type)) expect(res.status, label).toBe(415);
  }
});
