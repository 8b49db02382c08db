// SPDX-License-Identifier: GPL-2.0
/*
 * pidinfo-bench: get_pid_info() against the /proc way of learning the
 * same things, and the re-implemented calls against the originals, side by
 * side in one run.  Each figure is the median over REPEATS rounds of the
 * per-call time in a round, with the rounds' lowest and highest beside it.
 *
 * Output, one line per measurement, for scripts/bench-report.py:
 *   BENCH <name> <ours_ns> <ours_lo> <ours_hi> <theirs_ns> <theirs_lo> <theirs_hi>
 *   LOCK <children> <collect_ns> <collector_call_p99_ns>
 *        <fork_p99_alone_ns> <fork_p99_beside_a_collector_of_none>
 *        <..._of_children> <..._beside_a_reader_of_their_proc_files>
 *        (each p99 the median of LOCK_ROUNDS)
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "procfs.h"

#define REPEATS		9
#define MAX_KIDS	10000

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

struct figure {
	long long median, lo, hi;
};

static void report(const char *name, struct figure ours, struct figure theirs)
{
	printf("BENCH %s %lld %lld %lld %lld %lld %lld\n", name, ours.median,
	       ours.lo, ours.hi, theirs.median, theirs.lo, theirs.hi);
}

static struct figure summarize(long long *t)
{
	struct figure f;

	qsort(t, REPEATS, sizeof(t[0]), cmp_ll);
	f.median = t[REPEATS / 2];
	f.lo = t[0];
	f.hi = t[REPEATS - 1];
	return f;
}

static long long round_ns(void (*fn)(void *), void *arg, int calls)
{
	long long start = now_ns();
	int i;

	for (i = 0; i < calls; i++)
		fn(arg);
	return (now_ns() - start) / calls;
}

/* Per-call time of @fn(@arg), @calls per round, over REPEATS rounds. */
static struct figure measure(void (*fn)(void *), void *arg, int calls)
{
	long long t[REPEATS];
	int r;

	fn(arg);	/* warm up */
	for (r = 0; r < REPEATS; r++)
		t[r] = round_ns(fn, arg, calls);
	return summarize(t);
}

/*
 * Two ways of doing the same thing, in alternating rounds and order, so
 * that drift in the machine (other guests' load, caches, the emulator's
 * own state) lands on both alike.
 */
static void measure_pair(const char *name, void (*ours)(void *),
			 void (*theirs)(void *), void *arg, int calls)
{
	long long a[REPEATS], b[REPEATS];
	int r;

	ours(arg);
	theirs(arg);
	for (r = 0; r < REPEATS; r++) {
		/* Each goes first in every other round. */
		if (r % 2) {
			b[r] = round_ns(theirs, arg, calls);
			a[r] = round_ns(ours, arg, calls);
		} else {
			a[r] = round_ns(ours, arg, calls);
			b[r] = round_ns(theirs, arg, calls);
		}
	}
	report(name, summarize(a), summarize(b));
}

/* --- get_pid_info against /proc --- */

struct target {
	pid_t pid;
	int *children;
	char *root, *cwd;
};

static void by_syscall(void *arg)
{
	struct target *t = arg;
	/* The fields by_proc() reads: those of the first version. */
	struct pidinfo info = { .mask = PIDINFO_MASK_ALL_VER0 };

	pidinfo_set_buffers(&info, t->children, MAX_KIDS + 16, t->root,
			    PATH_MAX, t->cwd, PATH_MAX);

	if (get_pid_info(t->pid, &info, sizeof(info), 0))
		abort();
}

/* The same fields the /proc way: stat, status, two links, children. */
static void by_proc(void *arg)
{
	struct target *t = arg;
	unsigned int ids[4];
	struct proc_stat st;

	if (proc_read_stat(t->pid, &st) || proc_read_ids(t->pid, "Uid:", ids) ||
	    proc_read_ids(t->pid, "Gid:", ids) ||
	    proc_readlink(t->pid, "root", t->root, PATH_MAX) < 0 ||
	    proc_readlink(t->pid, "cwd", t->cwd, PATH_MAX) < 0 ||
	    proc_children(t->pid, t->children, MAX_KIDS + 16) < 0)
		abort();
}

