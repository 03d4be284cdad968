import type { Person, User } from '../../../contracts/users.js';
import type { UsersTable } from '../../db/schema.js';
import { toSessionUser } from '../../http/sessions.js';

type UserRow = Omit<UsersTable, 'password_hash' | 'invite_token_hash'> & {
  password_hash?: string | null;
};

export function presentUser(row: UserRow & { password_hash: string | null }): User {
  return {
    ...toSessionUser(row),
    state: row.disabled_at ? 'disabled' : row.password_hash ? 'active' : 'invited',
    createdAt: row.created_at,
  };
}

export const presentPerson = (
  row: Pick<UsersTable, 'id' | 'name' | 'email' | 'department' | 'side' | 'role'>,
): Person => ({
  id: row.id,
  name: row.name,
  email: row.email,
  department: row.department,
  side: row.side,
  role: row.role,
});
