/**
 * Logging in (登录): password (argon2id), lockout after repeated failures, second factor (TOTP)
 * where the account has one or a role demands it, and a web session or an API token. Every
 * attempt lands in the login log and the audit log, with the login name masked.
 */
import type { Kysely } from 'kysely'
import { withTransaction } from '../../../core/db/transaction.ts'
import { maskIdentifiersIn } from '../../../lib/mask.ts'
import { isPasswordExpired } from '../../../lib/password-policy.ts'
import { generateTotpSecret, totpUri, verifyTotp } from '../../../lib/totp.ts'
import { hashToken, newToken } from '../keys.ts'
import { IdentityError } from '../errors.ts'
import type { AccountRow } from '../repo/index.ts'
import { record, type IdentityDeps, type RequestMeta } from './context.ts'
import type { PasswordHasher } from './passwords.ts'
import type { SessionKind } from './principals.ts'
import type { IssuedSession, SessionService } from './sessions.ts'
import { iso } from './views.ts'

export interface LoginInput { login: string; password: string; totp?: string; sessionKind: SessionKind; actAs?: string }

export type LoginResult =
  | { status: 'ok'; session: IssuedSession }
  | { status: 'mfa_required'; challenge: string; expiresAt: string }
  | { status: 'mfa_setup_required'; challenge: string; expiresAt: string; secret: string; otpauthUri: string }

const CHALLENGE_TTL_MS = 5 * 60_000
const CHALLENGE_MAX_ATTEMPTS = 5
export const TOTP_ISSUER = 'zhicheng'

