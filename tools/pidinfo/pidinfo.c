// SPDX-License-Identifier: GPL-2.0
/*
 * pidinfo: what get_pid_info() says about processes.
 *
 * usage: pidinfo [show] [--tree] [--json] [--proc] PID
 *        pidinfo ps [-L] [-o COLUMN,...] [--no-headers] [--json]
 *        pidinfo tree [-p] [-T] [--json] [PID]
 *
 * show, the default, describes one process, field by field:
 *   --tree  also the ancestors up to init and every descendant
 *   --json  one JSON object per process, for scripts
 *   --proc  /proc's value beside each field; exit 1 on a mismatch
 * ps and tree (ps.c, tree.c) list every process, as ps(1) and pstree(1).
 *
 * Exit status: 0; 1 on a mismatch with /proc; 2 on a usage error, a
 * missing process or a kernel without CONFIG_PIDINFO.
 */
#include <getopt.h>
#include <stdio.h>

#include "commands.h"
#include "libpidinfo.h"
#include "procfs.h"

#define SHOW_USAGE "usage: pidinfo [show] [--tree] [--json] [--proc] PID\n"

static bool json, compare;
static int mismatches;

static void text_row(void *ctx, const struct pidinfo_row *row)
{
	if (!*row->proc)
		printf("  %-14s %s\n", row->name, row->text);
	else
		printf("  %-14s %-30s /proc: %s%s\n", row->name, row->text,
		       row->proc, row->same ? "" : "  MISMATCH");
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

static void show(pid_t pid, const struct pidinfo_answer *a)
{
	const struct pidinfo_buffers bufs = {
		.children = a->children, .root = a->root, .cwd = a->cwd,
		.exe = a->exe, .cmdline = a->cmdline,
	};
	const struct proc_view *compared = NULL;
	static struct proc_view view;
	static int *kids;
	bool first = true;

	if (!json)
		printf("process %d\n", a->info.pid);
	/* /proc may not know the process any more: nothing to compare then. */
	if (compare && !kids)
		kids = malloc((1 << 20) * sizeof(*kids));
	if (compare && kids && !proc_view_read(pid, &view, kids, 1 << 20))
		compared = &view;
	mismatches += pidinfo_rows(&a->info, &bufs, compared,
				   json ? json_row : text_row,
				   json ? (void *)&first : NULL);
	if (json)
		printf("}\n");
}

/* Describes @pid; 0, or -1 with the message already printed. */
static int describe(pid_t pid, struct pidinfo_answer *a)
{
	if (!pidinfo_ask(pid, 0, a))
		return 0;
	if (errno == ENOSYS)
		fprintf(stderr, "pidinfo: %s\n",
			"no get_pid_info() in this kernel: it needs CONFIG_PIDINFO=y");
	else if (errno == ESRCH)
		fprintf(stderr, "pidinfo: no process %d\n", pid);
	else
		fprintf(stderr, "pidinfo: %d: %s\n", pid, strerror(errno));
	pidinfo_answer_free(a);
	return -1;
}

static void walk_down(pid_t pid)
{
	struct pidinfo_answer a;
	unsigned int i;

	/* A child may be gone by now: not an error in a walk. */
	if (pidinfo_ask(pid, 0, &a))
		return;
	show(pid, &a);
	for (i = 0; i < a.info.nr_children; i++)
		walk_down(a.children[i]);
	pidinfo_answer_free(&a);
}

static int pidinfo_show(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "tree", no_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ "proc", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct pidinfo_answer a;
	bool tree = false;
	pid_t pid, up;
	int c;

	while ((c = getopt_long(argc, argv, "tjph", opts, NULL)) != -1) {
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
			fputs(SHOW_USAGE, c == 'h' ? stdout : stderr);
			return c == 'h' ? 0 : 2;
		}
	}
	pid = optind == argc - 1 ? atoi(argv[optind]) : 0;
	if (pid <= 0) {
		fputs(SHOW_USAGE, stderr);
		return 2;
	}
	if (describe(pid, &a))
		return 2;
	if (!tree) {
		show(pid, &a);
		pidinfo_answer_free(&a);
		return mismatches ? 1 : 0;
	}

	if (!json)
		printf("ancestors of %d:\n", pid);
	for (up = a.info.ppid; up > 0;) {
		struct pidinfo_answer p;

		if (pidinfo_ask(up, 0, &p))
			break;
		show(up, &p);
		up = p.info.ppid;
		pidinfo_answer_free(&p);
	}
	pidinfo_answer_free(&a);
	if (!json)
		printf("%d and its descendants:\n", pid);
	walk_down(pid);
	return mismatches ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "ps"))
		return pidinfo_ps(argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "tree"))
		return pidinfo_tree(argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "show"))
		return pidinfo_show(argc - 1, argv + 1);
	return pidinfo_show(argc, argv);
}
