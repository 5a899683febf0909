/**
 * National-crypto primitives (SM2, SM3, SM4, SM4-GCM) for zhicheng: pure functions, no I/O.
 *
 * Keys and data are Uint8Array; SM2 public keys are 65 bytes (04‖x‖y) on output and 33, 64 or
 * 65 bytes on input; private keys are 32 bytes. Every failure is a {@link CryptoError} with a
 * stable `code`. Only the `crypto` module should hold private keys (STYLE.md §7).
 */
export { CRYPTO_ERROR_CODES, CryptoError, isCryptoError } from './errors.ts'
export type { CryptoErrorCode, CryptoErrorDetails } from './errors.ts'

export { SM3_BLOCK_LENGTH, SM3_DIGEST_LENGTH, hmacSm3, sm3, sm3Kdf } from './sm3.ts'

export {
  SM4_BLOCK_LENGTH, SM4_KEY_LENGTH, sm4CbcDecrypt, sm4CbcEncrypt, sm4Ctr, sm4DecryptBlock,
  sm4EcbDecrypt, sm4EcbEncrypt, sm4EncryptBlock, sm4Ofb,
} from './sm4.ts'
export type { Sm4Padding, Sm4PaddingOptions } from './sm4.ts'

export {
  SM4_GCM_IV_LENGTH, SM4_GCM_TAG_LENGTH, sm4GcmDecrypt, sm4GcmEncrypt, sm4GcmOpen, sm4GcmSeal,
} from './sm4-gcm.ts'
export type { GcmSealed } from './sm4-gcm.ts'
export { createFieldCipher, type FieldCipher } from './field-cipher.ts'

export {
  SM2_CURVE, SM2_DEFAULT_USER_ID, SM2_PRIVATE_KEY_LENGTH, SM2_PUBLIC_KEY_LENGTH,
  sm2CompressPublicKey, sm2ComputeZa, sm2DecompressPublicKey, sm2Digest, sm2GenerateKeyPair,
  sm2GetPublicKey,
} from './sm2.ts'
export type { Sm2KeyPair, Sm2UserId } from './sm2.ts'

export {
  SM2_VERIFY_CACHE_LIMIT, assertSm2Signature, clearSm2VerifyCache, createSm2Signer,
  createSm2Verifier, sm2Sign, sm2SignWithK, sm2SignatureFromDer, sm2SignatureToDer, sm2Verify,
  sm2VerifyCacheSize,
} from './sm2-sign.ts'
export type {
  Sm2SignOptions, Sm2SignatureFormat, Sm2Signer, Sm2Verifier, Sm2VerifyOptions,
} from './sm2-sign.ts'

export { sm2ConvertCiphertext, sm2Decrypt, sm2Encrypt, sm2EncryptWithK } from './sm2-cipher.ts'
export type {
  Sm2CiphertextFormat, Sm2CiphertextMode, Sm2DecryptOptions, Sm2EncryptOptions,
} from './sm2-cipher.ts'

export {
  exportSm2PrivateKeyPem, exportSm2PublicKeyPem, importSm2PrivateKeyPem, importSm2PublicKeyPem,
} from './pem.ts'

export { selfTest } from './self-test.ts'
