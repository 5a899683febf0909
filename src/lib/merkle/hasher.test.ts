import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { MerkleError, SHA256_HASHER, SM3_HASHER, getHasher, hashLeafText, rootFromLeafHashes, type HashName } from './index.ts'

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')
const fromHex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'))
const ascii = (s: string) => new TextEncoder().encode(s)

// The eight leaves of /work/shared/vectors/README.md §7.5 (transparency-dev/merkle testonly).
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(fromHex)

describe('SHA-256 hasher (RFC 6962 vectors, transparency-dev/merkle rfc6962_test.go)', () => {
  it('empty root is SHA-256("") — echo -n | sha256sum', () => {
    assert.equal(hex(SHA256_HASHER.emptyRoot()), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
  })
  it('hashes the empty leaf as SHA-256(0x00), which differs from the empty root', () => {
    assert.equal(hex(SHA256_HASHER.hashLeaf(new Uint8Array(0))), '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d')
  })
  it('hashes a leaf as SHA-256(0x00 ‖ "L123456")', () => {
    assert.equal(hex(SHA256_HASHER.hashLeaf(ascii('L123456'))), '395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56')
  })
  it('hashes a node as SHA-256(0x01 ‖ "N123" ‖ "N456")', () => {
    assert.equal(hex(SHA256_HASHER.hashChildren(ascii('N123'), ascii('N456'))), 'aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb')
  })
  it('is second-preimage resistant and order dependent', () => {
    const [a, b] = [SHA256_HASHER.hashLeaf(ascii('Hello')), SHA256_HASHER.hashLeaf(ascii('World'))]
    assert.notDeepEqual(a, b)
    const node = SHA256_HASHER.hashChildren(a, b)
    assert.notDeepEqual(node, SHA256_HASHER.hashLeaf(Uint8Array.from([...a, ...b])))
    assert.notDeepEqual(node, SHA256_HASHER.hashChildren(b, a))
  })
  it('computes the published roots of sizes 1..8', () => {
    const want = [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
      'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
      '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
      'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
      '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
    ]
    const leafHashes = LEAVES.map((d) => SHA256_HASHER.hashLeaf(d))
    want.forEach((root, i) => assert.equal(hex(rootFromLeafHashes(SHA256_HASHER, leafHashes.slice(0, i + 1))), root, `size ${i + 1}`))
  })
})

// Derived regression fixtures, not from a public source: the same eight leaves and RFC 6962
// domain separation with SM3, computed locally (README §7.5). They pin today's output.
describe('SM3 hasher (derived regression fixtures)', () => {
  it('empty root is SM3("") (GB/T 32905 known value)', () => {
    assert.equal(hex(SM3_HASHER.emptyRoot()), '1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b')
  })
  it('computes the regression roots of sizes 1..8', () => {
    const want = [
      '2daef60e7a0b8f5e024c81cd2ab3109f2b4f155cf83adeb2ae5532f74a157fdf',
      '0b990fe0c7ad70f1bf1a1262f2c7908ea48146b14253a6db99f2917ab1f5cc4d',
      '209ec96a210d662a964772680e8544d18cab7b88ffec3e00962220349b56ea56',
      '28e4e307ef6d2d0c62d84b11ef96e835efe490f35b93c8f024ecfe38c8dd4377',
      'bb10c996aeebbcdc69be3715fc847344de77442d37a5ab8213da9f41785b103b',
      '8723c1ab1f82ddfba4a3733ac0c80d936d9f4c208c7dbc8cc81ca9fff8584f66',
      'bd36c22a1ac6ff4308e0c3cc1a85bf0ffa30538ec60a55c70413ab15d45db4d2',
      'bc48ba7a709184b5f2a631e1adeb8dc2a0d4c018c1d6cc89b5664fe154c93b38',
    ]
    const leafHashes = LEAVES.map((d) => SM3_HASHER.hashLeaf(d))
    want.forEach((root, i) => assert.equal(hex(rootFromLeafHashes(SM3_HASHER, leafHashes.slice(0, i + 1))), root, `size ${i + 1}`))
  })
})

describe('getHasher', () => {
  it('defaults to SM3 and selects SHA-256 by name', () => {
    assert.equal(getHasher(), SM3_HASHER)
    assert.equal(getHasher('sm3').name, 'sm3')
    assert.equal(getHasher('sha256'), SHA256_HASHER)
    assert.equal(SM3_HASHER.size, 32)
  })
  it('rejects an unknown name with MERKLE_INVALID_ARGUMENT', () => {
    assert.throws(() => getHasher('md5' as HashName), (e: unknown) => e instanceof MerkleError && e.code === 'MERKLE_INVALID_ARGUMENT')
  })
  it('returns a fresh empty root so callers cannot corrupt it', () => {
    const root = SHA256_HASHER.emptyRoot()
    root[0] ^= 1
    assert.equal(hex(SHA256_HASHER.emptyRoot()).slice(0, 2), 'e3')
  })
})

describe('hashLeafText and the node scratch buffer', () => {
  it('hashes text as hashLeaf of its UTF-8 bytes, non-ASCII included, on both hashes', () => {
    for (const h of [SM3_HASHER, SHA256_HASHER]) {
      for (const text of ['', 'L123456', '{"title":"租赁合同 2026-118","n":1}', '\u0000x', '😀']) {
        assert.equal(hex(hashLeafText(h, text)), hex(h.hashLeaf(new TextEncoder().encode(text))), `${h.name} ${JSON.stringify(text)}`)
      }
    }
  })
  it('returns independent hashes: a result is not overwritten by the next node hash', () => {
    const [a, b, c] = ['a', 'b', 'c'].map((s) => SM3_HASHER.hashLeaf(ascii(s)))
    const ab = SM3_HASHER.hashChildren(a, b)
    const kept = hex(ab)
    SM3_HASHER.hashChildren(b, c)
    assert.equal(hex(ab), kept)
    assert.ok(ab instanceof Uint8Array && !Buffer.isBuffer(ab))
  })
})
