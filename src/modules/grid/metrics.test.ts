import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { computeMetrics, METRIC_DEFINITIONS, type MetricLogEntry } from './metrics.ts'

const T0 = Date.UTC(2026, 5, 10, 1, 0) // 10 June 2026, 09:00 in Zhongshan
const MIN = 60_000

/** Builds one case's log from [action, toStatus, minute, department?, overdue?] steps. */
function log(eventId: string, steps: Array<[string, string, number, string?, boolean?]>, where = { town: 'T1', grid: 'G1' }, reporter = 'usr_worker1'): MetricLogEntry[] {
  return steps.map(([action, toStatus, minute, departmentId, overdue], seq) => ({
    eventId, seq, action, toStatus, at: T0 + minute * MIN, actorId: action === 'reported' ? reporter : 'usr_staff', actorKind: 'staff',
    departmentId: departmentId ?? null, gridCode: where.grid, communityCode: `${where.grid}-c`, townCode: where.town, categoryCode: '0102', overdue: overdue ?? false,
  }))
}

const head: Array<[string, string, number]> = [['reported', 'reported', 0], ['accepted', 'accepted', 1], ['opened', 'opened', 2]]

/** The hand-built log: every answer below is worked out by hand in the comments. */
const LOG: MetricLogEntry[] = [
  // A: on time all the way. Handling 3 → 63 = 60 min.
  ...log('A', [...head, ['dispatched', 'dispatched', 3, 'dep_urban'], ['handled', 'handled', 63], ['verified', 'verified', 70], ['closed', 'closed', 75]]),
  // B: dispatched to the wrong department (returned after 10 min), then handled late (200 min). 210 min.
  ...log('B', [...head, ['dispatched', 'dispatched', 3, 'dep_env'], ['returned', 'opened', 13], ['dispatched', 'dispatched', 15, 'dep_urban'],
    ['handled', 'handled', 215, undefined, true], ['verified', 'verified', 220], ['closed', 'closed', 225]]),
  // C: failed verification (返工), handled again. 30 + 20 = 50 min.
  ...log('C', [...head, ['dispatched', 'dispatched', 3, 'dep_urban'], ['handled', 'handled', 33], ['reworked', 'dispatched', 40], ['handled', 'handled', 60],
    ['verified', 'verified', 65], ['closed', 'closed', 70]], { town: 'T2', grid: 'G2' }),
  // D: suspended (挂账): out of should-close and should-handle.
  ...log('D', [...head, ['dispatched', 'dispatched', 3, 'dep_works'], ['suspension-requested', 'dispatched', 10], ['suspended', 'suspended', 20]], { town: 'T2', grid: 'G3' }),
  // E: still with the department.
  ...log('E', [...head, ['dispatched', 'dispatched', 3, 'dep_works']], { town: 'T2', grid: 'G3' }),
  // H: closed, then the citizen said "not fixed" (reopened, 返工): no longer closed. 60 min handled.
  ...log('H', [...head, ['dispatched', 'dispatched', 3, 'dep_urban'], ['handled', 'handled', 63], ['verified', 'verified', 64], ['closed', 'closed', 65], ['reopened', 'dispatched', 1000]]),
  // F: opened after the period; G: rejected, never opened. Neither is in the cohort.
  ...log('F', [['reported', 'reported', 30 * 24 * 60], ['accepted', 'accepted', 30 * 24 * 60 + 1], ['opened', 'opened', 30 * 24 * 60 + 2]]),
  ...log('G', [['reported', 'reported', 0], ['rejected', 'rejected', 5]]),
]

const JUNE = { from: Date.UTC(2026, 4, 31, 16), to: Date.UTC(2026, 5, 30, 16) } // June in UTC+8

