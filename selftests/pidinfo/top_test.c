// SPDX-License-Identifier: GPL-2.0
/*
 * pidinfo top, built beside the tests: its batch mode against procps'
 * top -b, row by row; %CPU keyed by identity across a PID's reuse; and
 * the live view through a real terminal, tmux's, driven with send-keys
 * and read with capture-pane: start-up, the sort keys, the thread view,
 * the user filter, kill (never of a process that took a PID over) and
 * resizing.
 */
#define _GNU_SOURCE
#include <linux/sched.h>
#include <pwd.h>
#include <stdarg.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>

#include "pidinfo_util.h"
#include "../kselftest_harness.h"

PIDINFO_REQUIRE(pidinfo_missing(), "get_pid_info()");

#define PROCPS_TOP	"/usr/bin/top"
#define TMUX		"/usr/bin/tmux"
#define TMUX_SOCKET	"/tmp/pidinfo-top-test.tmux"
#define TMUX_CONF	"/tmp/pidinfo-top-test.conf"

/* The tool, built beside this test. */
static char tool[PATH_MAX];

static void __attribute__((constructor)) find_tool(void)
{
	if (!realpath("pidinfo", tool))
		snprintf(tool, sizeof(tool), "pidinfo");
}

/* A row of top: the twelve columns of procps' default. */
struct top_row {
	int pid, ni;
	char user[32], pr[8], virt[16], res[16], shr[16], time[16];
	char state;
	double cpu, mem;
	int command_at;		/* the column COMMAND starts in */
	char command[128];
};

static bool parse_row(const char *line, struct top_row *r)
{
	return sscanf(line, "%d %31s %7s %d %15s %15s %15s %c %lf %lf %15s %n%127[^\n]",
		      &r->pid, r->user, r->pr, &r->ni, r->virt, r->res, r->shr,
		      &r->state, &r->cpu, &r->mem, r->time, &r->command_at,
		      r->command) == 12;
}

/* The column header, whole or cut to a narrow screen. */
static bool is_header(const char *line)
{
	return strstr(line, "PID USER");
}

/*
 * The rows of frame @frame (from 0) of @out, top's text, into @rows;
 * returns how many, or -1 if there is no such frame.  @header gets the
 * frame's column header if not NULL.
 */
static int frame_rows(const char *out, int frame, struct top_row *rows,
		      int max, char *header, size_t size)
{
	const char *p = out, *end;
	char line[512];
	int n = 0, seen = -1;
	size_t len;

	for (; *p; p = *end ? end + 1 : end) {
		end = p + strcspn(p, "\n");
		len = end - p < (long)sizeof(line) - 1 ? end - p :
			sizeof(line) - 1;
		memcpy(line, p, len);
		line[len] = '\0';
		if (is_header(line)) {
			if (++seen == frame && header)
				snprintf(header, size, "%s", line);
			continue;
		}
		if (seen != frame || n == max)
			continue;
		if (!strncmp(line, "top - ", 6))
			break;
		if (parse_row(line, &rows[n]))
			n++;
	}
	return seen < frame ? -1 : n;
}

static struct top_row *find_row(struct top_row *rows, int n, int pid)
{
	int i;

	for (i = 0; i < n; i++)
		if (rows[i].pid == pid)
			return &rows[i];
	return NULL;
}

/* Centiseconds of TIME+ (M:SS.hh, or M:SS). */
static long time_cs(const char *t)
{
	unsigned long m, s, cs = 0;

	if (sscanf(t, "%lu:%lu.%lu", &m, &s, &cs) < 2)
		return -1;
	return (m * 60 + s) * 100 + cs;
}

/* KiB of a memory column: a number, or one scaled with m, g or t. */
static double mem_kib(const char *v)
{
	static const char units[] = "mgt";
	char *end;
	double x = strtod(v, &end);
	const char *unit = *end ? strchr(units, *end) : NULL;
	int n = unit ? unit - units + 1 : 0;

	while (n--)
		x *= 1024;
	return x;
}

/* The tools' own processes come and go between the two runs. */
static bool transient(const struct top_row *r)
{
	return !strcmp(r->command, "top") || !strcmp(r->command, "sh") ||
	       !strcmp(r->command, "pidinfo") || r->pid == getpid() ||
	       kill(r->pid, 0);
}

