/**
 * Password hashing with argon2id (@node-rs/argon2, hashed on libuv's thread pool). Parameters come
 * from the options (default m = 19 MiB, t = 2, p = 1: the OWASP baseline); a stored hash keeps its
 * own parameters, so raising them later re-hashes at the next successful login.
 */
import { hash, verify } from '@node-rs/argon2'
import type { IdentityOptions } from '../config.ts'

export interface PasswordHasher {
  hash(password: string): Promise<string>
  /** True when `password` matches `stored`; never throws (a malformed hash is a mismatch). */
  verify(stored: string, password: string): Promise<boolean>
  /** Spends the time of one verification, for unknown accounts (no timing oracle on user names). */
  burn(password: string): Promise<void>
  /** True when `stored` was made with other parameters than the current ones. */
  needsRehash(stored: string): boolean
}

export function createPasswordHasher(opts: IdentityOptions['argon2']): PasswordHasher {
  // 2 = Algorithm.Argon2id (a const enum, which isolatedModules cannot read).
  const params = { algorithm: 2 as const, memoryCost: opts.memoryCost, timeCost: opts.timeCost, parallelism: opts.parallelism }
  const tag = `$argon2id$v=19$m=${opts.memoryCost},t=${opts.timeCost},p=${opts.parallelism}$`
  let dummy: Promise<string> | undefined
  return {
    hash: (password) => hash(password, params),
    async verify(stored, password) {
      try {
        return await verify(stored, password)
      } catch {
        return false
      }
    },
    async burn(password) {
      dummy ??= hash('zhicheng-dummy-password', params)
      await verify(await dummy, password).catch(() => false)
    },
    needsRehash: (stored) => !stored.startsWith(tag),
  }
}
