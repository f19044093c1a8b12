import type { z } from 'zod';

/** A status the route answers with problem+json (`src/web/problem.ts`). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 429 | 503;

/**
 * One operation of the public API as the OpenAPI document describes it. Each domain lists its routes in
 * `src/lib/<domain>/api-routes.ts`; `src/lib/api/openapi.ts` assembles the lists. Schemas are the zod schemas the
 * route validates its input with and the response shapes its serializers fill (`src/lib/<domain>/api-shapes.ts`).
 */
export interface ApiRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Under /api/v1, with `{name}` for path parameters, as the route file's path is (`/questions/{id}/answers`). */
  path: string;
  summary: string;
  description?: string;
  /** `signed-in`: a session cookie or a personal access token; `anyone`: works without, and knows the member with. */
  auth: 'anyone' | 'signed-in';
  /** Path parameters not given here are ids (positive integers). */
  pathParams?: Record<string, z.ZodType>;
  query?: z.ZodObject;
  body?: { schema: z.ZodType; required?: boolean };
  /** Success responses by status. */
  responses: Partial<Record<200 | 201 | 202, { description: string; schema: z.ZodType }>>;
  errors: ErrorStatus[];
}
