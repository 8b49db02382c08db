// SPDX-License-Identifier: GPL-2.0
/*
 * pidinfo: what get_pid_info() says about processes.
 *
 * usage: pidinfo [show] [--tree] [--json] [--proc] PID
 *        pidinfo ps [-L] [-o COLUMN,...] [--no-headers] [--json]
 *        pidinfo tree [-p] [-T] [--json] [PID]
 *        pidinfo top [-b] [-n N] [-d SECONDS] [-o FIELD] [-H] [-u USER]
 *
 * show, the default, describes one process, field by field:
 *   --tree  also the ancestors up to init and every descendant
 *   --json  one JSON object per process, for scripts
 *   --proc  /proc's value beside each field; exit 1 on a mismatch
 * ps and tree (ps.c, tree.c) list every process, as ps(1) and pstree(1);
 * top (top.c) shows them live, as top(1).
 *
 * Exit status: 0; 1 on a mismatch with /proc; 2 on a usage error, a
 * missing process or a kernel without CONFIG_PIDINFO.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "procfs.h"

static bool json, compare;
static int mismatches;

int usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", cmd);
	return EXIT_USAGE;
}

int common_option(int c, const char *cmd, void (*usage)(FILE *out))
{
	switch (c) {
	case 'h':
		usage(stdout);
		return 0;
	case 'V':
		printf("%s from pidinfo %s\n", cmd, PIDINFO_VERSION);
		return 0;
	default:
		/* getopt_long() has said what was wrong. */
		fprintf(stderr, "Try '%s --help' for more information.\n", cmd);
		return EXIT_USAGE;
	}
}

int parse_number(const char *cmd, const char *what, const char *arg,
		 long long min, long long max, long long *val)
{
	char *end;

	errno = 0;
	/* Digits only: strtoll() would take spaces and a sign too. */
	if (*arg >= '0' && *arg <= '9')
		*val = strtoll(arg, &end, 10);
	else
		end = (char *)arg;
	if (end == arg || *end)
		return usage_error(cmd, "invalid %s '%s': not a decimal number",
				   what, arg);
	if (errno == ERANGE || *val < min || *val > max)
		return usage_error(cmd, "invalid %s '%s': not from %lld to %lld",
				   what, arg, min, max);
	return 0;
}

int parse_pid(const char *cmd, const char *arg, pid_t *pid)
{
	long long val;

	if (parse_number(cmd, "PID", arg, 1, INT_MAX, &val))
		return EXIT_USAGE;
	*pid = val;
	return 0;
}

const char *printable(const char *s, char *buf, size_t size)
{
	pidinfo_text_string(buf, size, s, size);
	return buf;
}

static void text_row(void *ctx, const struct pidinfo_row *row)
{
	static char text[PATH_MAX], proc[PATH_MAX];

	(void)ctx;
	printable(row->text, text, sizeof(text));
	if (!*row->proc)
		printf("  %-14s %s\n", row->name, text);
	else
		printf("  %-14s %-30s /proc: %s%s\n", row->name, text,
		       printable(row->proc, proc, sizeof(proc)),
		       row->same ? "" : "  MISMATCH");
}

/* Fields with no value (withheld, gone) are left out of the object. */
static void json_row(void *ctx, const struct pidinfo_row *row)
{
	bool *first = ctx;

	if (!*row->json)
		return;
	printf("%s\"%s\":%s", *first ? "{" : ",", row->name, row->json);
	*first = false;
}

/*
 * Asks for @pid; with --proc, reads /proc after the call into *@compared
 * (NULL when /proc does not know the process), again while /proc/PID/stat
 * read before the call says otherwise: a sleeping process that changed
 * meanwhile would show a mismatch that is none (proc_stat_settled()).
 */
