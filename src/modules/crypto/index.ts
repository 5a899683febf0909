import { availableParallelism } from 'node:os'
import { performance } from 'node:perf_hooks'
import { ConfigError } from '../../core/config.ts'
import { defineModule, type ModuleContext } from '../../core/module.ts'
import { selfTest as libSelfTest } from '../../lib/crypto/index.ts'
import { createSoftwareBackend, type KeyBackend } from './backend.ts'
import { CRYPTO_EVENTS } from './events.ts'
import { CRYPTO_PERMISSIONS } from './permissions.ts'
import { createCryptoRepo } from './repo.ts'
import { deriveKek, kekIdOf, loadRootKey } from './root-key.ts'
import { cryptoRoutes } from './routes.ts'
import { algorithmSelfTest } from './self-test.ts'
import { createCryptoService, type CryptoService } from './service/index.ts'
import * as createKey from './migrations/20261127T0900_create_key.ts'
import * as createCertificate from './migrations/20261127T0910_create_certificate.ts'

export type { CryptoApi, KeyAlgorithm, KeyInfo, KeyOwner, KeyPurpose, KeyState } from './types.ts'
export type { KeyBackend, KeyRef, GeneratedKey } from './backend.ts'
export type { CryptoService }
export type { KeyEventPayload, CertificateEventPayload } from './events.ts'

export interface CryptoModuleOptions {
  /** The boot-time known-answer test; replaced only by tests that check the refusal to start. */
  selfTest?: () => void
  /** A key backend to use instead of the software one (e.g. PKCS#11); gets the module context. */
  backend?: (ctx: ModuleContext) => KeyBackend
  /** Environment to read ROOT_KEY / ROOT_KEY_FILE from; default process.env. */
  env?: Record<string, string | undefined>
  usageFlushMs?: number
}

/**
 * Builds the crypto module (密码资源池). Setup runs the SM2/SM3/SM4 and Ed25519/P-256/AES-GCM
 * known-answer self-test first and throws (so the server does not start) if it fails.
 */
export function createCryptoModule(opts: CryptoModuleOptions = {}) {
  return defineModule<CryptoService>({
    name: 'crypto',
    description: 'Crypto resource pool: SM2/SM3/SM4 (+Ed25519, P-256, AES-256) keys by id, a platform CA, certificates and CRLs',
    permissions: CRYPTO_PERMISSIONS,
    events: CRYPTO_EVENTS,
    migrations: { '20261127T0900_create_key': createKey, '20261127T0910_create_certificate': createCertificate },
    setup: (ctx) => {
      const started = performance.now()
      ;(opts.selfTest ?? (() => { libSelfTest(); algorithmSelfTest() }))()
      ctx.log.info({ ms: Math.round(performance.now() - started) }, 'crypto self-test passed')
      let backend: KeyBackend
      if (opts.backend) backend = opts.backend(ctx)
      else {
        const root = loadRootKey(opts.env ?? ctx.config.settings, ctx.config.dataDir)
        const kek = deriveKek(root.key)
        const signWorkers = signWorkersOf((opts.env ?? ctx.config.settings).CRYPTO_SIGN_WORKERS)
        backend = createSoftwareBackend(kek, { signWorkers, log: ctx.log })
        ctx.log.info({ source: root.source, path: root.path, kekId: kekIdOf(kek), signWorkers }, 'crypto root key loaded')
      }
      const service = createCryptoService({
        closeBackend: () => backend.close?.(),
        db: ctx.db, repo: createCryptoRepo(ctx.db), backend, audit: ctx.audit, events: ctx.events, clock: ctx.clock, ids: ctx.ids, log: ctx.log,
        usageFlushMs: opts.usageFlushMs,
      })
      ctx.addReadinessCheck('crypto.rootKey', () => service.rootKeyMatches())
      return service
    },
    routes: (app, crypto) => cryptoRoutes(app, crypto),
    seedDemo: async (crypto, ctx) => {
      const r = await crypto.seedDemo()
      ctx.log.info(r, 'demo crypto keys')
    },
    stop: (crypto) => crypto.stop(),
  })
}

/**
 * `CRYPTO_SIGN_WORKERS`: SM2 signing threads of the software backend (0 signs on the main
 * thread). Default: one per core beyond the first, at most 4.
 */
export function signWorkersOf(setting: string | undefined): number {
  if (setting === undefined || setting === '') return Math.min(4, Math.max(0, availableParallelism() - 1))
  const n = Number(setting)
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new ConfigError('CRYPTO_SIGN_WORKERS', 'an integer from 0 to 64', setting)
  return n
}

/** The crypto module with the software key backend. */
export default createCryptoModule()
