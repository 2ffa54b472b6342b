/*  registry_rules: PLACEHOLDER, being written.  */
#ifndef REGISTRY_RULES_H_INCLUDED
#define REGISTRY_RULES_H_INCLUDED
#include "registry.h"
#endif
