# Sessions planned with their rétroplanning (annex 2, issue 18): the
# projects service's plans and templates through real in-process services
# (projects.plans); the step reminders of pps-notify on real processes,
# delivered once through the SMTP sink across a restart (notify.steps);
# and the plan views of ppsctl against a real pps-region (ppsctl.plans).
add_executable(projects_plans_test ${CMAKE_CURRENT_LIST_DIR}/projects_plans_test.c)
target_compile_options(projects_plans_test PRIVATE ${PPS_WARNINGS})
target_link_libraries(projects_plans_test PRIVATE projects_harness)
add_test(NAME projects.plans COMMAND projects_plans_test)
set_tests_properties(projects.plans PROPERTIES TIMEOUT 120)

# notify's step reminders over a real store, no process (notify.steps_model).
add_executable(notify_steps_test ${CMAKE_CURRENT_LIST_DIR}/notify_steps_test.c)
target_compile_options(notify_steps_test PRIVATE ${PPS_WARNINGS})
target_link_libraries(notify_steps_test PRIVATE notify_core)
add_test(NAME notify.steps_model COMMAND notify_steps_test)

# The reminders end to end: pps-registry, pps-projects, pps-notify and the
# SMTP and HTTP sinks as real processes (notify.steps).
add_executable(notify_steps_it ${CMAKE_CURRENT_LIST_DIR}/notify_steps_it.c
               ${CMAKE_CURRENT_LIST_DIR}/notify_it_world.c)
target_compile_options(notify_steps_it PRIVATE ${PPS_WARNINGS})
target_link_libraries(notify_steps_it PRIVATE it_harness PkgConfig::JANSSON PkgConfig::SODIUM)
add_dependencies(notify_steps_it pps-registry pps-projects pps-notify smtp_sink http_sink)
add_test(NAME notify.steps
         COMMAND notify_steps_it steps $<TARGET_FILE:pps-registry> $<TARGET_FILE:pps-notify>
                 $<TARGET_FILE:smtp_sink> $<TARGET_FILE:http_sink> $<TARGET_FILE:pps-projects>)
set_tests_properties(notify.steps PROPERTIES TIMEOUT 120 LABELS integration)

# ppsctl's plan views and the generic operations against a real pps-region.
add_test(NAME ppsctl.plans
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/ppsctl_plans.sh $<TARGET_FILE_DIR:ppsctl>)
set_tests_properties(ppsctl.plans PROPERTIES TIMEOUT 120)

# docs/plans.md carries annex 2's steps as the service builds them.
add_executable(plans_docs_test ${CMAKE_CURRENT_LIST_DIR}/plans_docs_test.c)
target_compile_options(plans_docs_test PRIVATE ${PPS_WARNINGS})
target_link_libraries(plans_docs_test PRIVATE projects_core test_scratch)
add_test(NAME projects.plan_docs COMMAND plans_docs_test ${CMAKE_SOURCE_DIR}/docs/plans.md)
