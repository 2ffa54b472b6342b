// The French words of the console: enum values, field names, services,
// operations and event topics, as the people of an ARS read them.
//
// The words are those of instruction DGS/SP/DGOS/R4/DAP/DPJJ/2023/97 of
// 7 September 2023 (regional strategy for health promotion in prisons) and of
// its annexes wherever the instruction has a word for the thing: the project
// sheet of annex 2 ("Porteur du projet", "Public concerné", "Lieu de
// l'action"...), the funding sources of annex 4, the indicators of annex 5,
// the steering committee of footnote 8. Detainees are never identified: the
// labels speak of counts ("Nombre de personnes venues"), never of a person.
//
// Keys are the names of the machine data: the OpenAPI document's schemas
// (components.schemas, "registry.ReferentRole"), the proto field names
// (snake_case), the services' operations (services/*/*_operations.h) and
// their event topics ("registry.designation.created").
//
// Amounts: the API carries money as euro cents ("amount_requested_cents") and
// their euro value as text ("amount_requested_euros"); the console shows both
// as euros, so both carry the same label, ending in "(€)".

// ---------------------------------------------------------------- enums

const NONE = '—';

// Enum values by schema name, then value name. Every map starts with its
// *_UNSPECIFIED value (index 0), in the order of the proto, so that a value
// given as a number finds its name too.
export const enumLabels = {
  // ------------------------------------------------------------ registry
  'registry.DirectorateKind': {
    DIRECTORATE_KIND_UNSPECIFIED: NONE,
    DISP: 'Direction interrégionale des services pénitentiaires (DISP)',
    DIRPJJ: 'Direction interrégionale de la protection judiciaire de la jeunesse (DIRPJJ)',
  },
  'registry.EstablishmentKind': {
    ESTABLISHMENT_KIND_UNSPECIFIED: NONE,
    MA: 'Maison d\'arrêt',
    CD: 'Centre de détention',
    MC: 'Maison centrale',
    CP: 'Centre pénitentiaire',
    EPM: 'Établissement pénitentiaire pour mineurs',
    CSL: 'Centre de semi-liberté',
    CNE: 'Centre national d\'évaluation',
    EPSNF: 'Établissement public de santé national de Fresnes',
  },
  'registry.PartnerKind': {
    PARTNER_KIND_UNSPECIFIED: NONE,
    IREPS: 'Instance régionale d\'éducation et de promotion de la santé (IREPS)',
    CODES: 'Comité départemental d\'éducation pour la santé (CODES)',
    CSAPA: 'Centre de soin, d\'accompagnement et de prévention en addictologie (CSAPA)',
    CAARUD: 'Centre d\'accueil et d\'accompagnement à la réduction des risques pour usagers de drogues (CAARUD)',
    CEGIDD: 'Centre gratuit d\'information, de dépistage et de diagnostic (CeGIDD)',
    CLAT: 'Centre de lutte antituberculeuse (CLAT)',
    SPIP: 'Service pénitentiaire d\'insertion et de probation (SPIP)',
    EDUCATION_NATIONALE: 'Éducation nationale',
    ASSOCIATION: 'Association',
    OTHER_PARTNER: 'Autre partenaire',
  },
  'registry.ProfessionalCategory': {
    PROFESSIONAL_CATEGORY_UNSPECIFIED: NONE,
    HEALTH_PROFESSIONAL: 'Professionnel de santé',
    PRISON_STAFF: 'Personnel pénitentiaire',
    SPIP_STAFF: 'Personnel du SPIP',
    PJJ_STAFF: 'Professionnel de la PJJ',
    EDUCATION_STAFF: 'Personnel de l\'Éducation nationale',
    ARS_STAFF: 'Personnel de l\'ARS',
    HEALTH_PROMOTION_STAFF: 'Professionnel de la promotion de la santé (IREPS, CODES)',
    OTHER_PROFESSIONAL: 'Autre professionnel',
  },
  'registry.ReferentRole': {
    REFERENT_ROLE_UNSPECIFIED: NONE,
    ARS_REFERENT: 'Référent ARS',
    DISP_HEALTH_REFERENT: 'Référent santé de la DISP',
    DIRPJJ_REFERENT: 'Référent santé de la DIRPJJ',
    IREPS_REFERENT: 'Référent promotion de la santé de l\'IREPS',
    HEALTH_UNIT_REFERENT: 'Référent promotion de la santé de l\'USMP',
    PRISON_STAFF_REFERENT: 'Référent promotion de la santé (personnel pénitentiaire)',
    PJJ_REFERENT: 'Référent promotion de la santé de la PJJ',
  },
  'registry.EndReason': {
    END_REASON_UNSPECIFIED: NONE,
    DEPARTURE: 'Départ',
    TRANSFER: 'Mutation',
    END_OF_MANDATE: 'Fin de mandat',
    OTHER_REASON: 'Autre motif',
  },
  // Footnote 8 of the instruction: the composition of the steering committee.
  'registry.MemberCategory': {
    MEMBER_CATEGORY_UNSPECIFIED: NONE,
    SOMATIC_CARE_LEAD: 'Médecin responsable du dispositif de soins somatiques de l\'USMP et cadre de santé',
    PSYCHIATRIC_CARE_LEAD: 'Médecin responsable du dispositif de soins psychiatriques de l\'USMP et cadre de santé',
    HEALTH_UNIT_CARE_STAFF: 'Personnels soignants de l\'USMP',
    HOSPITAL_DIRECTOR: 'Directeur de l\'établissement de santé en charge de l\'unité sanitaire',
    PRISON_SERVICE_STAFF: 'Personnels des services pénitentiaires',
    PRISON_GOVERNOR: 'Chef de l\'établissement pénitentiaire',
    SPIP_MEMBER: 'Personnels du service pénitentiaire d\'insertion et de probation (SPIP)',
    PJJ_REPRESENTATIVE: 'Représentant de la PJJ',
    OTHER_USEFUL_PARTNER: 'Autre partenaire jugé utile',
    DETAINEE_REPRESENTATIVE: 'Personne détenue représentant les usagers de l\'établissement',
  },
  'registry.BodyKind': {
    BODY_KIND_UNSPECIFIED: NONE,
    REGIONAL_COMMITTEE_BODY: 'Comité régional',
    WORKING_GROUP_BODY: 'Groupe de travail',
    STEERING_COMMITTEE_BODY: 'Comité de pilotage de promotion de la santé',
  },
  'registry.StructureKind': {
    STRUCTURE_KIND_UNSPECIFIED: NONE,
    ARS_STRUCTURE: 'ARS',
    DIRECTORATE_STRUCTURE: 'Direction interrégionale (DISP, DIRPJJ)',
    ESTABLISHMENT_STRUCTURE: 'Établissement pénitentiaire',
    HEALTH_UNIT_STRUCTURE: 'Unité sanitaire (USMP)',
    HOSPITAL_STRUCTURE: 'Hôpital de référence',
    PARTNER_STRUCTURE: 'Partenaire',
  },

  // ------------------------------------------------------------ projects
  // Annex 2: "Porteur du projet".
  'projects.Carrier': {
    CARRIER_UNSPECIFIED: NONE,
    HEALTH_UNIT: 'Unité sanitaire (USMP)',
    PRISON_ADMINISTRATION: 'Administration pénitentiaire',
    SPIP: 'Service pénitentiaire d\'insertion et de probation (SPIP)',
    PJJ: 'Protection judiciaire de la jeunesse (PJJ)',
    ASSOCIATION: 'Association',
    OTHER_CARRIER: 'Autre porteur',
  },
  // Annex 2: "Public concerné".
  'projects.TargetPublic': {
    TARGET_PUBLIC_UNSPECIFIED: NONE,
    ADULTS: 'Majeurs',
    MINORS: 'Mineurs',
    WOMEN: 'Femmes',
    OLDER_PEOPLE: 'Personnes âgées',
    PEOPLE_WITH_DISABILITIES: 'Personnes en situation de handicap',
    NEWCOMERS: 'Arrivants',
    PREPARING_RELEASE: 'Sortants (préparation à la sortie)',
    ALL_DETAINEES: 'Ensemble des personnes détenues',
    PEOPLE_WHO_USE_DRUGS: 'Usagers de drogues',
    OTHER_PUBLIC: 'Autre public',
  },
  // Annex 2: "Lieu de l'action".
  'projects.Place': {
    PLACE_UNSPECIFIED: NONE,
    QUARTER: 'Quartier',
    LIVING_SPACE: 'Lieu de vie (bibliothèque, cuisine commune…)',
    HEALTH_UNIT_PLACE: 'USMP',
    OTHER_PLACE: 'Autre lieu',
  },
  // The themes the instruction names (section II).
  'projects.Theme': {
    THEME_UNSPECIFIED: NONE,
    MENTAL_WELLBEING: 'Mieux-être en santé mentale',
    SEXUAL_HEALTH: 'Santé sexuelle',
    ADDICTIONS_HARM_REDUCTION: 'Addictions, réduction des risques et des dommages (RdRD)',
    TOBACCO: 'Tabac',
    ORAL_HEALTH: 'Santé orale',
    AGEING_DISABILITY: 'Personnes âgées et en situation de handicap',
    SPORT_PHYSICAL_ACTIVITY: 'Sport-santé, activité physique et sportive',
    NUTRITION: 'Alimentation favorable à la santé',
    VACCINATION: 'Vaccination',
    SUICIDE_PREVENTION: 'Prévention du suicide',
    INFECTION_SCREENING: 'Dépistage des infections',
    HEALTH_LITERACY: 'Littératie en santé',
    OTHER_THEME: 'Autre thématique',
  },
  // The five action areas of the Ottawa charter, in its French words.
  'projects.OttawaAxis': {
    OTTAWA_AXIS_UNSPECIFIED: NONE,
    HEALTHY_PUBLIC_POLICY: 'Élaboration de politiques publiques saines',
    SUPPORTIVE_ENVIRONMENTS: 'Création d\'environnements favorables',
    COMMUNITY_ACTION: 'Renforcement de l\'action communautaire',
    PERSONAL_SKILLS: 'Acquisition d\'aptitudes individuelles',
    REORIENT_HEALTH_SERVICES: 'Réorientation des services de santé',
  },
  // How far the detainees take part in the project.
  'projects.Participation': {
    PARTICIPATION_UNSPECIFIED: NONE,
    INFORMED: 'Information des personnes détenues',
    CONSULTED: 'Consultation des personnes détenues',
    CO_DESIGNED: 'Co-construction avec les personnes détenues',
    PEER_LED: 'Éducation par les pairs',
  },
  'projects.ProjectStatus': {
    PROJECT_STATUS_UNSPECIFIED: NONE,
    DRAFT: 'Brouillon',
    PLANNED: 'Planifié',
    RUNNING: 'En cours',
    COMPLETED: 'Terminé',
    ABANDONED: 'Abandonné',
  },
  'projects.GroupKind': {
    GROUP_KIND_UNSPECIFIED: NONE,
    OPEN_GROUP: 'Groupe ouvert',
    CLOSED_GROUP: 'Groupe fermé',
  },

  // ------------------------------------------------------------ training
  'training.ProviderKind': {
    PROVIDER_KIND_UNSPECIFIED: NONE,
    IREPS: 'Instance régionale d\'éducation et de promotion de la santé (IREPS)',
    CODES: 'Comité départemental d\'éducation pour la santé (CODES)',
    HOSPITAL: 'Hôpital de référence, unité sanitaire (USMP)',
    OTHER_PROVIDER: 'Autre organisme de formation',
  },
  'training.StaffCategory': {
    STAFF_CATEGORY_UNSPECIFIED: NONE,
    HEALTH_PROFESSIONAL: 'Professionnel de santé (USMP)',
    PRISON_GUARD: 'Surveillant pénitentiaire',
    PRISON_OFFICER: 'Gradé, officier pénitentiaire',
    PRISON_MANAGEMENT: 'Direction de l\'établissement pénitentiaire',
    SPIP: 'Personnel du SPIP',
    PJJ: 'Professionnel de la PJJ',
    EDUCATION_NATIONALE: 'Éducation nationale',
    OTHER_CATEGORY: 'Autre catégorie',
  },

  // ------------------------------------------------------------ funding
  // Annex 4: the funding sources an ARS can mobilise.
  'funding.FunderKind': {
    FUNDER_KIND_UNSPECIFIED: NONE,
    FIR: 'Fonds d\'intervention régional (FIR)',
    FLCA_REGIONAL: 'Fonds de lutte contre les addictions (FLCA), appel régional',
    FLCA_NATIONAL: 'Fonds de lutte contre les addictions (FLCA), appel national',
    DAP: 'Direction de l\'administration pénitentiaire (DAP)',
    DISP_DRUG_FUND: 'DISP, fonds de concours drogue',
    CPAM: 'Caisse primaire d\'assurance maladie (CPAM)',
    MILDECA: 'Mission interministérielle de lutte contre les drogues et les conduites addictives (MILDECA)',
    ONDAM_HARM_REDUCTION: 'Crédits ONDAM hospitaliers, réduction des risques et des dommages',
    HOSPITAL_CONVENTION: 'Convention avec le centre hospitalier de référence',
    OTHER_FUNDER: 'Autre financeur',
  },
  'funding.FunderLevel': {
    FUNDER_LEVEL_UNSPECIFIED: NONE,
    NATIONAL: 'National',
    REGIONAL: 'Régional',
    LOCAL: 'Local',
  },
  // An "appel à projets" (masculine).
  'funding.CallStatus': {
    CALL_STATUS_UNSPECIFIED: NONE,
    DRAFT: 'Brouillon',
    OPEN: 'Ouvert',
    CLOSED: 'Clos (instruction)',
    DECIDED: 'Décisions rendues',
  },
  // A "demande de financement" (feminine).
  'funding.ApplicationStatus': {
    APPLICATION_STATUS_UNSPECIFIED: NONE,
    SUBMITTED: 'Déposée',
    UNDER_REVIEW: 'En instruction',
    GRANTED: 'Accordée',
    PARTLY_GRANTED: 'Accordée en partie',
    REJECTED: 'Refusée',
    WITHDRAWN: 'Retirée',
  },

  // ------------------------------------------------------------ indicators
  'indicators.IndicatorKind': {
    INDICATOR_KIND_UNSPECIFIED: NONE,
    YES_NO: 'Oui / non',
    RATIO: 'Ratio',
    COUNT: 'Nombre',
    AMOUNT: 'Montant',
  },
  'indicators.Severity': {
    SEVERITY_UNSPECIFIED: NONE,
    WARNING: 'Avertissement',
    ERROR: 'Erreur',
  },
  // A "bilan" (masculine).
  'indicators.BilanState': {
    BILAN_STATE_UNSPECIFIED: NONE,
    DRAFT: 'Brouillon (non enregistré)',
    FINALISED: 'Finalisé',
    SENT: 'Transmis, en attente de réponse',
    ACKNOWLEDGED: 'Reçu par le niveau national',
    REJECTED: 'Refusé par le niveau national',
  },
  'indicators.ExportFormat': {
    EXPORT_FORMAT_UNSPECIFIED: NONE,
    JSON: 'JSON (document du bilan)',
    CSV: 'CSV',
    DHIS2: 'DHIS2 (valeurs)',
    ADX: 'ADX (XML)',
    DHIS2_METADATA: 'DHIS2 (métadonnées)',
    XLSX: 'Classeur (XLSX)',
  },
  'indicators.OutboxState': {
    OUTBOX_STATE_UNSPECIFIED: NONE,
    PENDING: 'En attente de transmission',
    DELIVERED: 'Transmis',
    NEEDS_OPERATOR: 'Refusé : intervention requise',
  },

  // ------------------------------------------------------------ notify
  'notify.NotificationKind': {
    NOTIFICATION_KIND_UNSPECIFIED: NONE,
    DESIGNATION_ENDED: 'Fin de désignation d\'un référent',
    VACANCY_OPENED: 'Poste de référent vacant',
    VACANCY_REMINDER: 'Relance : poste de référent toujours vacant',
    DESIGNATION_ENDING: 'Fin de désignation prochaine',
    VACANCY_CLOSED: 'Poste de référent pourvu',
    COMMITTEE_CATEGORY_LOST: 'Catégorie obligatoire absente du comité de pilotage',
    STEP_DUE: 'Étape du rétroplanning à échéance proche',
    STEP_OVERDUE: 'Étape du rétroplanning en retard',
  },
  'notify.Channel': {
    CHANNEL_UNSPECIFIED: NONE,
    EMAIL: 'Courriel',
    WEBHOOK: 'Webhook',
  },
  // A delivery is an "envoi" (masculine).
  'notify.DeliveryState': {
    DELIVERY_STATE_UNSPECIFIED: NONE,
    PENDING: 'En attente',
    SENT: 'Envoyé',
    FAILED: 'En échec',
  },

  // ------------------------------------------------------------ the gateway and the runtime
  // Not schemas of their own in the OpenAPI document: User.role is an inline
  // enum (lower case), and Describe gives an operation's kind.
  'User.role': {
    reader: 'Lecture',
    editor: 'Saisie',
    admin: 'Administration',
  },
  'web.Role': {
    ROLE_NONE: 'Aucun droit',
    READER: 'Lecture',
    EDITOR: 'Saisie',
    ADMIN: 'Administration',
  },
  'pps.OperationKind': {
    READ: 'Consultation',
    WRITE: 'Saisie',
    ADMIN: 'Administration',
  },
};

