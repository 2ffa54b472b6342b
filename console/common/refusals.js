// The services word their refusals in English ("project.title is
// required"): the common ones said in French, for the field they are shown
// next to. Any other refusal is shown as the service worded it.

const REFUSALS = [
  [/^\S+ is required$/, () => 'Ce champ est obligatoire.'],
  [/^\S+ is before the start$/, () => 'La fin ne peut pas précéder le début.'],
  [/^\S+ is longer than (\d+) bytes$/, bytes => `Texte trop long : ${bytes} octets au plus.`],
  [/^\S+ is not valid UTF-8 text$/, () => 'Texte illisible : des caractères ne sont pas valides.'],
  [/^\S+ is not a valid date\b.*$/, () => 'Date invalide.'],
  [/^\S+ is not a day of the calendar\b.*$/, () => 'Date invalide : entre 1900 et 2200.'],
  [/^\S+: -?\d+ is not a known value$/, () => 'Valeur inconnue.'],
  [/^\S+ is not a value of \S+ .*$/, () => 'Valeur inconnue.'],
  [/^\S+ is out of range\b.*$/, () => 'Valeur hors des limites admises.'],
  [/^\S+ must be between (-?\d+) and (-?\d+)$/, (low, high) => `Valeur attendue entre ${low} et ${high}.`],
  [/^\S+ must be a year between (\d+) and (\d+)$/, (low, high) => `Année attendue entre ${low} et ${high}.`],
  [/^\S+ has (?:more than )?(?:\d+ (?:items|values), at most )?(\d+)(?: items)?$/, most => `Trop d'éléments : ${most} au plus.`],
  [/^\S+ lists \d+ twice$/, () => 'Un même élément est donné deux fois.'],
  [/^\S+ repeats .*$/, () => 'Un même élément est donné deux fois.'],
  [/^\S+ \((\d+)\) exceeds \S+ \((\d+)\) in a closed group$/,
    (attended, registered) => `Dans un groupe fermé, pas plus de personnes venues (${attended}) que d'inscrits (${registered}).`],
];

// The error with its message in French when it is a common refusal
export function frenchRefusal (error) {
  if (error && typeof error.message === 'string' && !error.french)
    for (const [pattern, say] of REFUSALS) {
      const match = error.message.match (pattern);
      if (match) {
        error.message = say (...match.slice (1));
        error.french = true;
        break;
      }
    }
  return error;
}
