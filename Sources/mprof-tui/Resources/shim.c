/* The allocation recorder `mprof-tui record` preloads (LD_PRELOAD) into a program.
 *
 * malloc, free, calloc, realloc, reallocarray and the aligned allocators are interposed; the real
 * allocator is reached through glibc's __libc_* entry points, so no dlsym bootstrap is needed.
 * Each event is written, with the return addresses of its callstack (libc's backtrace), to the raw
 * file named by MPROF_RAW: a free is written before the memory is given back, a realloc as one
 * record with the old and the new pointer. A thread-local flag keeps the recorder's own
 * allocations (backtrace loading libgcc_s) out. A forked child is not recorded. Events are
 * written out every 64 KiB, /proc/self/maps at start and at exit, so addresses can be symbolized
 * after the run, even of a program killed before its end.
 *
 * Record: u32 kind, u32 depth, u64 pointer, u64 old pointer, u64 size, depth × u64 addresses. */
#define _GNU_SOURCE
/* Self-contained (no project header): `record` can compile this file alone. */

#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void __libc_free(void *);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

/* Record kinds in the raw file (RawRecording.Kind in the record command). */
enum {
  MPROF_RAW_MALLOC = 1,
  MPROF_RAW_FREE = 2,
  MPROF_RAW_REALLOC = 3,
  /* Markers: pointer = nanoseconds since the start, size = resident bytes (Used Physical). */
  MPROF_RAW_FRAME = 4,
  MPROF_RAW_SNAPSHOT = 5,
  MPROF_RAW_MAPS = 9
};

#define BUFFER_SIZE (1 << 20)
/* Written out from this much on, so a program killed mid-run leaves most of its events. */
#define FLUSH_AT (64 << 10)
#define MAX_DEPTH 256

static int raw = -1;
static int depth_limit = 64;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char buffer[BUFFER_SIZE];
static size_t used;
static __thread int busy;

static void write_all(const void *data, size_t length) {
  const char *p = data;
  while (length > 0) {
    ssize_t n = write(raw, p, length);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    p += n;
    length -= (size_t)n;
  }
}

static void flush_locked(void) {
  if (used > 0 && raw >= 0) write_all(buffer, used);
  used = 0;
}

static char raw_path[4096];
static int follow_fork;
static void write_maps_locked(void);

/* A forked child stops writing to its parent's file; with MPROF_FOLLOW_FORK it records to its
 * own, the parent's path with `.PID` appended. */
static void child_after_fork(void) {
  raw = -1;
  used = 0;
  if (!follow_fork || !raw_path[0]) return;
  char path[4200];
  int n = snprintf(path, sizeof path, "%s.%d", raw_path, (int)getpid());
  if (n <= 0 || (size_t)n >= sizeof path) return;
  raw = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (raw >= 0) write_maps_locked();
}

static void start_once(void);
static pthread_once_t started_once = PTHREAD_ONCE_INIT;

static void record(uint32_t kind, void *pointer, void *old, size_t size) {
  if (busy) return;
  /* A library initialized before the recorder (libstdc++'s exception pool) allocates before its
   * constructor runs: the first event starts it. */
  pthread_once(&started_once, start_once);
  if (raw < 0) return;
  busy = 1;
  void *frames[MAX_DEPTH + 2];
  int depth = 0;
  if (kind != MPROF_RAW_FREE) depth = backtrace(frames, depth_limit + 2);
  /* The first two frames are this function and the hook. */
  int skip = depth > 2 ? 2 : depth;
  uint32_t kept = (uint32_t)(depth - skip);
  uint64_t head[4];
  uint32_t words[2] = {kind, kept};
  head[0] = (uint64_t)(uintptr_t)pointer;
  head[1] = (uint64_t)(uintptr_t)old;
  head[2] = (uint64_t)size;
  size_t length = sizeof words + 3 * sizeof(uint64_t) + kept * sizeof(uint64_t);
  pthread_mutex_lock(&lock);
  if (raw >= 0) {
    if (used + length > BUFFER_SIZE) flush_locked();
    memcpy(buffer + used, words, sizeof words);
    used += sizeof words;
    memcpy(buffer + used, head, 3 * sizeof(uint64_t));
    used += 3 * sizeof(uint64_t);
    for (int i = skip; i < depth; i++) {
      uint64_t address = (uint64_t)(uintptr_t)frames[i];
      memcpy(buffer + used, &address, sizeof address);
      used += sizeof address;
    }
    if (used >= FLUSH_AT) flush_locked();
  }
  pthread_mutex_unlock(&lock);
  busy = 0;
}