// ---------------------------------------------------------------- fields

// Field names (proto field names, snake_case) -> French label, short: a form
// label or a column header. A name is the same word in every message that
// has it; fieldLabel (name, schema) knows the few that differ.
export const fieldLabels = {
  // -------------------------------------------------------- identity, generic words
  id: 'N°',
  code: 'Code',
  name: 'Nom',
  title: 'Intitulé',
  kind: 'Type',
  label: 'Libellé',
  description: 'Description',
  note: 'Commentaire',
  summary: 'Synthèse',
  text: 'Texte',
  status: 'Statut',
  state: 'État',
  date: 'Date',
  from: 'Du',
  to: 'Au',
  year: 'Année',
  version: 'Version',
  value: 'Valeur',
  key: 'Clé',
  index: 'Position',
  limit: 'Nombre maximum',
  line: 'Ligne',
  items: 'Éléments',
  count: 'Nombre',
  total: 'Total',
  category: 'Catégorie',
  categories: 'Catégories',
  role: 'Rôle',
  reason: 'Motif',
  source: 'Source',
  sources: 'Sources',
  format: 'Format',
  message: 'Message',
  field: 'Champ',
  type: 'Type d\'erreur',
  detail: 'Détail',
  data: 'Données',
  document: 'Document',
  records: 'Enregistrements',
  created_ms: 'Créé le',
  created: 'Créés',
  updated: 'Mis à jour',
  unchanged: 'Inchangés',

  // -------------------------------------------------------- the gateway's user
  login: 'Identifiant',
  password: 'Mot de passe',
  display_name: 'Nom affiché',
  csrf_token: 'Jeton CSRF',

  // -------------------------------------------------------- regions, directorates, establishments
  region_code: 'Région',
  region_codes: 'Régions couvertes',
  ars_name: 'Nom de l\'ARS',
  seat: 'Siège',
  directorate_id: 'DISP',
  establishment_id: 'Établissement',
  establishment_name: 'Établissement',
  establishments: 'Établissements',
  has_minors_quarter: 'Quartier mineurs',
  capacity: 'Capacité opérationnelle',
  departement_code: 'Département',
  commune: 'Commune',
  opened_on: 'Date d\'ouverture',
  closed_on: 'Date de fermeture',
  open_at: 'Ouvert à la date du',
  minors_only: 'EPM et quartiers mineurs seulement',
  minors: 'EPM ou quartier mineurs',
  minors_held: 'Mineurs accueillis',

  // The ministry's list of establishments (import)
  rows: 'Lignes',
  type_code: 'Type (code)',
  minors_quarter_2014: 'Quartier mineurs (2014)',
  epm: 'EPM',
  disp_code: 'Code de la DISP',
  disp_name: 'Nom de la DISP',
  rows_read: 'Lignes lues',
  rows_in_scope: 'Lignes de la région',
  directorates_created: 'Directions créées',
  errors: 'Erreurs',

  // -------------------------------------------------------- hospitals, health units, partners
  hospital_id: 'Hôpital de référence',
  finess: 'N° FINESS',
  medical_project_includes_pps: 'Promotion de la santé inscrite au projet médical',
  health_unit_id: 'Unité sanitaire (USMP)',
  partner_id: 'Partenaire',

  // -------------------------------------------------------- people and referents
  person_id: 'Personne',
  person_name: 'Personne',
  full_name: 'Nom et prénom',
  organisation: 'Structure',
  role_title: 'Fonction',
  work_email: 'Courriel professionnel',
  work_phone: 'Téléphone professionnel',
  start_date: 'Date de début',
  end_date: 'Date de fin',
  end_reason: 'Motif de fin',
  end_note: 'Commentaire de fin',
  active_at: 'En fonction à la date du',
  designation_id: 'Désignation',
  vacant_since: 'Vacant depuis le',

  // -------------------------------------------------------- regional programme, CPOM, bodies
  adopted_on: 'Date d\'adoption',
  period_start: 'Début de la période',
  period_end: 'Fin de la période',
  priority_themes: 'Thématiques prioritaires',
  disp_coordination_described: 'Modalités de coordination avec la DISP décrites',
  disp_coordination_note: 'Modalités de coordination avec la DISP',
  includes_prison_health_promotion: 'Inclut la promotion de la santé en milieu pénitentiaire',
  cpom_id: 'CPOM',
  created_on: 'Date de création',
  dissolved_on: 'Date de dissolution',
  constituted_on: 'Date de constitution',
  theme: 'Thématique',
  committee_id: 'Comité de pilotage',
  member: 'Membre',
  members: 'Membres',
  missing: 'Catégories manquantes',
  body_kind: 'Type d\'instance',
  body_id: 'Instance',
  attendee_person_ids: 'Personnes présentes',
  attendee_structures: 'Structures présentes',
  meetings: 'Réunions',
  distinct_persons: 'Personnes distinctes',
  distinct_structures: 'Structures distinctes',

  // -------------------------------------------------------- projects (annex 2: the project sheet)
  project_id: 'Projet',
  project_title: 'Intitulé du projet',
  establishment_minors: 'EPM ou quartier mineurs',
  carrier: 'Porteur du projet',
  carrier_name: 'Nom du porteur',
  partner_ids: 'Intervenants',
  funding_summary: 'Financement(s)',
  publics: 'Public concerné',
  places: 'Lieu de l\'action',
  themes: 'Thématiques',
  ottawa_axes: 'Axes de la Charte d\'Ottawa',
  participation: 'Participation des personnes détenues',
  diagnostic: 'Diagnostic',
  context: 'Contexte',
  problems: 'Problématique(s)',
  needs_voiced_by_detainees: 'Attentes formulées par les personnes détenues',
  needs_seen_by_professionals: 'Besoins identifiés par les professionnels',
  objectives: 'Objectifs',
  general: 'Objectif général',
  specific: 'Objectifs spécifiques',
  operational: 'Objectifs opérationnels',
  actions: 'Actions',
  partnership_inside: 'Partenariat dans les murs',
  partnership_outside: 'Partenariat hors les murs',
  communication: 'Communication',
  planned_start: 'Début prévu',
  planned_end: 'Fin prévue',
  history: 'Historique des statuts',
  actor: 'Par',
  evaluation: 'Évaluation',
  results: 'Résultats',
  process: 'Processus',
  procedure: 'Procédure',
  evaluated_on: 'Date de l\'évaluation',
  promising: 'Projet prometteur',
  evidence_based: 'Projet probant',
  // A session of a project's action: counts, never names
  session: 'Session de formation',
  sessions: 'Séances',
  place: 'Lieu de l\'action',
  topic: 'Sujet abordé',
  facilitators: 'Intervenant(s)',
  group: 'Type de groupe',
  registered: 'Nombre d\'inscrits',
  attended: 'Nombre de personnes venues',
  feedback: 'Avis recueillis (anonymes)',
  // OO 4.1: SWOT and needs; OO 5.5: yearly review
  swot: 'Analyse SWOT',
  strengths: 'Forces',
  weaknesses: 'Faiblesses',
  opportunities: 'Opportunités',
  threats: 'Menaces',
  needs_people: 'Besoins humains',
  needs_logistics: 'Besoins logistiques',
  needs_money: 'Besoins financiers',
  done_on: 'Réalisé le',
  review: 'Bilan annuel',
  // A region's projects over a period
  projects_implemented: 'Projets mis en place',
  in_minors_establishments: 'Dont en EPM et quartiers mineurs',
  promising_or_evidence_based: 'Dont probants ou prometteurs',
  attended_total: 'Total des personnes venues',

  // -------------------------------------------------------- training
  offer_id: 'Offre de formation',
  provider_kind: 'Type d\'organisme de formation',
  provider_partner_id: 'Organisme de formation',
  duration_minutes: 'Durée (minutes)',
  audience: 'Public visé',
  open_from: 'Ouverte à partir du',
  open_to: 'Ouverte jusqu\'au',
  first_date: 'Premier jour',
  last_date: 'Dernier jour',
  site_label: 'Lieu',
  trainers: 'Formateurs',
  session_id: 'Session de formation',
  participants: 'Participants nommés',
  counts: 'Participants non nommés, par catégorie',
  persons: 'Participants nommés',
  anonymous: 'Participants non nommés',
  trained: 'Formés',
  headcount: 'Effectif',
  headcount_year: 'Année des effectifs',
  health_trained: 'Professionnels de santé formés',
  health_headcount: 'Effectif des professionnels de santé',
  penitentiary_trained: 'Personnels pénitentiaires formés',
  penitentiary_headcount: 'Effectif des personnels pénitentiaires',
  pjj_trained: 'Professionnels de la PJJ formés',
  pjj_headcount: 'Effectif des professionnels de la PJJ',
  education_trained: 'Personnels de l\'Éducation nationale formés',
  education_headcount: 'Effectif de l\'Éducation nationale',
  other_trained: 'Autres professionnels formés',
  other_headcount: 'Effectif des autres professionnels',
  total_trained: 'Professionnels formés',

  // -------------------------------------------------------- funding (annex 4)
  funder_id: 'Financeur',
  funder_ids: 'Financeurs',
  funders: 'Financeurs',
  level: 'Niveau',
  call: 'Appel à projets',
  call_id: 'Appel à projets',
  call_year: 'Année de l\'appel',
  coordinated_instruction: 'Instruction coordonnée des dossiers',
  opening_date: 'Date d\'ouverture',
  closing_date: 'Date de clôture',
  status_date: 'Date du statut',
  eligible_themes: 'Thématiques éligibles',
  eligible_establishment_ids: 'Établissements éligibles',
  application_id: 'Demande de financement',
  applications: 'Demandes de financement',
  submitted_on: 'Date de dépôt',
  decision_date: 'Date de la décision',
  rejection_reason: 'Motif du refus',
  purpose: 'Objet',
  convention_reference: 'Référence de la convention',
  signed_on: 'Date de signature',
  over_funded: 'Financement supérieur au budget',
  under_funded: 'Financement insuffisant',
  over_requested: 'Demandes supérieures au budget',
  requests_exceed_envelope: 'Demandes supérieures à l\'enveloppe',
  grants_exceed_envelope: 'Montants accordés supérieurs à l\'enveloppe',
  multi_funder_projects: 'Projets sollicitant plusieurs financeurs',
  silent_establishments: 'Établissements sans demande dans l\'année',
  funders_granting: 'Financeurs ayant accordé un montant',
  by_funder_kind: 'Par type de financeur',
  by_funder: 'Par financeur',
  by_establishment: 'Par établissement',
  by_theme: 'Par thématique',
  // Amounts: cents and their euro value, both shown as euros
  amount_cents: 'Montant (€)',
  amount_euros: 'Montant (€)',
  amount_requested_cents: 'Montant demandé (€)',
  amount_requested_euros: 'Montant demandé (€)',
  amount_granted_cents: 'Montant accordé (€)',
  amount_granted_euros: 'Montant accordé (€)',
  planned_budget_cents: 'Budget prévisionnel (€)',
  planned_budget_euros: 'Budget prévisionnel (€)',
  envelope_cents: 'Enveloppe (€)',
  envelope_euros: 'Enveloppe (€)',
  envelope_balance_cents: 'Solde de l\'enveloppe (€)',
  envelope_balance_euros: 'Solde de l\'enveloppe (€)',
  estimated_cents: 'Montant estimé (€)',
  estimated_euros: 'Montant estimé (€)',
  requested_cents: 'Total demandé (€)',
  requested_euros: 'Total demandé (€)',
  granted_cents: 'Total accordé (€)',
  granted_euros: 'Total accordé (€)',
  pending_cents: 'En attente de décision (€)',
  pending_euros: 'En attente de décision (€)',
  remaining_cents: 'Reste à financer (€)',
  remaining_euros: 'Reste à financer (€)',
  total_cents: 'Total accordé sur la période (€)',
  total_euros: 'Total accordé sur la période (€)',
  grants_cents: 'Accordé sur demandes (€)',
  grants_euros: 'Accordé sur demandes (€)',
  allocations_cents: 'Budgets octroyés par convention (€)',
  allocations_euros: 'Budgets octroyés par convention (€)',
  cents: 'Montant (€)',
  euros: 'Montant (€)',

  // -------------------------------------------------------- indicators and the yearly bilan
  bilan: 'Bilan',
  reference_date: 'Date de référence',
  computed_ms: 'Calculé le',
  finalised_ms: 'Finalisé le',
  finalised_by: 'Finalisé par',
  indicators: 'Indicateurs',
  indicator: 'Indicateur',
  numerator: 'Numérateur',
  denominator: 'Dénominateur',
  has_value: 'Valeur calculable',
  validation: 'Contrôles',
  rule: 'Règle',
  severity: 'Gravité',
  sha256: 'Empreinte (SHA-256)',
  content_type: 'Type de contenu',
  filename: 'Nom du fichier',
  attempts: 'Tentatives',
  next_attempt_ms: 'Prochaine tentative',
  last_attempt_ms: 'Dernière tentative',
  last_http_status: 'Dernier code HTTP',
  last_error: 'Dernière erreur',
  delivered_ms: 'Transmis le',
  applied_seq: 'Dernier événement pris en compte',
  lag: 'Retard (événements)',

  // -------------------------------------------------------- notifications
  notification: 'Notification',
  notification_id: 'Notification',
  deliveries: 'Envois',
  channel: 'Canal',
  recipient: 'Destinataire',
  recipient_kind: 'Type de destinataire',
  sent_ms: 'Envoyé le',
  message_key: 'Identifiant du message',
  subject: 'Objet',
  reminder: 'N° de relance',
  reminders: 'Relances',
  last_reminder_ms: 'Dernière relance',
  source_seq: 'N° de l\'événement source',
  dedup_key: 'Clé de dédoublonnage',
  unreached: 'Destinataires introuvables',
  opened_ms: 'Constaté le',
  notified: 'Notifié',
  since_ms: 'Depuis le',
  raised: 'Notifications émises',
  open_vacancies: 'Postes vacants',

  // -------------------------------------------------------- event envelope (journal, events)
  seq: 'N° d\'événement',
  time_ms: 'Heure',
  request_id: 'Identifiant de la requête',
  service: 'Service',
  last_seq: 'Dernier événement',
};

