// The dashboards' charts (ECharts, SVG renderer). The page passes a plain description of each chart — titles, axis names,
// categories and series, all texts already in the UI's language — and this module turns it into an ECharts option.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);

/** The chart shown in each element, so that rendering again replaces its data. */
const charts = new WeakMap();
let resizeWatched = false;

/**
 * Draws a chart in the element: spec = { title, xName, yName, categories: [..], horizontal: bool,
 * series: [{ name, kind: 'bar' | 'line', data: [numbers], stack?: string }], description }.
 * The description becomes the element's aria-label, so that screen readers get the figures.
 */
export function render(element, spec) {
  if (!element) {
    return false;
  }
  let chart = charts.get(element);
  if (!chart) {
    chart = echarts.init(element, null, { renderer: 'svg' });
    charts.set(element, chart);
  }
  element.setAttribute('role', 'img');
  element.setAttribute('aria-label', spec.description || spec.title || '');
  // A horizontal chart lists its categories from the top, in the order given (the largest first), with its axis name
  // above them and long names cut to the margin (the data table has them whole).
  const category = spec.horizontal
    ? { type: 'category', data: spec.categories, name: spec.yName, nameLocation: 'start', nameGap: 12, inverse: true,
        axisLabel: { interval: 0, width: 180, overflow: 'truncate' } }
    : { type: 'category', data: spec.categories, name: spec.xName, nameLocation: 'middle', nameGap: 40, axisLabel: { interval: 0, rotate: 40 } };
  const value = { type: 'value', name: spec.horizontal ? spec.xName : spec.yName, minInterval: 1,
    nameLocation: spec.horizontal ? 'middle' : 'end', nameGap: spec.horizontal ? 28 : 15 };
  chart.setOption({
    title: { text: spec.title, left: 'center', top: 4, textStyle: { fontSize: 15 } },
    tooltip: { trigger: 'axis' },
    legend: { top: 36 }, // below the title, not over it
    // The page's own description (in the UI's language) is the chart's label; ECharts would otherwise write one in English.
    aria: { enabled: true, label: { description: spec.description || spec.title || '' } },
    grid: { left: spec.horizontal ? 200 : 60, right: 30, top: 84, bottom: spec.horizontal ? 50 : 90 },
    xAxis: spec.horizontal ? value : category,
    yAxis: spec.horizontal ? category : value,
    series: spec.series.map(s => ({
      name: s.name,
      type: s.kind === 'line' ? 'line' : 'bar',
      data: s.data,
      stack: s.stack || undefined,
      label: s.kind === 'line' ? undefined : { show: spec.categories.length <= 12, position: spec.horizontal ? 'right' : 'top' },
    })),
  }, true);
  if (!resizeWatched) {
    resizeWatched = true;
    window.addEventListener('resize', () => document.querySelectorAll('[data-chart]').forEach(e => charts.get(e)?.resize()));
  }
  return true;
}

/** Releases the chart of the element (the page is left). */
export function dispose(element) {
  const chart = element && charts.get(element);
  if (chart) {
    chart.dispose();
    charts.delete(element);
  }
}
