/*  bilan_indicators: the indicators of the bilan, as data. Labels are the
    annexes' words; a source quotes the sentence an indicator counts.  */
#include "pps_bilan.h"

#include <ctype.h>
#include <math.h>
#include <string.h>
#include "indicators.pb-c.h"

_Static_assert ((int) PPS_BILAN_YES_NO == INDICATORS__INDICATOR_KIND__YES_NO
             && (int) PPS_BILAN_RATIO == INDICATORS__INDICATOR_KIND__RATIO
             && (int) PPS_BILAN_COUNT == INDICATORS__INDICATOR_KIND__COUNT
             && (int) PPS_BILAN_AMOUNT == INDICATORS__INDICATOR_KIND__AMOUNT,
                "the contract's kinds are indicators.proto's");

#define YES_NO  PPS_BILAN_YES_NO
#define RATIO   PPS_BILAN_RATIO
#define COUNT   PPS_BILAN_COUNT
#define AMOUNT  PPS_BILAN_AMOUNT

#define NO_ESTABLISHMENT "region_without_establishment", \
    "the region has no establishment open at the reference date: the ratio has no value"
#define NO_HEADCOUNT "headcount_missing", \
    "no staff headcount recorded for the year: the ratio has no value"
#define NONE NULL, NULL

//  In the order the bilan lists them.
static const pps_bilan_indicator_t s_indicators [] = {
    { PPS_BILAN_A5_1, YES_NO, false, false,
      "Existence d'un programme régional de promotion de la santé en milieu pénitentiaire",
      "a regional programme adopted on or before the reference date and covering it",
      "annex 5: « Existence d'un programme régional de promotion de la santé en milieu "
      "pénitentiaire »", NONE },
    { PPS_BILAN_A5_2, YES_NO, false, false,
      "Personne ressource identifiée et mandatée au sein de l'ARS",
      "an ARS referent designation active at the reference date",
      "annex 5: « Existence d'une personne ressource identifiée et mandatée au sein de l'ARS »",
      NONE },
    { PPS_BILAN_A5_3, YES_NO, false, false, "Existence d'une offre de formation",
      "at least one training offer of the region open on a day of the period",
      "annex 5: « Existence d'une offre de formation »", NONE },
    { PPS_BILAN_A5_4, RATIO, false, true,
      "Référents promotion de la santé désignés au sein des USMP / USMP de la région",
      "health-unit referent designations active at the reference date / health units open "
      "at the reference date in establishments open then",
      "annex 5: « Nombre de référents promotion de la santé désignée au sein des USMP dans la "
      "région / Nombre d'USMP dans la région »",
      "establishment_without_health_unit",
      "no health unit open at the reference date: the ratio has no value" },
    { PPS_BILAN_A5_5, RATIO, true, true,
      "Comités de promotion de la santé / établissements de la région",
      "steering committees constituted and not dissolved at the reference date (one per "
      "establishment at most) / establishments open at the reference date",
      "annex 5: « Nombre de comité de promotion de la santé / Nombre d'établissements dans la "
      "région »", NO_ESTABLISHMENT },
    { PPS_BILAN_A5_6, RATIO, false, true,
      "Projets de promotion de la santé mis en place / établissements pénitentiaires",
      "projects running or completed on a day of the period / establishments open at the "
      "reference date",
      "annex 5: « Nombre de projets de promotion de la santé en milieu pénitentiaire mis en "
      "place dans la région / Nombre d'établissements pénitentiaires dans la région »",
      NO_ESTABLISHMENT },
    { PPS_BILAN_A5_7, RATIO, false, true,
      "Référents promotion de la santé parmi le personnel pénitentiaire / établissements",
      "prison-staff referent designations active at the reference date / establishments "
      "open at the reference date",
      "annex 5: « Nombre de référents promotion de la santé désignés parmi le personnel "
      "pénitentiaire / Nombre d'établissements pénitentiaires dans la région »",
      NO_ESTABLISHMENT },
    { PPS_BILAN_A5_8, RATIO, false, true,
      "Projets de promotion de la santé en EPM et quartiers mineurs / EPM et quartiers mineurs",
      "projects implemented in the period in an EPM (all of them), or in another "
      "establishment with a minors' quarter for a public that includes minors (MINORS or "
      "ALL_DETAINEES) / EPMs plus minors' quarters open at the reference date",
      "annex 5: « Nombre de projets de promotion de la santé en EPM et quartiers mineurs mis "
      "en place dans la région / Nombre d'EPM et quartiers mineurs dans la région »",
      "minors_indicator_without_minors",
      "no EPM nor minors' quarter open at the reference date: the ratio has no value" },
    { PPS_BILAN_OO1_1, YES_NO, false, false, "Personne ressource de l'ARS identifiée et formée",
      "the person of an active ARS referent designation attended a training session of the "
      "region during the period",
      "annex 1, OO 1.1: « Personne identifiée et formée »", NONE },
    { PPS_BILAN_OO1_2, YES_NO, false, false, "Modalités de coordination avec la DISP décrites",
      "the regional programme in force describes the coordination with the DISP",
      "annex 1, OO 1.2: « Modalités de coordination décrites »", NONE },
    { PPS_BILAN_OO1_3, YES_NO, false, false, "Concertation des financeurs régionaux",
      "a joint call for projects, or applications instructed in coordination, during the "
      "period",
      "annex 1, OO 1.3: « AAP commun si possible, sinon coordonner les instructions de "
      "dossiers »", NONE },
    { PPS_BILAN_OS2_CPOM, YES_NO, false, false,
      "CPOM effectif incluant la promotion de la santé en milieu pénitentiaire",
      "a CPOM in force at the reference date that includes prison health promotion",
      "annex 1, OS 2: « CPOM effectif »", NONE },
    { PPS_BILAN_OS2_TRAINED, COUNT, false, false, "Professionnels formés (personnes distinctes)",
      "distinct professionals trained during the period, all families: a named person once, "
      "anonymous counts as they are",
      "annex 1, OS 2: « Nombre de professionnels formés »", NONE },
    { PPS_BILAN_OS2_HEALTH_TRAINED, RATIO, true, false, "Professionnels de santé formés / effectif",
      "distinct health professionals trained during the period / their headcount of the year",
      "annex 1, OS 2: « en distinguant professionnels de santé et pénitentiaires / Nombre de "
      "professionnels de l'établissement pénitentiaire »", NO_HEADCOUNT },
    { PPS_BILAN_OS2_PENITENTIARY_TRAINED, RATIO, true, false,
      "Personnels pénitentiaires formés (surveillants, gradés, direction, SPIP) / effectif",
      "distinct guards, officers, management and SPIP staff trained during the period / "
      "their headcount of the year",
      "annex 1, OS 2: « en distinguant professionnels de santé et pénitentiaires »; the SPIP "
      "belongs to the penitentiary administration", NO_HEADCOUNT },
    { PPS_BILAN_OS2_PJJ_TRAINED, RATIO, true, false, "Professionnels de la PJJ formés / effectif",
      "distinct PJJ professionals trained during the period / their headcount of the year",
      "annex 1, OS 2: « formation pluridisciplinaire (professionnels de santé, pénitentiaire, "
      "de la PJJ et de l'éducation) »", NO_HEADCOUNT },
    { PPS_BILAN_OS2_EDUCATION_TRAINED, RATIO, true, false,
      "Professionnels de l'Éducation nationale formés / effectif",
      "distinct Éducation nationale staff trained during the period / their headcount of "
      "the year",
      "annex 1, OS 2: « formation pluridisciplinaire (... de la PJJ et de l'éducation) »",
      NO_HEADCOUNT },
    { PPS_BILAN_OS2_OTHER_TRAINED, RATIO, true, false, "Autres professionnels formés / effectif",
      "distinct other professionals trained during the period / their headcount of the year",
      "annex 1, OS 2 (the families the annex does not name)", NO_HEADCOUNT },
    { PPS_BILAN_OS3_COMMITTEE, YES_NO, false, false, "Instance régionale créée",
      "a regional committee created on or before the reference date and not dissolved then",
      "annex 1, OO 3.1: « Instance créée »", NONE },
    { PPS_BILAN_OS3_WORKING_GROUPS, COUNT, false, false, "Groupes de travail mis en place",
      "working groups of the region for the period's year",
      "annex 1, OO 3.2: « Nombre de groupes mis en place »", NONE },
    { PPS_BILAN_OS3_MEETINGS, COUNT, false, false, "Réunions régionales",
      "meetings of the regional committee (while it exists) and of the working groups held "
      "during the period",
      "annex 1, OO 3.2: « Nombre de réunions annuelles »", NONE },
    { PPS_BILAN_OS3_PEOPLE, COUNT, false, false, "Personnes distinctes présentes aux réunions régionales",
      "distinct people who attended those meetings",
      "seed 004: « 48 professionnels différents sur 6 rencontres »", NONE },
    { PPS_BILAN_OS3_STRUCTURES, COUNT, false, false,
      "Structures distinctes présentes aux réunions régionales",
      "distinct structures (health units, partners, directorates...) that attended those "
      "meetings",
      "seed 004: « 25 structures dont 10 US, 5 partenaires institutionnels »", NONE },
    { PPS_BILAN_OO4_1, RATIO, true, true, "Établissements ayant une analyse SWOT / établissements",
      "establishments with a SWOT for the period's year / establishments open at the "
      "reference date",
      "annex 1, OO 4.1: « SWOT de chacun des établissements »", NO_ESTABLISHMENT },
    { PPS_BILAN_OO4_2, COUNT, false, false, "Partenaires recensés",
      "partners of the region listed in the registry",
      "annex 1, OO 4.2: « Lister les partenaires pouvant être mobilisés »", NONE },
    { PPS_BILAN_OO4_3_SOURCES, COUNT, false, false, "Sources de financement mobilisées",
      "funders with an amount granted during the period",
      "annex 1, OO 4.3: « Outil regroupant l'ensemble de ces informations »", NONE },
    { PPS_BILAN_OO4_3_GRANTED, AMOUNT, false, false, "Montants accordés (centimes)",
      "euro cents granted during the period, in all and per funder (OO4.3.granted.<FUNDER>)",
      "annex 1, OO 4.3: « octroyer des budgets à l'USMP ... et les informer de la somme "
      "attribuée »", NONE },
    { PPS_BILAN_OO4_6, RATIO, true, false, "Projets prometteurs ou probants / projets mis en place",
      "implemented projects flagged promising or evidence-based / implemented projects",
      "annex 1, OO 4.6: projects « ayant démontré leur efficacité »",
      "no_project", "no project implemented in the period: the ratio has no value" },
    { PPS_BILAN_OO5_1, RATIO, true, false,
      "Hôpitaux de rattachement dont le projet médical inclut la PS / hôpitaux",
      "reference hospitals of the open health units whose medical project includes prison "
      "health promotion / those hospitals",
      "annex 1, OO 5.1", "no_reference_hospital",
      "no reference hospital for an open health unit: the ratio has no value" },
    { PPS_BILAN_OO5_2, RATIO, true, true,
      "Établissements avec les deux référents (et PJJ si mineurs) / établissements",
      "establishments with an active health-unit referent and prison-staff referent (and a "
      "PJJ referent where minors are held) / establishments open at the reference date",
      "annex 1, OO 5.2", NO_ESTABLISHMENT },
    { PPS_BILAN_OO5_4, RATIO, true, true,
      "Comités de pilotage couvrant les catégories obligatoires / comités",
      "active steering committees whose members cover footnote 8's mandatory categories / "
      "active steering committees",
      "annex 1, OO 5.4 and footnote 8", "no_steering_committee",
      "no steering committee active at the reference date: the ratio has no value" },
    { PPS_BILAN_OO5_5, RATIO, true, true, "Établissements ayant fait leur bilan annuel / établissements",
      "establishments whose yearly review of the period's year is done / establishments "
      "open at the reference date",
      "annex 1, OO 5.5", NO_ESTABLISHMENT },
};
#define INDICATOR_COUNT (sizeof s_indicators / sizeof s_indicators [0])