static struct timespec started;
static volatile sig_atomic_t snapshot_asked;

static uint64_t elapsed_ns(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (uint64_t)(now.tv_sec - started.tv_sec) * 1000000000ull + (uint64_t)(now.tv_nsec - started.tv_nsec);
}

/* Resident bytes, from /proc/self/statm (no allocation). */
static uint64_t resident_bytes(void) {
  int fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  char text[128];
  ssize_t n = read(fd, text, sizeof text - 1);
  close(fd);
  if (n <= 0) return 0;
  text[n] = 0;
  char *p = text;
  while (*p && *p != ' ') p++;
  return (uint64_t)strtoull(p, NULL, 10) * (uint64_t)sysconf(_SC_PAGESIZE);
}

/* A frame or snapshot marker, with the time and the resident size; a snapshot may carry a
 * label (its length in the depth word, its bytes padded to 8 after the head). */
static void labelled_marker(uint32_t kind, const char *label) {
  if (raw < 0) return;
  size_t length = label ? strnlen(label, 255) : 0;
  size_t padded = (length + 7) & ~(size_t)7;
  uint32_t words[2] = {kind, (uint32_t)length};
  uint64_t head[3] = {elapsed_ns(), 0, resident_bytes()};
  pthread_mutex_lock(&lock);
  if (raw >= 0) {
    if (used + sizeof words + sizeof head + padded > BUFFER_SIZE) flush_locked();
    memcpy(buffer + used, words, sizeof words);
    used += sizeof words;
    memcpy(buffer + used, head, sizeof head);
    used += sizeof head;
    memset(buffer + used, 0, padded);
    if (length) memcpy(buffer + used, label, length);
    used += padded;
  }
  pthread_mutex_unlock(&lock);
}

static void marker(uint32_t kind) { labelled_marker(kind, NULL); }

/* The program's own snapshot marker (MprofShim.h declares it weak for programs). */
void mprof_snapshot(const char *label);
void mprof_snapshot(const char *label) {
  int was = busy;
  busy = 1;
  labelled_marker(MPROF_RAW_SNAPSHOT, label);
  busy = was;
}

static void on_snapshot_signal(int signal) {
  (void)signal;
  snapshot_asked = 1;
}

/* Frames and snapshots on a timer (MPROF_FRAME_NS, MPROF_SNAPSHOT_NS), and the snapshots asked
 * for with SIGUSR2, from a thread of the recorder's own. */
static uint64_t frame_ns, snapshot_ns;
static void *ticker(void *arg) {
  (void)arg;
  busy = 1;
  uint64_t next_frame = frame_ns, next_snapshot = snapshot_ns;
  for (;;) {
    struct timespec pause = {0, 1000000};
    nanosleep(&pause, NULL);
    if (raw < 0) return NULL;
    uint64_t now = elapsed_ns();
    if (frame_ns && now >= next_frame) {
      marker(MPROF_RAW_FRAME);
      next_frame = now + frame_ns;
    }
    if ((snapshot_ns && now >= next_snapshot) || snapshot_asked) {
      snapshot_asked = 0;
      marker(MPROF_RAW_SNAPSHOT);
      if (snapshot_ns) next_snapshot = now + snapshot_ns;
    }
  }
}

/* Appends /proc/self/maps (the reader keeps the last one): at start, so a program killed
 * mid-run can still be symbolized, and at exit, with what it loaded since. */
static void write_maps_locked(void) {
  int maps = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
  if (maps < 0) return;
  static char text[1 << 20];
  size_t length = 0;
  ssize_t n;
  while (length < sizeof text && (n = read(maps, text + length, sizeof text - length)) > 0) length += (size_t)n;
  close(maps);
  uint32_t words[2] = {MPROF_RAW_MAPS, (uint32_t)length};
  write_all(words, sizeof words);
  write_all(text, length);
}

__attribute__((constructor)) static void start(void) { pthread_once(&started_once, start_once); }

