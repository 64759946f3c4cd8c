/* kb_test.h -- what the unit test programs share. */
#ifndef KB_TEST_H
#define KB_TEST_H

#include <check.h>

/* main() of a test program: runs the suite that 'make_suite' returns, in
 * forked children, and exits non-zero when any test failed. */
#define KB_TEST_MAIN(make_suite)                     \
  int main(void)                                     \
  {                                                  \
    SRunner *sr = srunner_create(make_suite());      \
    srunner_run_all(sr, CK_NORMAL);                  \
    int failed = srunner_ntests_failed(sr);          \
    srunner_free(sr);                                \
    return failed == 0 ? 0 : 1;                      \
  }

#endif
