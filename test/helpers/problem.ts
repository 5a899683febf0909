import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'

/** Asserts `res` is an RFC 9457 problem with `status` and `code`; returns the parsed body. */
export function assertProblem(res: LightMyRequestResponse, status: number, code: string): Record<string, any> {
  assert.equal(res.statusCode, status, `status: ${res.body}`)
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/)
  const body = res.json()
  assert.equal(body.code, code)
  assert.equal(body.status, status)
  assert.equal(typeof body.detail, 'string')
  assert.ok(body.detail.length > 0)
  assert.match(body.requestId, /\S/)
  assert.equal(res.headers['x-request-id'], body.requestId)
  return body
}
