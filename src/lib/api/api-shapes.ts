// Shapes every domain's API responses share. A response shape is a zod schema written once, next to the serializer
// that fills it (`src/lib/<domain>/api-shapes.ts`); the OpenAPI document is generated from those schemas.
import { z } from 'zod';
import { LOCALES } from '../../../db/schema/accounts';

/** A time as the API writes it: `new Date(ms).toISOString()`. */
export const dateTime = z.iso.datetime();
export const localeShape = z.enum(LOCALES);
export const iso = (ms: number) => new Date(ms).toISOString();

/** A page of a keyset-paged list: `nextCursor` goes back as `cursor` (null on the last page). */
export const pageOf = <T extends z.ZodType>(item: T, cursor: z.ZodType = z.string().nullable()) => z.object({ items: z.array(item), nextCursor: cursor });

export const authorShape = z.object({ id: z.int(), displayName: z.string() }).meta({ id: 'Author' });

/** RFC 9457 problem details, as `src/web/problem.ts` writes them. */
export const problemShape = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    errors: z.record(z.string(), z.object({ code: z.string(), message: z.string() })).optional().meta({ description: 'Per field: a message key and its English text' }),
    requestId: z.string().optional(),
  })
  .meta({ id: 'Problem' });
