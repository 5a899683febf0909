// oidc-provider@9 ships no type declarations; this is the small surface the identity module uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  export interface InteractionDetails {
    uid: string
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> }
    params: Record<string, unknown>
    session?: { accountId?: string }
    grantId?: string
    lastSubmission?: Record<string, unknown>
  }

  export interface GrantInstance {
    addOIDCScope(scope: string): void
    addOIDCClaims(claims: string[]): void
    addResourceScope(resource: string, scope: string): void
    save(): Promise<string>
  }

  /** A signing key whose private half lives elsewhere (features.externalSigningSupport, experimental-01). */
  export class ExternalSigningKey {
    kid: string
    alg: string
    readonly use: 'sig'
    keyObject(): import('node:crypto').KeyObject
    sign(data: Uint8Array): Promise<Uint8Array> | Uint8Array
  }

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>)
    issuer: string
    proxy: boolean
    Grant: { new (init: { clientId: string; accountId: string }): GrantInstance; find(id: string): Promise<GrantInstance | undefined> }
    Client: { find(id: string): Promise<{ clientId: string; clientName?: string; redirectUris: string[]; metadata(): Record<string, unknown> } | undefined> }
    callback(): (req: IncomingMessage, res: ServerResponse) => void
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<void>
    interactionResult(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<string>
    on(event: string, listener: (...args: any[]) => void): this
  }
}
