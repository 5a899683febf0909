import type { ModuleDefinition } from '../core/module.ts'
import ops from './ops/index.ts'
import city from './city/index.ts'

/** Every module of the platform. Boot order follows `dependsOn`, not this list. */
export const allModules: ModuleDefinition<any>[] = [ops, city]
