/* For programs recorded with `mprof-tui record`: name your own snapshot markers.
 *
 *   #include "MprofShim.h"
 *   MPROF_SNAPSHOT("level loaded");
 *
 * The function is a weak symbol: without the recorder preloaded it is absent and the macro does
 * nothing, so the call can stay in shipped code. */
#ifndef MPROF_SHIM_H
#define MPROF_SHIM_H

#ifdef __cplusplus
extern "C" {
#endif

/* Writes a snapshot marker labelled `label` (at most 255 bytes are kept). */
__attribute__((weak)) void mprof_snapshot(const char *label);

#ifdef __cplusplus
}
#endif

#define MPROF_SNAPSHOT(label) \
  do { \
    if (mprof_snapshot) mprof_snapshot(label); \
  } while (0)

#endif
