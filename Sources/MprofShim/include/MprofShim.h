/* The allocation recorder `mprof-tui record` preloads into a program (shim.c). It has no API:
 * it interposes the C allocator and writes to the file named by MPROF_RAW. */
#ifndef MPROF_SHIM_H
#define MPROF_SHIM_H
#endif
