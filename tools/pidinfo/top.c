// SPDX-License-Identifier: GPL-2.0
/*
 * pidinfo top: a live view of the processes, as procps' top(1), with the
 * process table read by list_pid_info() (pidinfo_list()), not /proc.
 *
 * Each task is keyed by its identity (the pidfs inode of its struct pid,
 * never reused during a boot), or where the kernel has none (Linux 6.1) by
 * its PID and start time: %CPU is the CPU time a task used since the last
 * refresh, and a PID reused in between starts from nothing instead of
 * inheriting another process's time.  Kill works through a pidfd checked
 * against that key (pidinfo_pidfd_open()), so it never signals a process
 * that took over the PID.
 *
 * The summary (uptime, load, CPU and memory) is system-wide: sysinfo(2),
 * and /proc/stat and /proc/meminfo where /proc is mounted, as procps
 * reads them.  Batch mode (-b) prints what procps' top -b prints, column
 * for column; the interactive view needs ncurses (not built with
 * NO_CURSES=1).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <pwd.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <time.h>
#include <unistd.h>
#include <utmpx.h>

#include "commands.h"
#include "pidinfo.h"

#ifndef PIDINFO_NO_CURSES
#include <curses.h>
#endif

#ifndef PIDFD_THREAD
#define PIDFD_THREAD	O_EXCL
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal	424	/* the same on every architecture */
#endif
#ifndef PIDFD_SIGNAL_THREAD_GROUP
#define PIDFD_SIGNAL_THREAD_GROUP	2	/* Linux 6.9's <linux/pidfd.h> */
#endif

#define TOP_MASK	(PIDINFO_MASK_PID | PIDINFO_MASK_STATE |	\
			 PIDINFO_MASK_CREDS | PIDINFO_MASK_NICE |	\
			 PIDINFO_MASK_TIME | PIDINFO_MASK_CPUTIME |	\
			 PIDINFO_MASK_MEMORY | PIDINFO_MASK_SCHED |	\
			 PIDINFO_MASK_COMM | PIDINFO_MASK_IDENTITY)

/* procps' first frame shows the CPU used in its first moments, as here. */
#define FIRST_SAMPLE_NS	150000000LL

struct top_task {
	struct pidinfo info;
	__u64 cpu_ns;		/* utime_ns + stime_ns */
	__u64 ticks;		/* the same in clock ticks, as TIME+ shows */
	double pcpu;		/* since the last refresh */
	char *line;		/* its row as last drawn, or NULL */
	unsigned int line_gen;	/* the top_state's line_gen it was drawn in */
};

struct snapshot {
	struct top_task *tasks;	/* by key (cmp_key()) */
	size_t n, cap;
	long long when_ns;	/* CLOCK_MONOTONIC */
};

/* /proc/stat's first line, in ticks. */
struct cpu_ticks {
	unsigned long long user, nice, system, idle, iowait, irq, softirq,
		steal;
};

enum sort_key { SORT_CPU, SORT_MEM, SORT_PID, SORT_TIME };

static const char *const sort_names[] = {
	[SORT_CPU] = "%CPU", [SORT_MEM] = "%MEM", [SORT_PID] = "PID",
	[SORT_TIME] = "TIME+",
};

struct top_state {
	struct snapshot now, before;
	struct top_task **order;	/* the rows shown, in display order */
	size_t nr_rows;
	struct cpu_ticks cpu_now, cpu_before;
	enum sort_key sort;
	bool reverse, threads, batch;
	bool filter_user;
	uid_t user;
	double delay;
	long long iterations;	/* 0: until quit */
	int width;		/* batch: the line's width */
	long hz;
	int pid_width;
	unsigned long long mem_total_kib;
	/*
	 * A row drawn under another line_gen is drawn again: it changes with
	 * what every row depends on (the view, the memory's total).
	 */
	unsigned int line_gen;
	bool drawn_threads;
	unsigned long long drawn_mem_total_kib;
	char message[160];	/* the interactive view's status line */
};

static long long monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/*
 * PID, then identity (0 where none) and start time: the order a listing
 * of processes comes in, so that only the thread view needs a sort.
 */
static int cmp_key(const void *a, const void *b)
{
	const struct pidinfo *x = &((const struct top_task *)a)->info;
	const struct pidinfo *y = &((const struct top_task *)b)->info;

	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	if (x->identity != y->identity)
		return x->identity < y->identity ? -1 : 1;
	if (x->start_time_ns != y->start_time_ns)
		return x->start_time_ns < y->start_time_ns ? -1 : 1;
	return 0;
}

static int add_task(const struct pidinfo *info, void *ctx)
{
	struct snapshot *s = ctx;
	struct top_task *t;

	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 1024;

		t = realloc(s->tasks, cap * sizeof(*t));
		if (!t)
			return -1;
		s->tasks = t;
		s->cap = cap;
	}
	t = &s->tasks[s->n++];
	t->info = *info;
	/* Without an identity the key is the PID and start time alone. */
	if (!(info->mask & PIDINFO_MASK_IDENTITY))
		t->info.identity = 0;
	t->cpu_ns = info->utime_ns + info->stime_ns;
	t->pcpu = 0;
	t->line = NULL;
	return 0;
}