/*
 * A process with @kids sleeping children and its cwd @depth directories
 * down; it tells its parent when all are in place through @ready.
 */
static pid_t make_target(int kids, int depth)
{
	int ready[2], i;
	pid_t pid;
	char c;

	if (pipe(ready))
		abort();
	pid = fork();
	if (pid == 0) {
		char name[8];

		if (chdir("/tmp"))
			_exit(1);
		for (i = 0; i < depth; i++) {
			snprintf(name, sizeof(name), "d%d", i % 10);
			mkdir(name, 0700);
			if (chdir(name))
				_exit(1);
		}
		for (i = 0; i < kids; i++) {
			if (fork() == 0) {
				for (;;)
					pause();
			}
		}
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	if (read(ready[0], &c, 1) != 1)
		abort();
	close(ready[0]);
	close(ready[1]);
	return pid;
}

/*
 * Kills a target and its children, which come to this process (a
 * subreaper) to be reaped: PIDs run short with 10,000 zombies about.
 */
static void end_target(pid_t pid)
{
	static int kids[MAX_KIDS + 16];
	int n = proc_children(pid, kids, MAX_KIDS + 16), i;

	for (i = 0; i < n; i++)
		kill(kids[i], SIGKILL);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	for (i = 0; i < n; i++)
		waitpid(kids[i], NULL, 0);
}

static struct target *new_target(void)
{
	struct target *t = calloc(1, sizeof(*t));

	t->children = calloc(MAX_KIDS + 16, sizeof(int));
	t->root = malloc(PATH_MAX);
	t->cwd = malloc(PATH_MAX);
	return t;
}

/* What ps needs of one process, and the least a call can cost. */
#define MINIMAL_MASK	(PIDINFO_MASK_STATE | PIDINFO_MASK_PPID | \
			 PIDINFO_MASK_COMM)

static void by_minimal(void *arg)
{
	struct target *t = arg;
	struct pidinfo info = { .mask = MINIMAL_MASK };

	if (get_pid_info(t->pid, &info, sizeof(info), 0))
		abort();
}

/* The same, of the caller itself: no ptrace check, whatever the policy. */
static void by_minimal_self(void *arg)
{
	struct pidinfo info = { .mask = MINIMAL_MASK };

	if (get_pid_info(getpid(), &info, sizeof(info), 0))
		abort();
}

static void by_getpid(void *arg)
{
	syscall(__NR_getpid);
}

/*
 * A call of the same shape: a request mask, a struct of a few hundred
 * bytes copied out; of an open descriptor.
 */
static int statx_fd;

static void by_statx(void *arg)
{
	struct statx stx;

	if (statx(statx_fd, "", AT_EMPTY_PATH, STATX_TYPE, &stx))
		abort();
}

/* The least a call that looks a PID up and checks the caller can cost. */
static void by_kill0(void *arg)
{
	struct target *t = arg;

	if (kill(t->pid, 0))
		abort();
}

/*
 * The fixed part of every call: the struct copied in and a PID looked up,
 * one that names nothing (a reaped child's, not reused meanwhile).
 */
static void by_no_such_pid(void *arg)
{
	struct pidinfo info = { .mask = MINIMAL_MASK };

	if (!get_pid_info(*(pid_t *)arg, &info, sizeof(info), 0) ||
	    errno != ESRCH)
		abort();
}

/*
 * A call turned away at its first check (an unknown flag): what entering
 * get_pid_info() costs before it reads anything.
 */
static void by_rejected(void *arg)
{
	struct pidinfo info = { .mask = MINIMAL_MASK };

	if (!get_pid_info(*(pid_t *)arg, &info, sizeof(info), 1U << 31) ||
	    errno != EINVAL)
		abort();
}

