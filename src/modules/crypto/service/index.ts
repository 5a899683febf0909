import type { CryptoApi } from '../types.ts'
import { createCertificates } from './certificates.ts'
import type { CryptoDeps } from './context.ts'
import { createKeyActions } from './keys.ts'
import { createOperations } from './operations.ts'
import { seedDemoKeys } from './seed.ts'
import { createUsageCounter } from './usage.ts'

export type { CryptoDeps } from './context.ts'

/**
 * The crypto service: the {@link CryptoApi} other modules use by key id, plus the principal-facing
 * actions the HTTP routes call (each checks visibility, audits, and counts private-key uses).
 */
export function createCryptoService(deps: CryptoDeps) {
  const usage = createUsageCounter(deps)
  const keys = createKeyActions(deps, usage)
  const ops = createOperations(deps, keys, usage)
  const certificates = createCertificates(deps, keys, ops)

  const api: CryptoApi = {
    ensureSystemKey: keys.ensureSystemKey,
    getKey: keys.getKeyInfo,
    sign: ops.sign,
    signer: ops.signer,
    verify: ops.verify,
    getPublicKey: ops.getPublicKey,
    generateDataKey: ops.generateDataKey,
    unwrapDataKey: ops.unwrapDataKey,
  }

  return {
    ...api,
    // keys
    createKey: keys.createKey,
    findKeys: keys.findKeys,
    getKeyAs: async (...a: Parameters<typeof keys.getVisible>) => keys.info(await keys.getVisible(...a)),
    rotateKey: keys.rotateKey,
    disableKey: keys.disableKey,
    enableKey: keys.enableKey,
    destroyKey: keys.destroyKey,
    // operations
    signAs: ops.signAs,
    verifyAs: ops.verifyAs,
    publicKeyAs: ops.publicKeyAs,
    encryptAs: ops.encryptAs,
    decryptAs: ops.decryptAs,
    generateDataKeyAs: ops.generateDataKeyAs,
    // certificates
    getCa: certificates.getCa,
    getCrl: certificates.getCrl,
    issueCertificate: certificates.issueCertificate,
    getCertificateAs: certificates.getCertificateAs,
    listCertificatesOfKey: certificates.listCertificatesOfKey,
    revokeCertificate: certificates.revokeCertificate,
    // lifecycle
    seedDemo: () => seedDemoKeys(keys, certificates),
    /** Writes batched usage counts now (tests, shutdown). */
    flushUsage: () => usage.flush(),
    async stop() {
      await usage.stop()
      await deps.closeBackend?.()
    },
    /** True when stored key material opens under the configured root key (or nothing is stored yet). */
    async rootKeyMatches(): Promise<boolean> {
      const kekId = await deps.repo.anyKekId()
      return kekId === undefined || deps.backend.canOpen(kekId)
    },
  }
}

export type CryptoService = ReturnType<typeof createCryptoService>
