import type { APIRoute } from 'astro';
import { problem } from '../../web/problem';

export const ALL: APIRoute = ({ url }) => problem(404, `No API route ${url.pathname}.`);
