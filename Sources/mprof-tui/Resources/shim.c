/* The allocation recorder `mprof-tui record` preloads (LD_PRELOAD) into a program.
 *
 * malloc, free, calloc, realloc, reallocarray and the aligned allocators are interposed; the real
 * allocator is reached through glibc's __libc_* entry points, so no dlsym bootstrap is needed.
 * Each event is written to the raw file named by MPROF_RAW: a free before the memory is given
 * back, a realloc as one record with the old and the new pointer. A thread-local flag keeps the
 * recorder's own allocations out. A forked child is not recorded (unless MPROF_FOLLOW_FORK).
 *
 * The hot path takes no shared lock: each thread unwinds its own callstack (libunwind's
 * unw_backtrace with a per-thread cache when `record` could link it, else libc's backtrace),
 * looks it up in its own table of the stacks it has written (each distinct stack is written once,
 * as a STACK record that numbers it for that thread), and appends the event to its own buffer,
 * which goes to the file as one CHUNK every 64 KiB, at the thread's end and at exit. Events carry
 * a sequence number taken from one counter after the real malloc returns and before the real
 * free, so the converter merges the threads' chunks back into the order the program's own
 * synchronisation implies. /proc/self/maps is written at start, after each dlopen, before each
 * dlclose and at exit, so addresses can be symbolized after the run, even of a program killed
 * before its end.
 *
 * File:    CHUNK  u32 10, u32 thread, u64 bytes, then that many bytes of the thread's records
 *          MAPS   u32 9, u32 length, then the text of /proc/self/maps
 * Thread:  STACK  u32 6, u32 depth, depth × u64 return addresses (innermost first)
 *          MALLOC u32 1, u32 stack, u64 sequence, u64 pointer, u64 size
 *          FREE   u32 2, u32 0, u64 sequence, u64 pointer
 *          REALLOC u32 3, u32 stack, u64 sequence, u64 pointer, u64 old pointer, u64 size
 *          FRAME/SNAPSHOT u32 4/5, u32 label length, u64 sequence, u64 ns since start,
 *          u64 resident bytes, the label padded to 8
 *          RESIDENT u32 7, u32 0, u64 sequence, u64 resident bytes (at the end of each full
 *          chunk: the process's size every couple of thousand events a thread) */
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
#include <sys/mman.h>
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
  MPROF_RAW_FRAME = 4,
  MPROF_RAW_SNAPSHOT = 5,
  MPROF_RAW_STACK = 6,
  MPROF_RAW_RESIDENT = 7,
  MPROF_RAW_MAPS = 9,
  MPROF_RAW_CHUNK = 10
};

#define MAX_DEPTH 256
/* In a STACK record's depth word: the program's stack went on past the frames kept. */
#define STACK_CUT 0x80000000u
/* A thread's buffer goes to the file from this much on, so a program killed mid-run leaves
 * most of its events; it has room for one more record of any kind. */
#define FLUSH_AT (64 << 10)
#define BUFFER_SIZE (FLUSH_AT + 8 * (MAX_DEPTH + 16))
/* A chunk's head (kind, thread, bytes), written in front of the records it leads. */
#define CHUNK_HEAD 16

/* The unwinder: libunwind when `record` links it (MPROF_LIBUNWIND names its symbol prefix). */
#ifdef MPROF_LIBUNWIND
#define UNW_JOIN2(a, b) a##b
#define UNW_JOIN(a, b) UNW_JOIN2(a, b)
extern int unw_backtrace(void **, int);
extern void *UNW_JOIN(MPROF_LIBUNWIND, local_addr_space);
extern int UNW_JOIN(MPROF_LIBUNWIND, set_caching_policy)(void *, int);
extern int UNW_JOIN(MPROF_LIBUNWIND, set_cache_size)(void *, size_t, int);
static int unwind(void **frames, int count) { return unw_backtrace(frames, count); }
static void unwinder_start(void) {
  /* UNW_CACHE_PER_THREAD: each thread keeps what it learnt of the frames it walked. */
  UNW_JOIN(MPROF_LIBUNWIND, set_caching_policy)(UNW_JOIN(MPROF_LIBUNWIND, local_addr_space), 2);
  UNW_JOIN(MPROF_LIBUNWIND, set_cache_size)(UNW_JOIN(MPROF_LIBUNWIND, local_addr_space), 1024, 0);
}
#else
static int unwind(void **frames, int count) { return backtrace(frames, count); }
static void unwinder_start(void) {}
#endif

