import { defineErrors } from '../../core/errors.ts'

export const OpsError = defineErrors('OPS', {
  DELIVERY_NOT_FOUND: [404, 'No dead-lettered delivery of event %s to %s', '未找到事件 %s 发往 %s 的死信投递', '未找到事件 %s 發往 %s 的死信投遞'],
})
