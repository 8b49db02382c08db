// SPDX-License-Identifier: GPL-2.0
/*
 * pidinfo tree: the process tree drawn as psmisc's pstree(1) draws it,
 * with box characters, from get_pid_info()'s listing alone: no /proc.
 *
 * As pstree: children sorted by name, threads as {name} after them, and,
 * without -p, identical sibling subtrees merged as N*[name]; with -p,
 * every process and thread with its ID.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "pidinfo.h"

struct node {
	pid_t pid;
	pid_t ppid;
	bool thread;
	bool has_identity;	/* not on a kernel without pidfs */
	__u64 identity;
	char name[PIDINFO_NAME_LEN];
	struct node **kids;
	int nr_kids;
};

struct forest {
	struct node *nodes;
	int nr, cap;
	bool show_pids, threads, json;
};

static struct node *add_node(struct forest *f, const struct pidinfo *info,
			     bool thread)
{
	struct node *n;

	if (f->nr == f->cap) {
		int cap = f->cap ? 2 * f->cap : 1024;
		struct node *more = realloc(f->nodes, cap * sizeof(*more));

		if (!more)
			return NULL;
		f->nodes = more;
		f->cap = cap;
	}
	n = &f->nodes[f->nr++];
	memset(n, 0, sizeof(*n));
	n->pid = info->pid;
	n->ppid = thread ? info->tgid : info->ppid;
	n->thread = thread;
	n->has_identity = info->mask & PIDINFO_MASK_IDENTITY;
	n->identity = info->identity;
	memcpy(n->name, info->name, sizeof(n->name));
	n->name[sizeof(n->name) - 1] = '\0';
	return n;
}

static int add_thread(const struct pidinfo *info, void *ctx)
{
	/* The leader is the process itself. */
	if (info->pid != info->tgid && !add_node(ctx, info, true))
		return -1;
	return 0;
}

static int add_process(const struct pidinfo *info, void *ctx)
{
	struct forest *f = ctx;

	if (!add_node(f, info, false))
		return -1;
	if (f->threads && info->nr_threads > 1)
		return pidinfo_list(PIDINFO_MASK_PID | PIDINFO_MASK_COMM |
				    PIDINFO_MASK_IDENTITY, info->pid,
				    add_thread, f);
	return 0;
}

static struct node *find(struct forest *f, pid_t pid)
{
	int lo = 0, hi = f->nr - 1;

	/* By then the nodes are sorted by ID, threads among processes. */
	while (lo <= hi) {
		int mid = (lo + hi) / 2;

		if (f->nodes[mid].pid < pid)
			lo = mid + 1;
		else if (f->nodes[mid].pid > pid)
			hi = mid - 1;
		else
			return &f->nodes[mid];
	}
	return NULL;
}

static int cmp_nodes(const void *a, const void *b)
{
	const struct node *x = *(struct node *const *)a;
	const struct node *y = *(struct node *const *)b;
	int c;

	if (x->thread != y->thread)
		return x->thread - y->thread;
	c = strcmp(x->name, y->name);
	return c ? c : (x->pid > y->pid) - (x->pid < y->pid);
}