static int add_threads(const struct pidinfo *info, void *ctx)
{
	/* A process gone since it was listed has no threads to add. */
	return pidinfo_list(TOP_MASK, info->pid, add_task, ctx) ? -1 : 0;
}

/*
 * Whether @t's row reads as @was's did, the same task a refresh before:
 * then its text is drawn again as it was.  At rest, most rows are.
 */
static bool same_row(const struct top_task *was, const struct top_task *t)
{
	const struct pidinfo *a = &was->info, *b = &t->info;

	return a->pid == b->pid && a->tgid == b->tgid && a->euid == b->euid &&
	       a->priority == b->priority && a->nice == b->nice &&
	       a->vsize / 1024 == b->vsize / 1024 &&
	       a->rss / 1024 == b->rss / 1024 &&
	       a->shared / 1024 == b->shared / 1024 && a->state == b->state &&
	       was->pcpu == t->pcpu && was->ticks == t->ticks &&
	       !memcmp(a->name, b->name, sizeof(a->name));
}

/*
 * Reads the table into st->now, the last one becoming st->before, and
 * works out each task's %CPU against the same task (key) in the last.
 */
static int take_snapshot(struct top_state *st)
{
	struct snapshot old = st->before;
	double elapsed;
	size_t i, j;

	for (i = 0; i < old.n; i++)
		free(old.tasks[i].line);
	st->before = st->now;
	st->now = old;
	st->now.n = 0;
	st->nr_rows = 0;	/* st->order pointed into what is now before */
	st->now.when_ns = monotonic_ns();
	if (pidinfo_list(st->threads ? PIDINFO_MASK_PID : TOP_MASK, 0,
			 st->threads ? add_threads : add_task, &st->now))
		return -1;
	for (i = 1; i < st->now.n; i++)
		if (cmp_key(&st->now.tasks[i - 1], &st->now.tasks[i]) > 0)
			break;
	if (i < st->now.n)
		qsort(st->now.tasks, st->now.n, sizeof(*st->now.tasks),
		      cmp_key);

	elapsed = (st->now.when_ns - st->before.when_ns) / 1e9;
	/* Both sorted by key: each task's last self is found in one pass. */
	for (i = 0, j = 0; i < st->now.n; i++) {
		struct top_task *t = &st->now.tasks[i];
		unsigned long long tick = 1000000000ULL / st->hz;
		struct top_task *was = NULL;

		while (j < st->before.n && cmp_key(&st->before.tasks[j], t) < 0)
			j++;
		if (j < st->before.n && !cmp_key(&st->before.tasks[j], t))
			was = &st->before.tasks[j];
		/*
		 * New since the last refresh: all of its time is new.  Less
		 * than before (a de_thread() gave the leader's ID to another
		 * thread): nothing known.
		 */
		__u64 used = was ? 0 : t->cpu_ns;

		/* Each in whole ticks, as /proc/PID/stat has them. */
		t->ticks = t->info.utime_ns / tick + t->info.stime_ns / tick;
		if (was && was->cpu_ns <= t->cpu_ns)
			used = t->cpu_ns - was->cpu_ns;
		t->pcpu = elapsed > 0 ? used / 1e9 * 100 / elapsed : 0;
		if (was && was->line && same_row(was, t)) {
			t->line = was->line;
			t->line_gen = was->line_gen;
			was->line = NULL;
		}
	}
	return 0;
}

/* What a row is sorted by: never negative. */
static double sort_value(const struct top_state *st, const struct top_task *t)
{
	switch (st->sort) {
	case SORT_CPU:
		return t->pcpu;
	case SORT_MEM:
		return t->info.rss;
	case SORT_PID:
		return t->info.pid;
	case SORT_TIME:
		return t->ticks;
	}
	return 0;
}

static int cmp_rows(const struct top_state *st, const struct top_task *a,
		    const struct top_task *b)
{
	double x = sort_value(st, a), y = sort_value(st, b);

	/* High to low, as procps sorts; ties by PID, low to high. */
	if (x != y)
		return (x > y ? -1 : 1) * (st->reverse ? -1 : 1);
	return a->info.pid < b->info.pid ? -1 : a->info.pid > b->info.pid;
}

/* qsort() has no context: the state being sorted. */
static const struct top_state *sorting;

static int cmp_order(const void *a, const void *b)
{
	return cmp_rows(sorting, *(struct top_task *const *)a,
			*(struct top_task *const *)b);
}

/*
 * Appends to st->order the rows that pass the user's filter and whose
 * sort value is 0 (@zero) or not, in the order of st->now: by PID.
 */
static void add_rows(struct top_state *st, bool zero)
{
	size_t i;

	for (i = 0; i < st->now.n; i++) {
		struct top_task *t = &st->now.tasks[i];

		if (st->filter_user && t->info.euid != st->user)
			continue;
		if ((sort_value(st, t) == 0) == zero)
			st->order[st->nr_rows++] = t;
	}
}

