// The national console (pps-national): its pages, in the order of the
// navigation. The DGS and DAP team reads every region's bilans here; the
// accounts are pps-national's own (ppsctl -c national.cfg user ...).
import { startConsole } from '/common/shell.js';

const pages = [
  { path: 'regions', label: 'Régions × indicateurs', load: () => import ('./pages/overview.js') },
  { path: 'indicateur', label: 'Indicateur', load: () => import ('./pages/indicator.js') },
  { path: 'region', label: 'Région', load: () => import ('./pages/region.js') },
  { path: 'telechargements', label: 'Téléchargements', load: () => import ('./pages/downloads.js') },
];

startConsole ({
  name: 'Promotion de la santé en milieu pénitentiaire',
  scope: 'Console nationale (DGS, DAP)',
  pages,
  home: 'regions',
});
