/* The allocation recorder preloaded into a program by `mprof-tui record`: it interposes the C
 * allocator and writes every event, with its callstack, to the file named by MPROF_RAW. */
#ifndef MPROF_SHIM_H
#define MPROF_SHIM_H

/* Record kinds in the raw file. */
enum { MPROF_RAW_MALLOC = 1, MPROF_RAW_FREE = 2, MPROF_RAW_REALLOC = 3, MPROF_RAW_MAPS = 9 };

#endif
