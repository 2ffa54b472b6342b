/*  funding: SKELETON header, being written.  */
#ifndef FUNDING_H_INCLUDED
#define FUNDING_H_INCLUDED

#include "pps_service.h"
#include "pps_validate.h"
#include "pps_date.h"
#include "funding.pb-c.h"

#define FUNDING_SCHEMA_VERSION 1

extern const pps_service_t funding_service;

#endif
