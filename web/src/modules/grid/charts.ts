import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { echarts, type ChartOption } from '@/core/charts/index.ts';

// The bar chart is registered by this module on the shared registry (additive; the core registry
// ships pie and gauge only). TODO(grid): move BarChart and GridComponent into core/charts/registry.ts.
echarts.use([BarChart, GridComponent]);

export type BarOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** Passes a bar option to `useEcharts().setOption`, whose type lists only the core registry's charts. */
export const asChartOption = (o: BarOption): ChartOption => o as unknown as ChartOption;

/** Horizontal bars of two rates (in %) per group, sorted as given. */
export function ratesBars(names: string[], series: Array<{ name: string; values: Array<number | null> }>): BarOption {
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : `${v}%`) },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 96, overflow: 'truncate' } },
    series: series.map((s) => ({ type: 'bar', name: s.name, data: s.values.map((v) => (v === null ? null : Math.round(v * 1000) / 10)), barMaxWidth: 12 })),
  } as BarOption;
}