static int cmp_pids(const void *a, const void *b)
{
	const struct node *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* Links every node under its parent; nodes are sorted by PID first. */
static int link_nodes(struct forest *f)
{
	int i;

	qsort(f->nodes, f->nr, sizeof(*f->nodes), cmp_pids);
	for (i = 0; i < f->nr; i++) {
		struct node *n = &f->nodes[i];
		struct node *p = n->ppid ? find(f, n->ppid) : NULL;
		struct node **more;

		if (!p || p == n)
			continue;
		more = realloc(p->kids, (p->nr_kids + 1) * sizeof(*more));
		if (!more)
			return -1;
		p->kids = more;
		p->kids[p->nr_kids++] = n;
	}
	for (i = 0; i < f->nr; i++)
		qsort(f->nodes[i].kids, f->nodes[i].nr_kids,
		      sizeof(struct node *), cmp_nodes);
	return 0;
}

static bool same_tree(const struct node *a, const struct node *b)
{
	int i;

	if (a->thread != b->thread || strcmp(a->name, b->name) ||
	    a->nr_kids != b->nr_kids)
		return false;
	for (i = 0; i < a->nr_kids; i++)
		if (!same_tree(a->kids[i], b->kids[i]))
			return false;
	return true;
}

static int label(const struct forest *f, const struct node *n, int count,
		 char *buf, size_t size)
{
	const char *open = n->thread ? "{" : "", *close = n->thread ? "}" : "";
	char name[PIDINFO_NAME_LEN];

	/* Unprintable bytes as '?', as ps shows them. */
	printable(n->name, name, sizeof(name));
	if (f->show_pids)
		return snprintf(buf, size, "%s%s%s(%d)", open, name, close,
				n->pid);
	if (count > 1)
		return snprintf(buf, size, "%d*[%s%s%s]", count, open, name,
				close);
	return snprintf(buf, size, "%s%s%s", open, name, close);
}

/*
 * Draws @n at the current column, its subtree below; @prefix (@len bytes)
 * reaches that column on the lines after the first.
 */
static void draw(const struct forest *f, const struct node *n, int count,
		 char *prefix, size_t len)
{
	char name[PIDINFO_NAME_LEN + 32];
	int w = label(f, n, count, name, sizeof(name)), i, j, nr = 0;
	const struct node *kids[n->nr_kids ? n->nr_kids : 1];
	int counts[n->nr_kids ? n->nr_kids : 1];

	fputs(name, stdout);
	/* Identical siblings, merged when no PIDs tell them apart. */
	for (i = 0; i < n->nr_kids; i = j) {
		for (j = i + 1; !f->show_pids && j < n->nr_kids &&
		     same_tree(n->kids[i], n->kids[j]); j++)
			;
		kids[nr] = n->kids[i];
		counts[nr++] = j - i;
	}
	if (!nr) {
		putchar('\n');
		return;
	}
	memset(prefix + len, ' ', w);
	len += w;
	for (i = 0; i < nr; i++) {
		bool last = i == nr - 1;
		size_t more;

		if (!i) {
			fputs(nr == 1 ? "───" : "─┬─", stdout);
		} else {
			fwrite(prefix, 1, len, stdout);
			fputs(last ? " └─" : " ├─", stdout);
		}
		more = sprintf(prefix + len, "%s", last ? "   " : " │ ");
		draw(f, kids[i], counts[i], prefix, len + more);
	}
}

static void draw_json(const struct forest *f, const struct node *n)
{
	char name[2 * PIDINFO_NAME_LEN + 8];
	int i;

	pidinfo_json_string(name, sizeof(name), n->name);
	printf("{\"pid\":%d,", n->pid);
	if (n->has_identity)
		printf("\"identity\":%llu,", (unsigned long long)n->identity);
	else
		printf("\"identity\":null,");
	printf("\"name\":%s,\"thread\":%s,\"children\":[", name,
	       n->thread ? "true" : "false");
	for (i = 0; i < n->nr_kids; i++) {
		if (i)
			putchar(',');
		draw_json(f, n->kids[i]);
	}
	printf("]}");
}

static void tree_usage(FILE *out)
{
	fputs("Usage:\n"
	      " pidinfo tree [options] [PID]\n"
	      "\n"
	      "Draw the tree of processes under PID (default 1), as pstree(1)\n"
	      "does, from get_pid_info() alone.\n"
	      "\n"
	      "Options:\n"
	      " -p, --show-pids     every process and thread with its ID\n"
	      " -T, --hide-threads  no threads\n"
	      " -j, --json          nested objects: pid, identity, name, thread,\n"
	      "                     children\n"
	      " -h, --help          display this help\n"
	      " -V, --version       display the version\n", out);
}

int pidinfo_tree(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "show-pids", no_argument, NULL, 'p' },
		{ "hide-threads", no_argument, NULL, 'T' },
		OPTION_HELP,
		OPTION_VERSION,
		{}
	};
	struct forest f = { .threads = true };
	const struct node *root;
	pid_t pid = 1;
	char *prefix;
	int c, i;

	while ((c = getopt_long(argc, argv, COMMON_SHORT "pTj", opts,
				NULL)) != -1) {
		switch (c) {
		case 'p':
			f.show_pids = true;
			break;
		case 'T':
			f.threads = false;
			break;
		case 'j':
			f.json = true;
			break;
		default:
			return common_option(c, "pidinfo tree", tree_usage);
		}
	}
	if (optind < argc - 1)
		return usage_error("pidinfo tree", "one PID only");
	if (optind < argc && parse_pid("pidinfo tree", argv[optind], &pid))
		return EXIT_USAGE;
	if (pidinfo_list(PIDINFO_MASK_PID | PIDINFO_MASK_PPID |
			 PIDINFO_MASK_COMM | PIDINFO_MASK_THREADS |
			 PIDINFO_MASK_IDENTITY, 0, add_process, &f) ||
	    link_nodes(&f)) {
		fprintf(stderr, "pidinfo tree: %s\n", errno == ENOSYS ?
			"no get_pid_info() in this kernel" : strerror(errno));
		return EXIT_USAGE;
	}
	root = find(&f, pid);
	if (!root || root->thread) {
		fprintf(stderr, "pidinfo tree: no process %d\n", pid);
		return EXIT_USAGE;
	}
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	if (f.json) {
		draw_json(&f, root);
		putchar('\n');
	} else {
		/* Deep enough for any tree: each level adds a label and 5 bytes. */
		prefix = malloc((size_t)f.nr * (PIDINFO_NAME_LEN + 40) + 64);
		if (!prefix)
			return EXIT_USAGE;
		draw(&f, root, 1, prefix, 0);
		free(prefix);
	}
	for (i = 0; i < f.nr; i++)
		free(f.nodes[i].kids);
	free(f.nodes);
	return 0;
}
