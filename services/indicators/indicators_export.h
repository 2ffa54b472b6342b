/*  indicators_export: a finalised bilan in the formats people and other
    systems read (docs/bilan-exports.md):

        JSON    the stored document, byte for byte (what the national
                service received)
        CSV     RFC 4180, one row per regional indicator then one per
                establishment indicator
        DHIS2   a dataValueSets JSON document: one data value per indicator
                and, for ratios, "<id>.NUM" and "<id>.DEN"
        ADX     the IHE ADX XML message (urn:ihe:qrph:adx:2015), one group
                per organisation unit, the same data elements as DHIS2
*/
#ifndef INDICATORS_EXPORT_H_INCLUDED
#define INDICATORS_EXPORT_H_INCLUDED

#include <stddef.h>
#include <stdint.h>
#include "pps_arena.h"
#include "indicators.pb-c.h"

//  Fill export (content type, file name, text, all in arena) with bilan in
//  format; now_ms dates the ADX message. Returns 0, or -1 for a format
//  that is not one of the four.
int indicators_export (const Indicators__Bilan *bilan, Indicators__ExportFormat format,
                       int64_t now_ms, pps_arena_t *arena, Indicators__Export *export);

//  An indicator's value as text: the integer for yes/no, counts and
//  amounts, the ratio with at most four decimals ("0.7059", "0.5", "1"),
//  "" for a ratio over zero. Returns buffer (at least 32 bytes).
char *indicators_export_value (const Indicators__Indicator *indicator, char *buffer,
                               size_t size);

#endif
