/** Passwords and second factors after login: self-service changes and administrator resets. */
import type { Principal } from '../../../core/http/auth.ts'
import { withTransaction } from '../../../core/db/transaction.ts'
import { generateTotpSecret, totpUri, verifyTotp } from '../../../lib/totp.ts'
import { hashToken } from '../keys.ts'
import { IdentityError } from '../errors.ts'
import { actorOf, record, type IdentityDeps, type RequestMeta } from './context.ts'
import { assertPasswordPolicy, type AccountService } from './accounts.ts'
import type { LoginService } from './login.ts'
import type { PasswordHasher } from './passwords.ts'
import type { PrincipalResolver } from './principals.ts'
import { TOTP_ISSUER } from './login.ts'

export function createCredentialService(deps: IdentityDeps, hasher: PasswordHasher, login: LoginService, accounts: AccountService, principals: PrincipalResolver) {
  const { repo } = deps

  async function accountOrThrow(id: string) {
    const row = await repo.accounts.getById(deps.db, id)
    if (!row) throw new IdentityError.ACCOUNT_NOT_FOUND(id)
    return row
  }

  async function setPassword(accountId: string, password: string, changedAt: number, actor: { id: string; kind: string }, meta: RequestMeta, action: string, keepSessionId?: string) {
    const hash = await hasher.hash(password)
    await withTransaction(deps.db, async (trx) => {
      await repo.accounts.update(trx, accountId, { password_hash: hash, password_changed_at: changedAt, failed_count: 0, first_failed_at: null, locked_until: null, updated_at: deps.clock.now() })
      const revoked = await repo.sessions.revokeAll(trx, accountId, deps.clock.now(), 'password-changed', keepSessionId)
      await record(deps, trx, actor, meta, { action, targetType: 'account', targetId: accountId, detail: { revokedSessions: revoked.length } })
    })
    principals.invalidate(accountId)
  }

  return {
    /** Changes the caller's password; other sessions of the account end. */
    async changePassword(p: Principal, current: string, next: string, meta: RequestMeta): Promise<void> {
      const row = await accountOrThrow(p.id)
      if (!(await hasher.verify(row.password_hash, current))) throw new IdentityError.WRONG_PASSWORD({ errors: [{ path: 'body/currentPassword', code: 'wrong', message: 'wrong password' }] })
      if (current === next) throw new IdentityError.PASSWORD_REUSED({ errors: [{ path: 'body/newPassword', code: 'reused', message: 'same as the current password' }] })
      assertPasswordPolicy(deps, next, [row.username])
      await setPassword(row.id, next, deps.clock.now(), actorOf(p), meta, 'identity.password.changed', p.sessionId)
    },

    /** Changes an expired password before login, proving the current one (lockout applies). */
    async changeExpiredPassword(loginName: string, current: string, next: string, meta: RequestMeta): Promise<void> {
      const row = await login.verifyPassword(loginName, current, meta)
      if (current === next) throw new IdentityError.PASSWORD_REUSED({ errors: [{ path: 'body/newPassword', code: 'reused', message: 'same as the current password' }] })
      assertPasswordPolicy(deps, next, [row.username])
      await setPassword(row.id, next, deps.clock.now(), { id: row.id, kind: row.kind }, meta, 'identity.password.changed')
    },

    /** Sets a new password chosen by an administrator; the owner must change it at the next login. */
    async resetPassword(p: Principal, id: string, password: string, meta: RequestMeta): Promise<void> {
      const row = await accounts.visibleOrThrow(deps.db, p, id)
      assertPasswordPolicy(deps, password, [row.username])
      await setPassword(row.id, password, 0, actorOf(p), meta, 'identity.password.reset')
    },

    /** Lifts a lockout. */
    async unlock(p: Principal, id: string, meta: RequestMeta): Promise<void> {
      await withTransaction(deps.db, async (trx) => {
        await accounts.visibleOrThrow(trx, p, id)
        await repo.accounts.update(trx, id, { failed_count: 0, first_failed_at: null, locked_until: null, updated_at: deps.clock.now() })
        await record(deps, trx, actorOf(p), meta, { action: 'identity.account.unlocked', targetType: 'account', targetId: id })
      })
    },

    /** Starts TOTP enrolment: a secret to scan, confirmed by `confirmTotp` with a first code. */
    async beginTotp(p: Principal): Promise<{ challenge: string; secret: string; otpauthUri: string; expiresAt: string }> {
      const row = await accountOrThrow(p.id)
      if (row.totp_secret_enc) throw new IdentityError.MFA_ALREADY_ENABLED()
      const secret = generateTotpSecret()
      const c = await login.newChallenge(row, 'totp-enrol', 'web', null, secret)
      return { challenge: c.token, secret, otpauthUri: totpUri(secret, row.username, TOTP_ISSUER), expiresAt: c.expiresAt }
    },

    async confirmTotp(p: Principal, challenge: string, code: string, meta: RequestMeta): Promise<void> {
      const now = deps.clock.now()
      const c = await repo.sessions.getChallenge(deps.db, hashToken(challenge))
      if (!c || c.kind !== 'totp-enrol' || c.account_id !== p.id || c.consumed_at !== null || c.expires_at <= now || c.attempts >= 5) throw new IdentityError.CHALLENGE_INVALID()
      const secret = deps.pii.open(c.secret_enc!, `challenge:${c.id}:totp`)
      const r = verifyTotp(secret, code, now, undefined)
      if (!r.ok) {
        await repo.sessions.countChallengeAttempt(deps.db, c.id)
        throw new IdentityError.MFA_INVALID()
      }
      await withTransaction(deps.db, async (trx) => {
        if (!(await repo.sessions.consumeChallenge(trx, c.id, now))) throw new IdentityError.CHALLENGE_INVALID()
        const row = (await repo.accounts.getById(trx, p.id))!
        if (row.totp_secret_enc) throw new IdentityError.MFA_ALREADY_ENABLED()
        await repo.accounts.update(trx, p.id, { totp_secret_enc: deps.pii.seal(secret, `account:${p.id}:totp`), totp_last_step: r.step, updated_at: now })
        await record(deps, trx, actorOf(p), meta, { action: 'identity.mfa.enrolled', targetType: 'account', targetId: p.id })
      })
      principals.invalidate(p.id)
    },

    /** Removes the caller's TOTP, proving a current code; refused while a role demands it. */
    async disableTotp(p: Principal, code: string, meta: RequestMeta): Promise<void> {
      const row = await accountOrThrow(p.id)
      if (!row.totp_secret_enc) throw new IdentityError.MFA_NOT_ENABLED()
      if ((await repo.accounts.rolesOf(deps.db, p.id)).some((r) => r.require_mfa)) throw new IdentityError.MFA_REQUIRED_BY_ROLE()
      const r = verifyTotp(deps.pii.open(row.totp_secret_enc, `account:${row.id}:totp`), code, deps.clock.now(), row.totp_last_step ?? undefined)
      if (!r.ok) throw r.reason === 'replayed' ? new IdentityError.MFA_REPLAYED() : new IdentityError.MFA_INVALID()
      await withTransaction(deps.db, async (trx) => {
        await repo.accounts.update(trx, p.id, { totp_secret_enc: null, totp_last_step: null, updated_at: deps.clock.now() })
        await record(deps, trx, actorOf(p), meta, { action: 'identity.mfa.disabled', targetType: 'account', targetId: p.id })
      })
      principals.invalidate(p.id)
    },

    /** Clears an account's TOTP (lost phone); the next login enrols a new one where a role demands it. */
    async resetTotp(p: Principal, id: string, meta: RequestMeta): Promise<void> {
      await withTransaction(deps.db, async (trx) => {
        await accounts.visibleOrThrow(trx, p, id)
        await repo.accounts.update(trx, id, { totp_secret_enc: null, totp_last_step: null, updated_at: deps.clock.now() })
        const revoked = await repo.sessions.revokeAll(trx, id, deps.clock.now(), 'mfa-reset')
        await record(deps, trx, actorOf(p), meta, { action: 'identity.mfa.reset', targetType: 'account', targetId: id, detail: { revokedSessions: revoked.length } })
      })
      principals.invalidate(id)
    },
  }
}

export type CredentialService = ReturnType<typeof createCredentialService>
