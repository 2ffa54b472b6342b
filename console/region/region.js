// What the region's pages share: the region itself, the OpenAPI document
// and Describe (read once per console load), lists used by many forms.
import { api } from '/common/api.js';

// The region this console runs for (the services' status names it)
export async function regionCode (context) {
  return context.once ('region', async () => {
    const status = await api.get ('status');
    const named = status.services.find (service => service.region_code);
    return named ? named.region_code : '';
  });
}

export const openapi = context => context.once ('openapi', () => api.get ('openapi.json'));
export const describe = context => context.once ('describe', () => api.get ('describe'));

// The operation's description (kind, required fields, summary)
export async function operation (context, service, name) {
  const all = await describe (context);
  const entry = all.services [service];
  return entry && entry.operations.find (op => op.name === name);
}

// The region's establishments, by id (for selects and names)
export async function establishments (context) {
  const code = await regionCode (context);
  return context.once ('establishments', async () => {
    const list = await api.read ('registry', 'list_establishments', { region_code: code });
    return list.establishments || [];
  });
}

export function choicesOf (items, label = item => item.name) {
  return items.map (item => ({ value: item.id, label: label (item) }));
}