describe('metrics from the event log', () => {
  it('computes every metric of a hand-built log', () => {
    const { total } = computeMetrics(LOG, { ...JUNE, asOf: T0 + 2 * 24 * 60 * MIN, groupBy: 'all' })
    assert.deepEqual(total.counts, {
      opened: 6, suspended: 1, shouldClose: 5, closed: 3, closedOnTime: 2, dispatched: 6, shouldHandle: 5,
      handled: 4, handledOnTime: 3, dispatchActions: 7, returns: 1, reworked: 2,
    })
    assert.deepEqual(total.rates, {
      closeRate: 0.6, // 3 / (6 − 1)
      onTimeCloseRate: 0.4, // A and C / 5
      handleRate: 0.8, // A, B, C, H / (6 − 1)
      onTimeHandleRate: 0.6, // A, C, H / 5
      accurateDispatchRate: 0.8571, // (7 − 1) / 7
      reworkRate: 0.5, // C and H / 4 handled
      avgHandleMinutes: 95, // (60 + 210 + 50 + 60) / 4
    })
  })

  it('replays only up to asOf: A is not closed one minute before it was', () => {
    const { total } = computeMetrics(LOG, { ...JUNE, asOf: T0 + 74 * MIN, groupBy: 'all' })
    // A: verified, not yet closed; B: still with dep_urban; C closed at 70; H closed at 65 and not yet reopened.
    assert.equal(total.counts.closed, 2)
    assert.equal(total.counts.handled, 3)
  })

  it('groups by department (the last one dispatched to), town and month', () => {
    const byDept = computeMetrics(LOG, { ...JUNE, asOf: T0 + 2 * 24 * 60 * MIN, groupBy: 'department' }).groups
    assert.deepEqual(byDept.map((g) => [g.key, g.counts.opened, g.counts.shouldClose, g.counts.closed, g.rates.closeRate]), [
      ['dep_urban', 4, 4, 3, 0.75],
      ['dep_works', 2, 1, 0, 0],
    ])
    const byTown = computeMetrics(LOG, { ...JUNE, asOf: T0 + 2 * 24 * 60 * MIN, groupBy: 'town' }).groups
    assert.deepEqual(byTown.map((g) => [g.key, g.counts.opened, g.rates.closeRate]), [['T1', 3, 0.6667], ['T2', 3, 0.5]])
    const byMonth = computeMetrics(LOG, { from: 0, to: Date.UTC(2027, 0, 1), asOf: Date.UTC(2027, 0, 1), groupBy: 'month' }).groups
    assert.deepEqual(byMonth.map((g) => [g.key, g.counts.opened]), [['2026-06', 6], ['2026-07', 1]])
    const byWorker = computeMetrics(LOG, { ...JUNE, asOf: T0 + 2 * 24 * 60 * MIN, groupBy: 'worker' }).groups
    assert.deepEqual(byWorker.map((g) => [g.key, g.counts.opened]), [['usr_worker1', 6]])
  })

  it('answers null rates for an empty cohort, and ignores entry order', () => {
    const empty = computeMetrics([], { ...JUNE, asOf: T0, groupBy: 'all' }).total
    assert.equal(empty.rates.closeRate, null)
    assert.equal(empty.rates.avgHandleMinutes, null)
    const shuffled = [...LOG].reverse()
    assert.deepEqual(computeMetrics(shuffled, { ...JUNE, asOf: T0 + 2 * 24 * 60 * MIN, groupBy: 'all' }), computeMetrics(LOG, { ...JUNE, asOf: T0 + 2 * 24 * 60 * MIN, groupBy: 'all' }))
  })

  it('defines every rate it reports, in three languages', () => {
    const keys = Object.keys(computeMetrics(LOG, { ...JUNE, asOf: T0, groupBy: 'all' }).total.rates).sort()
    assert.deepEqual(METRIC_DEFINITIONS.map((d) => d.key).sort(), keys)
    for (const d of METRIC_DEFINITIONS) for (const l of ['zh-CN', 'zh-TW', 'en-US'] as const) assert.ok(d.name[l] && d.formula[l])
  })
})