/*
 * Whether the summaries @a and @b are laid out alike: the first line
 * (whose widths move with the uptime and load) in its words, the other
 * four with every word in the same column, numbers as blanks.
 */
static bool same_layout(const char *a, const char *b)
{
	int line = 0;

	if (strncmp(a, "top - ", 6) || strncmp(b, "top - ", 6) ||
	    !strstr(b, ",  load average: "))
		return false;
	a += strcspn(a, "\n");
	b += strcspn(b, "\n");
	for (a++, b++; line < 4; a++, b++) {
		size_t la = strcspn(a, "\n"), lb = strcspn(b, "\n");

		if (la != lb)
			return false;
		for (size_t i = 0; i < la; i++) {
			bool da = !!strchr(" 0123456789.:", a[i]);
			bool db = !!strchr(" 0123456789.:", b[i]);

			if (da != db || (!da && a[i] != b[i]))
				return false;
		}
		a += strcspn(a, "\n");
		b += strcspn(b, "\n");
		if (!*a || !*b)
			return false;
		line++;
	}
	return true;
}

static void *sleep_forever(void *arg)
{
	for (;;)
		pause();
	return NULL;
}

/*
 * A sleeping process with a thread, niced, with a name of its own, and
 * 20 GiB of address space (reserved, not used): a VIRT in g.
 */
