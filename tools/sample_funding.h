/*  sample_funding: loads a region's sample funding through the funding
    service's protobuf API, the way an operator's tools would.

    It reads the region's projects from the projects service and its health
    units, CPOMs and establishments from the registry (load the registry's
    and the projects' samples first), then creates the region's funders
    (ARS FIR, DISP drug fund, MILDECA, a hospital convention), a joint
    ARS/DISP call for 2025 that is opened, closed and decided, applications
    of the sample projects that are granted, partly granted and rejected,
    an allocation by convention to a health unit and one indirect funding
    through a CPOM. Invented names are marked "(exemple)". Every write
    carries a fixed request id ("sample-<region>-funding-<n>", one number
    per step whatever the data), so loading twice replays the first answers
    and writes nothing new.

    The years (sample_funding_years_load, steps from 100) add a FLCA
    funder, seven calls from 2023 to 2027 (the FIR alone in 2023, joint
    ARS/DISP calls from 2024, MILDECA, a second FIR round, FLCA, the call
    of 2027 still open with an application waiting), their applications
    and decisions, allocations of 2023 to 2026 and indirect funding through
    both CPOMs, so that OO1.3 and OO 4.3 vary from year to year.
*/
#ifndef SAMPLE_FUNDING_H_INCLUDED
#define SAMPLE_FUNDING_H_INCLUDED

#include "pps_config.h"

//  Load the sample funding of the configured region. Returns 0, or -1
//  after logging what failed (a service that did not answer, a refusal).
//  A region without projects, health units or CPOMs gets the funders and
//  the call without what needs them (logged).
int sample_funding_load (pps_config_t *config);

//  Load the years' funding (2023 to 2027, sample_funding.c says what),
//  once the first funding records and the years' projects are there.
//  Returns 0, or -1 after logging what failed.
int sample_funding_years_load (pps_config_t *config);

#endif