/* A PID that names nothing: a child's, reaped. */
static pid_t free_pid(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	if (pid < 0 || waitpid(pid, NULL, 0) != pid)
		abort();
	return pid;
}

/* Every field, with room for every buffer. */
static void by_syscall_all(void *arg)
{
	static char exe[PATH_MAX], cmdline[4096];
	struct target *t = arg;
	struct pidinfo info = { 0 };

	pidinfo_set_buffers(&info, t->children, MAX_KIDS + 16, t->root,
			    PATH_MAX, t->cwd, PATH_MAX);
	pidinfo_set_exe(&info, exe, sizeof(exe));
	pidinfo_set_cmdline(&info, cmdline, sizeof(cmdline));
	if (get_pid_info(t->pid, &info, sizeof(info), 0))
		abort();
}

/* The same the /proc way: every file the library compares with. */
static void by_proc_all(void *arg)
{
	static struct proc_view view;
	struct target *t = arg;

	if (proc_view_read(t->pid, &view, t->children, MAX_KIDS + 16))
		abort();
}

/* Every process: the listing with ps's fields, and /proc's directory. */
#define PS_MASK	(PIDINFO_MASK_STATE | PIDINFO_MASK_PPID | PIDINFO_MASK_PGID | \
		 PIDINFO_MASK_CREDS | PIDINFO_MASK_THREADS | \
		 PIDINFO_MASK_NICE | PIDINFO_MASK_TIME | PIDINFO_MASK_COMM | \
		 PIDINFO_MASK_CPUTIME | PIDINFO_MASK_MEMORY | \
		 PIDINFO_MASK_SCHED | PIDINFO_MASK_TTY)

static int count_one(const struct pidinfo *info, void *ctx)
{
	(*(int *)ctx)++;
	return 0;
}

static void list_by_syscall(void *arg)
{
	int n = 0;

	if (pidinfo_list(PS_MASK, 0, count_one, &n) || n < *(int *)arg)
		abort();
}

/* The same, one get_pid_info() call per process (PIDINFO_NEXT). */
static void list_by_single_calls(void *arg)
{
	struct pidinfo info;
	int n = 0, pid = 1;

	for (;;) {
		memset(&info, 0, sizeof(info));
		info.mask = PS_MASK;
		if (get_pid_info(pid, &info, sizeof(info), PIDINFO_NEXT))
			break;
		n++;
		pid = info.pid + 1;
	}
	if (errno != ESRCH || n < *(int *)arg)
		abort();
}

/* As procps reads each process for those columns: stat, status, statm. */
static void list_by_proc(void *arg)
{
	unsigned int ids[4];
	struct proc_stat st;
	struct dirent *de;
	char path[64], buf[512];
	DIR *proc = opendir("/proc");
	int n = 0;

	if (!proc)
		abort();
	while ((de = readdir(proc))) {
		pid_t pid = atoi(de->d_name);

		if (pid <= 0)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/statm", pid);
		if (proc_read_stat(pid, &st) ||
		    proc_read_ids(pid, "Uid:", ids) ||
		    read_file(path, buf, sizeof(buf)) < 0)
			continue;
		n++;
	}
	closedir(proc);
	if (n < *(int *)arg)
		abort();
}

static long long cpu_of(char *const argv[]);

/* Runs @argv, its output to /dev/null; aborts unless it exits 0. */
static void run_quietly(char *const argv[])
{
	cpu_of(argv);
}

#define PS_COLUMNS	"pid,ppid,user,stat,ni,rss,vsz,time,start,tty,comm"

static void ps_by_pidinfo(void *arg)
{
	static char *const argv[] = {
		"/bin/pidinfo", "ps", "-o", PS_COLUMNS, NULL
	};

	run_quietly(argv);
}

/* Debian's procps, which the guest has with its libraries. */
static void ps_by_procps(void *arg)
{
	run_quietly((char *const[]){ "/usr/bin/ps", "-eo", PS_COLUMNS, NULL });
}

