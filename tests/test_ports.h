/*  test_ports: the TCP ports a test may bind on 127.0.0.1.

    No test picks a free port and releases it for a service to bind later:
    the kernel may hand the same port to the next test (or to the next pick
    of the same test) before the service binds it. Instead tests/CMakeLists.txt
    reserves a block of ports for each test that needs them, below the
    kernel's ephemeral range, and ctest passes it as PPS_TEST_PORTS=FIRST-LAST.
    Blocks of tests that run in parallel never overlap, and nothing else on
    the machine is handed a port of the block by the kernel.
*/
#ifndef TEST_PORTS_H_INCLUDED
#define TEST_PORTS_H_INCLUDED

//  The next port of this test's block, or 0 (with the reason on stderr) when
//  PPS_TEST_PORTS is missing or malformed, or the block is used up.
int test_port_take (void);

#endif