static pid_t start_helper(const char *name, int nice, uid_t uid)
{
	pid_t pid = fork();

	if (pid == 0) {
		pthread_t t;

		mmap(NULL, 20ULL << 30, PROT_NONE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		prctl(PR_SET_NAME, name);
		if (setpriority(PRIO_PROCESS, 0, nice))
			_exit(1);
		if (uid && setresuid(uid, uid, uid))
			_exit(1);
		pthread_create(&t, NULL, sleep_forever, NULL);
		sleep_forever(NULL);
	}
	return pid;
}

static void stop(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/*
 * procps' top -b and pidinfo top -b, one frame each (with @threads, -H):
 * the same column header, and for each task both show asleep, the same
 * row but for the CPU columns (TIME+ may grow between the runs).
 */
static void compare_top(struct __test_metadata *_metadata, bool threads)
{
	static char theirs_out[1 << 20], ours_out[1 << 20];
	static struct top_row theirs[4096], ours[4096];
	char cmd[PATH_MAX + 64], th[512], oh[512];
	int nt, no, i, compared = 0;

	snprintf(cmd, sizeof(cmd), PROCPS_TOP " -b -n 1 -w 512 %s 2>&1",
		 threads ? "-H" : "");
	ASSERT_EQ(0, run_cmd(cmd, theirs_out, sizeof(theirs_out))) {
		TH_LOG("%s: %.300s", cmd, theirs_out);
	}
	snprintf(cmd, sizeof(cmd), "%s top -b -n 1 -w 512 %s 2>&1", tool,
		 threads ? "-H" : "");
	ASSERT_EQ(0, run_cmd(cmd, ours_out, sizeof(ours_out))) {
		TH_LOG("%s: %.300s", cmd, ours_out);
	}
	nt = frame_rows(theirs_out, 0, theirs, ARRAY_SIZE(theirs), th,
			sizeof(th));
	no = frame_rows(ours_out, 0, ours, ARRAY_SIZE(ours), oh, sizeof(oh));
	ASSERT_LT(1, nt);
	ASSERT_LT(1, no);
	EXPECT_STREQ(th, oh);
	/* The summary: the same lines, laid out alike. */
	EXPECT_TRUE(same_layout(theirs_out, ours_out)) {
		TH_LOG("procps:\n%.500s\npidinfo:\n%.500s", theirs_out,
		       ours_out);
	}
	EXPECT_NE(NULL, strstr(ours_out, threads ? "\nThreads: " : "\nTasks: "));
	/* MemTotal, which does not move. */
	EXPECT_EQ(0, strncmp(strstr(theirs_out, "MiB Mem :"),
			     strstr(ours_out, "MiB Mem :"), 25));

	for (i = 0; i < nt; i++) {
		struct top_row *t = &theirs[i];
		struct top_row *o = find_row(ours, no, t->pid);
		long d;

		if (!o) {
			EXPECT_TRUE(transient(t)) {
				TH_LOG("procps top shows %d %s, pidinfo top does not",
				       t->pid, t->command);
			}
			continue;
		}
		if (transient(t) || !strchr("SI", t->state) ||
		    !strchr("SI", o->state))
			continue;
		EXPECT_EQ(t->command_at, o->command_at) {
			TH_LOG("%d: COMMAND at %d in procps, %d in pidinfo",
			       t->pid, t->command_at, o->command_at);
		}
		EXPECT_STREQ(t->user, o->user);
		EXPECT_STREQ(t->pr, o->pr);
		EXPECT_EQ(t->ni, o->ni);
		EXPECT_STREQ(t->virt, o->virt);
		EXPECT_STREQ(t->res, o->res);
		EXPECT_STREQ(t->shr, o->shr);
		EXPECT_EQ(t->state, o->state);
		EXPECT_EQ(t->mem, o->mem);
		EXPECT_TRUE(same_command(t->command, o->command)) {
			TH_LOG("%d: procps %s, pidinfo %s", t->pid,
			       t->command, o->command);
		}
		d = time_cs(o->time) - time_cs(t->time);
		EXPECT_TRUE(d >= 0 && d <= 100) {
			TH_LOG("%d TIME+: procps %s, pidinfo %s", t->pid,
			       t->time, o->time);
		}
		compared++;
	}
	for (i = 0; i < no; i++)
		if (!find_row(theirs, nt, ours[i].pid))
			EXPECT_TRUE(transient(&ours[i])) {
				TH_LOG("pidinfo top shows %d %s, procps does not",
				       ours[i].pid, ours[i].command);
			}
	EXPECT_LT(nt / 2, compared);
	TH_LOG("%d rows compared", compared);
}

/* Whole programs on a debug kernel under TCG: more than 30 s a test. */
FIXTURE(slow) {};
FIXTURE_SETUP(slow) {}
FIXTURE_TEARDOWN(slow) {}

TEST_F_TIMEOUT(slow, batch_matches_procps_top, 120)
{
	pid_t helper;

	if (access(PROCPS_TOP, X_OK))
		SKIP(return, "no procps top at " PROCPS_TOP);
	helper = start_helper("top-helper", 7, 0);
	ASSERT_LT(0, helper);
	ASSERT_TRUE(wait_for_proc_state(helper, 'S'));
	compare_top(_metadata, false);
	compare_top(_metadata, true);
	stop(helper);
}

static void burn(void)
{
	for (;;)
		__asm__ __volatile__("" ::: "memory");
}

/* CPU time of @pid from /proc, in centiseconds. */
static long proc_cpu_cs(pid_t pid)
{
	struct proc_stat ps;

	if (proc_read_stat(pid, &ps))
		return -1;
	return (ps.utime + ps.stime) * 100 / sysconf(_SC_CLK_TCK);
}

/*
 * A process that used CPU dies between two frames, and a new one takes
 * its PID and burns: the second frame's %CPU is the new one's time, not
 * its time less the old one's.  A top keyed by PID shows less.
 */
TEST_F_TIMEOUT(slow, cpu_is_keyed_by_identity, 120)
{
	static char out[1 << 20];
	static struct top_row rows[4096];
	const double delay = 4;
	char cmd[PATH_MAX + 64], line[512];
	long old_cs, new_cs;
	struct top_row *r;
	pid_t old, reuser;
	int n, headers = 0;
	size_t len = 0;
	FILE *p;

	if (geteuid())
		SKIP(return, "reusing a PID at will (clone3's set_tid) needs root");
	old = fork();
	ASSERT_LE(0, old);
	if (old == 0)
		burn();
	/* Two seconds of CPU, so that the old time matters. */
	while ((old_cs = proc_cpu_cs(old)) >= 0 && old_cs < 200)
		usleep(100000);
	ASSERT_LE(200, old_cs);

	snprintf(cmd, sizeof(cmd), "%s top -b -n 2 -d %.0f -w 512 -o PID",
		 tool, delay);
	p = popen(cmd, "r");
	ASSERT_NE(NULL, p);
	/* The first frame is written at once: its header means it is out. */
	while (!headers && fgets(line, sizeof(line), p)) {
		headers += is_header(line);
		len += snprintf(out + len, sizeof(out) - len, "%s", line);
	}
	ASSERT_EQ(1, headers);
	old_cs = proc_cpu_cs(old);
	stop(old);
	reuser = fork_as(old);
	if (reuser == 0)
		burn();
	ASSERT_EQ(old, reuser);
	while (len < sizeof(out) - 1 && fgets(out + len, sizeof(out) - len, p))
		len += strlen(out + len);
	pclose(p);
	new_cs = proc_cpu_cs(reuser);
	stop(reuser);

	n = frame_rows(out, 1, rows, ARRAY_SIZE(rows), NULL, 0);
	ASSERT_LT(0, n);
	r = find_row(rows, n, old);
	ASSERT_NE(NULL, r);
	/*
	 * Its time in the frame (TIME+) is all new: %CPU over the frame's
	 * interval (at most the delay and half a second) accounts for it,
	 * less a margin well under the old process's time.
	 */
	TH_LOG("old %ld cs, new %ld cs (TIME+ %s), %%CPU %.1f", old_cs,
	       new_cs, r->time, r->cpu);
	EXPECT_LE(100.0 * (time_cs(r->time) - old_cs / 2) / 100 / (delay + 0.5),
		  r->cpu);
	EXPECT_GE(new_cs, time_cs(r->time));
}

/*
 * Reads @p's lines into @out from @len on until the column header of one
 * more frame is out: a frame is written whole, so is the frame before.
 * Returns the new length.
 */
static size_t read_frame(FILE *p, char *out, size_t size, size_t len)
{
	char line[512];

	while (fgets(line, sizeof(line), p)) {
		len += snprintf(out + len, size - len, "%s", line);
		if (is_header(line))
			break;
	}
	return len;
}

/* The nice and name of @pid in frame @frame of @out, against @ni, @name. */
static void expect_row(struct __test_metadata *_metadata, const char *out,
		       int frame, pid_t pid, int ni, const char *name)
{
	static struct top_row rows[4096];
	int n = frame_rows(out, frame, rows, ARRAY_SIZE(rows), NULL, 0);
	struct top_row *r = find_row(rows, n, pid);

	ASSERT_NE(NULL, r);
	EXPECT_EQ(ni, r->ni);
	EXPECT_STREQ(name, r->command);
}

/* Names thread @tid of the caller's process @name, as /proc/PID/comm does. */
static bool set_comm(pid_t tid, const char *name)
{
	char path[64];
	int fd;
	bool ok;

	snprintf(path, sizeof(path), "/proc/self/task/%d/comm", tid);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return false;
	ok = write(fd, name, strlen(name)) == (ssize_t)strlen(name);
	close(fd);
	return ok;
}

/*
 * Names the thread @arg names "before-name", then "after-name" when a
 * byte comes on stdin, and sleeps: the same steps twice, so that the
 * second touches no memory the first did not (the process's RES stays).
 */
static void *rename_leader(void *arg)
{
	pid_t tid = (pid_t)(long)arg;
	char c;

	if (!set_comm(tid, "before-name") || read(STDIN_FILENO, &c, 1) != 1 ||
	    !set_comm(tid, "after-name"))
		return NULL;
	return sleep_forever(NULL);
}

/* Whether /proc/@pid/comm is @name (with its newline). */
static bool comm_is(pid_t pid, const char *name)
{
	char path[64], comm[32];

	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	return read_file(path, comm, sizeof(comm)) > 0 &&
	       !strncmp(comm, name, strlen(name)) &&
	       !strcmp(comm + strlen(name), "\n");
}

/*
 * A row is drawn again when what it shows changes, though its task is the
 * same.  In the thread view, a process's first thread, asleep throughout
 * (so its %CPU and TIME+ stay the same), is renamed by its other thread
 * after the first frame and reniced after the second: its row shows the
 * new name in the second frame and the new nice in the third.
 */
TEST_F_TIMEOUT(slow, rows_follow_changes, 120)
{
	static char out[1 << 20];
	char cmd[PATH_MAX + 64];
	int go[2];
	size_t len;
	pid_t helper;
	FILE *p;

	ASSERT_EQ(0, pipe(go));
	helper = fork();
	ASSERT_LE(0, helper);
	if (helper == 0) {
		pthread_t t;

		if (setpriority(PRIO_PROCESS, 0, 3) ||
		    dup2(go[0], STDIN_FILENO) < 0 ||
		    pthread_create(&t, NULL, rename_leader,
				   (void *)(long)getpid()))
			_exit(1);
		sleep_forever(NULL);
	}
	close(go[0]);
	while (!comm_is(helper, "before-name"))
		usleep(10000);
	ASSERT_TRUE(wait_for_proc_state(helper, 'S'));
	snprintf(cmd, sizeof(cmd), "%s top -H -b -n 3 -d 3 -w 512 -o PID",
		 tool);
	p = popen(cmd, "r");
	ASSERT_NE(NULL, p);
	len = read_frame(p, out, sizeof(out), 0);
	ASSERT_EQ(1, write(go[1], "x", 1));
	/* Renamed well before the next frame is read, three seconds on. */
	while (!comm_is(helper, "after-name"))
		usleep(10000);
	len = read_frame(p, out, sizeof(out), len);
	/* The first thread alone: a TID's nice is its own. */
	ASSERT_EQ(0, setpriority(PRIO_PROCESS, helper, 9));
	while (len < sizeof(out) - 1 && fgets(out + len, sizeof(out) - len, p))
		len += strlen(out + len);
	pclose(p);
	stop(helper);
	close(go[1]);

	expect_row(_metadata, out, 0, helper, 3, "before-name");
	expect_row(_metadata, out, 1, helper, 3, "after-name");
	expect_row(_metadata, out, 2, helper, 9, "after-name");
}

TEST(usage_errors)
{
	static const char *const bad[] = {
		"top -n 0 -b", "top -d -1 -b", "top -d x -b", "top -o FOO -b",
		"top -w 0 -b", "top -b extra", "top -u no-such-user -b",
		/* Not a terminal, and no -b. */
		"top -n 1",
	};
	char cmd[PATH_MAX + 64], out[4096];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		snprintf(cmd, sizeof(cmd), "%s %s 2>/dev/null", tool, bad[i]);
		EXPECT_EQ(2, run_cmd(cmd, out, sizeof(out))) {
			TH_LOG("%s", bad[i]);
		}
		EXPECT_STREQ("", out);
	}
}

/* Runs tmux with @fmt's arguments; what it said goes to the log. */
static int run_tmux(const char *fmt, ...)
{
	char args[1024], cmd[2048], out[1024];
	va_list ap;
	int ret;

	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof(cmd), TMUX " -S " TMUX_SOCKET " %s 2>&1", args);
	ret = run_cmd(cmd, out, sizeof(out));
	if (ret)
		ksft_print_msg("%s: exit %d: %s\n", cmd, ret, out);
	return ret;
}

