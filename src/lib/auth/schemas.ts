import { z } from 'zod';
import { LOCALES, ROLES } from '../../../db/schema/accounts';
import { lineText } from '../validation';

export const emailSchema = z
  .string({ error: 'field.required' })
  .trim()
  .toLowerCase()
  .min(1, { error: 'field.required' })
  .max(254, { error: 'field.email' })
  .pipe(z.email({ error: 'field.email' }));

export const passwordSchema = z
  .string({ error: 'field.required' })
  .min(10, { error: 'field.passwordTooShort' })
  .max(200, { error: 'field.passwordTooLong' });

export const signUpSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  displayName: lineText({ error: 'field.required' })
    .trim()
    .min(2, { error: 'field.tooShort' })
    .max(60, { error: 'field.nameTooLong' }),
  locale: z.enum(LOCALES).default('es'),
});

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: 'field.required' }).min(1, { error: 'field.required' }).max(200, { error: 'field.tooLong' }),
});

export const signInLinkRequestSchema = z.object({ email: emailSchema });

export const signInLinkSchema = z.object({
  token: z.string({ error: 'field.required' }).regex(/^[a-z2-7]{32}$/, { error: 'auth.link.invalid' }),
});

export const createUserSchema = signUpSchema.extend({ role: z.enum(ROLES).default('member') });

export const passwordResetRequestSchema = z.object({ email: emailSchema });

export const passwordResetSchema = z.object({
  token: z.string().min(1, { error: 'field.required' }).max(100, { error: 'field.invalid' }),
  password: passwordSchema,
});

export const accessTokenSchema = z.object({
  name: lineText({ error: 'field.required' }).trim().min(1, { error: 'field.required' }).max(60, { error: 'field.nameTooLong' }),
});
