/* Runs a program and reports its own peak resident size: `measure OUT [KEY=VALUE…] -- PROGRAM
 * ARGS` writes "STATUS PEAK_KB" to OUT; the KEY=VALUE settings go to the program's environment
 * only (LD_PRELOAD among them must not load into this helper). A program run straight from a large process inherits that process's
 * peak into its rusage (Linux carries it across fork and exec); run from this small one, its
 * peak is its own, as /usr/bin/time reports it. STATUS is the exit status, or 128 + the signal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
  int program = 2;
  while (program < argc && strcmp(argv[program], "--") != 0) program++;
  if (program + 1 >= argc) return 2;
  pid_t child = fork();
  if (child < 0) return 2;
  if (child == 0) {
    for (int i = 2; i < program; i++) putenv(argv[i]);
    execvp(argv[program + 1], argv + program + 1);
    _exit(127);
  }
  int status = 0;
  struct rusage usage;
  while (wait4(child, &status, 0, &usage) < 0) {}
  FILE *out = fopen(argv[1], "w");
  if (!out) return 2;
  int code = WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
  fprintf(out, "%d %ld\n", code, usage.ru_maxrss);
  fclose(out);
  return 0;
}
