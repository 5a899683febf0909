import { onBeforeUnmount, onMounted, shallowRef, watch, type Ref } from 'vue';
import { echarts, type ChartOption } from './registry.ts';
import type { ChartTheme } from './theme.ts';

type Chart = ReturnType<typeof echarts.init>;

/**
 * Owns one ECharts instance on `el`: init on mount (SVG renderer, our theme), resize with the
 * element, replay the last option after a theme change, dispose on unmount.
 */
export function useEcharts(el: Ref<HTMLElement | null | undefined>, theme: Ref<ChartTheme> | ChartTheme = 'zc-light') {
  const chart = shallowRef<Chart>();
  let lastOption: ChartOption | undefined;
  let observer: ResizeObserver | undefined;
  const themeName = (): ChartTheme => (typeof theme === 'string' ? theme : theme.value);

  function init(): void {
    if (!el.value) return;
    chart.value?.dispose();
    chart.value = echarts.init(el.value, themeName(), { renderer: 'svg' });
    if (lastOption) chart.value.setOption(lastOption);
  }

  /** Sets (merges) the chart option; safe to call before mount. */
  function setOption(option: ChartOption): void {
    lastOption = option;
    chart.value?.setOption(option, { notMerge: true });
  }

  onMounted(() => {
    init();
    if (el.value && typeof ResizeObserver !== 'undefined') {
      observer = new ResizeObserver(() => chart.value?.resize());
      observer.observe(el.value);
    }
  });
  if (typeof theme !== 'string') watch(theme, init);
  onBeforeUnmount(() => {
    observer?.disconnect();
    chart.value?.dispose();
    chart.value = undefined;
  });

  return { chart, setOption };
}
