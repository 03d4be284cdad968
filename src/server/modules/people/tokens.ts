// Kept for sessions.service.ts, which moves out of this module next; use ../../secrets.js.
export { hashSecret, newSecret } from '../../secrets.js';
