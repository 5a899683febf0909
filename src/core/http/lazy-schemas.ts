/**
 * Route schemas compiled on first use instead of at boot. Fastify compiles every route's
 * validators (Ajv) and response serializers (fast-json-stringify) when the server becomes ready:
 * with ~300 routes that is most of a process's start time, paid again by every CLI command,
 * test file and platform start, mostly for routes that process never serves. The compiled
 * functions are the same ones Fastify builds by default, with the same options.
 */
import { createRequire } from 'node:module'
import type { FastifyServerOptions } from 'fastify'

const require = createRequire(import.meta.url)
const ValidatorSelector = require('@fastify/ajv-compiler') as () => BuildFactory
const SerializerSelector = require('@fastify/fast-json-stringify-compiler') as () => BuildFactory

type Compiled = ((data: unknown, ctx?: unknown) => unknown) & { errors?: unknown; schemaEnv?: unknown }
type RouteCompiler = (route: unknown) => Compiled
type BuildFactory = (externalSchemas: unknown, options: unknown) => RouteCompiler

/** Wraps a validator `compile` so that it runs on the first call; Ajv's `.errors` is forwarded. */
export function lazyValidator(compile: () => Compiled): Compiled {
  let fn: Compiled | undefined
  const wrapper: Compiled = (data, ctx) => {
    fn ??= compile()
    const result = ctx === undefined ? fn(data) : fn(data, ctx)
    wrapper.errors = fn.errors
    return result
  }
  // Fastify passes Ajv's parent-data context only to functions that carry `schemaEnv`.
  wrapper.schemaEnv = true
  return wrapper
}

/** Wraps a serializer `compile` so that it runs on the first call. */
export function lazySerializer(compile: () => Compiled): Compiled {
  let fn: Compiled | undefined
  return (data) => (fn ??= compile())(data)
}

function lazyFactory(select: () => BuildFactory, wrap: (compile: () => Compiled) => Compiled, pending: Array<() => void>): BuildFactory {
  const factory = select()
  return (externalSchemas, options) => {
    const routeCompiler = factory(externalSchemas, options)
    return (route) => {
      let compiled: Compiled | undefined
      const compile = () => (compiled ??= routeCompiler(route))
      pending.push(compile)
      return wrap(compile)
    }
  }
}

export interface LazySchemas {
  /** Fastify's `schemaController` option that compiles validators and serializers lazily. */
  controller: NonNullable<FastifyServerOptions['schemaController']>
  /** Compiles every schema now (what Fastify would have done at boot); answers how many. A bad schema throws. */
  compileAll(): number
}

export function lazySchemas(): LazySchemas {
  const pending: Array<() => void> = []
  return {
    controller: {
      compilersFactory: {
        buildValidator: lazyFactory(ValidatorSelector, lazyValidator, pending) as never,
        buildSerializer: lazyFactory(SerializerSelector, lazySerializer, pending) as never,
      },
    },
    compileAll() {
      for (const compile of pending) compile()
      return pending.length
    },
  }
}