/*
 * The rows to show: the user's filter, then the sort.  st->now is in PID
 * order, which is how rows of equal value are ordered: so the rows whose
 * value is 0 (most, at rest, by %CPU and TIME+) are in order already, and
 * only the others are sorted, to go before them (after them, reversed).
 */
static int make_order(struct top_state *st)
{
	struct top_task **order;
	size_t first;

	order = realloc(st->order, (st->now.n + 1) * sizeof(*order));
	if (!order)
		return -1;
	st->order = order;
	st->nr_rows = 0;
	if (st->reverse)
		add_rows(st, true);
	first = st->nr_rows;
	add_rows(st, false);
	sorting = st;
	qsort(order + first, st->nr_rows - first, sizeof(*order), cmp_order);
	if (!st->reverse)
		add_rows(st, true);
	return 0;
}

/* The summary's sources: what procps' top reads, and sysinfo(2). */
static void read_cpu_ticks(struct cpu_ticks *c)
{
	FILE *f = fopen("/proc/stat", "re");

	memset(c, 0, sizeof(*c));
	if (!f)
		return;
	if (fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &c->user,
		   &c->nice, &c->system, &c->idle, &c->iowait, &c->irq,
		   &c->softirq, &c->steal) != 8)
		memset(c, 0, sizeof(*c));
	fclose(f);
}

struct meminfo {
	unsigned long long total, free, available, buffers, cached,
		reclaimable, swap_total, swap_free;
};

static void read_meminfo(struct meminfo *m)
{
	static const struct {
		const char *name;
		size_t offset;
	} keys[] = {
		{ "MemTotal:", offsetof(struct meminfo, total) },
		{ "MemFree:", offsetof(struct meminfo, free) },
		{ "MemAvailable:", offsetof(struct meminfo, available) },
		{ "Buffers:", offsetof(struct meminfo, buffers) },
		{ "Cached:", offsetof(struct meminfo, cached) },
		{ "SReclaimable:", offsetof(struct meminfo, reclaimable) },
		{ "SwapTotal:", offsetof(struct meminfo, swap_total) },
		{ "SwapFree:", offsetof(struct meminfo, swap_free) },
	};
	FILE *f = fopen("/proc/meminfo", "re");
	char name[64];
	unsigned long long v;
	struct sysinfo si;
	size_t i;

	memset(m, 0, sizeof(*m));
	while (f && fscanf(f, "%63s %llu kB\n", name, &v) == 2) {
		for (i = 0; i < ARRAY_SIZE(keys); i++)
			if (!strcmp(name, keys[i].name))
				*(unsigned long long *)((char *)m +
							keys[i].offset) = v;
	}
	if (f)
		fclose(f);
	if (m->total || sysinfo(&si))
		return;
	/* No /proc: what sysinfo(2) has. */
	m->total = (unsigned long long)si.totalram * si.mem_unit / 1024;
	m->free = (unsigned long long)si.freeram * si.mem_unit / 1024;
	m->buffers = (unsigned long long)si.bufferram * si.mem_unit / 1024;
	m->available = m->free + m->buffers;
	m->swap_total = (unsigned long long)si.totalswap * si.mem_unit / 1024;
	m->swap_free = (unsigned long long)si.freeswap * si.mem_unit / 1024;
}

static int count_users(void)
{
	struct utmpx *u;
	int n = 0;

	setutxent();
	while ((u = getutxent()))
		if (u->ut_type == USER_PROCESS && u->ut_user[0])
			n++;
	endutxent();
	return n;
}

/* Some counters (iowait) may go back: that is 0, as procps has it. */
static unsigned long long delta(unsigned long long now,
				unsigned long long before)
{
	return now > before ? now - before : 0;
}

/*
 * Where a line goes: stdout in batch mode, the screen otherwise.  @line
 * is cut at the width (batch) or the screen's columns.
 */
typedef void (*emit_fn)(struct top_state *st, int row, const char *line,
			bool reverse);

