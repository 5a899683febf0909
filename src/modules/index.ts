import type { ModuleDefinition } from '../core/module.ts'
import ops from './ops/index.ts'
import city from './city/index.ts'
import grid from './grid/index.ts'
import identity from './identity/index.ts'
import crypto from './crypto/index.ts'
import ledger from './ledger/index.ts'
import services from './services/index.ts'
import feedback from './feedback/index.ts'
import licenses from './licenses/index.ts'

/** Every module of the platform. Boot order follows `dependsOn`, not this list. */
export const allModules: ModuleDefinition<any>[] = [ops, city, identity, crypto, ledger, grid, services, feedback, licenses]
