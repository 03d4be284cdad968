import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AccessCheckError } from '../../domain/access.js';
import { databaseUnavailable } from '../db/dialect.js';
import { AppError, statusTitle } from './problems.js';

/**
 * Every error leaves as RFC 9457 problem+json: domain errors, validation errors, Fastify's
 * own (bad JSON, body too large, unsupported media type) and the router's (a malformed
 * URL, a parameter over the length limit), which bypass the error handler.
 */
export function sendProblem(
  reply: FastifyReply,
  status: number,
  body: { detail: string; code: string; errors?: unknown[] },
): FastifyReply {
  return reply
    .status(status)
    .type('application/problem+json')
    .send({ type: 'about:blank', title: statusTitle(status), status, ...body });
}

export function errorHandler(
  err: FastifyError | AppError | AccessCheckError,
  req: FastifyRequest,
  reply: FastifyReply,
) {
  if (err instanceof AppError) {
    reply.headers(err.headers);
    return sendProblem(reply, err.status, {
      detail: err.message,
      code: err.code,
      ...(err.errors.length ? { errors: err.errors } : {}),
    });
  }
  const invalid = schemaProblem(err);
  if (invalid) return sendProblem(reply, 400, invalid);
  // Fail closed and say nothing of the database: no SQL, no driver message, no stack.
  if (databaseUnavailable(err)) {
    req.log.error({ err }, 'database unavailable');
    reply.header('retry-after', '5');
    return sendProblem(reply, 503, {
      detail: 'The database cannot be reached right now. Nothing was changed; try again shortly.',
      code: 'database_unavailable',
    });
  }
  // A permission check that threw instead of deciding: refused, never let through.
  if (err instanceof AccessCheckError) {
    req.log.error({ err: err.cause, check: err.check }, 'access check failed');
    return sendProblem(reply, 403, {
      detail: 'Your access could not be checked, so nothing was done. Try again later.',
      code: 'access_check_failed',
    });
  }
  const status =
    typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500
      ? err.statusCode
      : 500;
  if (status === 500) req.log.error({ err }, 'unhandled error');
  return sendProblem(reply, status, {
    detail: status === 500 ? 'Something went wrong on our side. It was logged.' : err.message,
    code: status === 500 ? 'internal' : (err.code ?? 'error').toLowerCase(),
  });
}

/**
 * A failed schema validation as a problem body naming each field (JSON pointer, message, the
 * JSON Schema keyword as code); undefined for any other error.
 */
export function schemaProblem(
  err: unknown,
): { detail: string; code: 'validation_failed'; errors: { pointer: string }[] } | undefined {
  if (!hasZodFastifySchemaValidationErrors(err)) return undefined;
  const where = err.validationContext ?? 'body';
  const errors = err.validation.map((v) => ({
    pointer: `/${where}${v.instancePath === '/' ? '' : v.instancePath}`,
    message: v.message ?? 'is invalid',
    code: v.keyword,
  }));
  return {
    detail: errors.map((e) => `${e.pointer}: ${e.message}`).join('; '),
    code: 'validation_failed',
    errors,
  };
}

/** Fastify's `frameworkErrors`: errors of the router, before any route is found. */
export function frameworkErrors(
  err: FastifyError,
  _req: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const status =
    typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 600
      ? err.statusCode
      : 400;
  return sendProblem(reply, status, {
    detail:
      err.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? 'A path segment is too long'
        : err.code === 'FST_ERR_BAD_URL'
          ? 'The address is not a valid URL'
          : err.message,
    code: err.code.toLowerCase(),
  });
}

/** The path of a request, percent-decoded; undefined when it cannot be decoded. */
export function decodedPath(url: string): string | undefined {
  try {
    return decodeURIComponent(url.split('?')[0] ?? '');
  } catch {
    return undefined;
  }
}

export const notFoundProblem = (req: FastifyRequest, reply: FastifyReply): FastifyReply =>
  sendProblem(reply, 404, {
    detail: `No route ${req.method} ${req.url.split('?')[0] ?? ''}`,
    code: 'not_found',
  });
