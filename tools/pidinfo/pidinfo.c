// SPDX-License-Identifier: GPL-2.0
/*
 * pidinfo: print what get_pid_info() says about a process.
 *
 * usage: pidinfo [--tree] [--json] [--proc] PID
 *   --tree  also the ancestors up to init and every descendant
 *   --json  one JSON object per process, for scripts
 *   --proc  /proc's value beside each field; exit 1 on a mismatch
 *
 * Exit status: 0; 1 on a mismatch with /proc; 2 on a usage error, a
 * missing process or a kernel without CONFIG_PIDINFO.
 */
#include <getopt.h>
#include <stdio.h>

#include "libpidinfo.h"
#include "pidinfo_util.h"

static bool json, compare;
static int mismatches;

static void field(const char *name, const char *ours, const char *procs)
{
	bool same = !procs || !strcmp(ours, procs);

	if (!compare || !procs)
		printf("  %-12s %s\n", name, ours);
	else
		printf("  %-12s %-30s /proc: %s%s\n", name, ours, procs,
		       same ? "" : "  MISMATCH");
	mismatches += !same;
}

static void field_num(const char *name, long long ours, long long procs,
		      bool have_proc)
{
	char a[32], b[32];

	snprintf(a, sizeof(a), "%lld", ours);
	snprintf(b, sizeof(b), "%lld", procs);
	field(name, a, have_proc ? b : NULL);
}

static const char *missing_reason(const struct pidinfo *info, __u64 bit)
{
	if (info->mask & bit)
		return NULL;
	return info->state == 'Z' || info->state == 'X' ? "(gone: zombie)" :
	       "(withheld: needs ptrace access, as /proc)";
}

static void print_text(pid_t pid, const struct pidinfo_answer *a)
{
	const struct pidinfo *info = &a->info;
	long tick = 1000000000L / sysconf(_SC_CLK_TCK);
	char buf[PATH_MAX], path[64];
	unsigned int ids[2][4];
	struct proc_stat st;
	bool p = compare && !proc_read_stat(pid, &st) &&
		 !proc_read_ids(pid, "Uid:", ids[0]) &&
		 !proc_read_ids(pid, "Gid:", ids[1]);
	unsigned int i;

	printf("process %d\n", info->pid);
	field_num("tgid", info->tgid, info->tgid, false);
	snprintf(buf, sizeof(buf), "%c", info->state);
	snprintf(path, sizeof(path), "%c", p ? st.state : '?');
	field("state", buf, p ? path : NULL);
	field_num("ppid", info->ppid, p ? st.ppid : 0, p);
	field_num("pgid", info->pgid, p ? st.pgrp : 0, p);
	field_num("sid", info->sid, p ? st.session : 0, p);
	field_num("uid", info->uid, p ? ids[0][0] : 0, p);
	field_num("euid", info->euid, p ? ids[0][1] : 0, p);
	field_num("gid", info->gid, p ? ids[1][0] : 0, p);
	field_num("egid", info->egid, p ? ids[1][1] : 0, p);
	field_num("threads", info->nr_threads, p ? st.num_threads : 0, p);
	field_num("nice", info->nice, p ? st.nice : 0, p);
	if (missing_reason(info, PIDINFO_MASK_STACK)) {
		field("stack_start", missing_reason(info, PIDINFO_MASK_STACK), NULL);
	} else {
		snprintf(buf, sizeof(buf), "%#llx",
			 (unsigned long long)info->stack_start);
		snprintf(path, sizeof(path), "%#llx", p ? st.startstack : 0);
		field("stack_start", buf, p ? path : NULL);
	}
	field_num("start_ticks", info->start_time_ns / tick,
		  p ? st.starttime : 0, p);
	snprintf(buf, sizeof(buf), "%.3f s", info->age_ns / 1e9);
	field("age", buf, NULL);
	field("comm", info->comm, NULL);
	field("root", a->root ? a->root : missing_reason(info, PIDINFO_MASK_ROOT),
	      NULL);
	field("cwd", a->cwd ? a->cwd : missing_reason(info, PIDINFO_MASK_CWD), NULL);
	printf("  %-12s %u:", "children", info->nr_children);
	for (i = 0; i < info->nr_children; i++)
		printf(" %d", a->children[i]);
	printf("\n");
}

static void print_json(const struct pidinfo_answer *a)
{
	const struct pidinfo *info = &a->info;
	unsigned int i;

	printf("{\"pid\":%d,\"tgid\":%d,\"state\":\"%c\",", info->pid,
	       info->tgid, info->state);
	printf("\"ppid\":%d,\"pgid\":%d,\"sid\":%d,", info->ppid,
	       info->pgid, info->sid);
	printf("\"uid\":%u,\"euid\":%u,\"gid\":%u,\"egid\":%u,",
	       info->uid, info->euid, info->gid, info->egid);
	printf("\"threads\":%u,\"nice\":%d,", info->nr_threads, info->nice);
	printf("\"start_time_ns\":%llu,\"age_ns\":%llu,\"comm\":\"",
	       (unsigned long long)info->start_time_ns,
	       (unsigned long long)info->age_ns);
	for (i = 0; info->comm[i]; i++) {
		unsigned char c = info->comm[i];

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	printf("\"");
	if (info->mask & PIDINFO_MASK_STACK)
		printf(",\"stack_start\":%llu",
		       (unsigned long long)info->stack_start);
	if (a->root)
		printf(",\"root\":\"%s\"", a->root);
	if (a->cwd)
		printf(",\"cwd\":\"%s\"", a->cwd);
	printf(",\"children\":[");
	for (i = 0; i < info->nr_children; i++)
		printf("%s%d", i ? "," : "", a->children[i]);
	printf("]}\n");
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

static void show(pid_t pid, const struct pidinfo_answer *a)
{
	if (json)
		print_json(a);
	else
		print_text(pid, a);
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

int main(int argc, char **argv)
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
			fprintf(stderr, "usage: pidinfo [--tree] [--json] [--proc] PID\n");
			return c == 'h' ? 0 : 2;
		}
	}
	pid = optind == argc - 1 ? atoi(argv[optind]) : 0;
	if (pid <= 0) {
		fprintf(stderr, "usage: pidinfo [--tree] [--json] [--proc] PID\n");
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