// The few names whose word depends on the message ("schema.name").
const schemaFieldLabels = {
  'Problem.title': 'Erreur',
  'Problem.status': 'Code HTTP',
  'registry.Establishment.kind': 'Type d\'établissement',
  'registry.EstablishmentFilter.kind': 'Type d\'établissement',
  'registry.Directorate.kind': 'Type de direction',
  'registry.DirectorateFilter.kind': 'Type de direction',
  'registry.Partner.kind': 'Type de partenaire',
  'registry.PartnerFilter.kind': 'Type de partenaire',
  'registry.Designation.role': 'Rôle de référent',
  'registry.DesignationFilter.role': 'Rôle de référent',
  'registry.Vacancy.role': 'Poste de référent',
  'notify.Vacancy.role': 'Poste de référent',
  'notify.Notification.role': 'Poste de référent',
  'registry.Person.category': 'Catégorie professionnelle',
  'registry.PersonFilter.category': 'Catégorie professionnelle',
  'registry.CommitteeMember.category': 'Catégorie de membre',
  'registry.CommitteeMember.label': 'Précision (fonction)',
  'registry.Dissolve.date': 'Date de dissolution',
  'registry.VacancyQuery.date': 'À la date du',
  'registry.Meeting.date': 'Date de la réunion',
  'registry.Meeting.title': 'Objet de la réunion',
  'registry.RowError.message': 'Erreur',
  'projects.TransitionProject.to': 'Nouveau statut',
  'projects.TransitionProject.date': 'Date du changement',
  'projects.TransitionProject.note': 'Commentaire',
  'projects.StatusChange.status': 'Statut',
  'projects.Session.date': 'Date de la séance',
  'projects.Session.group': 'Type de groupe',
  'projects.Project.title': 'Intitulé du projet',
  'projects.ProjectStats.establishments': 'Établissements concernés',
  'projects.ProjectStats.sessions': 'Séances',
  'training.TrainingOffer.themes': 'Thèmes de la formation',
  'training.TrainedStats.sessions': 'Sessions de formation',
  'training.TrainedStats.categories': 'Par catégorie',
  'training.IsTrained.sessions': 'Sessions de formation suivies',
  'training.IsTrained.trained': 'Formé',
  'training.Attendance.total': 'Total des participants',
  'training.CategoryCount.count': 'Nombre de participants',
  'training.StaffHeadcount.count': 'Effectif',
  'funding.CallTransition.status': 'Nouveau statut',
  'funding.CallTransition.date': 'Date du changement',
  'funding.Decision.status': 'Décision',
  'funding.Withdrawal.date': 'Date du retrait',
  'funding.Withdrawal.note': 'Motif du retrait',
  'funding.Funder.kind': 'Type de financeur',
  'funding.FunderFilter.kind': 'Type de financeur',
  'funding.FunderLine.kind': 'Type de financeur',
  'funding.FunderLine.applications': 'Demandes',
  'funding.Concertation.applications': 'Demandes',
  'funding.Amount.key': 'Clé',
  'funding.Amount.label': 'Libellé',
  'indicators.SourceProgress.source': 'Service',
  'indicators.EstablishmentFigures.kind': 'Type d\'établissement',
  'indicators.Export.text': 'Contenu',
  'notify.Notification.kind': 'Type de notification',
  'notify.NotificationFilter.kind': 'Type de notification',
  'notify.Notification.source': 'Origine',
  'notify.Notification.categories': 'Catégories manquantes',
  'notify.Notification.date': 'Date',
  'notify.Notification.created_ms': 'Émise le',
  'notify.Notification.text': 'Message',
  'User.role': 'Droits',
};

