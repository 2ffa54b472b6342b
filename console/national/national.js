// What the national console's pages share: the periods and the regions
// (read once per console load), the period a page shows, the indicators'
// figures as a person reads them, and the timeliness of a region.
import { api } from '/common/api.js';
import { h, fmt, badge } from '/common/ui.js';

// { periods: [{ period, due_date, regions_reporting, regions_expected }],
//   regions: [{ region, name }] } (GET /api/v1/periods)
export const known = context => context.once ('periods', () => api.get ('periods'));

// The contract's indicators: [{ id, kind, label, annex }], in the
// contract's order (an overview lists them, whatever the period)
export async function indicators (context, period) {
  return context.once ('indicators', async () => (await api.get ('overview', { period })).indicators
    .map (({ id, kind, label, annex }) => ({ id, kind, label, annex })));
}

// The period a page shows: the one asked for, else the latest that holds
// bilans, else last year
export function periodOf (params, list) {
  const asked = params.get ('period');
  if (/^\d{4}$/.test (asked || ''))
    return asked;
  const periods = (list.periods || []).map (item => item.period);
  return periods.length ? periods [periods.length - 1] : String (new Date ().getFullYear () - 1);
}

// A labelled select of the periods that hold bilans (and the one shown),
// newest first; onchange gets the period chosen
export function periodField (id, list, current, onchange) {
  const periods = new Set ((list.periods || []).map (item => item.period));
  periods.add (current);
  const select = h ('select', { id, onchange: () => onchange (select.value) },
    [...periods].sort ().reverse ().map (period => h ('option', { value: period, selected: period === current }, period)));
  return h ('div', { class: 'field' }, h ('label', { for: id }, 'Année du bilan'), select);
}

// The French name of a region's code
export function regionName (list, code) {
  const found = (list.regions || []).find (item => item.region === code);
  return found ? found.name : `Région ${code}`;
}

// The contract labels amounts in cents; the console shows euros
export function labelOf (indicator) {
  return (indicator && indicator.label || '').replace (' (centimes)', ' (€)');
}

// The label of an indicator id, a funder's amount named by its funder
// (funderName turns the funder's code into words)
export function labelOfId (list, id, funderName = code => code) {
  const funder = /^OO4\.3\.granted\.(.+)$/.exec (id);
  const found = list.find (item => item.id === (funder ? 'OO4.3.granted' : id));
  return found ? labelOf (found) + (funder ? ` — ${funderName (funder [1])}` : '') : id;
}

export const KIND_LABELS = {
  yes_no: 'oui ou non',
  ratio: 'taux (numérateur / dénominateur)',
  count: 'nombre',
  amount: 'montant en euros',
};

// A region's figure as a person reads it
export function shown (kind, figures) {
  if (!figures)
    return '—';
  switch (kind) {
    case 'yes_no': return Number (figures.numerator) ? 'oui' : 'non';
    case 'ratio': return figures.value === null || figures.value === undefined ? 'sans valeur' : fmt.percent (figures.value);
    case 'amount': return fmt.euros (figures.numerator);
    default: return fmt.number (figures.numerator);
  }
}

// The national figure: a yes/no becomes the share of regions answering
// yes, a ratio the sums' ratio, a count or an amount the sum; as
// { value, detail } (the detail: what the value is made of, or '')
export function nationalParts (kind, figures) {
  if (!figures || figures.numerator === null || figures.numerator === undefined)
    return { value: '—', detail: '' };
  switch (kind) {
    case 'yes_no': return { value: fmt.percent (figures.value), detail: `${figures.numerator} oui sur ${figures.denominator}` };
    case 'ratio': return {
      value: figures.value === null ? 'sans valeur' : fmt.percent (figures.value),
      detail: `${fmt.number (figures.numerator)} / ${fmt.number (figures.denominator)}`,
    };
    case 'amount': return { value: fmt.euros (figures.numerator), detail: '' };
    default: return { value: fmt.number (figures.numerator), detail: '' };
  }
}

export function shownNational (kind, figures) {
  const { value, detail } = nationalParts (kind, figures);
  return detail ? `${value} (${detail})` : value;
}

// The number a chart draws (NaN: nothing to draw); a region's yes/no is 0
// or 1, the national one a share, both shown as percentages
export function chartValue (kind, figures) {
  if (!figures)
    return NaN;
  if (kind === 'ratio' || kind === 'yes_no')
    return figures.value === null || figures.value === undefined ? NaN : Number (figures.value);
  if (kind === 'amount')
    return Number (figures.numerator) / 100;
  return Number (figures.numerator);
}

export function chartFormat (kind) {
  if (kind === 'ratio' || kind === 'yes_no')
    return value => fmt.percent (value, 0);
  if (kind === 'amount')
    return value => fmt.euros (value * 100);
  return value => fmt.number (value);
}

// Whether a region's bilan came in time, in words (never by colour alone)
export function timeliness (row) {
  switch (row.timeliness) {
    case 'on_time': return badge ('ok', 'reçu à temps');
    case 'late': return badge ('bad', `en retard (${row.days_late} j)`);
    case 'pending': return badge ('warn', 'attendu');
    default: return badge ('bad', 'non reçu');
  }
}

// "2026-01-15T14:02:11.000Z" as a local date and time
export function when (iso) {
  return iso ? fmt.time (Date.parse (iso)) : '—';
}

// A download link of the API (the session cookie goes with it)
export function downloadLink (id, href, name, label) {
  return h ('a', { id, href, download: name, class: 'button secondary' }, label);
}
