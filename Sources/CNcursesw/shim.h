#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H

// SwiftPM drops the -D flags pkg-config prints for ncursesw, so the wide-character API is
// switched on here, before curses.h is read.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <wchar.h>
#include <curses.h>

// glibc declares these only under __USE_XOPEN, which the Glibc Swift module is built without.
extern int wcwidth(wchar_t c);

// Mutable C globals are rejected by Swift 6; read them through functions.
static inline WINDOW *nc_stdscr(void) { return stdscr; }
static inline WINDOW *nc_curscr(void) { return curscr; }
static inline int nc_lines(void) { return LINES; }
static inline int nc_cols(void) { return COLS; }
static inline int nc_colors(void) { return COLORS; }
static inline int nc_color_pairs(void) { return COLOR_PAIRS; }

// Attributes built with NCURSES_BITS do not import.
static const attr_t NC_A_NORMAL = A_NORMAL;
static const attr_t NC_A_UNDERLINE = A_UNDERLINE;
static const attr_t NC_A_REVERSE = A_REVERSE;
static const attr_t NC_A_DIM = A_DIM;
static const attr_t NC_A_BOLD = A_BOLD;

// KEY_F(n) is a function-like macro.
static inline int nc_key_f(int n) { return KEY_F(n); }

// Mouse masks are built with NCURSES_MOUSE_MASK.
static const mmask_t NC_BUTTON1_PRESSED = BUTTON1_PRESSED;
static const mmask_t NC_BUTTON1_RELEASED = BUTTON1_RELEASED;
static const mmask_t NC_BUTTON1_CLICKED = BUTTON1_CLICKED;
static const mmask_t NC_BUTTON1_DOUBLE_CLICKED = BUTTON1_DOUBLE_CLICKED;
static const mmask_t NC_BUTTON4_PRESSED = BUTTON4_PRESSED;
static const mmask_t NC_BUTTON5_PRESSED = BUTTON5_PRESSED;

// The codeset of the current locale ("UTF-8" when box drawing can be used).
static inline const char *nc_codeset(void) { return nl_langinfo(CODESET); }

// Opens /dev/null for an off-screen terminal (tests) without FILE* in Swift signatures.
static inline SCREEN *nc_newterm_null(const char *type) {
    FILE *out = fopen("/dev/null", "w");
    FILE *in = fopen("/dev/null", "r");
    if (!out || !in) return NULL;
    return newterm(type, out, in);
}

// The interactive terminal on stdin/stdout; NULL (not exit) when TERM is unknown.
static inline SCREEN *nc_newterm_stdio(void) { return newterm(NULL, stdout, stdin); }

// Restores the terminal and re-raises a fatal signal with its default action, so a crash
// never leaves the shell in raw mode.
static void nc_fatal_handler(int sig) {
    endwin();
    signal(sig, SIG_DFL);
    raise(sig);
}
static inline void nc_install_fatal_handlers(void) {
    signal(SIGILL, nc_fatal_handler);
    signal(SIGTRAP, nc_fatal_handler);
    signal(SIGSEGV, nc_fatal_handler);
    signal(SIGBUS, nc_fatal_handler);
    signal(SIGFPE, nc_fatal_handler);
    signal(SIGABRT, nc_fatal_handler);
}

// Before anything else runs: fatal signals restore the terminal (if ncurses has it) and end the
// process with the signal, and SIGQUIT does what it does by default; so the Swift runtime's
// interactive backtracer never takes over a user's terminal.
// The signals are also unblocked: a parent that blocked them (a test runner, a service
// manager) must not make the program deaf to them.
static inline void nc_take_fatal_signals(void) {
    nc_install_fatal_handlers();
    signal(SIGQUIT, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    int signals[] = {SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT, SIGQUIT, SIGTERM, SIGHUP, SIGINT};
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) sigaddset(&set, signals[i]);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

// SIGTERM, SIGHUP, SIGQUIT and SIGINT record the signal; the input loop polls it, quits the
// normal way (terminal restored) and the program exits with 128 + the signal. SIGQUIT is
// handled here so the Swift runtime's interactive backtracer never takes the terminal.
static volatile sig_atomic_t nc_terminate_requested = 0;
static void nc_terminate_handler(int sig) { nc_terminate_requested = sig; }
static inline void nc_install_terminate_handlers(void) {
    struct sigaction sa;
    sa.sa_handler = nc_terminate_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGQUIT, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
}
// The signal that asked to quit, or 0.
static inline int nc_terminate_was_requested(void) { return nc_terminate_requested; }

// Suspends like Ctrl-Z in a cooked terminal: the caller restores the screen first.
static inline void nc_suspend_self(void) { raise(SIGTSTP); }

#endif
