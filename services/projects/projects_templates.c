/*  projects_templates: a region's template of rétroplanning steps, versioned.

    Version 0 is annex 2's "Rétroplanning type", built in (projects_rules.c)
    and never stored: a region uses it until it adapts its own. Each change
    (a step added, shifted or relabelled, a step removed, annex 2 again)
    stores the region's next version, whole, with what changed and who
    changed it; the version in use is kept in meta ("plan_template:<region>").
    A plan copies its steps when it is made, so a change reaches the
    sessions planned after it, never the ones planned before.  */
#include "projects_rules.h"

#include <czmq.h>

#define TEMPLATE_KEY_MAX  (PPS_CODE_MAX + 16)

//  The key of a region's version: "<region>:<10-digit version>", so that
//  one region's versions sort together, in order.
static size_t
s_template_key (char *key, size_t size, const char *region_code, uint32_t version)
{
    int length = snprintf (key, size, "%s:%010u", region_code, version);
    return length < 0 ? 0 : (size_t) length < size ? (size_t) length : size - 1;
}

//  The meta entry holding a region's version in use.
static char *
s_current_name (pps_call_t *call, const char *region_code)
{
    return pps_arena_printf (pps_call_arena (call), "plan_template:%s", region_code);
}

Projects__PlanTemplate *
projects_plan_template (projects_t *self, pps_call_t *call, const char *region_code,
                        uint32_t version, const char *field)
{
    uint64_t current = pps_store_meta_u64 (pps_call_store (call), pps_call_txn (call),
                                           s_current_name (call, region_code));
    if (version == 0)
        version = (uint32_t) current;
    if (version == 0) {
        //  The region has not adapted it: annex 2's own
        Projects__PlanTemplate *annex = (Projects__PlanTemplate *)
            pps_arena_message (pps_call_arena (call), &projects__plan_template__descriptor);
        annex->region_code = (char *) region_code;
        annex->n_steps = projects_rules_annex2 (pps_call_arena (call), &annex->steps);
        annex->change = "annex 2 of instruction 2023/97, \"Rétroplanning type\"";
        return annex;
    }
    char key [TEMPLATE_KEY_MAX];
    size_t size = s_template_key (key, sizeof key, region_code, version);
    Projects__PlanTemplate *stored = NULL;
    int rc = version > current ? 1
           : pps_record_load_key (call, self->plan_templates, key, size,
                                  &projects__plan_template__descriptor, &stored);
    if (rc == 1)
        pps_call_fail (call, PPS__CODE__NOT_FOUND, field,
                       "region %s has no version %u of its template (the one in use is %llu)",
                       region_code, version, (unsigned long long) current);
    return rc ? NULL : stored;
}

//  Store steps as the region's next version of its template, with what
//  changed, and tell it (plan_template.changed).
static int
s_store_next (projects_t *self, pps_call_t *call, const char *region_code,
              Projects__TemplateStep **steps, size_t count, const char *change, const char *note,
              ProtobufCMessage **result_p)
{
    if (count > PROJECTS_STEPS_MAX)
        return pps_call_fail (call, PPS__CODE__FAILED_PRECONDITION, "step",
                              "a template holds at most %d steps", PROJECTS_STEPS_MAX);
    const char *name = s_current_name (call, region_code);
    pps_store_t *store = pps_call_store (call);
    uint64_t version = pps_store_meta_u64 (store, pps_call_txn (call), name) + 1;
    Projects__PlanTemplate *next = (Projects__PlanTemplate *)
        pps_arena_message (pps_call_arena (call), &projects__plan_template__descriptor);
    next->region_code = (char *) region_code;
    next->version = (uint32_t) version;
    next->steps = steps;
    next->n_steps = count;
    next->change = (char *) change;
    next->note = (char *) (note ? note : "");
    next->changed_by = (char *) pps_call_actor (call);
    next->changed_ms = pps_call_now_ms (call);
    char key [TEMPLATE_KEY_MAX];
    size_t size = s_template_key (key, sizeof key, region_code, next->version);
    int rc = pps_store_set_meta_u64 (store, pps_call_txn (call), name, version);
    if (rc)
        return pps_call_fail_lmdb (call, rc, "the template's version");
    if (pps_record_save_key (call, self->plan_templates, key, size, next, "template")
    ||  pps_call_emit (call, "plan_template.changed",
                       PROJECTS__PROJECTS_EVENT__CHANGE_PLAN_TEMPLATE, &next->base))
        return -1;
    *result_p = &next->base;
    return 0;
}

