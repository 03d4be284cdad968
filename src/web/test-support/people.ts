import type { Person } from '../../contracts/users.js';

/** People as `GET /api/people` lists them, for filters and pickers in web tests. */
export const ANNA: Person = {
  id: 'u1',
  name: 'Anna Berg',
  email: 'a@x',
  department: 'Sales',
  side: 'business',
  role: 'member',
};
export const IVO: Person = {
  id: 'u2',
  name: 'Ivo IT',
  email: 'i@x',
  department: 'IT',
  side: 'it',
  role: 'member',
};
/** A viewer: owns nothing, so owner pickers leave them out. */
export const VERA_VIEWER: Person = {
  id: 'u3',
  name: 'Vera Viewer',
  email: 'v@x',
  department: null,
  side: 'it',
  role: 'viewer',
};
