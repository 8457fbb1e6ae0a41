import { ticks } from 'd3-array';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { bandAt, lastBandIndex, standardPercent } from '../domain/rtt/waiting-time.js';
import type { IncompleteSummary } from '../domain/rtt/rtt-report.js';

/** What the chart shows: a provider's open pathways at a census date (rttPerformance). */
export interface BandChartData extends IncompleteSummary {
  organisation: string;
  censusDate: string;
  specialty: string | null;
}

const width = 960;
const height = 460;
const plot = { left: 70, right: 940, top: 130, bottom: 390 };
const bandCount = lastBandIndex + 1;
// NHS identity colours: blue for waits within 18 weeks, warm yellow beyond, dark grey for text and lines.
const colours = { within: '#005EB8', beyond: '#ED8B00', text: '#212B32', grid: '#D8DDE0', line: '#DA291C' };
const font = 'Arial, Helvetica, sans-serif';

function numberText(value: number): string {
  return value.toLocaleString('en-GB');
}

/** The headline sentence: the % within 18 weeks against the 92 % standard. */
export function headline(data: BandChartData): string {
  if (data.percentWithin18Weeks === null) return `No open pathways on ${data.censusDate}.`;
  const verdict = data.meetsStandard ? 'meets' : 'does not meet';
  return `${data.percentWithin18Weeks}% within 18 weeks (${numberText(data.within18Weeks)} of ${numberText(data.incompletePathways)} open pathways): ${verdict} the ${standardPercent}% standard.`;
}

/**
 * The weekly-band distribution of open pathways as an SVG bar chart, drawn on the server with no script, font
 * or stylesheet from anywhere else: one bar per band (`0-1` … `>104` weeks), the 18-week line, and a gauge of
 * the % within 18 weeks against the 92 % standard. Accessible: `role="img"` named by its title and described
 * by a sentence with the figures; every bar has its own title. The figures are also on the root element as
 * `data-` attributes for tools that check them.
 */
export function bandChartSvg(data: BandChartData): string {
  const counts = new Array<number>(bandCount).fill(0);
  for (const { band, pathways } of data.bands) counts[band.index] = pathways;
  const yTicks = ticks(0, Math.max(1, ...counts), 5).filter(Number.isInteger);
  const yMax = Math.max(1, ...counts, ...yTicks);
  const x = (band: number) => plot.left + ((plot.right - plot.left) * band) / bandCount;
  const y = (value: number) => plot.bottom - ((plot.bottom - plot.top) * value) / yMax;
  const scope = `${data.organisation}${data.specialty ? `, ${data.specialty}` : ''}`;
  const title = `Open RTT pathways by weeks waited, ${scope}, census date ${data.censusDate}`;

  const svg = create().ele('svg', {
    xmlns: 'http://www.w3.org/2000/svg',
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-labelledby': 'chart-title chart-desc',
    'font-family': font,
    'data-organisation': data.organisation,
    'data-census-date': data.censusDate,
    'data-incomplete-pathways': data.incompletePathways,
    'data-within-18-weeks': data.within18Weeks,
    'data-percent-within-18-weeks': data.percentWithin18Weeks ?? '',
    'data-standard-percent': standardPercent,
  });
  svg.ele('title', { id: 'chart-title' }).txt(title);
  svg.ele('desc', { id: 'chart-desc' }).txt(`${headline(data)} Bars show open pathways in each weekly band; the line marks 18 weeks.`);
  svg.ele('rect', { width, height, fill: '#FFFFFF' });
  svg.ele('text', { x: plot.left, y: 32, 'font-size': 20, 'font-weight': 'bold', fill: colours.text }).txt(title);
  svg.ele('text', { x: plot.left, y: 60, 'font-size': 15, fill: colours.text }).txt(headline(data));
  drawGauge(svg, data);
  drawAxes(svg, yTicks, x, y);
  const bars = svg.ele('g', { 'aria-label': 'Open pathways by weekly band' });
  counts.forEach((pathways, index) => {
    const label = bandAt(index).label;
    const top = y(pathways);
    bars
      .ele('rect', {
        x: (x(index) + 0.5).toFixed(1),
        y: top.toFixed(1),
        width: Math.max(1, x(index + 1) - x(index) - 1).toFixed(1),
        height: (plot.bottom - top).toFixed(1),
        fill: index < 18 ? colours.within : colours.beyond,
        'data-band': label,
        'data-pathways': pathways,
      })
      .ele('title')
      .txt(`${label} weeks: ${numberText(pathways)} pathways`);
  });
  const line = svg.ele('g', { 'aria-label': '18-week line' });
  line.ele('line', {
    x1: x(18),
    x2: x(18),
    y1: plot.top - 24,
    y2: plot.bottom,
    stroke: colours.line,
    'stroke-width': 2,
    'stroke-dasharray': '6 4',
  });
  line.ele('text', { x: x(18) + 4, y: plot.top - 12, 'font-size': 13, fill: colours.line }).txt('18 weeks');
  return svg.end({ headless: true, prettyPrint: true });
}