static int ask(pid_t pid, struct pidinfo_answer *a,
	       const struct proc_view **compared)
{
	static struct proc_view view;
	static int *kids;
	struct proc_stat before;
	bool have_before;
	int tries;

	*compared = NULL;
	if (compare && !kids)
		kids = malloc((1 << 20) * sizeof(*kids));
	for (tries = 1; ; tries++) {
		have_before = compare && !proc_read_stat(pid, &before);
		if (pidinfo_ask(pid, 0, a))
			return -1;
		if (!compare || !kids ||
		    proc_view_read(pid, &view, kids, 1 << 20))
			return 0;
		*compared = &view;
		if (!have_before || proc_stat_settled(&before, &view.st) ||
		    view.st.state == 'R' || tries == 10)
			return 0;
		pidinfo_answer_free(a);
		usleep(1000);
	}
}

static void show(const struct pidinfo_answer *a,
		 const struct proc_view *compared)
{
	const struct pidinfo_buffers bufs = {
		.children = a->children, .root = a->root, .cwd = a->cwd,
		.exe = a->exe, .cmdline = a->cmdline,
	};
	bool first = true;

	if (!json)
		printf("process %d\n", a->info.pid);
	mismatches += pidinfo_rows(&a->info, &bufs, compared,
				   json ? json_row : text_row,
				   json ? (void *)&first : NULL);
	if (json)
		printf("}\n");
}

/* Describes @pid; 0, or -1 with the message already printed. */
static int describe(pid_t pid, struct pidinfo_answer *a,
		    const struct proc_view **compared)
{
	if (!ask(pid, a, compared))
		return 0;
	if (errno == ENOSYS)
		fprintf(stderr, "pidinfo: %s\n",
			"no get_pid_info() in this kernel: it needs CONFIG_PIDINFO=y");
	else if (errno == ESRCH)
		fprintf(stderr, "pidinfo: no process %d\n", pid);
	else
		fprintf(stderr, "pidinfo: %d: %s\n", pid, strerror(errno));
	return -1;
}

static void walk_down(pid_t pid)
{
	const struct proc_view *compared;
	struct pidinfo_answer a;
	unsigned int i;

	/* A child may be gone by now: not an error in a walk. */
	if (ask(pid, &a, &compared))
		return;
	show(&a, compared);
	for (i = 0; i < a.info.nr_children; i++)
		walk_down(a.children[i]);
	pidinfo_answer_free(&a);
}

static void show_usage(FILE *out)
{
	fputs("Usage:\n"
	      " pidinfo [show] [options] PID\n"
	      "\n"
	      "Describe one process, field by field, from get_pid_info().\n"
	      "\n"
	      "Options:\n"
	      " -t, --tree     also its ancestors up to init and its descendants\n"
	      " -j, --json     one JSON object per process\n"
	      " -p, --proc     /proc's value beside each field; exit 1 if one differs\n"
	      " -h, --help     display this help\n"
	      " -V, --version  display the version\n"
	      "\n"
	      "Fields: pid tgid identity state ppid pgid sid uid euid gid egid suid\n"
	      " fsuid sgid fsgid threads nice stack_start start_time_ns age_ns comm\n"
	      " name root cwd children utime_ns stime_ns min_flt maj_flt vsize rss\n"
	      " shared locked cpu policy rt_priority priority tty_nr tpgid cgroup_id\n"
	      " kthread exe cmdline\n"
	      " (see get_pid_info(2) for each).\n"
	      "\n"
	      "Exit status: 0; 1 if --proc found a mismatch; 2 on a usage error,\n"
	      "no such process, or a kernel without get_pid_info().\n", out);
}