static void start_once(void) {
  int was = busy;
  busy = 1;
  const char *path = getenv("MPROF_RAW");
  const char *depth = getenv("MPROF_DEPTH");
  if (depth) {
    int d = atoi(depth);
    if (d > 0 && d <= MAX_DEPTH) depth_limit = d;
  }
  if (path && *path) {
    raw = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    strncpy(raw_path, path, sizeof raw_path - 1);
  }
  follow_fork = getenv("MPROF_FOLLOW_FORK") != NULL;
  if (raw >= 0) write_maps_locked();
  clock_gettime(CLOCK_MONOTONIC, &started);
  pthread_atfork(NULL, NULL, child_after_fork);
  const char *frames = getenv("MPROF_FRAME_NS");
  const char *snapshots = getenv("MPROF_SNAPSHOT_NS");
  frame_ns = frames ? strtoull(frames, NULL, 10) : 0;
  snapshot_ns = snapshots ? strtoull(snapshots, NULL, 10) : 0;
  if (raw >= 0 && getenv("MPROF_SIGNAL")) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_snapshot_signal;
    action.sa_flags = SA_RESTART;
    sigaction(SIGUSR2, &action, NULL);
  }
  if (raw >= 0 && (frame_ns || snapshot_ns || getenv("MPROF_SIGNAL"))) {
    pthread_t thread;
    if (pthread_create(&thread, NULL, ticker, NULL) == 0) pthread_detach(thread);
  }
  /* backtrace loads libgcc_s on first use: do it now, outside any hook. */
  void *warm[4];
  backtrace(warm, 4);
  busy = was;
}

/* Writes out the buffer and the module map as they are now; with `closing`, ends the file. */
static void flush_with_map(int closing) {
  pthread_mutex_lock(&lock);
  if (raw >= 0) {
    flush_locked();
    write_maps_locked();
    if (closing) {
      close(raw);
      raw = -1;
    }
  }
  pthread_mutex_unlock(&lock);
}

__attribute__((destructor)) static void finish(void) {
  busy = 1;
  flush_with_map(1);
}

/* A library about to be unloaded: the module map is written first, so its addresses can still
 * be symbolized (the reader merges every map it finds). */
int dlclose(void *handle) {
  static int (*real)(void *);
  if (!real) real = (int (*)(void *))dlsym(RTLD_NEXT, "dlclose");
  int was = busy;
  busy = 1;
  flush_with_map(0);
  busy = was;
  return real ? real(handle) : -1;
}

/* _exit skips the destructors (a forked child often ends with it): flush first. */
void _exit(int status) {
  typedef void (*exit_function)(int);
  static exit_function real;
  if (!real) real = (exit_function)dlsym(RTLD_NEXT, "_exit");
  busy = 1;
  flush_with_map(0);
  if (real) real(status);
  for (;;) pause();
}

void *malloc(size_t size) {
  void *p = __libc_malloc(size);
  if (p) record(MPROF_RAW_MALLOC, p, NULL, size);
  return p;
}

void free(void *p) {
  if (p) record(MPROF_RAW_FREE, p, NULL, 0);
  __libc_free(p);
}

void *calloc(size_t count, size_t size) {
  void *p = __libc_calloc(count, size);
  if (p) record(MPROF_RAW_MALLOC, p, NULL, count * size);
  return p;
}

void *realloc(void *old, size_t size) {
  if (!old) return malloc(size);
  if (size == 0) {
    free(old);
    return NULL;
  }
  void *p = __libc_realloc(old, size);
  if (p) record(MPROF_RAW_REALLOC, p, old, size);
  return p;
}

void *reallocarray(void *old, size_t count, size_t size) {
  size_t total;
  if (__builtin_mul_overflow(count, size, &total)) {
    errno = ENOMEM;
    return NULL;
  }
  return realloc(old, total);
}

static void *aligned(size_t alignment, size_t size) {
  void *p = __libc_memalign(alignment, size);
  if (p) record(MPROF_RAW_MALLOC, p, NULL, size);
  return p;
}

int posix_memalign(void **out, size_t alignment, size_t size) {
  if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0) return EINVAL;
  void *p = aligned(alignment, size);
  if (!p) return ENOMEM;
  *out = p;
  return 0;
}

void *aligned_alloc(size_t alignment, size_t size) { return aligned(alignment, size); }
void *memalign(size_t alignment, size_t size) { return aligned(alignment, size); }
void *valloc(size_t size) { return aligned((size_t)sysconf(_SC_PAGESIZE), size); }

void *pvalloc(size_t size) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  return aligned(page, (size + page - 1) & ~(page - 1));
}
