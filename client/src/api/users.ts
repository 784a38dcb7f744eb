import { getJson, sendJson } from './http';
import type { NewUser, User, UserChanges } from './types';

export async function fetchUsers(): Promise<User[]> {
  return (await getJson<{ users: User[] }>('/api/users')).users;
}

export async function createUser(account: NewUser): Promise<User> {
  return (await sendJson<{ user: User }>('POST', '/api/users', account)).user;
}

/** Changing the role, the scope or `disabled` signs the account out everywhere. */
export async function updateUser(username: string, changes: UserChanges): Promise<User> {
  return (await sendJson<{ user: User }>('PATCH', `/api/users/${encodeURIComponent(username)}`, changes))
    .user;
}

export function resetUserPassword(username: string, password: string): Promise<void> {
  return sendJson('PUT', `/api/users/${encodeURIComponent(username)}/password`, { password });
}
