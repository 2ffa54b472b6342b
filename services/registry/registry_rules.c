/*  registry_rules: PLACEHOLDER, being written.  */
#include "registry_rules.h"
