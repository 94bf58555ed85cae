import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Clock } from '../ports/clock.js';
import type { Store } from '../ports/store.js';

export const ROLES = ['viewer', 'operator', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = z.enum(ROLES);

/** viewer < operator < approver < admin: a role may do everything the roles before it may. */
export const roleAtLeast = (have: Role, need: Role): boolean => ROLES.indexOf(have) >= ROLES.indexOf(need);

export interface Principal {
  name: string;
  role: Role;
}

interface UserRecord {
  id: string;
  name: string;
  role: Role;
  tokenHash: string;
  createdAt: string;
  createdBy: string;
}

const hash = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * API tokens: random 256-bit bearer tokens, stored only as SHA-256 hashes. The admin token is
 * generated on first start and written to `<data-dir>/admin-token` (mode 600) for the CLI.
 */
export class TokenAuth {
  private readonly users;
  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.users = store.collection<UserRecord>('users');
  }

  async ensureAdmin(dataDir: string): Promise<{ token: string | undefined; created: boolean; file: string }> {
    const file = join(dataDir, 'admin-token');
    const admins = await this.users.find({ where: { role: 'admin' } });
    if (admins.length > 0) return { token: existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined, created: false, file };
    const token = await this.create('admin', 'admin', 'bootstrap');
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    return { token, created: true, file };
  }

  async create(name: string, role: Role, createdBy: string): Promise<string> {
    const token = `aiops_${randomBytes(32).toString('hex')}`;
    const tokenHash = hash(token);
    await this.users.put({ id: tokenHash.slice(0, 24), name, role, tokenHash, createdAt: new Date(this.clock.now()).toISOString(), createdBy });
    return token;
  }

  async verify(token: string | undefined): Promise<Principal | undefined> {
    if (!token) return undefined;
    const h = hash(token);
    const u = await this.users.get(h.slice(0, 24));
    if (!u) return undefined;
    const a = Buffer.from(u.tokenHash);
    const b = Buffer.from(h);
    return a.length === b.length && timingSafeEqual(a, b) ? { name: u.name, role: u.role } : undefined;
  }

  async list(): Promise<Omit<UserRecord, 'tokenHash'>[]> {
    return (await this.users.find()).map(({ tokenHash: _t, ...u }) => u);
  }
}
