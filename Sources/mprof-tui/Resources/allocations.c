/* The allocation-heavy program `mprof-tui bench-record` records: THREADS threads each make
 * PAIRS malloc/free pairs of 16 to 215 bytes, each malloc NEST calls deep (a callstack as deep as
 * a real program's), keeping 64 blocks live a thread. Deterministic: the same sizes every run.
 *
 * Usage: allocations THREADS PAIRS NEST (compiled with frame pointers, so any unwinder works). */
#include <pthread.h>
#include <stdlib.h>

static int pairs = 500000, nest = 8;

/* One frame a level, never inlined or merged into a loop. */
__attribute__((noinline)) static void *allocate(int level, size_t size) {
  void *p = level > 0 ? allocate(level - 1, size) : malloc(size);
  __asm__ volatile("" : : "r"(p) : "memory");
  return p;
}

static void *work(void *arg) {
  unsigned seed = (unsigned)(size_t)arg * 2654435761u + 1;
  void *live[64] = {0};
  for (int i = 0; i < pairs; i++) {
    seed = seed * 1103515245u + 12345u;
    int slot = (seed >> 8) & 63;
    free(live[slot]);
    live[slot] = allocate(nest, 16 + ((seed >> 16) % 200));
  }
  for (int i = 0; i < 64; i++) free(live[i]);
  return NULL;
}

int main(int argc, char **argv) {
  int threads = argc > 1 ? atoi(argv[1]) : 4;
  if (argc > 2) pairs = atoi(argv[2]);
  if (argc > 3) nest = atoi(argv[3]);
  if (threads < 1 || threads > 1024 || pairs < 0 || nest < 0 || nest > 1000) return 2;
  pthread_t t[1024];
  for (long i = 0; i < threads; i++) pthread_create(&t[i], NULL, work, (void *)i);
  for (int i = 0; i < threads; i++) pthread_join(t[i], NULL);
  return 0;
}
