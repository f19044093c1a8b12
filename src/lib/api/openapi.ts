import { z } from 'zod';
import { CASE_ROUTES } from '../cases/api-routes';
import { COMMUNITY_ROUTES } from '../community/api-routes';
import { DEFLECTION_ROUTES } from '../deflection/api-routes';
import { idSchema } from '../community/schemas';
import { INCIDENT_ROUTES } from '../incidents/api-routes';
import { KB_ROUTES } from '../kb/api-routes';
import { MODERATION_ROUTES } from '../moderation/api-routes';
import { SEARCH_ROUTES } from '../search/api-routes';
import { REPUTATION_ROUTES } from '../reputation/api-routes';
import { SUPPORT_ROUTES } from '../support/api-routes';
import { REPORT_ROUTES } from '../reports/api-routes';
import { problemShape } from './api-shapes';
import type { ApiRoute } from './route';

/** Every route of /api/v1 (but the document itself): a domain adds its list here. */
export const API_ROUTES: readonly ApiRoute[] = [...COMMUNITY_ROUTES, ...MODERATION_ROUTES, ...KB_ROUTES, ...INCIDENT_ROUTES, ...SUPPORT_ROUTES, ...SEARCH_ROUTES, ...REPORT_ROUTES, ...DEFLECTION_ROUTES, ...REPUTATION_ROUTES, ...CASE_ROUTES];

type JsonSchema = Record<string, unknown>;

// zod writes JavaScript's safe-integer range on every integer and a long regular expression beside `date-time`.
function withoutNoise({ jsonSchema: s }: { jsonSchema: JsonSchema }) {
  if (s.minimum === Number.MIN_SAFE_INTEGER) delete s.minimum;
  if (s.maximum === Number.MAX_SAFE_INTEGER) delete s.maximum;
  if (s.format === 'date-time') delete s.pattern;
}

/**
 * JSON Schema of zod schemas for one document: shapes named with `.meta({ id })` go to `components.schemas` once
 * and are referenced from there (zod puts them in each schema's own `$defs`).
 */
function schemaCollector() {
  const components: Record<string, JsonSchema> = {};
  const toComponents = (schema: unknown): JsonSchema => JSON.parse(JSON.stringify(schema).replaceAll('"#/$defs/', '"#/components/schemas/'));
  const convert = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const { $schema: _dialect, $defs, ...json } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any', override: withoutNoise }) as JsonSchema;
    for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, unknown>)) {
      const component = toComponents(def);
      if (components[id] && JSON.stringify(components[id]) !== JSON.stringify(component)) throw new Error(`Two different API schemas are named ${id}.`);
      components[id] = component;
    }
    return toComponents(json);
  };
  return { components, convert };
}

function operation(route: ApiRoute, convert: ReturnType<typeof schemaCollector>['convert']) {
  const pathNames = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const query = route.query ? (convert(route.query, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] }) : {};
  const parameters = [
    ...pathNames.map((name) => ({ name, in: 'path', required: true, schema: convert(route.pathParams?.[name] ?? idSchema, 'input') })),
    ...Object.entries(query.properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: query.required?.includes(name) ?? false, schema })),
  ];
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(route.responses)) responses[status] = { description: r.description, content: { 'application/json': { schema: convert(r.schema, 'output') } } };
  for (const status of route.errors) responses[status] = { $ref: '#/components/responses/Problem' };
  // Any write may find the database's disk full: 507, nothing saved, Retry-After.
  if (route.method !== 'get') responses['507'] = { $ref: '#/components/responses/Problem' };
  return {
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    ...(route.auth === 'signed-in' ? { security: [{ bearer: [] }, { cookie: [] }] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(route.body ? { requestBody: { required: route.body.required ?? true, content: { 'application/json': { schema: convert(route.body.schema, 'input') } } } } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 description of /api/v1, generated from the routes' zod schemas (input) and response shapes. */
export function openApiDocument(siteUrl: string, routes: readonly ApiRoute[] = API_ROUTES) {
  const { components, convert } = schemaCollector();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    if (paths[route.path]![route.method]) throw new Error(`${route.method.toUpperCase()} ${route.path} is listed twice.`);
    paths[route.path]![route.method] = operation(route, convert);
  }
  const problem = convert(problemShape, 'output');
  return {
    openapi: '3.1.0',
    info: {
      title: 'Resuelve API',
      version: '1.0.0',
      description:
        'Public JSON API of Resuelve. Authenticate with the session cookie (same origin) or a personal access token: `Authorization: Bearer rsv_…`. Errors are RFC 9457 `application/problem+json`.',
    },
    servers: [{ url: `${siteUrl.replace(/\/$/, '')}/api/v1` }],
    security: [{}, { bearer: [] }, { cookie: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Personal access token created at /{locale}/account or with `npm run token`.' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'session' },
      },
      responses: {
        Problem: { description: 'RFC 9457 problem details', content: { 'application/problem+json': { schema: problem } } },
      },
    },
  };
}