static int capture(char *out, size_t size)
{
	return run_cmd(TMUX " -S " TMUX_SOCKET " capture-pane -p -t top",
		       out, size);
}

/* Polls the pane (up to 20 s: TCG, a debug kernel) until @ok says yes. */
static bool wait_screen(bool (*ok)(const char *screen, const void *arg),
			const void *arg, char *screen, size_t size)
{
	int i;

	for (i = 0; i < 200; i++) {
		if (!capture(screen, size) && ok(screen, arg))
			return true;
		usleep(100000);
	}
	return false;
}

static bool shows(const char *screen, const void *text)
{
	return strstr(screen, text);
}

static bool lacks(const char *screen, const void *text)
{
	return !strstr(screen, text);
}

FIXTURE(live) {
	char screen[1 << 16];
	pid_t helper;		/* with a thread, niced */
};

FIXTURE_SETUP(live)
{
	FILE *f;

	if (access(TMUX, X_OK))
		SKIP(return, "no tmux at " TMUX);
	/* A server left by a test that timed out. */
	system(TMUX " -S " TMUX_SOCKET " kill-server >/dev/null 2>&1");
	self->helper = start_helper("live-helper", 3, 0);
	ASSERT_LT(0, self->helper);
	ASSERT_TRUE(wait_for_proc_state(self->helper, 'S'));
	f = fopen(TMUX_CONF, "w");
	ASSERT_NE(NULL, f);
	/* A terminal ncurses knows, and the pane kept if top exits. */
	fputs("set -g default-terminal screen\n"
	      "set -g status off\n"
	      "set -g remain-on-exit on\n", f);
	fclose(f);
	/* A screen of 150 x 50; no refresh but those the test asks for. */
	ASSERT_EQ(0, run_tmux("-f %s new-session -d -s top -x 150 -y 50 '%s top -d 1000'",
			      TMUX_CONF, tool));
	ASSERT_TRUE(wait_screen(shows, "PID USER", self->screen,
				sizeof(self->screen))) {
		TH_LOG("no view: %s", self->screen);
	}
}