static void tree_by_pidinfo(void *arg)
{
	run_quietly((char *const[]){ "/bin/pidinfo", "tree", "-p", NULL });
}

static void tree_by_pstree(void *arg)
{
	run_quietly((char *const[]){ "/usr/bin/pstree", "-p", NULL });
}

/*
 * User and system CPU time of @argv, run to its end with its output to
 * /dev/null, in ns; aborts unless it exits 0.
 */
static long long cpu_of(char *const argv[])
{
	struct rusage ru;
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);

		if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0)
			_exit(126);
		execv(argv[0], argv);
		_exit(127);
	}
	if (pid < 0 || wait4(pid, &status, 0, &ru) != pid ||
	    !WIFEXITED(status) || WEXITSTATUS(status))
		abort();
	return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000LL +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000LL;
}

#define TOP_FRAMES	"4"

/*
 * The CPU time one refresh of @top's batch mode costs: TOP_FRAMES frames
 * less one frame, over the frames between (start-up and the first
 * sample cancel out), the median of REPEATS runs of each.
 */
static struct figure top_refresh_cpu(const char *top)
{
	char *const one[] = { (char *)top, "-b", "-n", "1", "-d", "0", NULL };
	char *const many[] = {
		(char *)top, "-b", "-n", TOP_FRAMES, "-d", "0", NULL
	};
	char *const one_ours[] = {
		"/bin/pidinfo", "top", "-b", "-n", "1", "-d", "0", NULL
	};
	char *const many_ours[] = {
		"/bin/pidinfo", "top", "-b", "-n", TOP_FRAMES, "-d", "0", NULL
	};
	bool ours = !strcmp(top, "pidinfo");
	long long t[REPEATS];
	int r;

	for (r = 0; r < REPEATS; r++)
		t[r] = (cpu_of(ours ? many_ours : many) -
			cpu_of(ours ? one_ours : one)) /
		       (atoi(TOP_FRAMES) - 1);
	return summarize(t);
}

/*
 * Listing every process: the calls alone against reading /proc's
 * directory, then pidinfo ps and tree against procps' ps and psmisc's
 * pstree, whole programs, with 100 to 10,000 processes about.
 */
static void bench_listing(void)
{
	static const int sizes[] = { 100, 1000, 10000 };
	char name[64];
	int i, total;

	for (i = 0; i < (int)ARRAY_SIZE(sizes); i++) {
		/* One target holds the sleepers: the rest of the guest is few. */
		pid_t pid = make_target(sizes[i], 0);
		int calls = sizes[i] >= 10000 ? 1 : 5;

		total = sizes[i];
		snprintf(name, sizeof(name), "listing/processes=%d", sizes[i]);
		measure_pair(name, list_by_syscall, list_by_proc, &total,
			     calls);
		snprintf(name, sizeof(name), "ps/processes=%d", sizes[i]);
		measure_pair(name, ps_by_pidinfo, ps_by_procps, NULL, calls);
		snprintf(name, sizeof(name), "tree/processes=%d", sizes[i]);
		measure_pair(name, tree_by_pidinfo, tree_by_pstree, NULL,
			     calls);
		snprintf(name, sizeof(name), "batched/processes=%d", sizes[i]);
		measure_pair(name, list_by_syscall, list_by_single_calls,
			     &total, calls);
		if (sizes[i] >= 1000) {
			snprintf(name, sizeof(name), "top_refresh_cpu/processes=%d",
				 sizes[i]);
			report(name, top_refresh_cpu("pidinfo"),
			       top_refresh_cpu("/usr/bin/top"));
		}
		end_target(pid);
	}
}

/*
 * measure_pair(@name, @fn, by_getpid) in a child that first enters what
 * @enter(@how) sets up; nothing is printed if it cannot (no privilege).
 */
