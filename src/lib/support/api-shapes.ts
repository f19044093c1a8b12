import { z } from 'zod';
import { CONTACT_REQUEST_STATUSES } from '../../../db/schema/index';
import { dateTime, iso, localeShape, pageOf } from '../api/api-shapes';
import type { ContactRequestItem } from './contact-requests';

export const contactReceiptShape = z.object({
  id: z.int(),
  reference: z.string().meta({ examples: ['R-000042'] }),
  status: z.literal('open'),
  expectedResponseHours: z.int(),
});

export const contactRequestPageShape = pageOf(
  z.object({
    id: z.int(),
    reference: z.string(),
    status: z.enum(CONTACT_REQUEST_STATUSES),
    locale: localeShape,
    name: z.string(),
    email: z.string(),
    memberId: z.int().nullable(),
    subject: z.string(),
    message: z.string(),
    category: z.string().nullable().meta({ description: 'Category or section slug' }),
    article: z.object({ slug: z.string(), locale: localeShape }).nullable().meta({ description: 'The article the customer wrote from' }),
    createdAt: dateTime,
  }),
);

export function contactRequestPageJson(page: { items: ContactRequestItem[]; nextCursor: number | null }): z.output<typeof contactRequestPageShape> {
  return {
    items: page.items.map((r) => ({
      id: r.id,
      reference: r.reference,
      status: r.status,
      locale: r.locale,
      name: r.name,
      email: r.email,
      memberId: r.userId,
      subject: r.subject,
      message: r.body,
      category: r.categorySlug,
      article: r.articleSlug && r.articleLocale ? { slug: r.articleSlug, locale: r.articleLocale } : null,
      createdAt: iso(r.createdAt),
    })),
    nextCursor: page.nextCursor === null ? null : String(page.nextCursor),
  };
}
