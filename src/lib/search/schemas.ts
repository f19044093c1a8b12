import { z } from 'zod';
import { LOCALES } from '../../../db/schema/accounts';

const booleanParam = z.enum(['true', 'false']).transform((v) => v === 'true');

export const searchQuerySchema = z.object({
  q: z.string().max(10_000).default(''),
  type: z.enum(['question', 'article']).optional(),
  locale: z.enum(LOCALES).optional(),
  category: z.string().max(64).optional(),
  tag: z.string().max(64).optional(),
  solved: booleanParam.optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const suggestQuerySchema = z.object({
  q: z.string().max(10_000).default(''),
  locale: z.enum(LOCALES).optional(),
  context: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(20).default(8),
});