static const char *const s_kind_names [] = { NULL, "yes_no", "ratio", "count", "amount" };

size_t
pps_bilan_indicator_count (void)
{
    return INDICATOR_COUNT;
}

const pps_bilan_indicator_t *
pps_bilan_indicator_at (size_t index)
{
    return index < INDICATOR_COUNT ? &s_indicators [index] : NULL;
}

//  True when id is "OO4.3.granted.<FUNDER>" with a well-formed funder code.
static bool
s_funder_id (const char *id)
{
    size_t prefix = strlen (PPS_BILAN_FUNDER_PREFIX);
    if (strncmp (id, PPS_BILAN_FUNDER_PREFIX, prefix) != 0)
        return false;
    size_t length = strlen (id + prefix);
    if (length == 0 || length > PPS_BILAN_FUNDER_MAX)
        return false;
    for (const char *c = id + prefix; *c; c++)
        if (!isalnum ((unsigned char) *c) && *c != '_' && *c != '-')
            return false;
    return true;
}

const pps_bilan_indicator_t *
pps_bilan_indicator (const char *id)
{
    if (!id)
        return NULL;
    for (size_t index = 0; index < INDICATOR_COUNT; index++)
        if (strcmp (s_indicators [index].id, id) == 0)
            return &s_indicators [index];
    return s_funder_id (id) ? pps_bilan_indicator ("OO4.3.granted") : NULL;
}

const char *
pps_bilan_kind_name (pps_bilan_kind_t kind)
{
    return kind >= PPS_BILAN_YES_NO && kind <= PPS_BILAN_AMOUNT ? s_kind_names [kind] : "unknown";
}

int
pps_bilan_kind_parse (const char *text)
{
    for (int kind = PPS_BILAN_YES_NO; text && kind <= PPS_BILAN_AMOUNT; kind++)
        if (strcmp (s_kind_names [kind], text) == 0)
            return kind;
    return -1;
}

double
pps_bilan_value (pps_bilan_kind_t kind, int64_t numerator, int64_t denominator,
                 bool *has_value_p)
{
    if (kind != PPS_BILAN_RATIO) {
        *has_value_p = true;
        return (double) numerator;
    }
    *has_value_p = denominator > 0;
    //  Four decimals: what a reader compares, and stable across platforms
    return denominator > 0
        ? round ((double) numerator / (double) denominator * 10000.0) / 10000.0 : 0;
}
