import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import type { PieSeriesOption } from 'echarts/charts';
import type { ComposeOption } from 'echarts/core';
import { echarts, type ChartOption } from '@/core/charts/index.ts';
import type { Level } from './api.ts';

// Bars are registered on the shared registry by the module that draws them (the core ships pie and gauge).
echarts.use([BarChart, GridComponent]);

type Option = ComposeOption<BarSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;
const as = (o: Option): ChartOption => o as unknown as ChartOption;

const LEVEL_COLOURS: Record<Level, string> = { 'very-satisfied': '#0f8a7e', satisfied: '#1b5fbf', basic: '#7a4dc4', dissatisfied: '#c77700', 'very-dissatisfied': '#c8161d' };

/** A doughnut of counts per level (legend names are the level labels). */
export function levelsPie(levels: Record<Level, number>, label: (l: Level) => string): ChartOption {
  const keys = Object.keys(LEVEL_COLOURS) as Level[];
  return as({
    aria: { enabled: true } as never,
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [{
      type: 'pie', radius: ['40%', '68%'], center: ['50%', '44%'], avoidLabelOverlap: true, label: { formatter: '{b}\n{c}' },
      data: keys.map((k) => ({ name: label(k), value: levels[k], itemStyle: { color: LEVEL_COLOURS[k] } })),
    }],
  });
}

/** Horizontal bars of a rate in % per group (ranked order), and optionally a second rate. */
export function rateBars(names: string[], series: Array<{ name: string; values: Array<number | null> }>): ChartOption {
  return as({
    aria: { enabled: true } as never,
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : `${v}%`) },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: (v: { min: number }) => Math.max(0, Math.floor(v.min / 5) * 5 - 5), max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 120, overflow: 'truncate' } },
    series: series.map((s) => ({ type: 'bar', name: s.name, data: s.values.map((v) => (v === null ? null : Math.round(v * 1000) / 10)), barMaxWidth: 14 })),
  });
}

/** Vertical bars of counts per period. */
export function countColumns(names: string[], series: Array<{ name: string; values: number[] }>): ChartOption {
  return as({
    aria: { enabled: true } as never,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: names },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({ type: 'bar', name: s.name, data: s.values, barMaxWidth: 28, stack: 'total' })),
  });
}
