import { z } from 'zod';
import { Problem } from '../../contracts/common.js';

/** Standard error responses for OpenAPI, merged into each route's `response`. */
export const problems = (...codes: (400 | 401 | 403 | 404 | 406 | 409 | 422 | 429)[]) =>
  Object.fromEntries(codes.map((c) => [c, Problem])) as Record<number, typeof Problem>;

export const IdParams = z.object({ id: z.string().min(1) });
export const NoContent = z.null().describe('No content');