// ---------------------------------------------------------------- services

export const serviceLabels = {
  registry: 'Référentiel',
  projects: 'Projets',
  training: 'Formation',
  funding: 'Financements',
  indicators: 'Indicateurs et bilan',
  notify: 'Notifications',
};

// ---------------------------------------------------------------- operations

// "service.operation" -> what it does, as a verb phrase.
export const operationLabels = {
  // ------------------------------------------------------------ registry
  'registry.create_region': 'Ajouter une région',
  'registry.update_region': 'Modifier une région',
  'registry.get_region': 'Afficher une région',
  'registry.list_regions': 'Lister les régions',
  'registry.create_directorate': 'Ajouter une direction interrégionale (DISP, DIRPJJ)',
  'registry.update_directorate': 'Modifier une direction interrégionale',
  'registry.get_directorate': 'Afficher une direction interrégionale',
  'registry.list_directorates': 'Lister les directions interrégionales',
  'registry.create_establishment': 'Ajouter un établissement pénitentiaire',
  'registry.update_establishment': 'Modifier un établissement pénitentiaire',
  'registry.get_establishment': 'Afficher un établissement pénitentiaire',
  'registry.list_establishments': 'Lister les établissements pénitentiaires',
  'registry.import_establishments': 'Importer la liste des établissements pénitentiaires',
  'registry.create_hospital': 'Ajouter un hôpital de référence',
  'registry.update_hospital': 'Modifier un hôpital de référence',
  'registry.get_hospital': 'Afficher un hôpital de référence',
  'registry.list_hospitals': 'Lister les hôpitaux de référence',
  'registry.create_health_unit': 'Ajouter une unité sanitaire (USMP)',
  'registry.update_health_unit': 'Modifier une unité sanitaire (USMP)',
  'registry.get_health_unit': 'Afficher une unité sanitaire (USMP)',
  'registry.list_health_units': 'Lister les unités sanitaires (USMP)',
  'registry.create_partner': 'Ajouter un partenaire',
  'registry.update_partner': 'Modifier un partenaire',
  'registry.get_partner': 'Afficher un partenaire',
  'registry.list_partners': 'Lister les partenaires',
  'registry.create_person': 'Ajouter un professionnel',
  'registry.update_person': 'Modifier un professionnel',
  'registry.get_person': 'Afficher un professionnel',
  'registry.list_persons': 'Lister les professionnels',
  'registry.designate': 'Désigner un référent',
  'registry.end_designation': 'Mettre fin à la désignation d\'un référent',
  'registry.get_designation': 'Afficher une désignation de référent',
  'registry.list_designations': 'Lister les désignations de référents',
  'registry.scope_history': 'Afficher l\'historique des référents d\'une région ou d\'un établissement',
  'registry.vacancies': 'Lister les postes de référents vacants',
  'registry.put_programme': 'Enregistrer le programme régional',
  'registry.get_programme': 'Afficher le programme régional',
  'registry.create_cpom': 'Ajouter un CPOM',
  'registry.update_cpom': 'Modifier un CPOM',
  'registry.get_cpom': 'Afficher un CPOM',
  'registry.list_cpoms': 'Lister les CPOM',
  'registry.create_regional_committee': 'Mettre en place le comité régional',
  'registry.dissolve_regional_committee': 'Dissoudre le comité régional',
  'registry.get_regional_committee': 'Afficher le comité régional',
  'registry.create_working_group': 'Mettre en place un groupe de travail',
  'registry.update_working_group': 'Modifier un groupe de travail',
  'registry.list_working_groups': 'Lister les groupes de travail',
  'registry.create_steering_committee': 'Constituer un comité de pilotage de promotion de la santé',
  'registry.dissolve_steering_committee': 'Dissoudre un comité de pilotage',
  'registry.get_steering_committee': 'Afficher un comité de pilotage',
  'registry.list_steering_committees': 'Lister les comités de pilotage',
  'registry.add_member': 'Ajouter un membre au comité de pilotage',
  'registry.remove_member': 'Retirer un membre du comité de pilotage',
  'registry.missing_categories': 'Afficher les catégories de membres manquantes',
  'registry.create_meeting': 'Enregistrer une réunion',
  'registry.update_meeting': 'Modifier une réunion',
  'registry.get_meeting': 'Afficher une réunion',
  'registry.list_meetings': 'Lister les réunions',
  'registry.meeting_stats': 'Compter les réunions et leurs participants',

  // ------------------------------------------------------------ projects
  'projects.create_project': 'Créer une fiche projet',
  'projects.update_project': 'Modifier une fiche projet',
  'projects.transition_project': 'Changer le statut d\'un projet',
  'projects.set_evaluation': 'Enregistrer l\'évaluation d\'un projet',
  'projects.get_project': 'Afficher un projet',
  'projects.list_projects': 'Lister les projets',
  'projects.record_session': 'Enregistrer une séance',
  'projects.update_session': 'Corriger une séance',
  'projects.get_session': 'Afficher une séance',
  'projects.list_sessions': 'Lister les séances',
  'projects.put_swot': 'Enregistrer l\'analyse SWOT et les besoins d\'un établissement',
  'projects.put_review': 'Enregistrer le bilan annuel d\'un établissement',
  'projects.get_establishment_year': 'Afficher l\'analyse SWOT et le bilan annuel d\'un établissement',
  'projects.list_establishment_years': 'Lister les analyses SWOT et les bilans annuels des établissements',
  'projects.project_stats': 'Compter les projets mis en place dans la région',

  // ------------------------------------------------------------ training
  'training.create_offer': 'Ajouter une offre de formation',
  'training.update_offer': 'Modifier une offre de formation',
  'training.get_offer': 'Afficher une offre de formation',
  'training.list_offers': 'Lister les offres de formation',
  'training.create_session': 'Programmer une session de formation',
  'training.update_session': 'Modifier une session de formation',
  'training.get_session': 'Afficher une session de formation',
  'training.list_sessions': 'Lister les sessions de formation',
  'training.add_participant': 'Enregistrer la présence d\'un professionnel à une session',
  'training.remove_participant': 'Retirer un professionnel de la liste de présence',
  'training.set_category_count': 'Saisir le nombre de participants d\'une catégorie, sans les nommer',
  'training.session_attendance': 'Afficher les présents à une session de formation',
  'training.put_headcount': 'Saisir l\'effectif d\'un établissement',
  'training.list_headcounts': 'Lister les effectifs des établissements',
  'training.trained_stats': 'Compter les professionnels formés',
  'training.is_trained': 'Vérifier si un professionnel a été formé',

  // ------------------------------------------------------------ funding
  'funding.create_funder': 'Ajouter un financeur',
  'funding.update_funder': 'Modifier un financeur',
  'funding.get_funder': 'Afficher un financeur',
  'funding.list_funders': 'Lister les financeurs',
  'funding.create_call': 'Créer un appel à projets',
  'funding.update_call': 'Modifier un appel à projets',
  'funding.transition_call': 'Changer le statut d\'un appel à projets',
  'funding.get_call': 'Afficher un appel à projets',
  'funding.list_calls': 'Lister les appels à projets',
  'funding.submit_application': 'Déposer une demande de financement',
  'funding.review_application': 'Mettre une demande de financement en instruction',
  'funding.decide_application': 'Enregistrer la décision d\'un financeur',
  'funding.withdraw_application': 'Retirer une demande de financement',
  'funding.get_application': 'Afficher une demande de financement',
  'funding.list_applications': 'Lister les demandes de financement',
  'funding.create_allocation': 'Enregistrer un budget octroyé à une USMP',
  'funding.get_allocation': 'Afficher un budget octroyé',
  'funding.list_allocations': 'Lister les budgets octroyés',
  'funding.create_indirect_funding': 'Enregistrer un financement indirect (CPOM)',
  'funding.list_indirect_fundings': 'Lister les financements indirects',
  'funding.co_financing': 'Afficher le cofinancement d\'un projet',
  'funding.concertation': 'Préparer la concertation des financeurs sur un appel à projets',
  'funding.granted_totals': 'Totaliser les montants accordés sur une période',

  // ------------------------------------------------------------ indicators
  'indicators.compute_bilan': 'Calculer le bilan annuel (brouillon)',
  'indicators.finalise_bilan': 'Finaliser le bilan annuel et le transmettre au niveau national',
  'indicators.get_bilan': 'Afficher un bilan finalisé',
  'indicators.list_bilans': 'Lister les bilans finalisés',
  'indicators.model_status': 'Afficher l\'état de mise à jour des indicateurs',
  'indicators.export_bilan': 'Exporter un bilan',
  'indicators.list_outbox': 'Lister les bilans en attente de transmission',
  'indicators.retry_outbox': 'Relancer la transmission d\'un bilan',

  // ------------------------------------------------------------ notify
  'notify.list_notifications': 'Lister les notifications',
  'notify.get_notification': 'Afficher une notification et ses envois',
  'notify.list_deliveries': 'Lister les envois (courriels, webhooks)',
  'notify.retry_delivery': 'Renvoyer un envoi en échec',
  'notify.list_vacancies': 'Lister les postes de référents vacants',
  'notify.run_check': 'Rechercher maintenant les postes de référents vacants',
};

