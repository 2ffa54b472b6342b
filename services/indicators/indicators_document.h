/*  indicators_document: a bilan as the JSON document of the bilan contract
    (bilan/pps_bilan.h, docs/bilan.md), sealed with the contract's hash.  */
#ifndef INDICATORS_DOCUMENT_H_INCLUDED
#define INDICATORS_DOCUMENT_H_INCLUDED

#include <jansson.h>
#include "pps_arena.h"
#include "pps_bilan.h"
#include "indicators.pb-c.h"

//  The document of bilan, without its sha256 member.
//  Caller owns return value and must json_decref it.
json_t *indicators_document_new (const Indicators__Bilan *bilan);

//  Set bilan->document (the canonical document with its sha256 member)
//  and bilan->sha256, in arena. With problem, the sealed document is first
//  checked as the national service checks it (pps_bilan_check). Returns 0;
//  -1 when it cannot be built; 1, with problem set, when the contract
//  refuses it (bilan is then left as it was).
int indicators_document_seal (Indicators__Bilan *bilan, pps_arena_t *arena,
                              pps_bilan_problem_t *problem);

//  ISO 8601 UTC text of a time in ms, into buffer (>= 25 bytes).
char *indicators_iso_time (int64_t time_ms, char *buffer, size_t size);

#endif