export function createLoginService(deps: IdentityDeps, hasher: PasswordHasher, sessions: SessionService) {
  const { repo } = deps

  /** Finds the account a login name designates: an ID number, a mobile number, or a user name / credit code. */
  async function findByLogin(db: Kysely<any>, login: string): Promise<AccountRow | undefined> {
    const raw = login.trim()
    if (/^\d{17}[\dXx]$/.test(raw)) {
      const byId = await repo.accounts.getByIdNumberIndex(db, deps.pii.index('id_number', raw.toUpperCase()))
      if (byId) return byId
    }
    if (/^1[3-9]\d{9}$/.test(raw)) {
      const byMobile = await repo.accounts.getByMobileIndex(db, deps.pii.index('mobile', raw))
      if (byMobile) return byMobile
    }
    return repo.accounts.getByUsername(db, raw.toLowerCase())
  }

  async function logLogin(trx: Kysely<any>, a: { account?: AccountRow; login: string; outcome: string; reason?: string; sessionId?: string }, meta: RequestMeta): Promise<void> {
    const loginName = maskIdentifiersIn(a.login.trim()).slice(0, 100)
    await repo.logs.insertLogin(trx, {
      id: deps.ids.next('llg'), at: deps.clock.now(), account_id: a.account?.id ?? null, login_name: loginName, outcome: a.outcome, reason: a.reason ?? null,
      ip: meta.ip?.slice(0, 64) ?? null, user_agent: meta.userAgent?.slice(0, 300) ?? null, session_id: a.sessionId ?? null,
    })
    const failed = a.outcome !== 'success' && a.outcome !== 'challenge'
    await record(deps, trx, a.account ? { id: a.account.id, kind: a.account.kind } : { id: 'anonymous', kind: 'anonymous' }, meta, {
      action: failed ? 'identity.login.failed' : a.outcome === 'challenge' ? 'identity.login.challenged' : 'identity.login.succeeded',
      targetType: 'account', targetId: a.account?.id ?? 'unknown', outcome: failed ? 'failure' : 'success',
      detail: { loginName, reason: a.reason ?? null, sessionId: a.sessionId ?? null },
    })
  }

  /**
   * Counts a failure against `account` (atomically), locks it on the `maxFailures`-th failure within
   * the window, and writes the login log and audit rows. Returns the lock expiry when it locked.
   */
  async function recordFailure(account: AccountRow | undefined, login: string, reason: string, meta: RequestMeta): Promise<number | undefined> {
    return withTransaction(deps.db, async (trx) => {
      let lockedUntil: number | undefined
      if (account) {
        const now = deps.clock.now()
        const fresh = (await repo.accounts.getById(trx, account.id))!
        const inWindow = fresh.first_failed_at !== null && now - fresh.first_failed_at < deps.options.lockWindowMs
        const count = (inWindow ? fresh.failed_count : 0) + 1
        if (count >= deps.options.maxFailures) {
          lockedUntil = now + deps.options.lockMs
          await repo.accounts.update(trx, account.id, { failed_count: 0, first_failed_at: null, locked_until: lockedUntil })
        } else {
          await repo.accounts.update(trx, account.id, { failed_count: count, first_failed_at: inWindow ? fresh.first_failed_at : now })
        }
      }
      await logLogin(trx, { account, login, outcome: 'failure', reason }, meta)
      if (account && lockedUntil) {
        await record(deps, trx, { id: 'system:identity', kind: 'system' }, meta, {
          action: 'identity.account.locked', targetType: 'account', targetId: account.id, outcome: 'denied',
          detail: { until: iso(lockedUntil), failures: deps.options.maxFailures },
          event: { name: 'identity.account.locked', payload: { accountId: account.id, until: iso(lockedUntil) } },
        })
      }
      return lockedUntil
    })
  }

  async function failAndThrow(account: AccountRow | undefined, login: string, reason: string, meta: RequestMeta, err: Error): Promise<never> {
    const lockedUntil = await recordFailure(account, login, reason, meta)
    throw lockedUntil ? new IdentityError.ACCOUNT_LOCKED(iso(lockedUntil)) : err
  }

  async function needsMfa(account: AccountRow): Promise<boolean> {
    if (account.totp_secret_enc) return true
    return (await repo.accounts.rolesOf(deps.db, account.id)).some((r) => r.require_mfa)
  }

  async function newChallenge(account: AccountRow, kind: 'mfa' | 'mfa-setup' | 'totp-enrol', sessionKind: SessionKind, actingEnterpriseId: string | null, secret?: string) {
    const token = newToken('zcc_')
    const id = deps.ids.next('chl')
    const now = deps.clock.now()
    await repo.sessions.insertChallenge(deps.db, {
      id, token_hash: hashToken(token), account_id: account.id, kind, secret_enc: secret ? deps.pii.seal(secret, `challenge:${id}:totp`) : null,
      session_kind: sessionKind, acting_enterprise_id: actingEnterpriseId, attempts: 0, created_at: now, expires_at: now + CHALLENGE_TTL_MS, consumed_at: null,
    })
    return { token, id, expiresAt: iso(now + CHALLENGE_TTL_MS) }
  }

  /** Checks the password of `login` with lockout; returns the account. Shared by login and expired-password change. */
  async function verifyPassword(login: string, password: string, meta: RequestMeta): Promise<AccountRow> {
    const account = await findByLogin(deps.db, login)
    if (!account) {
      await hasher.burn(password)
      return failAndThrow(undefined, login, 'unknown-account', meta, new IdentityError.INVALID_CREDENTIALS())
    }
    const now = deps.clock.now()
    if (account.locked_until !== null && account.locked_until > now) {
      await withTransaction(deps.db, (trx) => logLogin(trx, { account, login, outcome: 'failure', reason: 'locked' }, meta))
      throw new IdentityError.ACCOUNT_LOCKED(iso(account.locked_until))
    }
    if (!(await hasher.verify(account.password_hash, password))) {
      return failAndThrow(account, login, 'wrong-password', meta, new IdentityError.INVALID_CREDENTIALS())
    }
    if (account.status !== 'active') {
      await withTransaction(deps.db, (trx) => logLogin(trx, { account, login, outcome: 'failure', reason: 'disabled' }, meta))
      throw new IdentityError.ACCOUNT_DISABLED()
    }
    return account
  }

  /** Staff passwords expire by policy; an administrator's reset (changed at 0) expires any account's. */
  function passwordExpired(account: AccountRow): boolean {
    if (account.password_changed_at === 0) return true
    return account.kind === 'staff' && isPasswordExpired(account.password_changed_at, deps.clock.now(), deps.options.passwordPolicy)
  }

  async function succeed(account: AccountRow, login: string, kind: SessionKind, mfa: boolean, actingEnterpriseId: string | null, meta: RequestMeta, password?: string, totpStep?: number, newSecret?: string): Promise<IssuedSession> {
    const rehash = password && hasher.needsRehash(account.password_hash) ? await hasher.hash(password) : undefined
    return withTransaction(deps.db, async (trx) => {
      await repo.accounts.update(trx, account.id, {
        failed_count: 0, first_failed_at: null, locked_until: null,
        ...(rehash ? { password_hash: rehash } : {}),
        ...(totpStep !== undefined ? { totp_last_step: totpStep } : {}),
        ...(newSecret ? { totp_secret_enc: deps.pii.seal(newSecret, `account:${account.id}:totp`), updated_at: deps.clock.now() } : {}),
      })
      if (newSecret) await record(deps, trx, { id: account.id, kind: account.kind }, meta, { action: 'identity.mfa.enrolled', targetType: 'account', targetId: account.id })
      const session = await sessions.open(trx, account, kind, mfa, actingEnterpriseId, meta)
      await logLogin(trx, { account, login, outcome: 'success', reason: mfa ? 'totp' : 'password', sessionId: session.sessionId }, meta)
      return session
    })
  }

  return {
    findByLogin,
    verifyPassword,
    recordFailure,
    newChallenge,

    /** Logs in with a password, and a TOTP code when one is needed (or answers with a challenge). */
    async login(input: LoginInput, meta: RequestMeta): Promise<LoginResult> {
      const account = await verifyPassword(input.login, input.password, meta)
      if (passwordExpired(account)) {
        await withTransaction(deps.db, (trx) => logLogin(trx, { account, login: input.login, outcome: 'failure', reason: 'password-expired' }, meta))
        throw new IdentityError.PASSWORD_EXPIRED()
      }
      let acting: string | null = null
      if (input.actAs) {
        const ent = await repo.enterprises.get(deps.db, input.actAs)
        if (account.kind !== 'citizen' || !ent || ent.status !== 'active' || !(await repo.enterprises.isAgent(deps.db, ent.id, account.id))) {
          throw new IdentityError.NOT_AN_AGENT(input.actAs)
        }
        acting = ent.id
      }
      if (!(await needsMfa(account))) return { status: 'ok', session: await succeed(account, input.login, input.sessionKind, false, acting, meta, input.password) }
      if (!account.totp_secret_enc) {
        const secret = generateTotpSecret()
        const c = await newChallenge(account, 'mfa-setup', input.sessionKind, acting, secret)
        await withTransaction(deps.db, (trx) => logLogin(trx, { account, login: input.login, outcome: 'challenge', reason: 'mfa-setup' }, meta))
        return { status: 'mfa_setup_required', challenge: c.token, expiresAt: c.expiresAt, secret, otpauthUri: totpUri(secret, account.username, TOTP_ISSUER) }
      }
      if (input.totp === undefined) {
        const c = await newChallenge(account, 'mfa', input.sessionKind, acting)
        await withTransaction(deps.db, (trx) => logLogin(trx, { account, login: input.login, outcome: 'challenge', reason: 'mfa' }, meta))
        return { status: 'mfa_required', challenge: c.token, expiresAt: c.expiresAt }
      }
      const secret = deps.pii.open(account.totp_secret_enc, `account:${account.id}:totp`)
      const r = verifyTotp(secret, input.totp, deps.clock.now(), account.totp_last_step ?? undefined)
      if (!r.ok) {
        return failAndThrow(account, input.login, `totp-${r.reason}`, meta, r.reason === 'replayed' ? new IdentityError.MFA_REPLAYED() : new IdentityError.MFA_INVALID())
      }
      return { status: 'ok', session: await succeed(account, input.login, input.sessionKind, true, acting, meta, input.password, r.step) }
    },

    /** Completes a login challenge with a TOTP code (enrolling the secret of a setup challenge). */
    async completeMfa(challenge: string, code: string, meta: RequestMeta): Promise<IssuedSession> {
      const now = deps.clock.now()
      const c = await repo.sessions.getChallenge(deps.db, hashToken(challenge))
      if (!c || c.kind === 'totp-enrol' || c.consumed_at !== null || c.expires_at <= now || c.attempts >= CHALLENGE_MAX_ATTEMPTS) throw new IdentityError.CHALLENGE_INVALID()
      const account = await repo.accounts.getById(deps.db, c.account_id)
      if (!account || account.status !== 'active') throw new IdentityError.CHALLENGE_INVALID()
      if (account.locked_until !== null && account.locked_until > now) throw new IdentityError.ACCOUNT_LOCKED(iso(account.locked_until))
      const secret = c.kind === 'mfa-setup' ? deps.pii.open(c.secret_enc!, `challenge:${c.id}:totp`) : account.totp_secret_enc ? deps.pii.open(account.totp_secret_enc, `account:${account.id}:totp`) : undefined
      if (!secret) throw new IdentityError.CHALLENGE_INVALID()
      const r = verifyTotp(secret, code, now, account.totp_last_step ?? undefined)
      if (!r.ok) {
        await repo.sessions.countChallengeAttempt(deps.db, c.id)
        return failAndThrow(account, account.username, `totp-${r.reason}`, meta, r.reason === 'replayed' ? new IdentityError.MFA_REPLAYED() : new IdentityError.MFA_INVALID())
      }
      if (!(await repo.sessions.consumeChallenge(deps.db, c.id, now))) throw new IdentityError.CHALLENGE_INVALID()
      return succeed(account, account.username, c.session_kind as SessionKind, true, c.acting_enterprise_id, meta, undefined, r.step, c.kind === 'mfa-setup' ? secret : undefined)
    },
  }
}

export type LoginService = ReturnType<typeof createLoginService>
