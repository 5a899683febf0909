import { GaugeChart, PieChart } from 'echarts/charts';
import type { GaugeSeriesOption, PieSeriesOption } from 'echarts/charts';
import { AriaComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import type { AriaComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { ComposeOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { registerThemes } from './theme.ts';

/**
 * The one ECharts registry: only the charts and components we draw are bundled.
 * Add a chart type here (and to `ChartOption`) before using it in a view.
 */
echarts.use([PieChart, GaugeChart, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);
registerThemes(echarts);

export type ChartOption = ComposeOption<
  PieSeriesOption | GaugeSeriesOption | TooltipComponentOption | LegendComponentOption | AriaComponentOption
>;

export { echarts };
