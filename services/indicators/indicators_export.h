/*  indicators_export: a finalised bilan in the formats people and other
    systems read (docs/bilan-exports.md):

        JSON            the stored document, byte for byte (what the national
                        service received)
        CSV             RFC 4180, one row per regional indicator then one per
                        establishment indicator
        DHIS2           a dataValueSets JSON document, codes as identifiers:
                        each figure at one level of the org unit hierarchy
                        only, a ratio as its NUMERATOR and DENOMINATOR
        DHIS2_METADATA  the /api/metadata document those codes refer to: data
                        elements, the ratio's category combo, the data set,
                        the region and its establishments as org units
        ADX             the IHE ADX XML message (urn:ihe:qrph:adx:2015), one
                        group per organisation unit
        XLSX            a workbook: the region's indicators, the
                        establishments' table, the validation messages

    Names, kinds and the per-establishment flag come from the bilan contract
    (bilan/pps_bilan.h), never from this file.
*/
#ifndef INDICATORS_EXPORT_H_INCLUDED
#define INDICATORS_EXPORT_H_INCLUDED

#include <stddef.h>
#include <stdint.h>
#include "pps_arena.h"
#include "indicators.pb-c.h"
#include "registry.pb-c.h"

//  Fill export (content type, file name, text or data, all in arena) with
//  bilan in format; now_ms dates the ADX message. A text format sets
//  export->text, XLSX sets export->data. Returns 0, or -1 for a format that
//  is not one of the six or when the workbook cannot be written.
int indicators_export (const Indicators__Bilan *bilan, Indicators__ExportFormat format,
                       int64_t now_ms, pps_arena_t *arena, Indicators__Export *export);

//  What the registry knows and a bilan does not carry, for the DHIS2
//  metadata: the region's name, the establishments' opening and closing
//  dates (the registry records no coordinates). Any of it may be missing.
typedef struct {
    const Registry__Region *region;             //  The bilan's region, or NULL
    Registry__Establishment **establishments;   //  Any region's, or NULL
    size_t n_establishments;
} indicators_export_registry_t;

//  indicators_export with what the registry knows (registry may be NULL).
int indicators_export_with (const Indicators__Bilan *bilan, Indicators__ExportFormat format,
                            int64_t now_ms, const indicators_export_registry_t *registry,
                            pps_arena_t *arena, Indicators__Export *export);

//  An indicator's value as text: the integer for yes/no, counts and
//  amounts, the ratio with at most four decimals ("0.7059", "0.5", "1"),
//  "" for a ratio over zero. Returns buffer (at least 32 bytes).
char *indicators_export_value (const Indicators__Indicator *indicator, char *buffer,
                               size_t size);

#endif
