/** The crypto module's API as the ledger receives it in `ctx.deps.crypto` (types only). */
export type { CryptoApi } from '../crypto/index.ts'