/** A bar from 0 to 100 %: filled to the % within 18 weeks, with a mark at the 92 % standard. */
function drawGauge(svg: XMLBuilder, data: BandChartData): void {
  const gauge = { left: plot.left, top: 76, width: 360, height: 16 };
  const at = (percent: number) => gauge.left + (gauge.width * percent) / 100;
  const g = svg.ele('g', { 'aria-label': `% within 18 weeks against the ${standardPercent}% standard` });
  g.ele('rect', { x: gauge.left, y: gauge.top, width: gauge.width, height: gauge.height, fill: colours.grid });
  g.ele('rect', {
    x: gauge.left,
    y: gauge.top,
    width: (at(data.percentWithin18Weeks ?? 0) - gauge.left).toFixed(1),
    height: gauge.height,
    fill: data.meetsStandard ? colours.within : colours.beyond,
  });
  g.ele('line', {
    x1: at(standardPercent),
    x2: at(standardPercent),
    y1: gauge.top - 4,
    y2: gauge.top + gauge.height + 4,
    stroke: colours.text,
    'stroke-width': 2,
  });
  g.ele('text', {
    x: at(standardPercent),
    y: gauge.top + gauge.height + 16,
    'font-size': 12,
    'text-anchor': 'middle',
    fill: colours.text,
  }).txt(`${standardPercent}% standard`);
  g.ele('text', { x: gauge.left + gauge.width + 12, y: gauge.top + 13, 'font-size': 13, fill: colours.text }).txt(
    `${data.percentWithin18Weeks ?? '–'}% within 18 weeks`,
  );
}

function drawAxes(svg: XMLBuilder, yTicks: number[], x: (band: number) => number, y: (value: number) => number): void {
  const axes = svg.ele('g', { 'font-size': 12, fill: colours.text });
  for (const tick of yTicks) {
    axes.ele('line', { x1: plot.left, x2: plot.right, y1: y(tick), y2: y(tick), stroke: colours.grid });
    axes.ele('text', { x: plot.left - 8, y: y(tick) + 4, 'text-anchor': 'end' }).txt(numberText(tick));
  }
  for (const week of [0, 13, 18, 26, 39, 52, 65, 78, 91, 104]) {
    axes.ele('text', { x: x(week), y: plot.bottom + 18, 'text-anchor': 'middle' }).txt(week === 104 ? '104+' : String(week));
  }
  axes.ele('line', { x1: plot.left, x2: plot.right, y1: plot.bottom, y2: plot.bottom, stroke: colours.text });
  axes.ele('text', { x: (plot.left + plot.right) / 2, y: plot.bottom + 44, 'text-anchor': 'middle', 'font-size': 14 }).txt('Weeks waited');
  axes
    .ele('text', {
      x: 18,
      y: (plot.top + plot.bottom) / 2,
      'text-anchor': 'middle',
      'font-size': 14,
      transform: `rotate(-90 18 ${(plot.top + plot.bottom) / 2})`,
    })
    .txt('Open pathways');
}