//  A step as a template holds it: a key of its own, a label, a phase and an
//  offset that fit together.
static int
s_step_valid (pps_call_t *call, const Projects__TemplateStep *step)
{
    if (pps_check_text (call, "step.key", step->key, PROJECTS_STEP_KEY_MAX, true))
        return -1;
    if (!projects_rules_step_key_valid (step->key))
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "step.key",
                              "step.key '%s' is not 1 to %d of a-z, 0-9, '_' and '-'",
                              step->key, PROJECTS_STEP_KEY_MAX);
    if (pps_check_text (call, "step.label", step->label, PROJECTS_NOTE_MAX, true)
    ||  pps_check_enum (call, "step.phase", &projects__step_phase__descriptor, step->phase, true)
    ||  pps_check_enum (call, "step.unit", &projects__offset_unit__descriptor, step->unit, true)
    ||  pps_check_text (call, "step.responsible_organisation", step->responsible_organisation,
                        PPS_NAME_MAX, false))
        return -1;
    if (!projects_rules_offset_valid (step->unit, step->offset))
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "step.offset",
                              "step.offset %d is out of bounds: +-24 months, +-104 weeks or "
                              "+-730 days", step->offset);
    if (!projects_rules_phase_fits (step->phase, step->offset))
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "step.offset",
                              "a %s step cannot fall at %d from the session's day: before it "
                              "(< 0) before, on it at the latest (<= 0) for, on it (0) during, "
                              "on it or later (>= 0) after",
                              protobuf_c_enum_descriptor_get_value (
                                  &projects__step_phase__descriptor, step->phase)->name,
                              step->offset);
    return 0;
}

PPS_HANDLER (projects_get_plan_template)
{
    projects_t *projects = self;
    const Projects__TemplateQuery *in = op;
    if (pps_check_text (call, "region_code", in->region_code, PPS_CODE_MAX, true))
        return -1;
    Projects__PlanTemplate *template = projects_plan_template (projects, call, in->region_code,
                                                               in->version, "version");
    if (!template)
        return -1;
    *result_p = &template->base;
    return 0;
}

PPS_HANDLER (projects_put_template_step)
{
    projects_t *projects = self;
    const Projects__PutTemplateStep *in = op;
    if (pps_check_text (call, "region_code", in->region_code, PPS_CODE_MAX, true))
        return -1;
    if (!in->step)
        return pps_call_fail (call, PPS__CODE__INVALID_ARGUMENT, "step", "step is required");
    if (s_step_valid (call, in->step)
    ||  pps_check_text (call, "note", in->note, PROJECTS_NOTE_MAX, false)
    ||  projects_check_region (projects, call, in->region_code, "region_code"))
        return -1;
    Projects__PlanTemplate *current = projects_plan_template (projects, call, in->region_code, 0,
                                                              "region_code");
    if (!current)
        return -1;
    pps_arena_t *arena = pps_call_arena (call);
    Projects__TemplateStep **steps;
    const Projects__TemplateStep *before;
    size_t count = projects_rules_template_put (arena, current->steps, current->n_steps,
                                                in->step, &steps, &before);
    const char *now = projects_rules_offset_text (arena, in->step->unit, in->step->offset);
    const char *change = before
        ? pps_arena_printf (arena, "step %s changed (%s, was %s)", in->step->key, now,
                            projects_rules_offset_text (arena, before->unit, before->offset))
        : pps_arena_printf (arena, "step %s added (%s)", in->step->key, now);
    return s_store_next (projects, call, in->region_code, steps, count, change, in->note,
                         result_p);
}

PPS_HANDLER (projects_remove_template_step)
{
    projects_t *projects = self;
    const Projects__RemoveTemplateStep *in = op;
    if (pps_check_text (call, "region_code", in->region_code, PPS_CODE_MAX, true)
    ||  pps_check_text (call, "key", in->key, PROJECTS_STEP_KEY_MAX, true)
    ||  pps_check_text (call, "note", in->note, PROJECTS_NOTE_MAX, false))
        return -1;
    Projects__PlanTemplate *current = projects_plan_template (projects, call, in->region_code, 0,
                                                              "region_code");
    if (!current)
        return -1;
    Projects__TemplateStep **steps;
    size_t count = projects_rules_template_remove (pps_call_arena (call), current->steps,
                                                   current->n_steps, in->key, &steps);
    if (count == current->n_steps)
        return pps_call_fail (call, PPS__CODE__NOT_FOUND, "key",
                              "the template in use in region %s (version %u) has no step %s",
                              in->region_code, current->version, in->key);
    return s_store_next (projects, call, in->region_code, steps, count,
                         pps_arena_printf (pps_call_arena (call), "step %s removed", in->key),
                         in->note, result_p);
}

PPS_HANDLER (projects_reset_plan_template)
{
    projects_t *projects = self;
    const Projects__ResetTemplate *in = op;
    if (pps_check_text (call, "region_code", in->region_code, PPS_CODE_MAX, true)
    ||  pps_check_text (call, "note", in->note, PROJECTS_NOTE_MAX, false)
    ||  projects_check_region (projects, call, in->region_code, "region_code"))
        return -1;
    Projects__TemplateStep **steps;
    size_t count = projects_rules_annex2 (pps_call_arena (call), &steps);
    return s_store_next (projects, call, in->region_code, steps, count,
                         "annex 2's steps again", in->note, result_p);
}
