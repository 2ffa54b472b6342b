/*  training: SKELETON header, being written.  */
#ifndef TRAINING_H_INCLUDED
#define TRAINING_H_INCLUDED

#include "pps_service.h"
#include "pps_validate.h"
#include "pps_date.h"
#include "training.pb-c.h"

#define TRAINING_SCHEMA_VERSION 1

extern const pps_service_t training_service;

#endif