FIXTURE_TEARDOWN(live)
{
	run_tmux("kill-server");
	if (self->helper > 0)
		stop(self->helper);
}

/* The rows on screen, after the column header. */
static int screen_rows(const char *screen, struct top_row *rows, int max)
{
	return frame_rows(screen, 0, rows, max, NULL, 0);
}

/*
 * The lines after the column header, rows cut to the screen's width or
 * not; -1 without a header.
 */
static int lines_after_header(const char *screen)
{
	const char *p = strstr(screen, "PID USER");
	int n = 0;

	if (!p)
		return -1;
	for (p = strchr(p, '\n'); p && p[1] && p[1] != '\n';
	     p = strchr(p + 1, '\n'))
		n++;
	return n;
}

/* The rows a screen of @lines shows: all the tasks, if they fit. */
static int shown_rows(const char *screen, int lines)
{
	const char *tasks = strstr(screen, "Tasks:");
	int total = tasks ? atoi(tasks + 6) : -1;

	return total < lines - 7 ? total : lines - 7;
}

enum order { BY_PID, BY_PID_UP, BY_MEM, BY_TIME, BY_CPU };

static bool sorted(const char *screen, const void *arg)
{
	enum order order = *(const enum order *)arg;
	struct top_row rows[64];
	int n = screen_rows(screen, rows, ARRAY_SIZE(rows)), i;

	if (n < 5)
		return false;
	for (i = 1; i < n; i++) {
		const struct top_row *a = &rows[i - 1], *b = &rows[i];
		bool ok = false;

		switch (order) {
		case BY_PID:
			ok = a->pid > b->pid;
			break;
		case BY_PID_UP:
			ok = a->pid < b->pid;
			break;
		case BY_MEM:
			ok = mem_kib(a->res) >= mem_kib(b->res);
			break;
		case BY_TIME:
			ok = time_cs(a->time) >= time_cs(b->time);
			break;
		case BY_CPU:
			ok = a->cpu >= b->cpu;
			break;
		}
		if (!ok)
			return false;
	}
	return true;
}

