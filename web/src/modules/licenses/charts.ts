import { BarChart, type BarSeriesOption, type PieSeriesOption } from 'echarts/charts';
import { GridComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption, type AriaComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { echarts, type ChartOption } from '@/core/charts/index.ts';

// Bars are registered on the shared registry by the modules that draw them (the core registry ships
// pie and gauge only; `use` is idempotent, grid does the same).
echarts.use([BarChart, GridComponent]);

type Option = ComposeOption<BarSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption | AriaComponentOption>;
const asChart = (o: Option): ChartOption => o as unknown as ChartOption;

/** Horizontal bars: licences issued per type, largest first. */
export function issuedBars(rows: Array<{ name: string; count: number }>, seriesName: string): ChartOption {
  return asChart({
    aria: { enabled: true },
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true, axisLabel: { width: 150, overflow: 'truncate' } },
    series: [{ type: 'bar', name: seriesName, data: rows.map((r) => r.count), barMaxWidth: 14, label: { show: true, position: 'right' } }],
  });
}

/** A doughnut of counts by label. */
export function doughnut(rows: Array<{ name: string; value: number }>, seriesName: string): ChartOption {
  return asChart({
    aria: { enabled: true },
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [{ type: 'pie', name: seriesName, radius: ['42%', '70%'], center: ['50%', '44%'], data: rows, label: { formatter: '{b}: {c}' } }],
  });
}