/* The five summary lines, as procps 4's top prints them. */
static int summary(struct top_state *st, emit_fn emit, int row)
{
	static const char *const units[] = { "user", "users" };
	unsigned long up_min, running = 0, sleeping = 0, stopped = 0,
		zombie = 0;
	char line[256], clock[16], upt[64];
	struct cpu_ticks d;
	unsigned long long total;
	struct meminfo m;
	struct sysinfo si;
	time_t now = time(NULL);
	struct tm tm;
	size_t i;
	int users = count_users();

	if (sysinfo(&si))
		memset(&si, 0, sizeof(si));
	localtime_r(&now, &tm);
	strftime(clock, sizeof(clock), "%H:%M:%S", &tm);
	up_min = si.uptime / 60;
	if (up_min >= 1440)
		snprintf(upt, sizeof(upt), "%lu day%s, ", up_min / 1440,
			 up_min >= 2880 ? "s" : "");
	else
		upt[0] = '\0';
	if (up_min % 1440 >= 60)
		snprintf(upt + strlen(upt), sizeof(upt) - strlen(upt),
			 "%2lu:%02lu", up_min % 1440 / 60, up_min % 60);
	else
		snprintf(upt + strlen(upt), sizeof(upt) - strlen(upt),
			 "%lu min", up_min % 60);
	snprintf(line, sizeof(line),
		 "top - %s up %s, %2d %s,  load average: %.2f, %.2f, %.2f",
		 clock, upt, users, units[users > 1],
		 si.loads[0] / 65536.0, si.loads[1] / 65536.0,
		 si.loads[2] / 65536.0);
	emit(st, row++, line, false);

	for (i = 0; i < st->now.n; i++) {
		switch (st->now.tasks[i].info.state) {
		case 'R':
			running++;
			break;
		case 'T':
		case 't':
			stopped++;
			break;
		case 'Z':
			zombie++;
			break;
		default:
			sleeping++;
		}
	}
	snprintf(line, sizeof(line),
		 "%s: %3zu total, %3lu running, %3lu sleeping, %3lu stopped, %3lu zombie",
		 st->threads ? "Threads" : "Tasks", st->now.n, running,
		 sleeping, stopped, zombie);
	emit(st, row++, line, false);

	d.user = delta(st->cpu_now.user, st->cpu_before.user);
	d.nice = delta(st->cpu_now.nice, st->cpu_before.nice);
	d.system = delta(st->cpu_now.system, st->cpu_before.system);
	d.idle = delta(st->cpu_now.idle, st->cpu_before.idle);
	d.iowait = delta(st->cpu_now.iowait, st->cpu_before.iowait);
	d.irq = delta(st->cpu_now.irq, st->cpu_before.irq);
	d.softirq = delta(st->cpu_now.softirq, st->cpu_before.softirq);
	d.steal = delta(st->cpu_now.steal, st->cpu_before.steal);
	total = d.user + d.nice + d.system + d.idle + d.iowait + d.irq +
		d.softirq + d.steal;
	if (!total)
		total = 1;
#define PCT(x) (100.0 * (x) / total)
	snprintf(line, sizeof(line),
		 "%%Cpu(s):%5.1f us,%5.1f sy,%5.1f ni,%5.1f id,%5.1f wa,%5.1f hi,%5.1f si,%5.1f st ",
		 PCT(d.user), PCT(d.system), PCT(d.nice), PCT(d.idle),
		 PCT(d.iowait), PCT(d.irq), PCT(d.softirq), PCT(d.steal));
#undef PCT
	emit(st, row++, line, false);

	read_meminfo(&m);
	st->mem_total_kib = m.total;
	snprintf(line, sizeof(line),
		 "MiB Mem : %8.1f total, %8.1f free, %8.1f used, %8.1f buff/cache     ",
		 m.total / 1024.0, m.free / 1024.0,
		 (m.total - m.available) / 1024.0,
		 (m.buffers + m.cached + m.reclaimable) / 1024.0);
	emit(st, row++, line, false);
	snprintf(line, sizeof(line),
		 "MiB Swap: %8.1f total, %8.1f free, %8.1f used. %8.1f avail Mem ",
		 m.swap_total / 1024.0, m.swap_free / 1024.0,
		 (m.swap_total - m.swap_free) / 1024.0,
		 m.available / 1024.0);
	emit(st, row++, line, false);
	return row;
}

/*
 * @kib in @width columns, as procps scales memory: KiB while it fits,
 * then one decimal in m, g, t (whole t if even that is too wide).
 * Returns the length.
 */
static size_t put_mem(char *out, size_t size, int width,
		      unsigned long long kib)
{
	static const char units[] = "mgt";
	double v = kib;
	size_t len = put_u64(out, kib);
	int i;

	if ((int)len <= width)
		return len;
	for (i = 0; units[i]; i++) {
		v /= 1024;
		len = snprintf(out, size, "%*.1f%c", width - 1, v, units[i]);
		if ((int)len <= width)
			return len;
	}
	return snprintf(out, size, "%*.0f%c", width - 1, v, 't');
}

/*
 * TIME+: minutes:seconds.hundredths, or minutes:seconds if that is wider
 * than 9 columns.  Returns the length.
 */
static size_t put_time_plus(char *out, const struct top_state *st,
			    const struct top_task *t)
{
	unsigned long long cs = t->ticks * 100 / st->hz;
	char *p = out + put_u64(out, cs / 6000);

	*p++ = ':';
	p = put_2d(p, cs / 100 % 60);
	if (p - out <= 6) {
		*p++ = '.';
		p = put_2d(p, cs % 100);
	}
	*p = '\0';
	return p - out;
}

/* The effective user's name, or the number, cut to 8 columns with '+'. */
static size_t put_user(char *out, uid_t uid)
{
	const char *name = user_name(uid);
	char number[24];

	if (!name) {
		put_u64(number, uid);
		name = number;
	}
	return put_cut(out, name, 8);
}