/* One thread's events on their way to the file, and the stacks it has written. */
struct thread_log {
  struct thread_log *next;
  /* Held by the owner while it appends and by whoever writes the log out. */
  int lock;
  uint32_t thread;
  size_t used;
  char *buffer;
  /* Open addressing: hash, the stack's place in `arena` (depth, then frames) and its number. */
  struct stack_slot {
    uint64_t hash;
    uint32_t at;
    uint32_t id;
  } *slots;
  uint32_t capacity, stacks;
  uint64_t *arena;
  size_t arena_used, arena_size;
  /* The thread's stack, for the frame-pointer walk (0, 0 when unknown). */
  uintptr_t stack_low, stack_high;
};

static int raw = -1;
static int depth_limit = 64;
/* MPROF_UNWIND=fp: walk frame pointers (programs built with -fno-omit-frame-pointer). */
static int use_frame_pointers;
/* The file: one write at a time. */
static pthread_mutex_t file_lock = PTHREAD_MUTEX_INITIALIZER;
/* Every thread's log, so they can all be written out at exit. */
static pthread_mutex_t logs_lock = PTHREAD_MUTEX_INITIALIZER;
static struct thread_log *logs;
static uint64_t sequence;
static uint32_t threads;
static pthread_key_t log_key;
static __thread struct thread_log *own_log;
static __thread int busy;

static void *map_pages(size_t bytes) {
  void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  return p == MAP_FAILED ? NULL : p;
}

static void spin_lock(int *lock) {
  while (__atomic_exchange_n(lock, 1, __ATOMIC_ACQUIRE))
    while (__atomic_load_n(lock, __ATOMIC_RELAXED)) sched_yield();
}

static void spin_unlock(int *lock) { __atomic_store_n(lock, 0, __ATOMIC_RELEASE); }

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

/* Writes the log's records as one chunk, its head in the 16 bytes before them; the log's lock
 * and the file's are held. */
static void write_chunk(struct thread_log *log) {
  uint32_t words[2] = {MPROF_RAW_CHUNK, log->thread};
  uint64_t bytes = log->used;
  memcpy(log->buffer - CHUNK_HEAD, words, sizeof words);
  memcpy(log->buffer - CHUNK_HEAD + sizeof words, &bytes, sizeof bytes);
  if (raw >= 0) write_all(log->buffer - CHUNK_HEAD, CHUNK_HEAD + log->used);
}

/* Writes the log's records to the file; the log's lock is held. */
static void flush_log_locked(struct thread_log *log) {
  if (log->used == 0) return;
  pthread_mutex_lock(&file_lock);
  write_chunk(log);
  pthread_mutex_unlock(&file_lock);
  log->used = 0;
}

static void release_log(struct thread_log *log) {
  munmap(log->buffer - CHUNK_HEAD, CHUNK_HEAD + BUFFER_SIZE);
  munmap(log->slots, log->capacity * sizeof *log->slots);
  munmap(log->arena, log->arena_size * sizeof *log->arena);
  munmap(log, sizeof *log);
}