// The operations every service answers (proto/common.proto).
const commonOperations = {
  events_since: 'Lire les événements',
  service_status: 'Afficher l\'état du service',
  describe: 'Décrire le service',
};

// ---------------------------------------------------------------- event topics

// "<service>.<entity>.<verb>" -> what happened.
export const topicLabels = {
  // ------------------------------------------------------------ registry
  'registry.region.created': 'Région ajoutée',
  'registry.region.updated': 'Région modifiée',
  'registry.directorate.created': 'Direction interrégionale ajoutée',
  'registry.directorate.updated': 'Direction interrégionale modifiée',
  'registry.establishment.created': 'Établissement pénitentiaire ajouté',
  'registry.establishment.updated': 'Établissement pénitentiaire modifié',
  'registry.hospital.created': 'Hôpital de référence ajouté',
  'registry.hospital.updated': 'Hôpital de référence modifié',
  'registry.health_unit.created': 'Unité sanitaire (USMP) ajoutée',
  'registry.health_unit.updated': 'Unité sanitaire (USMP) modifiée',
  'registry.partner.created': 'Partenaire ajouté',
  'registry.partner.updated': 'Partenaire modifié',
  'registry.person.created': 'Professionnel ajouté',
  'registry.person.updated': 'Professionnel modifié',
  'registry.designation.created': 'Référent désigné',
  'registry.designation.ended': 'Fin de désignation d\'un référent',
  'registry.programme.created': 'Programme régional enregistré',
  'registry.programme.updated': 'Programme régional modifié',
  'registry.cpom.created': 'CPOM ajouté',
  'registry.cpom.updated': 'CPOM modifié',
  'registry.regional_committee.created': 'Comité régional mis en place',
  'registry.regional_committee.dissolved': 'Comité régional dissous',
  'registry.working_group.created': 'Groupe de travail mis en place',
  'registry.working_group.updated': 'Groupe de travail modifié',
  'registry.steering_committee.created': 'Comité de pilotage constitué',
  'registry.steering_committee.updated': 'Comité de pilotage modifié',
  'registry.steering_committee.dissolved': 'Comité de pilotage dissous',
  'registry.meeting.created': 'Réunion enregistrée',
  'registry.meeting.updated': 'Réunion modifiée',
  'registry.heartbeat': 'Signal de vie du référentiel',

  // ------------------------------------------------------------ projects
  'projects.project.created': 'Fiche projet créée',
  'projects.project.updated': 'Fiche projet modifiée',
  'projects.project.transitioned': 'Statut d\'un projet changé',
  'projects.project.evaluated': 'Projet évalué',
  'projects.session.recorded': 'Séance enregistrée',
  'projects.session.updated': 'Séance corrigée',
  'projects.establishment_year.updated': 'Analyse SWOT ou bilan annuel d\'un établissement enregistré',
  'projects.heartbeat': 'Signal de vie des projets',

  // ------------------------------------------------------------ training
  'training.offer.created': 'Offre de formation ajoutée',
  'training.offer.updated': 'Offre de formation modifiée',
  'training.session.created': 'Session de formation programmée',
  'training.session.updated': 'Session de formation modifiée',
  'training.participant.added': 'Présence d\'un professionnel enregistrée',
  'training.participant.removed': 'Présence d\'un professionnel retirée',
  'training.category_count.set': 'Nombre de participants d\'une catégorie saisi',
  'training.headcount.set': 'Effectif d\'un établissement saisi',
  'training.heartbeat': 'Signal de vie de la formation',

  // ------------------------------------------------------------ funding
  'funding.funder.created': 'Financeur ajouté',
  'funding.funder.updated': 'Financeur modifié',
  'funding.call.created': 'Appel à projets créé',
  'funding.call.updated': 'Appel à projets modifié',
  'funding.call.transitioned': 'Statut d\'un appel à projets changé',
  'funding.application.submitted': 'Demande de financement déposée',
  'funding.application.reviewed': 'Demande de financement mise en instruction',
  'funding.application.decided': 'Décision rendue sur une demande de financement',
  'funding.application.withdrawn': 'Demande de financement retirée',
  'funding.allocation.created': 'Budget octroyé à une USMP',
  'funding.indirect.created': 'Financement indirect enregistré',
  'funding.heartbeat': 'Signal de vie des financements',

  // ------------------------------------------------------------ indicators
  'indicators.bilan.finalised': 'Bilan finalisé',
  'indicators.bilan.acknowledged': 'Bilan reçu par le niveau national',
  'indicators.bilan.rejected': 'Bilan refusé par le niveau national',
  'indicators.outbox_entry.queued': 'Bilan mis en attente de transmission',
  'indicators.outbox_entry.requeued': 'Bilan remis en attente de transmission',
  'indicators.outbox_entry.retried': 'Transmission d\'un bilan relancée',
  'indicators.outbox_entry.delivered': 'Bilan transmis au niveau national',
  'indicators.outbox_entry.needs_operator': 'Transmission d\'un bilan refusée : intervention requise',
  'indicators.heartbeat': 'Signal de vie des indicateurs',

  // ------------------------------------------------------------ notify
  'notify.notification.raised': 'Notification émise',
  'notify.delivery.sent': 'Envoi effectué',
  'notify.delivery.failed': 'Envoi en échec',
  'notify.delivery.retried': 'Envoi relancé',
  'notify.delivery.requeued': 'Envoi remis en file d\'attente',
  'notify.heartbeat': 'Signal de vie des notifications',
};