/* Every row the screen of *@lines has room for is drawn. */
static bool all_rows_drawn(const char *screen, const void *lines)
{
	struct top_row rows[64];

	return screen_rows(screen, rows, ARRAY_SIZE(rows)) ==
	       shown_rows(screen, *(const int *)lines);
}

TEST_F_TIMEOUT(live, starts_with_summary_and_rows, 120)
{
	/* Fifty lines: five of summary, a message, the header, 43 rows. */
	const int lines = 50;
	char pid[16];

	EXPECT_NE(NULL, strstr(self->screen, "top - "));
	EXPECT_NE(NULL, strstr(self->screen, "Tasks: "));
	EXPECT_NE(NULL, strstr(self->screen, "%Cpu(s): "));
	EXPECT_NE(NULL, strstr(self->screen, "MiB Mem : "));
	/* The header shows before the rows under it: wait for the frame. */
	EXPECT_TRUE(wait_screen(all_rows_drawn, &lines, self->screen,
				sizeof(self->screen))) {
		TH_LOG("%s", self->screen);
	}
	/* The helper, sorted to the top by PID. */
	ASSERT_EQ(0, run_tmux("send-keys -t top N"));
	snprintf(pid, sizeof(pid), "%d", self->helper);
	EXPECT_TRUE(wait_screen(shows, "live-helper", self->screen,
				sizeof(self->screen))) {
		TH_LOG("%s", self->screen);
	}
}

TEST_F_TIMEOUT(live, sort_keys, 120)
{
	static const struct {
		const char *keys;
		enum order order;
	} steps[] = {
		{ "N", BY_PID }, { "R", BY_PID_UP }, { "R", BY_PID },
		{ "M", BY_MEM }, { "T", BY_TIME }, { "P", BY_CPU },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(steps); i++) {
		ASSERT_EQ(0, run_tmux("send-keys -t top %s", steps[i].keys));
		EXPECT_TRUE(wait_screen(sorted, &steps[i].order, self->screen,
					sizeof(self->screen))) {
			TH_LOG("after %s: %s", steps[i].keys, self->screen);
		}
	}
}

