// The region's console: its pages, in the order of the navigation.
import { startConsole } from '/common/shell.js';
import { api } from '/common/api.js';
import { firstStatus } from './region.js';

const pages = [
  { path: 'tableau-de-bord', label: 'Tableau de bord', load: () => import ('./pages/dashboard.js') },
  { path: 'referents', label: 'Référents', load: () => import ('./pages/referents.js') },
  { path: 'instances', label: 'Instances', load: () => import ('./pages/instances.js') },
  { path: 'projets', label: 'Projets', load: () => import ('./pages/projects.js') },
  { path: 'formation', label: 'Formation', load: () => import ('./pages/training.js') },
  { path: 'financements', label: 'Financements', load: () => import ('./pages/funding.js') },
  { path: 'bilan', label: 'Bilan', load: () => import ('./pages/bilan.js') },
  { path: 'journal', label: 'Journal', load: () => import ('./pages/journal.js') },
  { path: 'operations', label: 'Toutes les opérations', load: () => import ('./pages/operations.js') },
];

startConsole ({
  name: 'Promotion de la santé en milieu pénitentiaire',
  scope: 'Console régionale',
  pages,
  home: 'tableau-de-bord',
  // Every page needs the region's code: asked while the page's modules load
  ready: context => { firstStatus (context).catch (() => {}); },
  async liveTopics (context) {
    const describe = await context.once ('describe', () => api.get ('describe'));
    return Object.values (describe.services).flatMap (service => (service && service.topics) || []);
  },
});