int pidinfo_show(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "tree", no_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ "proc", no_argument, NULL, 'p' },
		OPTION_HELP,
		OPTION_VERSION,
		{}
	};
	const char *cmd = strcmp(argv[0], "pidinfo show") ? "pidinfo" :
			  "pidinfo show";
	const struct proc_view *compared;
	struct pidinfo_answer a;
	bool tree = false;
	pid_t pid, up;
	int c;

	while ((c = getopt_long(argc, argv, COMMON_SHORT "tjp", opts,
				NULL)) != -1) {
		switch (c) {
		case 't':
			tree = true;
			break;
		case 'j':
			json = true;
			break;
		case 'p':
			compare = true;
			break;
		default:
			return common_option(c, cmd, show_usage);
		}
	}
	if (optind != argc - 1)
		return usage_error(cmd, optind == argc ? "no PID given" :
				   "one PID only");
	if (parse_pid(cmd, argv[optind], &pid))
		return EXIT_USAGE;
	if (describe(pid, &a, &compared))
		return EXIT_USAGE;
	if (!tree) {
		show(&a, compared);
		pidinfo_answer_free(&a);
		return mismatches ? EXIT_MISMATCH : 0;
	}

	if (!json)
		printf("ancestors of %d:\n", pid);
	for (up = a.info.ppid; up > 0;) {
		struct pidinfo_answer p;

		if (ask(up, &p, &compared))
			break;
		show(&p, compared);
		up = p.info.ppid;
		pidinfo_answer_free(&p);
	}
	pidinfo_answer_free(&a);
	if (!json)
		printf("%d and its descendants:\n", pid);
	walk_down(pid);
	return mismatches ? EXIT_MISMATCH : 0;
}

static int do_help(int argc, char **argv);

/* Every command, as bpftool's cmds[]: its name, its function, its line. */
static const struct cmd {
	const char *name;
	int (*func)(int argc, char **argv);
	const char *help;
} cmds[] = {
	{ "show", pidinfo_show,
	  "describe one process, field by field (the default)" },
	{ "ps", pidinfo_ps, "list every process, as ps(1) does" },
	{ "tree", pidinfo_tree, "draw the process tree, as pstree(1) does" },
	{ "top", pidinfo_top, "a live view of the processes, as top(1)" },
	{ "help", do_help, "display this help" },
};

static void main_usage(FILE *out)
{
	unsigned int i;

	fputs("Usage:\n"
	      " pidinfo [show] [options] PID\n"
	      " pidinfo ps [options]\n"
	      " pidinfo tree [options] [PID]\n"
	      " pidinfo top [options]\n"
	      " pidinfo COMMAND --help\n"
	      "\n"
	      "What get_pid_info() says about processes, without /proc.\n"
	      "\n"
	      "Commands:\n", out);
	for (i = 0; i < ARRAY_SIZE(cmds); i++)
		fprintf(out, " %-6s %s\n", cmds[i].name, cmds[i].help);
	fputs("\n"
	      "Options:\n"
	      " -h, --help     display this help\n"
	      " -V, --version  display the version\n"
	      "\n"
	      "Run 'pidinfo COMMAND --help' for a command's options.\n"
	      "Exit status: 0; 1 if show --proc found a mismatch; 2 on bad\n"
	      "options or PIDs, no such process, or a kernel without\n"
	      "get_pid_info().  See pidinfo(1).\n", out);
}

static int do_help(int argc, char **argv)
{
	if (argc > 1)
		return usage_error("pidinfo help", "unexpected argument '%s'",
				   argv[1]);
	main_usage(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	static char name[32];
	unsigned int i;

	if (argc > 1) {
		for (i = 0; i < ARRAY_SIZE(cmds); i++) {
			if (strcmp(argv[1], cmds[i].name))
				continue;
			/* For getopt_long()'s messages: "pidinfo ps: ...". */
			snprintf(name, sizeof(name), "pidinfo %s", argv[1]);
			argv[1] = name;
			return cmds[i].func(argc - 1, argv + 1);
		}
		if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
			return do_help(1, argv);
		if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version"))
			return common_option('V', "pidinfo", main_usage);
	}
	/* show is the default: pidinfo [options] PID. */
	return pidinfo_show(argc, argv);
}
