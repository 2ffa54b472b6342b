/*  notify_text: the French subject and text of each notification, for the
    people who receive them (ARS, DISP, establishments' referents).  */
#include "notify.h"
#include "notify_rules.h"

#include <czmq.h>

const char *
notify_text_role (int role)
{
    switch (role) {
        case REGISTRY__REFERENT_ROLE__ARS_REFERENT:
            return "référent PPS de l'ARS";
        case REGISTRY__REFERENT_ROLE__DISP_HEALTH_REFERENT:
            return "référent santé de la DISP";
        case REGISTRY__REFERENT_ROLE__DIRPJJ_REFERENT:
            return "référent de la DIRPJJ";
        case REGISTRY__REFERENT_ROLE__IREPS_REFERENT:
            return "référent de l'IREPS";
        case REGISTRY__REFERENT_ROLE__HEALTH_UNIT_REFERENT:
            return "référent de l'unité sanitaire (USMP)";
        case REGISTRY__REFERENT_ROLE__PRISON_STAFF_REFERENT:
            return "référent de l'administration pénitentiaire";
        case REGISTRY__REFERENT_ROLE__PJJ_REFERENT:
            return "référent PJJ";
        default:
            return "référent";
    }
}

//  French label of an end reason.
static const char *
s_reason (int reason)
{
    switch (reason) {
        case REGISTRY__END_REASON__DEPARTURE:
            return "départ";
        case REGISTRY__END_REASON__TRANSFER:
            return "mutation";
        case REGISTRY__END_REASON__END_OF_MANDATE:
            return "fin de mandat";
        case REGISTRY__END_REASON__OTHER_REASON:
            return "autre motif";
        default:
            return "non précisé";
    }
}

//  French label of a committee member category (footnote 8).
static const char *
s_category (int category)
{
    switch (category) {
        case REGISTRY__MEMBER_CATEGORY__SOMATIC_CARE_LEAD:
            return "médecin responsable des soins somatiques et cadre de santé";
        case REGISTRY__MEMBER_CATEGORY__PSYCHIATRIC_CARE_LEAD:
            return "médecin responsable des soins psychiatriques et cadre de santé";
        case REGISTRY__MEMBER_CATEGORY__HEALTH_UNIT_CARE_STAFF:
            return "personnel soignant de l'unité sanitaire";
        case REGISTRY__MEMBER_CATEGORY__HOSPITAL_DIRECTOR:
            return "direction de l'établissement de santé de rattachement";
        case REGISTRY__MEMBER_CATEGORY__PRISON_SERVICE_STAFF:
            return "personnel pénitentiaire";
        case REGISTRY__MEMBER_CATEGORY__PRISON_GOVERNOR:
            return "direction de l'établissement pénitentiaire";
        case REGISTRY__MEMBER_CATEGORY__SPIP_MEMBER:
            return "service pénitentiaire d'insertion et de probation (SPIP)";
        case REGISTRY__MEMBER_CATEGORY__PJJ_REPRESENTATIVE:
            return "représentant de la protection judiciaire de la jeunesse (PJJ)";
        case REGISTRY__MEMBER_CATEGORY__DETAINEE_REPRESENTATIVE:
            return "personne détenue représentant les usagers";
        default:
            return "autre catégorie";
    }
}

//  A date as French readers write it, dd/mm/yyyy; "?" when unset.
static const char *
s_day (pps_arena_t *arena, const Pps__Date *date)
{
    if (!pps_date_is_set (date))
        return "?";
    return pps_arena_printf (arena, "%02d/%02d/%04d", date->day, date->month, date->year);
}

//  The post's scope in a sentence ("l'établissement X", "la région 32").
static const char *
s_scope (pps_arena_t *arena, const Notify__Notification *notification)
{
    if (notification->establishment_id)
        return pps_arena_printf (arena, "l'établissement %s",
                                 *notification->establishment_name
                                 ? notification->establishment_name
                                 : pps_arena_printf (arena, "n°%llu", (unsigned long long)
                                                     notification->establishment_id));
    return pps_arena_printf (arena, "la région %s", notification->region_code);
}

//  The post's scope in a subject line.
static const char *
s_scope_short (pps_arena_t *arena, const Notify__Notification *notification)
{
    if (notification->establishment_id && *notification->establishment_name)
        return notification->establishment_name;
    if (notification->establishment_id)
        return pps_arena_printf (arena, "établissement n°%llu",
                                 (unsigned long long) notification->establishment_id);
    return pps_arena_printf (arena, "région %s", notification->region_code);
}

