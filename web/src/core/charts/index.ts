export { echarts, type ChartOption } from './registry.ts';
export { useEcharts } from './use-echarts.ts';
export type { ChartTheme } from './theme.ts';
