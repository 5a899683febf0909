/**
 * Known-answer vectors of the national algorithms, shared by `selfTest()` and the unit tests.
 * Copied from shared/vectors/README.md §7.1, §7.3, §7.4 unless another source is named.
 * Hex strings are lower case, without separators.
 */

/** SM2 recommended-curve example (GB/T 32918.5; OpenSSL `test/sm2_internal_test.c`). §7.1 */
export const SM2_VECTOR = {
  d: '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
  publicX: '09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020',
  publicY: 'ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
  userId: '1234567812345678',
  message: 'message digest',
  za: 'b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3',
  e: 'f0b43e94ba45accaace692ed534382eb17e6ab5a19ce7b31f4486fdfc0d28640',
  k: '59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21',
  r: 'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3',
  s: 'b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
  der: '3046022100f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3'
    + '022100b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
} as const

/** SM2 encryption with the same d and k, M = "encryption standard". §7.1 */
export const SM2_ENCRYPT_VECTOR = {
  message: 'encryption standard',
  c1x: '04ebfc718e8d1798620432268e77feb6415e2ede0e073c0f4f640ecd2e149a73',
  c1y: 'e858f9d81e5430a57b36daab8f950a3c64e6ee6a63094d99283aff767e124df0',
  c3: '59983c18f809e262923c53aec295d30383b54e39d609d160afcb1908d0bd8766',
  c2: '21886ca989ca9c7d58087307ca93092d651efa',
} as const

/** SM3 (GB/T 32905 Annex A and padding-boundary extras). §7.3 */
export const SM3_VECTORS: ReadonlyArray<{ input: string; digest: string }> = [
  { input: 'abc', digest: '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0' },
  { input: 'abcd'.repeat(16), digest: 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732' },
  { input: '', digest: '1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b' },
  { input: 'abcdefghABCDEFGH12345678', digest: 'd670c7f027fd5f9f0c163f4bfe98f9003fe597d3f52dbab0885ec2ca8dd23e9b' },
  {
    input: 'abcdefghABCDEFGH12345678abcdefghABCDEFGH12345678abcdefgh',
    digest: '1cf3bafec325d7d9102cd67ba46b09195af4e613b6c2b898122363d810308b11',
  },
  {
    input: 'abcdefghABCDEFGH12345678abcdefghABCDEFGH12345678abcdefghABCD',
    digest: 'b8ac4203969bde27434ce667b0adbf3439ee97e416e73cb96f4431f478a531fe',
  },
  {
    input: 'abcdefghABCDEFGH12345678abcdefghABCDEFGH12345678abcdefghABCDEFGH',
    digest: '5ef0cdbe0d54426eea7f5c8b44385bb1003548735feaa59137c3dfe608aa9567',
  },
]

/** TopsecCA certificate Z_A (GmSSL sm3test vector #8): public key and Z_A with the default ID. §7.3 */
export const TOPSEC_ZA_VECTOR = {
  publicX: 'd69c2f1eec3bfb6b95b30c28085c77b125d77a9c39525d8190768f37d6b205b5',
  publicY: '89dcd316bbe7d89a9dc21917f17799e698531f5e6e3e10bd31370b259c3f81c3',
  za: '4d38d2958ca7fd2cfae3af04486959cf92c8ef48e8b83a05c112e739d5f181d0',
} as const

/** HMAC-SM3 from GM/T 0042-2015 Appendix D.3 (as quoted in OpenSSL's and libxcrypt's tests). */
export const HMAC_SM3_VECTORS: ReadonlyArray<{ keyHex: string; dataHex: string; mac: string }> = [
  {
    keyHex: '0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20',
    dataHex: Buffer.from('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'.repeat(2)).toString('hex'),
    mac: 'ca05e144ed05d1857840d1f318a4a8669e559fc8391f414485bfdf7bb408963a',
  },
  {
    keyHex: '0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425',
    dataHex: 'cd'.repeat(50),
    mac: '220bf579ded555393f0159f66c99877822a3ecf610d1552154b41d44b94db3ae',
  },
  {
    keyHex: '0b'.repeat(32),
    dataHex: Buffer.from('Hi There').toString('hex'),
    mac: 'c0ba18c68b90c88bc07de794bfc7d2c8d19ec31ed8773bc2b390c9604e0be11e',
  },
  {
    keyHex: Buffer.from('Jefe').toString('hex'),
    dataHex: Buffer.from('what do ya want for nothing?').toString('hex'),
    mac: '2e87f1d16862e6d964b50a5200bf2b10b764faa9680a296a2405f24bec39f882',
  },
]

/** SM4 (GB/T 32907 Annex A) and OFB mode (draft-ribose-cfrg-sm4-10 A.2.3). §7.4 */
export const SM4_VECTOR = {
  key: '0123456789abcdeffedcba9876543210',
  plaintext: '0123456789abcdeffedcba9876543210',
  ciphertext: '681edf34d206965e86b3e94f536e4246',
  // GB/T 32907 example 2: the same block encrypted 1,000,000 times (OpenSSL sm4_internal_test.c).
  millionTimes: '595298c7c6fd271f0402f804c33d3f66',
  iv: '000102030405060708090a0b0c0d0e0f',
  modePlaintext: 'aaaaaaaabbbbbbbbccccccccddddddddeeeeeeeeffffffffaaaaaaaabbbbbbbb',
  ofb: [
    { key: '0123456789abcdeffedcba9876543210', ciphertext: 'ac3236cb861dd316e6413b4e3c7524b71d01aca2487ca582cbf5463e6698539b' },
    { key: 'fedcba98765432100123456789abcdef', ciphertext: '5dcccd25a84ba16560d7f2658870684933fa16bd5cd9c856cacaa1e101897a97' },
  ],
} as const

/** SM4-GCM, RFC 8998 Appendix A.1. */
export const SM4_GCM_VECTOR = {
  key: '0123456789abcdeffedcba9876543210',
  iv: '00001234567800000000abcd',
  aad: 'feedfacedeadbeeffeedfacedeadbeefabaddad2',
  plaintext: 'aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbccccccccccccccccdddddddddddddddd'
    + 'eeeeeeeeeeeeeeeeffffffffffffffffeeeeeeeeeeeeeeeeaaaaaaaaaaaaaaaa',
  ciphertext: '17f399f08c67d5ee19d0dc9969c4bb7d5fd46fd3756489069157b282bb200735'
    + 'd82710ca5c22f0ccfa7cbf93d496ac15a56834cbcf98c397b4024a2691233b8d',
  tag: '83de3541e4c2b58177e065a9bf7b62ec',
} as const
