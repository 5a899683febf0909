import type * as Echarts from 'echarts/core';

export type ChartTheme = 'zc-light' | 'zc-dark';

const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';

/** Registers the light (portal, console) and dark (city dashboard) chart themes. */
export function registerThemes(echarts: typeof Echarts): void {
  echarts.registerTheme('zc-light', {
    color: ['#1b5fbf', '#0f8a7e', '#c77700', '#7a4dc4', '#c8161d', '#2b8fd6'],
    backgroundColor: 'transparent',
    textStyle: { fontFamily: FONT, color: '#1f2937' },
    legend: { textStyle: { color: '#374151' } },
  });
  echarts.registerTheme('zc-dark', {
    color: ['#3fa7ff', '#36d1b7', '#ffc35a', '#b48cff', '#ff6b6b', '#7fd4ff'],
    backgroundColor: 'transparent',
    textStyle: { fontFamily: FONT, color: '#dbe8ff' },
    legend: { textStyle: { color: '#dbe8ff' } },
    tooltip: { backgroundColor: 'rgba(6, 24, 56, 0.92)', borderColor: '#2c6fd1', textStyle: { color: '#eef5ff' } },
  });
}