static void measure_in_child(const char *name, bool (*enter)(const char *),
			     const char *how, void (*fn)(void *), void *arg)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (!enter(how))
			_exit(1);
		measure_pair(name, fn, by_getpid, arg, 2000);
		fflush(stdout);
		_exit(0);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

/*
 * A mount namespace of one's own whose /proc is mounted as @options (NULL:
 * no procfs at /proc).  The minimal request there, beside the same row
 * with the system's /proc, shows what following the caller's /proc costs
 * a call: under hidepid=, a ptrace check of the target.
 */
static bool enter_proc_mounted(const char *options)
{
	if (unshare(CLONE_NEWNS) ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
	    umount2("/proc", MNT_DETACH))
		return false;
	return !options || !mount("proc", "/proc", "proc", 0, options);
}

/*
 * A user namespace of one's own: such a caller's policy is fixed (see
 * pidinfo_policy_init()), and no /proc is looked up.  The minimal request
 * of the caller itself there, beside the same row outside, shows what
 * looking /proc up costs every call.
 */
static bool enter_user_namespace(const char *unused)
{
	return !unshare(CLONE_NEWUSER);
}

static void bench_get_pid_info(void)
{
	static const int kids[] = { 0, 10, 100, 300, 1000, 3000, 10000 };
	static const int depths[] = { 1, 16, 64 };
	struct target *t = new_target();
	char name[64];
	int i, calls;
	pid_t gone;

	for (i = 0; i < (int)ARRAY_SIZE(kids); i++) {
		t->pid = make_target(kids[i], 0);
		calls = kids[i] >= 1000 ? 5 : 200;
		snprintf(name, sizeof(name), "get_pid_info/children=%d", kids[i]);
		measure_pair(name, by_syscall, by_proc, t, calls);
		end_target(t->pid);
	}
	t->pid = make_target(0, 0);
	measure_pair("get_pid_info/minimal_vs_getpid", by_minimal, by_getpid,
		     t, 2000);
	measure_pair("get_pid_info/minimal_self_vs_getpid", by_minimal_self,
		     by_getpid, NULL, 2000);
	measure_in_child("get_pid_info/minimal_self_without_proc_lookup_vs_getpid",
			 enter_user_namespace, NULL, by_minimal_self, NULL);
	measure_in_child("get_pid_info/minimal_no_proc_vs_getpid",
			 enter_proc_mounted, NULL, by_minimal, t);
	measure_in_child("get_pid_info/minimal_hidepid=invisible_vs_getpid",
			 enter_proc_mounted, "hidepid=invisible", by_minimal, t);
	measure_pair("get_pid_info/minimal_vs_kill0", by_minimal, by_kill0, t,
		     2000);
	statx_fd = open("/", O_RDONLY | O_DIRECTORY);
	if (statx_fd < 0)
		abort();
	measure_pair("get_pid_info/minimal_vs_statx", by_minimal, by_statx, t,
		     2000);
	close(statx_fd);
	gone = free_pid();
	measure_pair("get_pid_info/no_such_pid_vs_getpid", by_no_such_pid,
		     by_getpid, &gone, 2000);
	measure_pair("get_pid_info/rejected_vs_getpid", by_rejected, by_getpid,
		     &t->pid, 2000);
	measure_pair("get_pid_info/all_fields", by_syscall_all, by_proc_all, t,
		     200);
	end_target(t->pid);
	for (i = 0; i < (int)ARRAY_SIZE(depths); i++) {
		t->pid = make_target(0, depths[i]);
		snprintf(name, sizeof(name), "get_pid_info/cwd_depth=%d",
			 depths[i]);
		measure_pair(name, by_syscall, by_proc, t, 200);
		end_target(t->pid);
	}
}

/* --- the re-implementations against the originals --- */

static void fork_wait_orig(void *arg)
{
	long pid = sys_fork();

	if (pid == 0)
		_exit(0);
	syscall(__NR_wait4, pid, NULL, 0, NULL);
}

