/** Permission codes of the feedback module. Citizens need none: they rate and register with a principal. */
export const FEEDBACK_PERMISSIONS = {
  'feedback:window:record': 'Record window services at a hall (a rating code for the visitor) and register 办不成事 matters for visitors',
  'feedback:hall:post': 'Post window-service ratings from an external hall system or rating device',
  'feedback:case:handle': 'Work bad-review rectification cases of the own departments: call back, verify, appeal, rectify',
  'feedback:appeal:review': 'Review appeals against malicious or mistaken ratings (a second role: excludes a rating from statistics)',
  'feedback:matter:handle': 'Coordinate 办不成事 matters: classify, transfer, resolve, feed back, check, file; review 否定答复 records',
  'feedback:stats:read': 'Read internal satisfaction statistics by item, department, hall, window, clerk and period; export CSV',
} as const