// ---------------------------------------------------------------- look-ups

// The enum's map, by its schema name ("registry.ReferentRole"), or by its
// bare name ("ReferentRole") when only one package has it.
function enumMap (schema) {
  if (!schema)
    return null;
  if (enumLabels [schema])
    return enumLabels [schema];
  const matches = Object.keys (enumLabels).filter (name => name.endsWith (`.${schema}`));
  return matches.length === 1 ? enumLabels [matches [0]] : null;
}

// The label of an enum value; '—' for an *_UNSPECIFIED (or absent) value;
// the value itself when it is unknown. A number is the value's position.
export function enumLabel (schema, value) {
  if (value === undefined || value === null || value === '')
    return NONE;
  const map = enumMap (schema);
  let name = value;
  if (map && typeof value === 'number')
    name = Object.keys (map) [value] ?? value;
  name = String (name);
  if (name.endsWith ('_UNSPECIFIED'))
    return NONE;
  if (map && Object.prototype.hasOwnProperty.call (map, name))
    return map [name];
  return name;
}

// "planned_budget_cents" -> "Planned budget cents": the last resort.
function readable (name) {
  const words = String (name).replace (/_/g, ' ').trim ();
  return words ? words.charAt (0).toUpperCase () + words.slice (1) : '';
}

// The label of a field, by its proto name; schema ("projects.TransitionProject"),
// optional, picks the word of that message where it differs. A dotted path
// ("member.category") is labelled by its last name.
export function fieldLabel (name, schema) {
  if (name === undefined || name === null)
    return '';
  let key = String (name);
  if (key.includes ('.'))
    key = key.slice (key.lastIndexOf ('.') + 1);
  if (schema && Object.prototype.hasOwnProperty.call (schemaFieldLabels, `${schema}.${key}`))
    return schemaFieldLabels [`${schema}.${key}`];
  if (Object.prototype.hasOwnProperty.call (fieldLabels, key))
    return fieldLabels [key];
  // The euro value of a cents field, and the reverse, share its label
  const euros = key.match (/^(.*)_euros$/);
  if (euros && Object.prototype.hasOwnProperty.call (fieldLabels, `${euros [1]}_cents`))
    return fieldLabels [`${euros [1]}_cents`];
  const cents = key.match (/^(.*)_cents$/);
  if (cents && Object.prototype.hasOwnProperty.call (fieldLabels, `${cents [1]}_euros`))
    return fieldLabels [`${cents [1]}_euros`];
  return readable (key);
}