//  The person's name, or their number when the registry gave none.
static const char *
s_person (pps_arena_t *arena, const Notify__Notification *notification)
{
    if (*notification->person_name)
        return notification->person_name;
    return pps_arena_printf (arena, "la personne n°%llu",
                             (unsigned long long) notification->person_id);
}

//  The project a step reminder is about, « its title » or its number.
static const char *
s_project (pps_arena_t *arena, const Notify__Notification *notification)
{
    if (*notification->project_title)
        return pps_arena_printf (arena, "« %s »", notification->project_title);
    return pps_arena_printf (arena, "n°%llu", (unsigned long long) notification->project_id);
}

//  A step reminder's body: the session, then each step with its due date.
static char *
s_steps_body (pps_arena_t *arena, const Notify__Notification *n)
{
    bool overdue = n->kind == NOTIFY__NOTIFICATION_KIND__STEP_OVERDUE;
    char *text = pps_arena_printf (arena,
        "Rétroplanning de la séance du %s (projet %s, %s, séance planifiée n°%llu).\n\n%s\n",
        s_day (arena, n->session_date), s_project (arena, n), s_scope (arena, n),
        (unsigned long long) n->plan_id,
        overdue ? "Étapes dont la date est passée et qui ne sont pas marquées faites :"
                : "Étapes à faire prochainement :");
    for (size_t index = 0; index < n->n_steps; index++) {
        const Notify__StepReminder *step = n->steps [index];
        text = pps_arena_printf (arena, "%s  - pour le %s : %s%s%s%s\n", text,
                                 s_day (arena, step->due), step->label,
                                 *step->responsible_organisation ? " (" : "",
                                 step->responsible_organisation,
                                 *step->responsible_organisation ? ")" : "");
    }
    if (n->person_id)
        text = pps_arena_printf (arena, "%s\nVous êtes désigné(e) responsable de ces étapes.\n",
                                 text);
    else
        text = pps_arena_printf (arena, "%s\nPersonne n'est désigné(e) responsable de ces "
                                 "étapes : pensez à le faire dans le rétroplanning.\n", text);
    return pps_arena_printf (arena, "%sUne étape faite, ou sans objet, se marque dans le "
                             "rétroplanning du projet : ses rappels s'arrêtent.\n", text);
}

//  The body of a notification, by kind.
static char *
s_body (pps_arena_t *arena, const Notify__Notification *n, const char *note,
        const Pps__Date *today)
{
    const char *role = notify_text_role (n->role);
    const char *scope = s_scope (arena, n);
    switch (n->kind) {
        case NOTIFY__NOTIFICATION_KIND__DESIGNATION_ENDED: {
            Pps__Date vacant = PPS__DATE__INIT;
            if (pps_date_is_set (n->date))
                registry_rules_next_day (n->date, &vacant);
            bool past = pps_date_is_set (n->date) && pps_date_compare (n->date, today) < 0;
            return pps_arena_printf (arena,
                "La désignation de %s comme %s pour %s %s le %s (motif : %s).\n%s%s%s"
                "Sans successeur désigné, le poste est vacant à compter du %s.\n"
                "Pensez à désigner un(e) remplaçant(e) dans le registre.\n",
                s_person (arena, n), role, scope, past ? "a pris fin" : "prend fin",
                s_day (arena, n->date), s_reason (n->end_reason),
                note && *note ? "Note : " : "", note && *note ? note : "",
                note && *note ? "\n" : "", s_day (arena, &vacant));
        }
        case NOTIFY__NOTIFICATION_KIND__VACANCY_OPENED:
            return pps_arena_printf (arena,
                "Le poste de %s pour %s est vacant depuis le %s : la désignation de %s "
                "a pris fin (motif : %s).\nAucun successeur n'est désigné à ce jour.\n",
                role, scope, s_day (arena, n->date), s_person (arena, n),
                s_reason (n->end_reason));
        case NOTIFY__NOTIFICATION_KIND__VACANCY_REMINDER:
            if (pps_date_is_set (n->date))
                return pps_arena_printf (arena,
                    "Rappel n°%u : le poste de %s pour %s est toujours vacant, depuis le %s "
                    "(%d jours).\nMerci de désigner un(e) référent(e) dans le registre.\n",
                    n->reminder, role, scope, s_day (arena, n->date),
                    notify_rules_days_between (n->date, today));
            return pps_arena_printf (arena,
                "Rappel n°%u : le poste de %s pour %s n'a jamais été pourvu.\n"
                "Merci de désigner un(e) référent(e) dans le registre.\n",
                n->reminder, role, scope);
        case NOTIFY__NOTIFICATION_KIND__DESIGNATION_ENDING:
            return pps_arena_printf (arena,
                "La désignation de %s comme %s pour %s arrive à échéance le %s "
                "(dans %d jours).\nPensez à la renouveler ou à désigner un(e) "
                "successeur.\n", s_person (arena, n), role, scope, s_day (arena, n->date),
                notify_rules_days_between (today, n->date));
        case NOTIFY__NOTIFICATION_KIND__VACANCY_CLOSED:
            return pps_arena_printf (arena,
                "%s est désigné(e) %s pour %s à compter du %s.\n"
                "Le poste n'est plus vacant.\n", s_person (arena, n), role, scope,
                s_day (arena, n->date));
        case NOTIFY__NOTIFICATION_KIND__COMMITTEE_CATEGORY_LOST: {
            char *text = pps_arena_printf (arena,
                "Le comité de pilotage de promotion de la santé de %s n'a plus de membre "
                "dans les catégories obligatoires suivantes (instruction 2023/97, note 8) :\n",
                scope);
            for (size_t index = 0; index < n->n_categories; index++)
                text = pps_arena_printf (arena, "%s  - %s\n", text,
                                         s_category (n->categories [index]));
            return text;
        }
        case NOTIFY__NOTIFICATION_KIND__STEP_DUE:
        case NOTIFY__NOTIFICATION_KIND__STEP_OVERDUE:
            return s_steps_body (arena, n);
        default:
            return pps_arena_strdup (arena, "");
    }
}

