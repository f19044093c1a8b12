import { auth } from './auth';
import { community } from './community';

export const server = { auth, community };
