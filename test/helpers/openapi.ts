// Reads the OpenAPI document the way a client would: which operation a request hits, and whether a response body
// matches the schema documented for its status. Shared by the unit test of the document and the API contract spec.
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type Json = Record<string, unknown>;
export interface OpenApiDoc {
  paths: Record<string, Record<string, Json & { responses: Record<string, Json> }>>;
  components: { schemas: Record<string, Json>; responses: Record<string, Json> };
}

const ROUTES_DIR = 'src/pages/api/v1';
const SCHEMA_BASE = 'https://resuelve.test/schemas/';

/** Every route file under src/pages/api/v1 (the document's own aside) as `METHOD /path`, path in OpenAPI form. */
export function routeFileOperations(): string[] {
  return readdirSync(ROUTES_DIR, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('openapi.json.ts'))
    .flatMap((file) => {
      const path = `/${file.replace(/\\/g, '/').replace(/(\/index)?\.ts$/, '').replace(/\[(\w+)\]/g, '{$1}')}`;
      const source = readFileSync(`${ROUTES_DIR}/${file}`, 'utf8');
      return [...source.matchAll(/^export const (GET|POST|PUT|PATCH|DELETE)\b/gm)].map((m) => `${m[1]} ${path}`);
    })
    .sort();
}

export function documentedOperations(doc: OpenApiDoc): string[] {
  return Object.entries(doc.paths)
    .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
}

/** The schema of one response of one operation (success shapes inline or by $ref; errors through the Problem response). */
function responseSchema(doc: OpenApiDoc, operation: string, status: number): Json | undefined {
  const [method, path] = operation.split(' ') as [string, string];
  let response = doc.paths[path]?.[method.toLowerCase()]?.responses[String(status)] as Json | undefined;
  if (typeof response?.$ref === 'string') response = doc.components.responses[response.$ref.split('/').pop()!];
  const content = response?.content as Record<string, { schema: Json }> | undefined;
  return content?.['application/json']?.schema ?? content?.['application/problem+json']?.schema;
}

/**
 * Validators for a document's response schemas (JSON Schema 2020-12, formats checked). Component references are
 * rewritten to standalone schema ids so each response schema compiles on its own.
 */
export function responseValidator(doc: OpenApiDoc) {
  const relink = (schema: unknown): Json => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${SCHEMA_BASE}`));
  const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true, strict: true });
  addFormats(ajv);
  for (const [id, schema] of Object.entries(doc.components.schemas)) ajv.addSchema({ ...relink(schema), $id: SCHEMA_BASE + id });
  const compiled = new Map<string, ValidateFunction>();
  const templates = Object.keys(doc.paths).map((path) => ({ path, pattern: new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`) }));

  return {
    /** `GET /questions/{id}` for `GET /api/v1/questions/12?x=1`. */
    operationOf(method: string, url: string): string | undefined {
      const path = new URL(url, 'http://x').pathname.replace(/^\/api\/v1/, '');
      const template = templates.find((t) => t.pattern.test(path) && doc.paths[t.path]![method.toLowerCase()]);
      return template && `${method.toUpperCase()} ${template.path}`;
    },
    /** Compiles every response schema of the document; throws on the first invalid one. */
    compileAll(): number {
      let count = 0;
      for (const operation of documentedOperations(doc)) {
        const [method, path] = operation.split(' ') as [string, string];
        for (const status of Object.keys(doc.paths[path]![method.toLowerCase()]!.responses)) {
          this.validatorFor(operation, Number(status));
          count++;
        }
      }
      return count;
    },
    validatorFor(operation: string, status: number): ValidateFunction | undefined {
      const key = `${operation} ${status}`;
      if (!compiled.has(key)) {
        const schema = responseSchema(doc, operation, status);
        if (!schema) return undefined;
        compiled.set(key, ajv.compile(relink(schema)));
      }
      return compiled.get(key);
    },
    /** Problems with a response body, or [] when it matches the schema documented for its status. */
    check(operation: string, status: number, body: unknown): string[] {
      const validate = this.validatorFor(operation, status);
      if (!validate) return [`${operation} does not document status ${status}`];
      if (validate(body)) return [];
      return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
    },
  };
}
