import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { Principal } from '../../../core/http/auth.ts'
import { createDepartmentDirectory, type DirectoryDepartment } from './directory.ts'

const DEPARTMENTS: DirectoryDepartment[] = [
  { id: 'dep_city', parentId: null, code: 'zs', name: '中山市人民政府', kind: 'city', divisionCode: '442000' },
  { id: 'dep_market', parentId: 'dep_city', code: 'zs-scjgj', name: '市场监管局', kind: 'bureau', divisionCode: '442000' },
  { id: 'dep_market_reg', parentId: 'dep_market', code: 'zs-scjgj-djk', name: '登记注册科', kind: 'section', divisionCode: null },
  { id: 'dep_town', parentId: 'dep_city', code: 'zs-118', name: '小榄镇人民政府', kind: 'town', divisionCode: '442000118000' },
  { id: 'dep_town_centre', parentId: 'dep_town', code: 'zs-118-zwfw', name: '政务服务中心', kind: 'section', divisionCode: null },
  { id: 'dep_old', parentId: 'dep_city', code: 'zs-old', name: '已撤销', kind: 'bureau', divisionCode: null, status: 'disabled' },
]
const staff = (departmentIds: string[] | undefined, all = false): Principal => ({
  id: 'stf', kind: 'staff', name: 's', permissions: new Set(), ...(departmentIds ? { dataScope: { all, departmentIds, self: false } } : {}),
})

describe('department directory', () => {
  let loads = 0
  let now = 0
  const source = { listDepartments: async () => { loads++; return DEPARTMENTS } }
  const dir = createDepartmentDirectory(source, { now: () => now }, 5_000)

  it('turns identity department ids into codes; a section counts for its bureau or town', async () => {
    assert.deepEqual(await dir.scopeOf(staff(['dep_market_reg'])), ['zs-scjgj', 'zs-scjgj-djk'])
    assert.deepEqual(await dir.scopeOf(staff(['dep_town_centre'])), ['zs-118', 'zs-118-zwfw'])
    assert.deepEqual(await dir.scopeOf(staff(['dep_market'])), ['zs-scjgj'])
  })

  it('all for system principals and an all scope; nothing for staff without a scope; disabled departments count for nothing', async () => {
    assert.equal(await dir.scopeOf({ id: 'system:x', kind: 'system', name: 'x', permissions: new Set(['*']) }), undefined)
    assert.equal(await dir.scopeOf(staff([], true)), undefined)
    assert.deepEqual(await dir.scopeOf(staff(undefined)), [])
    assert.deepEqual(await dir.scopeOf(staff(['dep_old'])), [])
  })

  it('an id identity does not know stands for itself (synthetic principals carry codes)', async () => {
    assert.deepEqual(await dir.scopeOf(staff(['zs-gaj'])), ['zs-gaj'])
  })

  it('reads identity once per cache period, and again after it', async () => {
    const before = loads
    await dir.byCode('zs')
    await dir.isEmpty()
    assert.equal(loads, before)
    now += 5_001
    assert.equal((await dir.byCode('zs-118'))?.id, 'dep_town')
    assert.equal(loads, before + 1)
  })

  it('without a source every id is a code and the directory is empty', async () => {
    const bare = createDepartmentDirectory(undefined, { now: () => 0 })
    assert.equal(await bare.isEmpty(), true)
    assert.deepEqual(await bare.scopeOf(staff(['zs-scjgj'])), ['zs-scjgj'])
  })
})