static void fork_wait_ft(void *arg)
{
	long pid = ft_fork();

	if (pid == 0)
		_exit(0);
	ft_wait(pid, NULL, 0, NULL);
}

static pid_t kill_target;

static void kill_orig(void *arg)
{
	kill(kill_target, SIGUSR1);
}

static void kill_ft(void *arg)
{
	ft_kill(kill_target, SIGUSR1);
}

static pid_t wait_target;

static void wait_pid_orig(void *arg)
{
	syscall(__NR_wait4, wait_target, NULL, WNOHANG, NULL);
}

static void wait_pid_ft(void *arg)
{
	ft_wait(wait_target, NULL, WNOHANG, NULL);
}

#define SIBLINGS 4000

/*
 * wait4(pid) looks the PID up (do_wait_pid()), not through the children:
 * ft_wait(pid) must cost the same beside thousands of siblings.
 */
static void bench_wait_pid(void)
{
	static pid_t kids[SIBLINGS];
	int i, n;

	for (n = 0; n < SIBLINGS; n++) {
		kids[n] = fork();
		if (kids[n] < 0)
			break;
		if (kids[n] == 0) {
			for (;;)
				pause();
		}
	}
	wait_target = kids[n / 2];
	measure_pair("ft_wait/wait4:pid_beside_4000_siblings", wait_pid_ft,
		     wait_pid_orig, NULL, 2000);
	for (i = 0; i < n; i++)
		kill(kids[i], SIGKILL);
	for (i = 0; i < n; i++)
		waitpid(kids[i], NULL, 0);
}

static void bench_reimplementations(void)
{
	sigset_t usr1;
	pid_t group[100];
	int i;

	measure_pair("ft_fork+ft_wait/fork+wait4", fork_wait_ft, fork_wait_orig,
		     NULL, 100);
	bench_wait_pid();

	/* The receivers block SIGUSR1: it stays pending, sent again and again. */
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	kill_target = getpid();
	measure_pair("ft_kill/kill:self", kill_ft, kill_orig, NULL, 2000);

	kill_target = make_target(0, 0);
	measure_pair("ft_kill/kill:other", kill_ft, kill_orig, NULL, 2000);
	end_target(kill_target);

	for (i = 0; i < 100; i++) {
		group[i] = fork();
		if (group[i] == 0) {
			for (;;)
				pause();
		}
		setpgid(group[i], group[0]);
	}
	kill_target = -group[0];
	measure_pair("ft_kill/kill:group_of_100", kill_ft, kill_orig, NULL, 200);
	for (i = 0; i < 100; i++) {
		kill(group[i], SIGKILL);
		waitpid(group[i], NULL, 0);
	}
}

/* --- tasklist_lock: collection time, and who waits behind it --- */

#define SAMPLES 400

static long long p99(long long *t, int n)
{
	qsort(t, n, sizeof(t[0]), cmp_ll);
	return n ? t[n * 99 / 100] : 0;
}

/*
 * p99 of the fork() system call, which takes tasklist_lock for writing.
 * The child waits to be killed: a child that exited at once could run on
 * the parent's CPU before fork() returns there, and its own exit, which
 * takes the lock too, would be timed as the parent's fork.
 */
static long long fork_p99(void)
{
	long long t[SAMPLES], start;
	long pid;
	int i;

	for (i = 0; i < SAMPLES; i++) {
		start = now_ns();
		pid = sys_fork();
		if (pid == 0) {
			for (;;)
				pause();
		}
		t[i] = now_ns() - start;
		kill(pid, SIGKILL);
		syscall(__NR_wait4, pid, NULL, 0, NULL);
	}
	return p99(t, SAMPLES);
}

/*
 * p99 of fork() in another process while this one runs @fn(@arg) again and
 * again; the p99 of those @fn calls goes to @fn_p99.
 */
