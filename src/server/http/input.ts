import type { FastifyRequest } from 'fastify';
import { CONTROL_CHARACTER } from '../../contracts/common.js';
import { AppError, type FieldError } from './problems.js';

/**
 * preValidation hook: refuses control characters (NUL and the like) in every string of a
 * request — path parameters, query, JSON body, and object keys — with a field error per
 * place, the same on both databases (PostgreSQL would otherwise fail on NUL with a 500).
 * Line breaks and tabs stay allowed here; single-line fields refuse them in their schema.
 */
export async function refuseControlCharacters(req: FastifyRequest): Promise<void> {
  const errors: FieldError[] = [];
  const visit = (value: unknown, pointer: string, depth: number): void => {
    if (errors.length >= 20 || depth > 32) return;
    if (typeof value === 'string') {
      if (CONTROL_CHARACTER.test(value))
        errors.push({
          pointer,
          message: 'must not contain control characters',
          code: 'control_character',
        });
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, `${pointer}/${i}`, depth + 1));
      return;
    }
    if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
      for (const [key, v] of Object.entries(value)) {
        const at = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (CONTROL_CHARACTER.test(key))
          errors.push({
            pointer: at,
            message: 'must not contain control characters',
            code: 'control_character',
          });
        visit(v, at, depth + 1);
      }
    }
  };
  visit(req.params, '/params', 0);
  visit(req.query, '/querystring', 0);
  visit(req.body, '/body', 0);
  if (errors.length)
    throw new AppError(
      400,
      'validation_failed',
      errors.map((e) => `${e.pointer}: ${e.message}`).join('; '),
      errors,
    );
}
