import { auth } from './auth';
import { community } from './community';
import { kb } from './kb';
import { moderation, notifications } from './moderation';

export const server = { auth, community, kb, moderation, notifications };
