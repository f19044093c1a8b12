import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { API_ROUTES, openApiDocument } from '../../../src/lib/api/openapi';
import type { ApiRoute } from '../../../src/lib/api/route';
import { documentedOperations, responseValidator, routeFileOperations, type OpenApiDoc } from '../../helpers/openapi';

const doc = openApiDocument('https://help.example.com/') as unknown as OpenApiDoc;

describe('the OpenAPI document', () => {
  it('documents every method of every route file under src/pages/api/v1, and nothing else', () => {
    const files = routeFileOperations();
    expect(files.length).toBeGreaterThanOrEqual(34);
    expect(documentedOperations(doc)).toEqual(files);
  });

  it('is valid OpenAPI 3.1', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect([result.valid, validator.version]).toEqual([true, '3.1']);
    const broken = structuredClone(doc) as unknown as { paths: Record<string, Record<string, { responses: unknown }>> };
    broken.paths['/questions']!.get!.responses = 'none';
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it('has a valid JSON Schema 2020-12 for every response, and every named shape is used', () => {
    const validator = responseValidator(doc);
    expect(validator.compileAll()).toBeGreaterThan(API_ROUTES.length * 2);
    const text = JSON.stringify(doc);
    for (const name of Object.keys(doc.components.schemas)) expect(text, name).toContain(`"#/components/schemas/${name}"`);
    expect(text).not.toContain('$defs');
  });

  it('takes request schemas from the input schemas that validate them, and shapes from the serializers', () => {
    const ask = doc.paths['/questions']!.post!.requestBody as { content: Record<string, { schema: { properties: Record<string, { maxLength?: number }>; required: string[] } }> };
    const schema = ask.content['application/json']!.schema;
    expect(schema.properties.title!.maxLength).toBe(150);
    expect(schema.required).toEqual(['title', 'body', 'category']);
    expect(doc.components.schemas.Thread).toMatchObject({ required: expect.arrayContaining(['id', 'answers', 'acceptedAnswerId']), additionalProperties: false });
    expect(doc.paths['/questions/{id}']!.get!.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'integer', exclusiveMinimum: 0 } }]);
  });

  it('checks a body against the schema of its status: success shapes, problem+json for errors, undocumented statuses refused', () => {
    const validator = responseValidator(doc);
    const op = validator.operationOf('POST', '/api/v1/posts/12/votes?x=1')!;
    expect(op).toBe('POST /posts/{id}/votes');
    expect(validator.check(op, 200, { postId: 12, score: 3, vote: 1 })).toEqual([]);
    expect(validator.check(op, 200, { postId: 12, score: 3, vote: 2 })).not.toEqual([]);
    expect(validator.check(op, 200, { postId: 12, score: 3, vote: 1, extra: true }).join()).toContain('additional properties');
    expect(validator.check(op, 404, { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No such post.' })).toEqual([]);
    expect(validator.check(op, 404, { error: 'not found' })).not.toEqual([]);
    expect(validator.check(op, 410, {})).toEqual(['POST /posts/{id}/votes does not document status 410']);
    expect(validator.operationOf('GET', '/api/v1/nothing')).toBeUndefined();
  });

  it('refuses two routes for one operation and two shapes with one name', () => {
    const route: ApiRoute = { method: 'get', path: '/x', summary: 'x', auth: 'anyone', responses: { 200: { description: 'x', schema: z.object({}) } }, errors: [] };
    expect(() => openApiDocument('http://x', [route, route])).toThrow('GET /x is listed twice.');
    const named = (shape: z.ZodObject) => ({ ...route, path: `/${Math.random()}`, responses: { 200: { description: 'x', schema: z.object({ a: shape }) } } });
    const one = z.object({ a: z.string() }).meta({ id: 'Twice' });
    const other = z.object({ b: z.string() }).meta({ id: 'Twice' });
    expect(() => openApiDocument('http://x', [named(one), named(other)])).toThrow('Two different API schemas are named Twice.');
  });
});
