/*  test_ports: hands out the ports of the block ctest reserved for this test.  */
#include "test_ports.h"

#include <stdio.h>
#include <stdlib.h>

static int s_taken;         //  Ports of the block already handed out

int
test_port_take (void)
{
    const char *block = getenv ("PPS_TEST_PORTS");
    int first = 0, last = 0;
    if (!block || sscanf (block, "%d-%d", &first, &last) != 2
    ||  first < 1024 || last > 65535 || first > last) {
        fprintf (stderr, "test_ports: PPS_TEST_PORTS is '%s', not FIRST-LAST: run the test "
                         "through ctest, which reserves its ports (tests/CMakeLists.txt)\n",
                 block ? block : "");
        return 0;
    }
    if (first + s_taken > last) {
        fprintf (stderr, "test_ports: the %d ports of %s are used up: reserve more for this "
                         "test in its .cmake file\n", last - first + 1, block);
        return 0;
    }
    return first + s_taken++;
}
