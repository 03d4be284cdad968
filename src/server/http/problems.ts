import type { FieldCode, ProblemCode } from '../../contracts/problems.js';

/**
 * Domain errors thrown by services and turned into RFC 9457 problem+json by the
 * app's error handler. Services never build HTTP responses themselves.
 */
export interface FieldError {
  /** JSON pointer into the request, e.g. /body/itOwnerId */
  pointer: string;
  message: string;
  code?: FieldCode;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    message: string,
    readonly errors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const statusTitle = (status: number): string => titles[status] ?? 'Error';

/** One invalid field in the request body. */
export const invalidField = (
  field: string,
  message: string,
  code: FieldCode = 'invalid',
): AppError =>
  new AppError(422, 'validation_failed', `${field}: ${message}`, [
    { pointer: `/body/${field}`, message, code },
  ]);

export const invalidFields = (errors: FieldError[]): AppError =>
  new AppError(
    422,
    'validation_failed',
    errors.map((e) => `${e.pointer.replace(/^\/body\//, '')}: ${e.message}`).join('; '),
    errors,
  );

export const notFound = (what: string): AppError =>
  new AppError(404, 'not_found', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this'): AppError =>
  new AppError(403, 'forbidden', message);
export const unauthorized = (message = 'Sign in first'): AppError =>
  new AppError(401, 'unauthorized', message);
export const conflict = (message: string, code: ProblemCode = 'conflict'): AppError =>
  new AppError(409, code, message);
/** 409 for a change based on an old version (optimistic concurrency): reload and redo. */
export const versionConflict = (what: string): AppError =>
  conflict(
    `Someone else changed this ${what} meanwhile. Reload it and apply your change again.`,
    'version_conflict',
  );
