import { Type } from 'typebox'

/** RFC 9457 problem details, the body of every error answer (OpenAPI component `Problem`). */
export const ProblemSchema = Type.Object({
  type: Type.String({ format: 'uri' }),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String({ description: "Human message in the caller's language (Accept-Language)" }),
  code: Type.String({ description: 'Stable error code, see docs/errors.md' }),
  requestId: Type.String(),
  errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), code: Type.String(), message: Type.String() }))),
}, { $id: 'Problem', title: 'Problem' })