// The title of an operation ("registry", "designate"), or of "registry.designate".
export function operationLabel (service, op) {
  if (op === undefined && typeof service === 'string' && service.includes ('.')) {
    const dot = service.indexOf ('.');
    op = service.slice (dot + 1);
    service = service.slice (0, dot);
  }
  const key = `${service}.${op}`;
  if (Object.prototype.hasOwnProperty.call (operationLabels, key))
    return operationLabels [key];
  if (Object.prototype.hasOwnProperty.call (commonOperations, op))
    return commonOperations [op];
  return readable (op);
}

// What an event topic says happened ("registry.designation.created").
export function topicLabel (topic) {
  if (topic === undefined || topic === null)
    return '';
  const key = String (topic);
  if (Object.prototype.hasOwnProperty.call (topicLabels, key))
    return topicLabels [key];
  const heartbeat = key.match (/^([^.]+)\.heartbeat$/);
  if (heartbeat)
    return `Signal de vie : ${serviceLabels [heartbeat [1]] || heartbeat [1]}`;
  return key;
}

// ---------------------------------------------------------------- rétroplanning
// The planned sessions of annex 2 ("Calendrier de l'action : planning et/ou
// rétroplanning", docs/plans.md), in the annex's words.
Object.assign (enumLabels, {
  'projects.StepPhase': {
    STEP_PHASE_UNSPECIFIED: NONE,
    BEFORE_SESSION: 'Avant l\'action',
    FOR_SESSION: 'Pour l\'action',
    DURING_SESSION: 'Pendant l\'action',
    AFTER_SESSION: 'Après l\'action',
  },
  'projects.OffsetUnit': { OFFSET_UNIT_UNSPECIFIED: NONE, DAYS: 'Jours', WEEKS: 'Semaines', MONTHS: 'Mois' },
  'projects.StepState': { STEP_STATE_UNSPECIFIED: NONE, TO_DO: 'À faire', DONE: 'Fait', NOT_APPLICABLE: 'Sans objet' },
  'projects.PlanState': { PLAN_STATE_UNSPECIFIED: NONE, SCHEDULED: 'Programmée', CANCELLED: 'Annulée' },
});
Object.assign (fieldLabels, {
  phase: 'Temps de l\'action',
  unit: 'Unité',
  offset: 'Délai avant ou après la séance',
  responsible_organisation: 'Structure responsable',
  steps: 'Étapes',
  change: 'Changement',
  changed_by: 'Modifié par',
  changed_ms: 'Modifié le',
  due: 'Échéance',
  responsible_person_id: 'Personne responsable',
  responsible_name: 'Responsable',
  start_time: 'Heure de début',
  room: 'Salle',
  template_version: 'Version du modèle',
  cancelled_on: 'Annulée le',
  cancel_reason: 'Motif d\'annulation',
  plan_id: 'Séance programmée',
  days: 'Nombre de jours',
  on: 'Le',
  step: 'Étape',
  session_date: 'Date de la séance',
  days_left: 'Jours restants',
  plans_followed: 'Séances programmées suivies',
  plan: 'Séance programmée',
  plans: 'Séances programmées',
  plan_template: 'Modèle de rétroplanning',
});
Object.assign (operationLabels, {
  'projects.plan_session': 'Programmer une séance et son rétroplanning',
  'projects.update_plan': 'Modifier une séance programmée (les étapes suivent sa date)',
  'projects.cancel_plan': 'Annuler une séance programmée',
  'projects.assign_step': 'Confier une étape à un responsable',
  'projects.mark_step': 'Marquer une étape (faite, sans objet, à faire)',
  'projects.get_plan': 'Consulter le rétroplanning d\'une séance',
  'projects.list_plans': 'Lister les séances programmées',
  'projects.upcoming_steps': 'Étapes à venir de la région',
  'projects.get_plan_template': 'Consulter le modèle de rétroplanning',
  'projects.put_template_step': 'Ajouter ou décaler une étape du modèle',
  'projects.remove_template_step': 'Retirer une étape du modèle',
  'projects.reset_plan_template': 'Revenir au modèle de l\'annexe 2',
});
Object.assign (topicLabels, {
  'projects.plan.created': 'Séance programmée',
  'projects.plan.updated': 'Séance programmée modifiée',
  'projects.plan.moved': 'Séance programmée déplacée',
  'projects.plan.cancelled': 'Séance programmée annulée',
  'projects.plan.step_assigned': 'Étape confiée à un responsable',
  'projects.plan.step_marked': 'Étape du rétroplanning marquée',
  'projects.plan_template.changed': 'Modèle de rétroplanning modifié',
});

// The records an event carries (the members of each service's event), as
// the journal names them
Object.assign (fieldLabels, {
  region: 'Région',
  directorate: 'Direction interrégionale',
  establishment: 'Établissement',
  hospital: 'Hôpital de référence',
  health_unit: 'Unité sanitaire',
  partner: 'Partenaire',
  person: 'Personne',
  designation: 'Désignation de référent',
  programme: 'Programme régional',
  cpom: 'CPOM',
  regional_committee: 'Comité régional',
  working_group: 'Groupe de travail',
  steering_committee: 'Comité de pilotage',
  meeting: 'Réunion',
  project: 'Projet',
  establishment_year: 'Année d\'un établissement (SWOT, bilan annuel)',
  offer: 'Offre de formation',
  participant: 'Participant',
  category_count: 'Effectif formé par catégorie',
  funder: 'Financeur',
  application: 'Demande de financement',
  allocation: 'Budget octroyé',
  indirect_funding: 'Financement indirect (CPOM)',
  outbox_entry: 'Envoi au niveau national',
  delivery: 'Envoi d\'une notification',
});
