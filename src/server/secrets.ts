import { createHash, randomBytes } from 'node:crypto';

/**
 * Secrets in cookies and links (sessions, invitations, API tokens, calendar feeds): random,
 * shown once, and only their hash is stored.
 */
export const newSecret = (): string => randomBytes(32).toString('base64url');
export const hashSecret = (secret: string): string =>
  createHash('sha256').update(secret).digest('base64url');