static void header_line(const struct top_state *st, char *line, size_t size)
{
	snprintf(line, size,
		 "%*s USER      PR  NI    VIRT    RES    SHR S  %%CPU  %%MEM     TIME+ COMMAND",
		 st->pid_width, "PID");
}

/*
 * A row, as "%*d %-8s %3s %3d %7s %6s %6s %c %5.1f %5.1f %9s %s" would
 * print it, built cell by cell: at 10,000 processes a frame is that many
 * rows, and snprintf() was most of a refresh's time.  @line has room for
 * 1024 bytes.
 */
static void task_line(const struct top_state *st, const struct top_task *t,
		      char *line)
{
	char cell[64], name[4 * sizeof(t->info.name)];
	const struct pidinfo *i = &t->info;
	double pmem = st->mem_total_kib ?
		      100.0 * (i->rss / 1024) / st->mem_total_kib : 0;
	char *p = line;
	size_t len;

	len = put_s64(cell, st->threads ? i->pid : i->tgid);
	p = put_cell(p, cell, len, st->pid_width);
	*p++ = ' ';
	p = put_cell(p, cell, put_user(cell, i->euid), -8);
	*p++ = ' ';
	/* /proc/PID/stat's priority; procps shows -100 (RT 99) as "rt". */
	if (i->priority < -99)
		p = put_cell(p, "rt", 2, 3);
	else
		p = put_cell(p, cell, put_s64(cell, i->priority), 3);
	*p++ = ' ';
	p = put_cell(p, cell, put_s64(cell, i->nice), 3);
	*p++ = ' ';
	p = put_cell(p, cell, put_mem(cell, sizeof(cell), 7, i->vsize / 1024),
		     7);
	*p++ = ' ';
	p = put_cell(p, cell, put_mem(cell, sizeof(cell), 6, i->rss / 1024),
		     6);
	*p++ = ' ';
	p = put_cell(p, cell, put_mem(cell, sizeof(cell), 6, i->shared / 1024),
		     6);
	*p++ = ' ';
	*p++ = (char)i->state;
	*p++ = ' ';
	/* Four digits and more: no decimal, as procps's scale_pcnt(). */
	if (t->pcpu < 999.95)
		len = put_tenths(cell, t->pcpu);
	else
		len = snprintf(cell, sizeof(cell), "%.0f", t->pcpu);
	p = put_cell(p, cell, len, 5);
	*p++ = ' ';
	p = put_cell(p, cell, put_tenths(cell, pmem), 5);
	*p++ = ' ';
	p = put_cell(p, cell, put_time_plus(cell, st, t), 9);
	*p++ = ' ';
	pidinfo_text_string(name, sizeof(name), i->name, sizeof(i->name));
	p = put_cell(p, name, strlen(name), 0);
	*p = '\0';
}

/* Prints @line cut at the width, a cut COMMAND marked with '+'. */
static void emit_batch(struct top_state *st, int row, const char *line,
		       bool reverse)
{
	size_t len = strlen(line);

	if (st->width > 0 && len > (size_t)st->width) {
		fwrite(line, 1, st->width - 1, stdout);
		putchar('+');
	} else {
		fwrite(line, 1, len, stdout);
	}
	putchar('\n');
}

/* The frame: the summary, the column header and the rows that fit. */
static void draw(struct top_state *st, emit_fn emit, int rows)
{
	char line[1024];
	size_t i;
	int row = summary(st, emit, 0);

	emit(st, row++, st->message, false);
	header_line(st, line, sizeof(line));
	emit(st, row++, line, true);
	if (st->threads != st->drawn_threads ||
	    st->mem_total_kib != st->drawn_mem_total_kib) {
		st->line_gen++;
		st->drawn_threads = st->threads;
		st->drawn_mem_total_kib = st->mem_total_kib;
	}
	for (i = 0; i < st->nr_rows && (rows < 0 || row < rows); i++) {
		struct top_task *t = st->order[i];

		if (!t->line || t->line_gen != st->line_gen) {
			task_line(st, t, line);
			free(t->line);
			t->line = strdup(line);
			t->line_gen = st->line_gen;
		}
		emit(st, row++, t->line ? t->line : line, false);
	}
}

static int refresh_data(struct top_state *st)
{
	st->cpu_before = st->cpu_now;
	read_cpu_ticks(&st->cpu_now);
	if (take_snapshot(st))
		return -1;
	return make_order(st);
}

/* The first frame's base: procps too samples once before it. */
static int first_sample(struct top_state *st)
{
	struct timespec pause = { 0, FIRST_SAMPLE_NS };

	read_cpu_ticks(&st->cpu_now);
	if (take_snapshot(st))
		return -1;
	nanosleep(&pause, NULL);
	return refresh_data(st);
}

