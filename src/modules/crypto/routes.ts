import type { FastifyInstance } from 'fastify'
import type { CryptoService } from './service/index.ts'
import type { RevocationReason } from './x509.ts'
import {
  CaReply, CertificateList, CertificateParams, CertificateSchema, CreateKeyBody, CrlReply, DataKeyBody, DataKeyReply, DecryptBody, DecryptReply,
  EncryptBody, EncryptReply, IssueCertificateBody, KeyInfoSchema, KeyPage, KeyParams, KeyQuerystring, PublicKeyQuerystring, PublicKeyReply,
  RevokeBody, SignBody, SignReply, VerifyBody, VerifyReply,
} from './schema.ts'

const Problem = { $ref: 'Problem#' }
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem }
const tags = ['crypto']
const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64')
const bytes = (s: string | undefined): Uint8Array | undefined => (s === undefined ? undefined : Buffer.from(s, 'base64'))

/** /api/v1/crypto: keys, operations by key id, the platform CA. Every route declares its permission. */
export async function cryptoRoutes(app: FastifyInstance, crypto: CryptoService): Promise<void> {
  app.post<{ Body: CreateKeyBody }>('/crypto/keys', {
    config: { permission: 'crypto:key:create' },
    schema: { tags, summary: 'Create a key', description: 'Generates key material in the key backend. Owner defaults to your department; system and seal owners need crypto:key:admin. Audited; emits crypto.key.created.', body: CreateKeyBody, response: { 201: KeyInfoSchema, ...errors } },
  }, async (req, reply) => reply.status(201).send(await crypto.createKey(req.principal!, req.body, req.id)))

  app.get<{ Querystring: KeyQuerystring }>('/crypto/keys', {
    config: { permission: 'crypto:key:read' },
    schema: { tags, summary: 'List keys', description: 'Newest first, cursor-paginated; only keys you may see (your department, or all with crypto:key:admin).', querystring: KeyQuerystring, response: { 200: KeyPage, ...errors } },
  }, async (req) => crypto.findKeys(req.principal!, req.query))

  app.get<{ Params: KeyParams }>('/crypto/keys/:keyId', {
    config: { permission: 'crypto:key:read' },
    schema: { tags, summary: 'One key', params: KeyParams, response: { 200: KeyInfoSchema, ...errors } },
  }, async (req) => crypto.getKeyAs(req.principal!, req.params.keyId))

  app.get<{ Params: KeyParams; Querystring: PublicKeyQuerystring }>('/crypto/keys/:keyId/public-key', {
    config: { permission: 'crypto:key:read' },
    schema: { tags, summary: 'Public key', description: 'PEM (SubjectPublicKeyInfo), JWK and raw bytes of a version (default current). Also for disabled and destroyed keys.', params: KeyParams, querystring: PublicKeyQuerystring, response: { 200: PublicKeyReply, ...errors } },
  }, async (req) => {
    const k = await crypto.publicKeyAs(req.principal!, req.params.keyId, req.query.version)
    return { keyId: k.keyId, version: k.version, algorithm: k.algorithm, pem: k.pem, jwk: k.jwk, raw: b64(k.raw) }
  })

  app.post<{ Params: KeyParams; Body: SignBody }>('/crypto/keys/:keyId/sign', {
    config: { permission: 'crypto:key:use' },
    schema: { tags, summary: 'Sign', description: 'Signs with the current version: SM2 with SM3 and Z_A(userId), ECDSA P-256 with SHA-256, Ed25519. Audited and counted.', params: KeyParams, body: SignBody, response: { 200: SignReply, ...errors } },
  }, async (req) => {
    const out = await crypto.signAs(req.principal!, req.params.keyId, { message: bytes(req.body.message)!, userId: req.body.userId, format: req.body.format }, req.id)
    return { ...out, signature: b64(out.signature) }
  })

  app.post<{ Params: KeyParams; Body: VerifyBody }>('/crypto/keys/:keyId/verify', {
    config: { permission: 'crypto:key:read' },
    schema: { tags, summary: 'Verify', description: 'Verifies with a version (default current); works for disabled and destroyed keys. A well-formed signature that does not verify answers valid: false; a malformed one answers 400.', params: KeyParams, body: VerifyBody, response: { 200: VerifyReply, ...errors } },
  }, async (req) => {
    const { message, signature, ...rest } = req.body
    return crypto.verifyAs(req.principal!, req.params.keyId, { message: bytes(message)!, signature: bytes(signature)!, ...rest })
  })

  app.post<{ Params: KeyParams; Body: EncryptBody }>('/crypto/keys/:keyId/encrypt', {
    config: { permission: 'crypto:key:use' },
    schema: { tags, summary: 'Encrypt', description: 'SM2 public-key encryption (C1C3C2) or SM4-GCM / AES-256-GCM with a fresh IV, under the current version. Audited and counted.', params: KeyParams, body: EncryptBody, response: { 200: EncryptReply, ...errors } },
  }, async (req) => {
    const out = await crypto.encryptAs(req.principal!, req.params.keyId, { plaintext: bytes(req.body.plaintext)!, aad: bytes(req.body.aad) }, req.id)
    return { ...out, ciphertext: b64(out.ciphertext) }
  })

  app.post<{ Params: KeyParams; Body: DecryptBody }>('/crypto/keys/:keyId/decrypt', {
    config: { permission: 'crypto:key:use' },
    schema: { tags, summary: 'Decrypt', description: 'Decrypts with a version (default current); also unwraps data keys of wrap keys. A changed ciphertext, IV, tag or aad answers 422 and releases nothing. Audited and counted.', params: KeyParams, body: DecryptBody, response: { 200: DecryptReply, ...errors } },
  }, async (req) => {
    const out = await crypto.decryptAs(req.principal!, req.params.keyId, { ciphertext: bytes(req.body.ciphertext)!, keyVersion: req.body.keyVersion, aad: bytes(req.body.aad), mode: req.body.mode }, req.id)
    return { ...out, plaintext: b64(out.plaintext) }
  })

  app.post<{ Params: KeyParams; Body: DataKeyBody }>('/crypto/keys/:keyId/data-keys', {
    config: { permission: 'crypto:key:use' },
    schema: { tags, summary: 'Generate a data key', description: 'Envelope encryption: a fresh SM4 or AES-256 data key in plaintext and wrapped under this wrap key. Audited and counted.', params: KeyParams, body: DataKeyBody, response: { 201: DataKeyReply, ...errors } },
  }, async (req, reply) => {
    const out = await crypto.generateDataKeyAs(req.principal!, req.params.keyId, { algorithm: req.body?.algorithm, aad: bytes(req.body?.aad) }, req.id)
    return reply.status(201).send({ ...out, plaintext: b64(out.plaintext), wrapped: b64(out.wrapped) })
  })

  const lifecycle = [
    ['rotate', 'crypto:key:rotate', 'Rotate', 'Adds a new version and makes it current; older versions keep verifying and decrypting. Active keys only.', 'rotateKey'],
    ['disable', 'crypto:key:disable', 'Disable', 'Refuses every private-key use until enabled; public keys and verification keep working.', 'disableKey'],
    ['enable', 'crypto:key:disable', 'Enable', 'Makes a disabled key active again.', 'enableKey'],
    ['destroy', 'crypto:key:destroy', 'Destroy', 'Erases the private material of every version of a disabled key; irreversible. Public keys remain for verification.', 'destroyKey'],
  ] as const
  for (const [path, permission, summary, description, method] of lifecycle) {
    app.post<{ Params: KeyParams }>(`/crypto/keys/:keyId/${path}`, {
      config: { permission },
      schema: { tags, summary: `${summary} a key`, description: `${description} Audited; emits crypto.key.${path === 'rotate' ? 'rotated' : `${path}d`}.`, params: KeyParams, response: { 200: KeyInfoSchema, ...errors } },
    }, async (req) => crypto[method](req.principal!, req.params.keyId, req.id))
  }

  app.get<{ Params: KeyParams }>('/crypto/keys/:keyId/certificates', {
    config: { permission: 'crypto:cert:read' },
    schema: { tags, summary: 'Certificates of a key', params: KeyParams, response: { 200: CertificateList, ...errors } },
  }, async (req) => ({ items: await crypto.listCertificatesOfKey(req.principal!, req.params.keyId) }))

  app.post<{ Body: IssueCertificateBody }>('/crypto/certificates', {
    config: { permission: 'crypto:cert:issue' },
    schema: { tags, summary: 'Issue a certificate', description: 'X.509 v3 for an SM2, ECDSA P-256 or Ed25519 key, signed by the platform issuing CA with sm2-with-sm3. Audited; emits crypto.certificate.issued.', body: IssueCertificateBody, response: { 201: CertificateSchema, ...errors } },
  }, async (req, reply) => reply.status(201).send(await crypto.issueCertificate(req.principal!, req.body, req.id)))

  app.get<{ Params: CertificateParams }>('/crypto/certificates/:certificateId', {
    config: { permission: 'crypto:cert:read' },
    schema: { tags, summary: 'One certificate', params: CertificateParams, response: { 200: CertificateSchema, ...errors } },
  }, async (req) => crypto.getCertificateAs(req.principal!, req.params.certificateId))

  app.post<{ Params: CertificateParams; Body: RevokeBody }>('/crypto/certificates/:certificateId/revoke', {
    config: { permission: 'crypto:cert:revoke' },
    schema: { tags, summary: 'Revoke a certificate', description: 'Marks it revoked and issues a new CRL listing it. Audited; emits crypto.certificate.revoked.', params: CertificateParams, body: RevokeBody, response: { 200: CertificateSchema, ...errors } },
  }, async (req) => crypto.revokeCertificate(req.principal!, req.params.certificateId, (req.body?.reason ?? 'unspecified') as RevocationReason, req.id))

  app.get('/crypto/ca', {
    config: { permission: 'public' },
    schema: { tags, summary: 'Platform CA certificates', description: 'The SM2 root and issuing CA certificates (set up on first use) and the chain in PEM.', response: { 200: CaReply } },
  }, async () => crypto.getCa())

  app.get('/crypto/ca/crl', {
    config: { permission: 'public' },
    schema: { tags, summary: 'Certificate revocation list', description: 'The current CRL of the issuing CA (X.509 v2, cRLNumber, sm2-with-sm3), reissued when due or after a revocation.', response: { 200: CrlReply } },
  }, async () => crypto.getCrl())
}