static long long fork_p99_beside(void (*fn)(void *), void *arg,
				 long long *fn_p99)
{
	long long *result = mmap(NULL, sizeof(*result), PROT_READ | PROT_WRITE,
				 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	static long long calls[100000];
	long long forker_p99, start;
	pid_t forker;
	int n = 0;

	forker = fork();
	if (forker == 0) {
		*result = fork_p99();
		_exit(0);
	}
	while (waitpid(forker, NULL, WNOHANG) == 0) {
		start = now_ns();
		fn(arg);
		if (n < (int)ARRAY_SIZE(calls))
			calls[n++] = now_ns() - start;
	}
	*fn_p99 = p99(calls, n);
	forker_p99 = *result;
	munmap(result, sizeof(*result));
	return forker_p99;
}

/* What /proc offers instead: every thread's children file, read whole. */
static void by_proc_children(void *arg)
{
	struct target *t = arg;

	if (proc_children(t->pid, t->children, MAX_KIDS + 16) < 0)
		abort();
}

/* Rounds of each fork p99, taken in turn: the median of each is shown. */
#define LOCK_ROUNDS 5

static long long median_of(long long *v, int n)
{
	qsort(v, n, sizeof(v[0]), cmp_ll);
	return v[n / 2];
}

/*
 * Collecting children holds tasklist_lock for reading; fork and exit take
 * it for writing.  A forker's p99 beside a collector of 10,000 children,
 * less its p99 beside a collector of none (which loads the CPUs alike but
 * holds the lock only briefly), is the stall the lock adds.  It is set
 * against a reader of the same children through /proc, which takes the
 * lock for one child at a time; the walk, for 128 at a time.  One p99 of
 * 400 forks moves by 2x from run to run under TCG: each is taken
 * LOCK_ROUNDS times, the four kinds in turn, and the medians compared.
 */
static void bench_lock(void)
{
	struct target *big = new_target(), *none = new_target();
	long long alone[LOCK_ROUNDS], beside_none[LOCK_ROUNDS];
	long long beside_big[LOCK_ROUNDS], beside_proc[LOCK_ROUNDS];
	long long call_none, call_big[LOCK_ROUNDS], call_proc;
	struct figure collect, empty;
	int r;

	big->pid = make_target(MAX_KIDS, 0);
	none->pid = make_target(0, 0);
	collect = measure(by_syscall, big, 5);
	empty = measure(by_syscall, none, 200);
	for (r = 0; r < LOCK_ROUNDS; r++) {
		alone[r] = fork_p99();
		beside_none[r] = fork_p99_beside(by_syscall, none, &call_none);
		beside_big[r] = fork_p99_beside(by_syscall, big, &call_big[r]);
		beside_proc[r] = fork_p99_beside(by_proc_children, big,
						 &call_proc);
	}
	printf("LOCK %d %lld %lld %lld %lld %lld %lld\n", MAX_KIDS,
	       collect.median - empty.median,
	       median_of(call_big, LOCK_ROUNDS),
	       median_of(alone, LOCK_ROUNDS),
	       median_of(beside_none, LOCK_ROUNDS),
	       median_of(beside_big, LOCK_ROUNDS),
	       median_of(beside_proc, LOCK_ROUNDS));
	end_target(big->pid);
	end_target(none->pid);
}

/*
 * A guest whose TSC was found unstable falls back to the jiffies clock,
 * which counts in ticks of several ms: no figure would mean anything.
 */
static bool clock_is_fine(void)
{
	char cs[64] = "";

	if (read_whole_file("/sys/devices/system/clocksource/clocksource0/current_clocksource",
			    cs, sizeof(cs)) < 0)
		return true;
	printf("clocksource: %s", cs);
	return !strstr(cs, "jiffies");
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	if (!clock_is_fine()) {
		printf("the clock has a tick's resolution: not measuring\n");
		return 1;
	}
	if (pidinfo_missing() || ft_missing()) {
		printf("this kernel has no pidinfo system calls\n");
		return 1;
	}
	bench_get_pid_info();
	bench_listing();
	bench_reimplementations();
	bench_lock();
	printf("BENCH-DONE\n");
	return 0;
}
