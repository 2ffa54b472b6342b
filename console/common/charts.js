// Charts as SVG drawn in the page: bars (one value per label) and lines
// (series across years). Small enough to own; each chart comes with its
// figures as a table for whoever cannot see it (and for the print).

import { h, fmt } from './ui.js';

const SVG = 'http://www.w3.org/2000/svg';
const COLOURS = ['#1d4e89', '#c05a00', '#2f7d32', '#7b3294', '#a4161a', '#4a4a4a'];
let chartCount = 0;

function s (tag, attributes, ...children) {
  const element = document.createElementNS (SVG, tag);
  for (const [key, value] of Object.entries (attributes || {}))
    if (value !== undefined && value !== null)
      element.setAttribute (key, value);
  for (const child of children.flat ())
    if (child !== null && child !== undefined)
      element.append (child instanceof Node ? child : document.createTextNode (String (child)));
  return element;
}

// A round top for the value axis: 1, 2, 5 x 10^n
function niceMax (value) {
  if (!(value > 0))
    return 1;
  const power = Math.pow (10, Math.floor (Math.log10 (value)));
  for (const step of [1, 2, 2.5, 5, 10])
    if (value <= step * power)
      return step * power;
  return 10 * power;
}

function figure (title, svg, caption, dataTable, legend) {
  const id = `chart-${++chartCount}`;
  svg.setAttribute ('role', 'img');
  svg.setAttribute ('aria-labelledby', `${id}-title`);
  svg.prepend (s ('title', { id: `${id}-title` }, caption || title));
  return h ('figure', { class: 'chart' },
    h ('figcaption', {}, title),
    legend || null,
    svg,
    h ('details', {}, h ('summary', {}, 'Voir les valeurs'), dataTable));
}

// barChart ({ title, labels, values, format, max }): horizontal bars, one
// per label, for a comparison across establishments or regions.
export function barChart ({ title, labels, values, format = fmt.number, max }) {
  const rowHeight = 26;
  const labelWidth = 230;
  const width = 720;
  const barArea = width - labelWidth - 90;
  const top = niceMax (max ?? Math.max (0, ...values.filter (Number.isFinite)));
  const height = labels.length * rowHeight + 30;
  const svg = s ('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', width, height });
  for (let tick = 0; tick <= 4; tick++) {
    const x = labelWidth + (barArea * tick) / 4;
    svg.append (s ('line', { class: 'grid', x1: x, x2: x, y1: 0, y2: height - 24 }),
      s ('text', { x, y: height - 8, 'text-anchor': 'middle' }, format ((top * tick) / 4)));
  }
  labels.forEach ((label, index) => {
    const y = index * rowHeight + 4;
    const value = values [index];
    const length = Number.isFinite (value) ? (barArea * Math.max (0, value)) / top : 0;
    const shown = label.length > 34 ? label.slice (0, 33) + '…' : label;
    svg.append (
      s ('text', { x: labelWidth - 8, y: y + rowHeight / 2 + 2, 'text-anchor': 'end' }, s ('title', {}, label), shown),
      s ('rect', { x: labelWidth, y: y + 3, width: Math.max (length, 0), height: rowHeight - 8, fill: COLOURS [0], rx: 2 }),
      s ('text', { x: labelWidth + length + 6, y: y + rowHeight / 2 + 2 }, Number.isFinite (value) ? format (value) : '—'));
  });
  svg.append (s ('line', { class: 'axis', x1: labelWidth, x2: labelWidth, y1: 0, y2: height - 24 }));
  const data = h ('table', {}, h ('thead', {}, h ('tr', {}, h ('th', { scope: 'col' }, 'Libellé'), h ('th', { scope: 'col', class: 'num' }, 'Valeur'))),
    h ('tbody', {}, labels.map ((label, index) => h ('tr', {}, h ('th', { scope: 'row' }, label),
      h ('td', { class: 'num' }, Number.isFinite (values [index]) ? format (values [index]) : '—')))));
  return figure (title, svg, title, data);
}

// lineChart ({ title, xLabels, series: [{ name, values }], format }): a
// line per series across xLabels (years), points marked.
export function lineChart ({ title, xLabels, series, format = fmt.number, max }) {
  const width = 720;
  const height = 280;
  const left = 70, right = 20, top = 16, bottom = 36;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const all = series.flatMap (item => item.values).filter (Number.isFinite);
  const yTop = niceMax (max ?? Math.max (0, ...all));
  const x = index => left + (xLabels.length === 1 ? plotWidth / 2 : (plotWidth * index) / (xLabels.length - 1));
  const y = value => top + plotHeight - (plotHeight * value) / yTop;
  const svg = s ('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', width, height });
  for (let tick = 0; tick <= 4; tick++) {
    const value = (yTop * tick) / 4;
    svg.append (s ('line', { class: 'grid', x1: left, x2: width - right, y1: y (value), y2: y (value) }),
      s ('text', { x: left - 8, y: y (value) + 4, 'text-anchor': 'end' }, format (value)));
  }
  xLabels.forEach ((label, index) =>
    svg.append (s ('text', { x: x (index), y: height - 12, 'text-anchor': 'middle' }, label)));
  svg.append (s ('line', { class: 'axis', x1: left, x2: width - right, y1: top + plotHeight, y2: top + plotHeight }));
  series.forEach ((item, number) => {
    const colour = COLOURS [number % COLOURS.length];
    const points = item.values.map ((value, index) => (Number.isFinite (value) ? [x (index), y (value)] : null));
    const path = points.filter (Boolean).map ((point, index) => `${index ? 'L' : 'M'}${point [0].toFixed (1)},${point [1].toFixed (1)}`).join (' ');
    if (path)
      svg.append (s ('path', { d: path, fill: 'none', stroke: colour, 'stroke-width': 2.5 }));
    points.forEach ((point, index) => {
      if (point)
        svg.append (s ('circle', { cx: point [0], cy: point [1], r: 4, fill: colour },
          s ('title', {}, `${item.name} — ${xLabels [index]} : ${format (item.values [index])}`)));
    });
  });
  const legend = series.length > 1
    ? h ('div', { class: 'legend' }, series.map ((item, number) =>
      h ('span', {}, h ('span', { class: `swatch s${number % COLOURS.length}`, 'aria-hidden': 'true' }), item.name)))
    : null;
  const data = h ('table', {},
    h ('thead', {}, h ('tr', {}, h ('th', { scope: 'col' }, 'Série'), xLabels.map (label => h ('th', { scope: 'col', class: 'num' }, label)))),
    h ('tbody', {}, series.map (item => h ('tr', {}, h ('th', { scope: 'row' }, item.name),
      item.values.map (value => h ('td', { class: 'num' }, Number.isFinite (value) ? format (value) : '—'))))));
  return figure (title, svg, title, data, legend);
}