/* A row with PID (TID) @pid on the screen. */
static bool shows_pid(const char *screen, const void *arg)
{
	struct top_row rows[64];
	int n = screen_rows(screen, rows, ARRAY_SIZE(rows));

	return find_row(rows, n, *(const int *)arg);
}

static bool lacks_pid(const char *screen, const void *arg)
{
	return !shows_pid(screen, arg) && strstr(screen, "PID USER");
}

TEST_F_TIMEOUT(live, thread_toggle, 120)
{
	int tid = 0;
	DIR *d;
	struct dirent *de;
	char path[64];

	/* The helper's second thread, the highest TID it has. */
	snprintf(path, sizeof(path), "/proc/%d/task", self->helper);
	d = opendir(path);
	ASSERT_NE(NULL, d);
	while ((de = readdir(d)))
		if (atoi(de->d_name) > tid)
			tid = atoi(de->d_name);
	closedir(d);
	ASSERT_NE(self->helper, tid);

	/* By PID, high to low: the helper and its thread are near the top. */
	ASSERT_EQ(0, run_tmux("send-keys -t top N"));
	EXPECT_TRUE(wait_screen(lacks_pid, &tid, self->screen,
				sizeof(self->screen)));
	ASSERT_EQ(0, run_tmux("send-keys -t top H"));
	EXPECT_TRUE(wait_screen(shows, "Threads: ", self->screen,
				sizeof(self->screen)));
	EXPECT_TRUE(wait_screen(shows_pid, &tid, self->screen,
				sizeof(self->screen))) {
		TH_LOG("no thread %d: %s", tid, self->screen);
	}
	ASSERT_EQ(0, run_tmux("send-keys -t top H"));
	EXPECT_TRUE(wait_screen(shows, "Tasks: ", self->screen,
				sizeof(self->screen)));
	EXPECT_TRUE(wait_screen(lacks_pid, &tid, self->screen,
				sizeof(self->screen)));
}

/* Every row is @user's, and there is one at least. */
static bool only_user(const char *screen, const void *arg)
{
	struct top_row rows[64];
	int n = screen_rows(screen, rows, ARRAY_SIZE(rows)), i;

	for (i = 0; i < n; i++)
		if (strcmp(rows[i].user, arg))
			return false;
	return n > 0;
}

TEST_F_TIMEOUT(live, user_filter, 120)
{
	struct passwd *pw = getpwuid(65534);
	char user[32];
	pid_t other;

	if (geteuid())
		SKIP(return, "a process of another user needs root");
	snprintf(user, sizeof(user), "%s", pw ? pw->pw_name : "65534");
	other = start_helper("other-user", 0, 65534);
	ASSERT_LT(0, other);
	ASSERT_TRUE(wait_for_proc_state(other, 'S'));
	/* Read again, the newest first: the new process in the table. */
	ASSERT_EQ(0, run_tmux("send-keys -t top Space N"));
	ASSERT_EQ(0, run_tmux("send-keys -t top u"));
	EXPECT_TRUE(wait_screen(shows, "Which user", self->screen,
				sizeof(self->screen)));
	ASSERT_EQ(0, run_tmux("send-keys -t top 65534 Enter"));
	EXPECT_TRUE(wait_screen(only_user, user, self->screen,
				sizeof(self->screen))) {
		TH_LOG("not only %s's: %s", user, self->screen);
	}
	EXPECT_TRUE(wait_screen(shows_pid, &other, self->screen,
				sizeof(self->screen)));
	/* Blank: every user again. */
	ASSERT_EQ(0, run_tmux("send-keys -t top u Enter"));
	EXPECT_TRUE(wait_screen(shows, "live-helper", self->screen,
				sizeof(self->screen)));
	stop(other);
}

/* Waits up to 30 s for @pid to die; its wait status. */
static int wait_death(pid_t pid)
{
	int status, i;

	for (i = 0; i < 300; i++) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return status;
		usleep(100000);
	}
	return -1;
}