/* The calling thread's log, made on its first event. */
static struct thread_log *thread_log(void) {
  if (own_log) return own_log;
  struct thread_log *log = map_pages(sizeof *log);
  if (!log) return NULL;
  char *pages = map_pages(CHUNK_HEAD + BUFFER_SIZE);
  log->buffer = pages ? pages + CHUNK_HEAD : NULL;
  log->capacity = 1024;
  log->slots = map_pages(log->capacity * sizeof *log->slots);
  log->arena_size = 8192;
  log->arena = map_pages(log->arena_size * sizeof *log->arena);
  if (!log->buffer || !log->slots || !log->arena) {
    /* Out of memory: this event goes unrecorded, the next tries again. */
    if (pages) munmap(pages, CHUNK_HEAD + BUFFER_SIZE);
    if (log->slots) munmap(log->slots, log->capacity * sizeof *log->slots);
    if (log->arena) munmap(log->arena, log->arena_size * sizeof *log->arena);
    munmap(log, sizeof *log);
    return NULL;
  }
  log->thread = __atomic_fetch_add(&threads, 1, __ATOMIC_RELAXED);
  if (use_frame_pointers) {
    pthread_attr_t attr;
    void *low;
    size_t size;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
      if (pthread_attr_getstack(&attr, &low, &size) == 0) {
        log->stack_low = (uintptr_t)low;
        log->stack_high = (uintptr_t)low + size;
      }
      pthread_attr_destroy(&attr);
    }
  }
  pthread_mutex_lock(&logs_lock);
  log->next = logs;
  logs = log;
  pthread_mutex_unlock(&logs_lock);
  own_log = log;
  /* Its end writes the log out (log_done). */
  pthread_setspecific(log_key, log);
  return log;
}

/* A thread ends: its events go to the file and its log is given back. */
static void log_done(void *value) {
  struct thread_log *log = value;
  int was = busy;
  busy = 1;
  pthread_mutex_lock(&logs_lock);
  struct thread_log **link = &logs;
  while (*link && *link != log) link = &(*link)->next;
  int registered = *link == log;
  if (registered) *link = log->next;
  pthread_mutex_unlock(&logs_lock);
  if (registered) {
    spin_lock(&log->lock);
    flush_log_locked(log);
    spin_unlock(&log->lock);
    release_log(log);
  }
  if (own_log == log) own_log = NULL;
  busy = was;
}

static uint64_t stack_hash(void *const *frames, int depth) {
  uint64_t h = 0x9e3779b97f4a7c15ull ^ (uint64_t)depth;
  for (int i = 0; i < depth; i++) {
    h ^= (uint64_t)(uintptr_t)frames[i];
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 32;
  }
  return h;
}

static void append(struct thread_log *log, const void *bytes, size_t length) {
  memcpy(log->buffer + log->used, bytes, length);
  log->used += length;
}

/* The number of the stack in this thread's table; a new one is written first as a STACK
 * record. UINT32_MAX when the table cannot grow. The log's lock is held. */
