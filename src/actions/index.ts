import { auth } from './auth';
import { cases } from './cases';
import { categories } from './categories';
import { community } from './community';
import { deflection } from './deflection';
import { kb } from './kb';
import { moderation, notifications } from './moderation';
import { reputation } from './reputation';
import { support } from './support';

export const server = { auth, cases, categories, community, deflection, kb, moderation, notifications, reputation, support };
