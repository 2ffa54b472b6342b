/*  projects: SKELETON header, being written.  */
#ifndef PROJECTS_H_INCLUDED
#define PROJECTS_H_INCLUDED

#include "pps_service.h"
#include "pps_validate.h"
#include "pps_date.h"
#include "projects.pb-c.h"

#define PROJECTS_SCHEMA_VERSION 1

extern const pps_service_t projects_service;

#endif
