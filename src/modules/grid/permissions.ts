/**
 * Permission codes the grid module checks, by role of the GB/T 30428 dispatch flow:
 * 受理员 accept, 值班长 open/close/approve, 派遣员 dispatch, 处置部门 handle, 监督员 verify/report.
 */
export const GRID_PERMISSIONS = {
  'grid:grid:read': 'Read grids, their outlines, workers and departments (网格查看)',
  'grid:grid:manage': 'Create, change and import grids (网格管理)',
  'grid:event:read': 'Read events, their timelines and the dispatch queues (案件查看)',
  'grid:event:report': 'Report an event as a grid worker or a system (上报)',
  'grid:event:accept': 'Accept, reject or merge a reported event (受理员 受理)',
  'grid:event:open': 'Open a case from an accepted event (值班长 立案)',
  'grid:event:dispatch': 'Dispatch a case to a department (派遣员 派遣)',
  'grid:event:handle': 'Handle a case dispatched to one\'s department, return it, ask for more time or suspension (处置部门 处置)',
  'grid:event:verify': 'Verify a handled case on site (监督员 核查)',
  'grid:event:close': 'Close a verified case with a closure type (值班长 结案)',
  'grid:event:approve': 'Approve or refuse extensions (延期) and suspensions (挂账) (值班长 审批)',
  'grid:metrics:read': 'Read the evaluation metrics (综合评价)',
  'grid:registry:read': 'Read the base registry: addresses, buildings, facilities, housing, people (masked), units (四标四实 查看)',
  'grid:registry:manage': 'Change the base registry from the field (四标四实 维护)',
  'grid:registry:pii': 'See residents\' names, ID numbers and mobiles in clear, one record at a time, audited (实有人口 明文查看)',
  'grid:open311:manage': 'Issue and revoke Open311 API keys',
} as const

export type GridPermission = keyof typeof GRID_PERMISSIONS