static void sleep_seconds(double s)
{
	struct timespec ts = {
		.tv_sec = (time_t)s,
		.tv_nsec = (long)((s - (time_t)s) * 1e9),
	};

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static int run_batch(struct top_state *st)
{
	long long n;

	if (first_sample(st))
		return -1;
	for (n = 0;; n++) {
		st->message[0] = '\0';
		draw(st, emit_batch, -1);
		/* A blank line between frames, as procps prints one. */
		putchar('\n');
		if (fflush(stdout) == EOF)
			return 0;
		if (st->iterations && n + 1 >= st->iterations)
			return 0;
		sleep_seconds(st->delay);
		if (refresh_data(st))
			return -1;
	}
}

/* A user name or number; -1 if neither. */
static int parse_user(const char *s, uid_t *uid)
{
	struct passwd *pw = getpwnam(s);
	char *end;
	unsigned long v;

	if (pw) {
		*uid = pw->pw_uid;
		return 0;
	}
	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (*end || errno || v > (uid_t)-2)
		return -1;
	*uid = v;
	return 0;
}

#ifndef PIDINFO_NO_CURSES
/* A signal's number, or its name with or without SIG; 0 if neither. */
static int parse_signal(const char *s)
{
	static const struct {
		const char *name;
		int sig;
	} names[] = {
		{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
		{ "KILL", SIGKILL }, { "USR1", SIGUSR1 }, { "USR2", SIGUSR2 },
		{ "TERM", SIGTERM }, { "CONT", SIGCONT }, { "STOP", SIGSTOP },
	};
	char *end;
	long v;
	size_t i;

	if (!strncasecmp(s, "SIG", 3))
		s += 3;
	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcasecmp(s, names[i].name))
			return names[i].sig;
	if (*s < '0' || *s > '9')
		return 0;
	v = strtol(s, &end, 10);
	return *end || v < 1 || v > 64 ? 0 : v;
}

/*
 * Signals the task shown as @pid, through a pidfd checked against what
 * was listed: a PID freed and reused since is not signalled.  In the
 * thread view the whole process is, as kill(2) on a TID does.
 */
static void kill_shown(struct top_state *st, int pid, int sig)
{
	const struct top_task *t = NULL;
	size_t i;
	int fd;

	for (i = 0; i < st->nr_rows; i++)
		if ((st->threads ? st->order[i]->info.pid :
		     st->order[i]->info.tgid) == pid)
			t = st->order[i];
	if (!t) {
		snprintf(st->message, sizeof(st->message),
			 "PID %d is not shown", pid);
		return;
	}
	fd = pidinfo_pidfd_open(&t->info, st->threads ? PIDFD_THREAD : 0);
	if (fd < 0) {
		snprintf(st->message, sizeof(st->message), errno == ESRCH ?
			 "PID %d has exited, or is another process now: not signalled" :
			 "PID %d: %s", pid, strerror(errno));
		return;
	}
	if (syscall(SYS_pidfd_send_signal, fd, sig, NULL,
		    st->threads ? PIDFD_SIGNAL_THREAD_GROUP : 0))
		snprintf(st->message, sizeof(st->message),
			 "Failed signal pid '%d' with '%d': %s", pid, sig,
			 strerror(errno));
	else
		snprintf(st->message, sizeof(st->message),
			 "Sent signal %d to PID %d", sig, pid);
	close(fd);
}

static void emit_screen(struct top_state *st, int row, const char *line,
			bool reverse)
{
	if (row >= LINES)
		return;
	if (reverse)
		attron(A_REVERSE);
	mvaddnstr(row, 0, line, COLS);
	if (reverse) {
		/* The header's bar spans the screen, as procps draws it. */
		for (int x = strlen(line); x < COLS; x++)
			mvaddch(row, x, ' ');
		attroff(A_REVERSE);
	}
}

/*
 * A line of input on the message row: 1 if one was typed, 0 for a bare
 * Enter, -1 if input ended otherwise (a resize): no answer at all.
 */
static int prompt(struct top_state *st, const char *question, char *answer,
		  int size)
{
	int row = 5, ret;

	move(row, 0);
	clrtoeol();
	attron(A_BOLD);
	mvaddnstr(row, 0, question, COLS);
	attroff(A_BOLD);
	echo();
	curs_set(1);
	timeout(-1);
	ret = getnstr(answer, size - 1);
	noecho();
	curs_set(0);
	st->message[0] = '\0';
	if (ret != OK)
		return -1;
	return answer[0] != '\0';
}

static void ask_kill(struct top_state *st)
{
	char question[96], answer[32];
	long long pid;
	int sig = SIGTERM;
	pid_t first = st->nr_rows ? (st->threads ? st->order[0]->info.pid :
				     st->order[0]->info.tgid) : 0;
	char *end;
	int got;

	snprintf(question, sizeof(question),
		 "PID to signal/kill [default pid = %d] ", first);
	got = prompt(st, question, answer, sizeof(answer));
	if (got < 0)
		return;
	errno = 0;
	pid = got ? strtoll(answer, &end, 10) : first;
	if (got && (*answer < '0' || *answer > '9' || *end || errno ||
		    pid < 1 || pid > INT32_MAX)) {
		snprintf(st->message, sizeof(st->message),
			 " Unacceptable integer");
		return;
	}
	snprintf(question, sizeof(question),
		 "Send pid %lld signal [%d/sigterm] ", pid, SIGTERM);
	got = prompt(st, question, answer, sizeof(answer));
	if (got < 0)
		return;
	if (got)
		sig = parse_signal(answer);
	if (!sig) {
		snprintf(st->message, sizeof(st->message),
			 " Unacceptable signal");
		return;
	}
	kill_shown(st, pid, sig);
}

static void ask_user(struct top_state *st)
{
	char answer[64];
	int got = prompt(st, "Which user (blank for all) ", answer,
			 sizeof(answer));

	if (got <= 0) {
		if (!got)
			st->filter_user = false;
		return;
	}
	if (parse_user(answer, &st->user)) {
		snprintf(st->message, sizeof(st->message), " Invalid user");
		return;
	}
	st->filter_user = true;
}

static void ask_delay(struct top_state *st)
{
	char question[64], answer[32], *end;
	double d;

	snprintf(question, sizeof(question), "Change delay from %.1f to ",
		 st->delay);
	if (prompt(st, question, answer, sizeof(answer)) <= 0)
		return;
	d = strtod(answer, &end);
	if (*end || !(d >= 0) || d > 1e6)
		snprintf(st->message, sizeof(st->message),
			 " Unacceptable floating point");
	else
		st->delay = d;
}

/* A key: whether the table must be read again (false: just redrawn). */
static bool handle_key(struct top_state *st, int ch, bool *quit)
{
	switch (ch) {
	case 'q':
		*quit = true;
		return false;
	case 'P':
		st->sort = SORT_CPU;
		break;
	case 'M':
		st->sort = SORT_MEM;
		break;
	case 'N':
		st->sort = SORT_PID;
		break;
	case 'T':
		st->sort = SORT_TIME;
		break;
	case 'R':
		st->reverse = !st->reverse;
		break;
	case 'H':
		st->threads = !st->threads;
		snprintf(st->message, sizeof(st->message),
			 "Show threads %s", st->threads ? "On" : "Off");
		/* Thread and process keys differ: a new first sample. */
		if (first_sample(st))
			return true;	/* the next refresh reports it */
		return make_order(st) != 0;
	case 'u':
		ask_user(st);
		break;
	case 'k':
		ask_kill(st);
		break;
	case 'd':
	case 's':
		/* Read again now: the next refresh is a new delay away. */
		ask_delay(st);
		return true;
	case ' ':
	case '\n':
		return true;
	case KEY_RESIZE:
	case ERR:
		break;
	default:
		snprintf(st->message, sizeof(st->message),
			 " Unknown command - try 'h' for help");
		break;
	case 'h':
	case '?':
		snprintf(st->message, sizeof(st->message),
			 "P,M,N,T sort  R reverse  H threads  u user  k kill  d delay  q quit");
		break;
	}
	return make_order(st) != 0;
}

static int run_screen(struct top_state *st)
{
	long long due;
	bool quit = false;
	int ret = 0;

	if (first_sample(st))
		return -1;
	/* Names in the user's encoding, not as M- escapes. */
	setlocale(LC_ALL, "");
	if (!initscr())
		return -1;
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	due = monotonic_ns() + (long long)(st->delay * 1e9);
	for (long long n = 1; !quit;) {
		long long left = due - monotonic_ns();
		int ch;

		erase();
		draw(st, emit_screen, LINES);
		refresh();
		if (st->iterations && n >= st->iterations)
			break;
		/* Rounded up: no spinning through the last millisecond. */
		timeout(left > 0 ? (int)((left + 999999) / 1000000) : 0);
		ch = getch();
		if (ch != ERR ? handle_key(st, ch, &quit) :
		    monotonic_ns() >= due) {
			if (refresh_data(st)) {
				ret = -1;
				break;
			}
			n++;
			due = monotonic_ns() + (long long)(st->delay * 1e9);
		}
	}
	endwin();
	return ret;
}
#else
static int run_screen(struct top_state *st)
{
	errno = ENOTSUP;
	return usage_error("pidinfo top",
			   "built without ncurses: only batch mode (-b)");
}
#endif

static void top_usage(FILE *out)
{
	fputs("Usage:\n"
	      " pidinfo top [options]\n"
	      "\n"
	      "A live view of the processes, as top(1), from list_pid_info().\n"
	      "\n"
	      "Options:\n"
	      " -b, --batch          print frames as text, as top -b does\n"
	      " -n, --iterations N   stop after N frames\n"
	      " -d, --delay SECONDS  between frames (default 3.0)\n"
	      " -o, --sort FIELD     sort by %CPU (default), %MEM, PID or TIME+\n"
	      " -H, --threads        a row per thread\n"
	      " -u, --user USER      only the processes of this effective user\n"
	      " -w, --width COLUMNS  batch mode's line width (default $COLUMNS or 80)\n"
	      " -h, --help           display this help\n"
	      " -V, --version        display the version\n"
	      "\n"
	      "Keys: P, M, N, T sort by %CPU, %MEM, PID, TIME+; R reverses;\n"
	      "H threads; u user; k kill (through a pidfd); d delay;\n"
	      "space refreshes; q quits.\n"
	      "\n"
	      "Columns:\n"
	      " PID      process ID (thread ID with -H)\n"
	      " USER     effective user name\n"
	      " PR       priority, as /proc/PID/stat's ('rt' for -100)\n"
	      " NI       nice value\n"
	      " VIRT     virtual memory size, KiB\n"
	      " RES      resident set size, KiB\n"
	      " SHR      of RES, file and shared memory, KiB\n"
	      " S        state\n"
	      " %CPU     CPU time used since the last frame, of one CPU\n"
	      " %MEM     RES of all memory\n"
	      " TIME+    user and system CPU time, minutes:seconds.hundredths\n"
	      " COMMAND  command name, unprintable bytes as '?'\n", out);
}

static int parse_seconds(const char *arg, double *val)
{
	char *end;

	errno = 0;
	*val = strtod(arg, &end);
	if (end == arg || *end || errno || !(*val >= 0) || *val > 1e6)
		return usage_error("pidinfo top",
				   "invalid delay '%s': not seconds from 0 to 1000000",
				   arg);
	return 0;
}

int pidinfo_top(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "batch", no_argument, NULL, 'b' },
		{ "iterations", required_argument, NULL, 'n' },
		{ "delay", required_argument, NULL, 'd' },
		{ "sort", required_argument, NULL, 'o' },
		{ "threads", no_argument, NULL, 'H' },
		{ "user", required_argument, NULL, 'u' },
		{ "width", required_argument, NULL, 'w' },
		OPTION_HELP,
		OPTION_VERSION,
		{}
	};
	struct top_state st = { .delay = 3.0 };
	long long v, pid_max = 32768;
	const char *columns = getenv("COLUMNS");
	char line[32];
	FILE *f;
	int c, ret;
	size_t i;

	while ((c = getopt_long(argc, argv, COMMON_SHORT "bn:d:o:Hu:w:", opts,
				NULL)) != -1) {
		switch (c) {
		case 'b':
			st.batch = true;
			break;
		case 'n':
			if (parse_number("pidinfo top", "iterations", optarg, 1,
					 LLONG_MAX, &st.iterations))
				return EXIT_USAGE;
			break;
		case 'd':
			if (parse_seconds(optarg, &st.delay))
				return EXIT_USAGE;
			break;
		case 'o':
			for (i = 0; i < ARRAY_SIZE(sort_names); i++)
				if (!strcasecmp(optarg, sort_names[i]))
					break;
			if (i == ARRAY_SIZE(sort_names))
				return usage_error("pidinfo top",
						   "unknown sort field '%s'",
						   optarg);
			st.sort = i;
			break;
		case 'H':
			st.threads = true;
			break;
		case 'u':
			if (parse_user(optarg, &st.user))
				return usage_error("pidinfo top",
						   "unknown user '%s'", optarg);
			st.filter_user = true;
			break;
		case 'w':
			if (parse_number("pidinfo top", "width", optarg, 1,
					 512, &v))
				return EXIT_USAGE;
			st.width = v;
			break;
		default:
			return common_option(c, "pidinfo top", top_usage);
		}
	}
	if (optind != argc)
		return usage_error("pidinfo top", "unexpected argument '%s'",
				   argv[optind]);
	if (!st.batch && !isatty(STDOUT_FILENO))
		return usage_error("pidinfo top",
				   "standard output is not a terminal: use -b");
	/* As procps takes $COLUMNS: quietly, at most 512. */
	if (!st.width && columns) {
		v = strtoll(columns, NULL, 10);
		st.width = v < 1 ? 0 : v > 512 ? 512 : v;
	}
	if (!st.width)
		st.width = 80;

	st.hz = sysconf(_SC_CLK_TCK);
	/* PIDs as wide as the largest can be, as procps sizes them. */
	f = fopen("/proc/sys/kernel/pid_max", "re");
	if (f && fgets(line, sizeof(line), f))
		pid_max = strtoll(line, NULL, 10);
	if (f)
		fclose(f);
	st.pid_width = snprintf(line, sizeof(line), "%lld", pid_max);
	if (st.pid_width < 5)
		st.pid_width = 5;

	if (st.batch) {
		setvbuf(stdout, NULL, _IOFBF, 1 << 20);
		signal(SIGPIPE, SIG_IGN);
		ret = run_batch(&st);
	} else {
		ret = run_screen(&st);
		if (ret == EXIT_USAGE)
			return ret;
	}
	if (ret) {
		fprintf(stderr, "pidinfo top: %s\n", errno == ENOSYS ?
			"no get_pid_info() in this kernel" : strerror(errno));
		return EXIT_USAGE;
	}
	return 0;
}
