import { auth } from './auth';
import { cases } from './cases';
import { categories } from './categories';
import { community } from './community';
import { kb } from './kb';
import { moderation, notifications } from './moderation';
import { support } from './support';

export const server = { auth, cases, categories, community, kb, moderation, notifications, support };
