#ifndef CPREFETCH_H
#define CPREFETCH_H

// Swift has no prefetch instruction; the token pass uses this one to start the live-pointer
// map's cache misses for a batch of tokens before it needs their answers.

/// Hints that the cache line at `address` will be read and written soon.
static inline void mprof_prefetch_write(const void *address) {
  __builtin_prefetch(address, 1, 3);
}

#endif
