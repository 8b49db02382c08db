/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The commands of pidinfo(1), one table of them in pidinfo.c (as
 * bpftool's cmds[]): show there, ps, tree and top each in its file.  Each takes
 * its own argv (argv[0] is the command's name) and returns the exit
 * status; the option helpers below report usage errors alike for all.
 */
#ifndef _PIDINFO_COMMANDS_H
#define _PIDINFO_COMMANDS_H

#include <stdio.h>
#include <sys/types.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

#ifndef PIDINFO_VERSION
#define PIDINFO_VERSION "1.0.0"
#endif

/* Exit statuses, as pidinfo(1) documents them. */
#define EXIT_MISMATCH	1	/* show --proc: /proc disagrees */
#define EXIT_USAGE	2	/* a usage error, no process, no call */

int pidinfo_show(int argc, char **argv);
int pidinfo_ps(int argc, char **argv);
int pidinfo_tree(int argc, char **argv);
int pidinfo_top(int argc, char **argv);

/*
 * For a command's option loop: -h/--help and -V/--version, and a bad
 * option.  Every command's short options start with COMMON_SHORT.
 */
#define COMMON_SHORT	"hV"
#define OPTION_HELP	{ "help", no_argument, NULL, 'h' }
#define OPTION_VERSION	{ "version", no_argument, NULL, 'V' }

/* "pidinfo CMD: MESSAGE" and a hint to stderr; returns EXIT_USAGE. */
int usage_error(const char *cmd, const char *fmt, ...);
/* The status for -h (@usage to stdout), -V, or a bad option (@c '?'). */
int common_option(int c, const char *cmd, void (*usage)(FILE *out));
/*
 * @arg as a whole decimal number in [@min, @max], into *@val; a usage
 * error (message printed) otherwise.  Returns 0 or EXIT_USAGE.
 */
int parse_number(const char *cmd, const char *what, const char *arg,
		 long long min, long long max, long long *val);
/* A PID argument: parse_number() from 1 to INT_MAX. */
int parse_pid(const char *cmd, const char *arg, pid_t *pid);
/* The user name of @uid, from a small cache; NULL if it has none. */
const char *user_name(uid_t uid);

/*
 * The cells of ps's and top's rows (text.c).  Each put_*() writes at
 * @cell, NUL-terminated, and returns the length: @v in decimal as "%llu"
 * and "%lld" print it; @v (not negative) as "%.1f" prints it.
 */
size_t put_u64(char *cell, unsigned long long v);
size_t put_s64(char *cell, long long v);
size_t put_tenths(char *cell, double v);
/* @s cut to @width bytes, its last a '+' if it was longer, as procps cuts. */
size_t put_cut(char *cell, const char *s, size_t width);
/* @v, below 100, in two digits as "%02u" prints them; returns the end. */
char *put_2d(char *p, unsigned int v);
/*
 * Appends @len bytes of @text at @p, padded to @width as "%*s" pads:
 * spaces before it, or after it for a negative width.  Returns the end.
 */
char *put_cell(char *p, const char *text, size_t len, int width);
/* @s as the terminal should show it (see pidinfo_text_string()). */
const char *printable(const char *s, char *buf, size_t size);

#endif /* _PIDINFO_COMMANDS_H */