static uint32_t stack_id(struct thread_log *log, void *const *frames, int depth, int cut) {
  uint64_t hash = stack_hash(frames, depth) ^ (uint64_t)cut;
  uint32_t mask = log->capacity - 1;
  uint32_t i = (uint32_t)hash & mask;
  for (;; i = (i + 1) & mask) {
    struct stack_slot *slot = &log->slots[i];
    if (slot->id == 0) break;
    if (slot->hash != hash) continue;
    const uint64_t *kept = log->arena + slot->at;
    if (kept[0] != ((uint64_t)depth | (cut ? STACK_CUT : 0))) continue;
    if (memcmp(kept + 1, frames, (size_t)depth * sizeof(uint64_t)) == 0) return slot->id - 1;
  }
  /* New: keep it, growing the arena and the table as needed. */
  size_t need = log->arena_used + 1 + (size_t)depth;
  if (need > log->arena_size) {
    size_t size = log->arena_size * 2;
    while (size < need) size *= 2;
    void *grown = mremap(log->arena, log->arena_size * sizeof *log->arena, size * sizeof *log->arena, MREMAP_MAYMOVE);
    if (grown == MAP_FAILED) return UINT32_MAX;
    log->arena = grown;
    log->arena_size = size;
  }
  if ((log->stacks + 1) * 2 > log->capacity) {
    uint32_t capacity = log->capacity * 2;
    struct stack_slot *slots = map_pages(capacity * sizeof *slots);
    if (!slots) return UINT32_MAX;
    for (uint32_t k = 0; k < log->capacity; k++) {
      struct stack_slot old = log->slots[k];
      if (old.id == 0) continue;
      uint32_t j = (uint32_t)old.hash & (capacity - 1);
      while (slots[j].id != 0) j = (j + 1) & (capacity - 1);
      slots[j] = old;
    }
    munmap(log->slots, log->capacity * sizeof *slots);
    log->slots = slots;
    log->capacity = capacity;
    mask = capacity - 1;
    i = (uint32_t)hash & mask;
    while (log->slots[i].id != 0) i = (i + 1) & mask;
  }
  uint32_t at = (uint32_t)log->arena_used;
  log->arena[at] = (uint64_t)depth | (cut ? STACK_CUT : 0);
  memcpy(log->arena + at + 1, frames, (size_t)depth * sizeof(uint64_t));
  log->arena_used = need;
  uint32_t id = log->stacks++;
  log->slots[i] = (struct stack_slot){hash, at, id + 1};
  /* The STACK record, then room for the event is still there (BUFFER_SIZE). */
  if (log->used + 8 + (size_t)depth * 8 + 48 > BUFFER_SIZE) flush_log_locked(log);
  uint32_t words[2] = {MPROF_RAW_STACK, (uint32_t)depth | (cut ? STACK_CUT : 0)};
  append(log, words, sizeof words);
  append(log, frames, (size_t)depth * sizeof(uint64_t));
  return id;
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

static void start_once(void);
static void catch_ending_signal(int sig);
static pthread_once_t started_once = PTHREAD_ONCE_INIT;

/* The return addresses up the chain of frame pointers, as far as it stays inside the thread's
 * stack and goes up: never a read outside it, whatever a frame without a frame pointer left in
 * the register. Never inlined, so its first frame is its caller's, as with the unwinders. */
__attribute__((noinline)) static int walk_frame_pointers(struct thread_log *log, void **frames, int count) {
  uintptr_t frame = (uintptr_t)__builtin_frame_address(0);
  int n = 0;
  if (log->stack_high < 2 * sizeof(uintptr_t)) return 0;
  while (n < count) {
    if (frame < log->stack_low || frame > log->stack_high - 2 * sizeof(uintptr_t) || (frame & 7)) break;
    const uintptr_t *words = (const uintptr_t *)frame;
    uintptr_t next = words[0], address = words[1];
    if (address < 4096) break;
    frames[n++] = (void *)address;
    if (next <= frame) break;
    frame = next;
  }
  return n;
}

/* One allocation event; never inlined, so the unwound frames to skip are this one and the
 * hook's. */
__attribute__((noinline)) static void record(uint32_t kind, void *pointer, void *old, size_t size) {
  if (busy) return;
  /* A library initialized before the recorder (libstdc++'s exception pool) allocates before its
   * constructor runs: the first event starts it. */
  pthread_once(&started_once, start_once);
  if (raw < 0) return;
  busy = 1;
  struct thread_log *log = thread_log();
  if (!log) {
    busy = 0;
    return;
  }
  /* The hook's two frames, the frames kept, and one more that tells a cut stack. */
  void *frames[MAX_DEPTH + 3];
  int depth = 0, cut = 0;
  if (kind != MPROF_RAW_FREE) {
    depth = use_frame_pointers ? walk_frame_pointers(log, frames, depth_limit + 3) : unwind(frames, depth_limit + 3);
  }
  if (depth == depth_limit + 3) {
    depth--;
    cut = 1;
  }
  int skip = depth > 2 ? 2 : depth;
  spin_lock(&log->lock);
  uint32_t stack = kind == MPROF_RAW_FREE ? 0 : stack_id(log, frames + skip, depth - skip, cut);
  if (stack != UINT32_MAX) {
    uint64_t words[5];
    uint32_t head[2] = {kind, stack};
    memcpy(words, head, 8);
    /* After the real malloc returned, before the real free: the order is the program's. */
    words[1] = __atomic_fetch_add(&sequence, 1, __ATOMIC_RELAXED);
    words[2] = (uint64_t)(uintptr_t)pointer;
    size_t count = 3;
    if (kind == MPROF_RAW_REALLOC) words[count++] = (uint64_t)(uintptr_t)old;
    if (kind != MPROF_RAW_FREE) words[count++] = (uint64_t)size;
    append(log, words, count * sizeof(uint64_t));
    if (log->used >= FLUSH_AT) {
      /* A full chunk ends with the process's resident size (the Timeline's Used Physical). */
      uint64_t sample[3];
      uint32_t kind_word[2] = {MPROF_RAW_RESIDENT, 0};
      memcpy(sample, kind_word, 8);
      sample[1] = __atomic_fetch_add(&sequence, 1, __ATOMIC_RELAXED);
      sample[2] = resident_bytes();
      append(log, sample, sizeof sample);
      flush_log_locked(log);
    }
  }
  spin_unlock(&log->lock);
  busy = 0;
}

static struct timespec started;
static volatile sig_atomic_t snapshot_asked;

static uint64_t elapsed_ns(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (uint64_t)(now.tv_sec - started.tv_sec) * 1000000000ull + (uint64_t)(now.tv_nsec - started.tv_nsec);
}

/* A frame or snapshot marker, with the time and the resident size, and an optional label; it
 * goes to the file at once. The caller holds `busy`. */
static void labelled_marker(uint32_t kind, const char *label) {
  if (raw < 0) return;
  struct thread_log *log = thread_log();
  if (!log) return;
  size_t length = label ? strnlen(label, 255) : 0;
  uint64_t words[4];
  uint32_t head[2] = {kind, (uint32_t)length};
  memcpy(words, head, 8);
  words[2] = elapsed_ns();
  words[3] = resident_bytes();
  char text[256] = {0};
  if (length) memcpy(text, label, length);
  spin_lock(&log->lock);
  words[1] = __atomic_fetch_add(&sequence, 1, __ATOMIC_RELAXED);
  if (log->used + sizeof words + 256 > BUFFER_SIZE) flush_log_locked(log);
  append(log, words, sizeof words);
  append(log, text, (length + 7) & ~(size_t)7);
  flush_log_locked(log);
  spin_unlock(&log->lock);
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

/* Appends /proc/self/maps (the reader merges every one): at start, so a program killed mid-run
 * can still be symbolized, before each dlclose and at exit. The file lock is held. */
static void write_maps_locked(void) {
  if (raw < 0) return;
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

static void write_maps(void) {
  pthread_mutex_lock(&file_lock);
  write_maps_locked();
  pthread_mutex_unlock(&file_lock);
}

static char raw_path[4096];
static int follow_fork;

/* fork: no write is under way while the process is copied. */
static void before_fork(void) {
  pthread_mutex_lock(&logs_lock);
  pthread_mutex_lock(&file_lock);
}

static void parent_after_fork(void) {
  pthread_mutex_unlock(&file_lock);
  pthread_mutex_unlock(&logs_lock);
}

/* A child's own file: the program's path with `.PID` appended. */
static void open_own_file(void) {
  char path[4200];
  int n = snprintf(path, sizeof path, "%s.%d", raw_path, (int)getpid());
  if (n <= 0 || (size_t)n >= sizeof path) return;
  raw = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
}

/* A forked child stops writing to its parent's file and forgets the parent's logs (their threads
 * are not in it; their events are the parent's); with MPROF_FOLLOW_FORK it records to its own
 * file. */
static void child_after_fork(void) {
  pthread_mutex_init(&file_lock, NULL);
  pthread_mutex_init(&logs_lock, NULL);
  raw = -1;
  logs = NULL;
  own_log = NULL;
  pthread_setspecific(log_key, NULL);
  sequence = 0;
  threads = 0;
  if (!follow_fork || !raw_path[0]) return;
  open_own_file();
  write_maps_locked();
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
  pthread_key_create(&log_key, log_done);
  const char *unwinder = getenv("MPROF_UNWIND");
  use_frame_pointers = unwinder && strcmp(unwinder, "fp") == 0;
  unwinder_start();
  follow_fork = getenv("MPROF_FOLLOW_FORK") != NULL;
  if (path && *path) {
    strncpy(raw_path, path, sizeof raw_path - 1);
    /* The program `record` started (its parent is MPROF_PARENT) writes the file; a program one
     * of its children runs inherits the settings and is not recorded, or with MPROF_FOLLOW_FORK
     * is recorded to a file of its own: it never overwrites the program's. A program that
     * replaces itself (exec without fork) starts the file again. */
    const char *parent = getenv("MPROF_PARENT");
    if (!parent || atoi(parent) == (int)getppid())
      raw = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    else if (follow_fork)
      open_own_file();
  }
  write_maps();
  clock_gettime(CLOCK_MONOTONIC, &started);
  pthread_atfork(before_fork, parent_after_fork, child_after_fork);
  const char *frames = getenv("MPROF_FRAME_NS");
  const char *snapshots = getenv("MPROF_SNAPSHOT_NS");
  frame_ns = frames ? strtoull(frames, NULL, 10) : 0;
  snapshot_ns = snapshots ? strtoull(snapshots, NULL, 10) : 0;
  if (raw >= 0) {
    /* Not SIGINT: some runtimes install their own only where SIGINT is still the default. */
    catch_ending_signal(SIGTERM);
    catch_ending_signal(SIGHUP);
  }
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
  /* The unwinder loads what it needs (libgcc_s, its caches) on first use: now, outside a hook. */
  void *warm[4];
  unwind(warm, 4);
  busy = was;
}

/* Writes out every thread's events and the module map as they are now; with `closing`, ends
 * the file (a thread still running loses what it records after). */
static void flush_all(int closing) {
  pthread_mutex_lock(&logs_lock);
  for (struct thread_log *log = logs; log; log = log->next) {
    spin_lock(&log->lock);
    flush_log_locked(log);
    spin_unlock(&log->lock);
  }
  pthread_mutex_lock(&file_lock);
  write_maps_locked();
  if (closing && raw >= 0) {
    close(raw);
    raw = -1;
  }
  pthread_mutex_unlock(&file_lock);
  pthread_mutex_unlock(&logs_lock);
}

/* SIGTERM or SIGHUP, where the program has no handler of its own: every thread's events are
 * written out, then the signal is raised again with its default action, so the program ends as
 * it would have (status included). A log or the file in use at that instant is skipped, not
 * waited for: the interrupted code may hold its lock. */
static void on_ending_signal(int sig) {
  busy = 1;
  if (pthread_mutex_trylock(&logs_lock) == 0) {
    for (struct thread_log *log = logs; log; log = log->next) {
      if (__atomic_exchange_n(&log->lock, 1, __ATOMIC_ACQUIRE)) continue;
      if (log->used > 0 && pthread_mutex_trylock(&file_lock) == 0) {
        write_chunk(log);
        pthread_mutex_unlock(&file_lock);
        log->used = 0;
      }
      spin_unlock(&log->lock);
    }
    pthread_mutex_unlock(&logs_lock);
  }
  signal(sig, SIG_DFL);
  raise(sig);
}

/* Handles `sig` with on_ending_signal unless the program already chose what it does. */
static void catch_ending_signal(int sig) {
  struct sigaction old;
  if (sigaction(sig, NULL, &old) != 0 || old.sa_handler != SIG_DFL || (old.sa_flags & SA_SIGINFO)) return;
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = on_ending_signal;
  action.sa_flags = SA_RESETHAND;
  sigfillset(&action.sa_mask);
  sigaction(sig, &action, NULL);
}

__attribute__((destructor)) static void finish(void) {
  busy = 1;
  flush_all(1);
}

/* A library just loaded: the module map is written again, so its frames can be symbolized even
 * if the program is killed before its end. */
void *dlopen(const char *file, int mode) {
  static void *(*real)(const char *, int);
  if (!real) real = (void *(*)(const char *, int))dlsym(RTLD_NEXT, "dlopen");
  void *handle = real ? real(file, mode) : NULL;
  if (handle && raw >= 0) {
    int was = busy;
    busy = 1;
    write_maps();
    busy = was;
  }
  return handle;
}

/* A library about to be unloaded: the module map is written first, so its addresses can still
 * be symbolized (the reader merges every map it finds). */
int dlclose(void *handle) {
  static int (*real)(void *);
  if (!real) real = (int (*)(void *))dlsym(RTLD_NEXT, "dlclose");
  int was = busy;
  busy = 1;
  write_maps();
  busy = was;
  return real ? real(handle) : -1;
}

/* _exit skips the destructors (a forked child often ends with it): write everything first. */
void _exit(int status) {
  typedef void (*exit_function)(int);
  static exit_function real;
  if (!real) real = (exit_function)dlsym(RTLD_NEXT, "_exit");
  busy = 1;
  flush_all(0);
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