TEST_F_TIMEOUT(live, kill_signals_the_shown_process, 120)
{
	pid_t victim = start_helper("victim", 0, 0);
	int status;

	ASSERT_LT(0, victim);
	ASSERT_TRUE(wait_for_proc_state(victim, 'S'));
	ASSERT_EQ(0, run_tmux("send-keys -t top Space"));
	ASSERT_EQ(0, run_tmux("send-keys -t top k"));
	EXPECT_TRUE(wait_screen(shows, "PID to signal/kill", self->screen,
				sizeof(self->screen)));
	/* The default signal, SIGTERM. */
	ASSERT_EQ(0, run_tmux("send-keys -t top %d Enter", victim));
	EXPECT_TRUE(wait_screen(shows, "signal [15/sigterm]", self->screen,
				sizeof(self->screen)));
	ASSERT_EQ(0, run_tmux("send-keys -t top Enter"));
	status = wait_death(victim);
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM) {
		TH_LOG("status %#x: %s", status, self->screen);
		stop(victim);
	}
	EXPECT_TRUE(wait_screen(shows, "Sent signal 15", self->screen,
				sizeof(self->screen)));
}

TEST_F_TIMEOUT(live, kill_spares_a_reused_pid, 120)
{
	pid_t victim, reuser;
	int status;

	if (geteuid())
		SKIP(return, "reusing a PID at will (clone3's set_tid) needs root");
	victim = start_helper("victim", 0, 0);
	ASSERT_LT(0, victim);
	ASSERT_TRUE(wait_for_proc_state(victim, 'S'));
	ASSERT_EQ(0, run_tmux("send-keys -t top Space"));
	ASSERT_EQ(0, run_tmux("send-keys -t top N"));
	EXPECT_TRUE(wait_screen(shows_pid, &victim, self->screen,
				sizeof(self->screen)));
	/* Shown; then gone, and its PID another process's. */
	stop(victim);
	reuser = start_sleeper_as(victim);
	ASSERT_EQ(victim, reuser);
	ASSERT_EQ(0, run_tmux("send-keys -t top k %d Enter", victim));
	EXPECT_TRUE(wait_screen(shows, "signal [15/sigterm]", self->screen,
				sizeof(self->screen)));
	ASSERT_EQ(0, run_tmux("send-keys -t top 9 Enter"));
	EXPECT_TRUE(wait_screen(shows, "is another process now",
				self->screen, sizeof(self->screen))) {
		TH_LOG("%s", self->screen);
	}
	EXPECT_EQ(0, waitpid(reuser, &status, WNOHANG));
	stop(reuser);
}

/*
 * Redrawn for a pane of size[0] x size[1]: no line wider, every line
 * used, and as many rows as fit (tmux resizes the pane before top
 * redraws).
 */
static bool fits(const char *screen, const void *arg)
{
	const int *size = arg;	/* columns, lines */
	const char *p = screen;
	int lines = 0;

	while (*p) {
		size_t len = strcspn(p, "\n");

		if ((int)len > size[0])
			return false;
		lines++;
		p += len + !!p[len];
	}
	return lines == size[1] &&
	       lines_after_header(screen) == shown_rows(screen, size[1]);
}

TEST_F_TIMEOUT(live, resize, 120)
{
	static const int small[2] = { 60, 12 }, big[2] = { 130, 45 };

	ASSERT_EQ(0, run_tmux("resize-window -t top -x %d -y %d", small[0],
			      small[1]));
	EXPECT_TRUE(wait_screen(fits, small, self->screen,
				sizeof(self->screen))) {
		TH_LOG("%s", self->screen);
	}
	ASSERT_EQ(0, run_tmux("resize-window -t top -x %d -y %d", big[0],
			      big[1]));
	EXPECT_TRUE(wait_screen(fits, big, self->screen,
				sizeof(self->screen))) {
		TH_LOG("%s", self->screen);
	}
}

TEST_F_TIMEOUT(live, quits_on_q, 120)
{
	ASSERT_EQ(0, run_tmux("send-keys -t top q"));
	/* remain-on-exit keeps the pane: it says the program is dead. */
	EXPECT_TRUE(wait_screen(lacks, "PID USER", self->screen,
				sizeof(self->screen))) {
		TH_LOG("%s", self->screen);
	}
}

TEST_HARNESS_MAIN