//  The subject of a notification, by kind (without the region prefix).
static const char *
s_subject (pps_arena_t *arena, const Notify__Notification *n)
{
    const char *role = notify_text_role (n->role);
    const char *scope = s_scope_short (arena, n);
    switch (n->kind) {
        case NOTIFY__NOTIFICATION_KIND__DESIGNATION_ENDED:
            return pps_arena_printf (arena, "Fin de désignation : %s – %s", role, scope);
        case NOTIFY__NOTIFICATION_KIND__VACANCY_OPENED:
            return pps_arena_printf (arena, "Poste vacant : %s – %s", role, scope);
        case NOTIFY__NOTIFICATION_KIND__VACANCY_REMINDER:
            return pps_arena_printf (arena, "Rappel n°%u, poste toujours vacant : %s – %s",
                                     n->reminder, role, scope);
        case NOTIFY__NOTIFICATION_KIND__DESIGNATION_ENDING:
            return pps_arena_printf (arena, "Fin de mandat prochaine : %s – %s", role, scope);
        case NOTIFY__NOTIFICATION_KIND__VACANCY_CLOSED:
            return pps_arena_printf (arena, "Nouveau référent désigné : %s – %s", role, scope);
        case NOTIFY__NOTIFICATION_KIND__COMMITTEE_CATEGORY_LOST:
            return pps_arena_printf (arena, "Comité de pilotage incomplet – %s", scope);
        case NOTIFY__NOTIFICATION_KIND__STEP_DUE:
            return pps_arena_printf (arena, "Séance du %s : %zu étape%s à faire – %s",
                                     s_day (arena, n->session_date), n->n_steps,
                                     n->n_steps > 1 ? "s" : "", scope);
        case NOTIFY__NOTIFICATION_KIND__STEP_OVERDUE:
            return pps_arena_printf (arena, "Séance du %s : %zu étape%s en retard – %s",
                                     s_day (arena, n->session_date), n->n_steps,
                                     n->n_steps > 1 ? "s" : "", scope);
        default:
            return "Notification";
    }
}

void
notify_text (pps_arena_t *arena, Notify__Notification *notification, const char *note,
             const Pps__Date *today)
{
    notification->subject = pps_arena_printf (arena, "[PPS %s] %s", notification->region_code,
                                              s_subject (arena, notification));
    bool steps = notification->kind == NOTIFY__NOTIFICATION_KIND__STEP_DUE
              || notification->kind == NOTIFY__NOTIFICATION_KIND__STEP_OVERDUE;
    notification->text = pps_arena_printf (
        arena, "%s\n-- \nMessage automatique %s PPS (région %s), notification n°%llu.\n",
        s_body (arena, notification, note, today),
        steps ? "des rétroplannings des séances" : "du suivi des référents",
        notification->region_code, (unsigned long long) notification->id);
}
