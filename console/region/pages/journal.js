import { h } from '/common/ui.js';
export default { async render (container) { container.append (h ('h1', {}, 'À venir')); } };
