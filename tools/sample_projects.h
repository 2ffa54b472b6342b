/*  sample_projects: loads a region's sample projects through the projects
    service's protobuf API, the way an operator's tools would.

    It reads the region's establishments and partners from the registry
    (load the registry's sample first), then creates about eight projects
    across establishments in every status, with their history, sessions,
    evaluations (one promising, one evidence-based, one in the EPM or a
    minors' quarter), and 2025 SWOTs and yearly reviews for several
    establishments: every projects-based indicator (A5.6, A5.8, OO 4.1,
    OO 4.6, OO 5.5) has something to count for 2025. Invented names and texts
    are marked "(exemple)". Every write carries a fixed request id
    ("sample-<region>-projects-<n>"), so loading twice replays the first
    answers and writes nothing new.

    The years (sample_projects_years_load) add thirteen projects from 2022
    to 2026 across the region's establishments (in its EPM and minors'
    quarters too), sessions of other years for the first ones, the start
    of the tobacco project in 2026, and SWOTs and reviews of 2023 to 2026,
    so that A5.6, A5.8, OO4.1, OO4.6 and OO5.5 vary from year to year.
    Their request ids are "sample-<region>-projects-years-<n>".
*/
#ifndef SAMPLE_PROJECTS_H_INCLUDED
#define SAMPLE_PROJECTS_H_INCLUDED

#include "pps_config.h"

//  Load the sample projects of the configured region. Returns 0, or -1
//  after logging what failed (a service that did not answer, a refusal, a
//  region without establishments).
int sample_projects_load (pps_config_t *config);

//  Load the years' projects, once the first records of the registry and
//  the projects are there (it reads them). Returns 0, or -1 after logging.
int sample_projects_years_load (pps_config_t *config);

#endif
