/*  pps-training: the training service as its own process.  */
#include "training.h"
#include "pps_runner.h"

int
main (int argc, char **argv)
{
    return pps_runner_main (argc, argv, "pps-training", &training_service);
}
