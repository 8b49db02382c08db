// SPDX-License-Identifier: GPL-2.0
/*
 * get_pid_info() against /proc: every field, every error, the size
 * matrix, children, paths, pidfds, PID namespaces and permissions.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <dirent.h>
#include <linux/securebits.h>
#include <sys/fsuid.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "pidinfo_util.h"
#include "../kselftest_harness.h"

PIDINFO_REQUIRE(pidinfo_missing(), "get_pid_info()");

#define PATTERN		0xa5
#define NOBODY		65534

/* Zeroed struct, patterned buffers: untouched bytes can be told apart. */
static void request_init(struct pidinfo_request *req, unsigned int cap)
{
	pidinfo_request_init(req, PATTERN, 0, cap);
}

static int query(pid_t pid, struct pidinfo_request *req)
{
	return get_pid_info(pid, &req->info, sizeof(req->info), 0);
}

static int query_pidfd(int pidfd, struct pidinfo_request *req)
{
	return get_pid_info(pidfd, &req->info, sizeof(req->info),
			    PIDINFO_PIDFD);
}

/* Each field that disagrees with /proc, in the test's log. */
static void log_mismatch(void *ctx, const struct pidinfo_row *row)
{
	struct __test_metadata *_metadata = ctx;

	if (!row->same)
		TH_LOG("%s: get_pid_info() says %s, /proc says %s", row->name,
		       row->text, row->proc);
}

/* What /proc says about a process, read after the call; its children. */
static struct proc_view view;
static int view_children[256];

/*
 * Every field of @req->info against the view of @pid just read (the
 * library's comparison), and what the comparison cannot know: the bits
 * that must be set, the clock read before the call, the lengths.
 */
static void check_view(struct __test_metadata *_metadata, pid_t pid,
		       const struct pidinfo_request *req,
		       unsigned long long before_ns)
{
	const struct pidinfo_buffers bufs = {
		.children = req->children, .root = req->root, .cwd = req->cwd,
		.exe = req->exe, .cmdline = req->cmdline,
	};
	const struct pidinfo *info = &req->info;
	__u64 mask = pidinfo_all_fields();

	EXPECT_EQ(0, pidinfo_rows(info, &bufs, &view, log_mismatch, _metadata));
	EXPECT_EQ(pid, info->pid);
	EXPECT_EQ(pid, info->tgid);
	/* Every field, but the paths /proc cannot read either. */
	if (view.root_errno)
		mask &= ~PIDINFO_MASK_ROOT;
	if (view.cwd_errno)
		mask &= ~PIDINFO_MASK_CWD;
	if (view.exe_errno)
		mask &= ~PIDINFO_MASK_EXE;
	EXPECT_EQ(mask, info->mask);
	/* The guest mounts cgroup2 where the library reads the IDs. */
	EXPECT_EQ(0, view.cgroup_errno);
	if (!view.exe_errno)
		EXPECT_EQ(strlen(view.exe) + 1, info->exe_len);
	EXPECT_EQ(view.cmdline_len, info->cmdline_len);
	/* The age is taken between the two clock reads around the call. */
	EXPECT_LE(before_ns - info->start_time_ns, info->age_ns);

	if (view.root_errno) {
		EXPECT_EQ(ENOENT, view.root_errno);
	} else {
		ASSERT_TRUE(info->mask & PIDINFO_MASK_ROOT);
		EXPECT_EQ(strlen(view.root) + 1, info->root_len);
	}
	if (view.cwd_errno) {
		EXPECT_EQ(ENOENT, view.cwd_errno);
	} else {
		ASSERT_TRUE(info->mask & PIDINFO_MASK_CWD);
		EXPECT_EQ(strlen(view.cwd) + 1, info->cwd_len);
	}
}

/* The same, against what /proc says about @pid now. */
static void check_against_proc(struct __test_metadata *_metadata, pid_t pid,
			       const struct pidinfo_request *req,
			       unsigned long long before_ns)
{
	ASSERT_EQ(0, proc_view_read(pid, &view, view_children,
				    ARRAY_SIZE(view_children)));
	check_view(_metadata, pid, req, before_ns);
}

/*
 * Asks for a process /proc shows asleep, reading /proc/PID/stat before
 * the call and the view after it, until the two agree (see
 * proc_stat_settled() for why a sleeping process may still change).
 */
static int query_settled(pid_t pid, struct pidinfo_request *req)
{
	struct proc_stat before;
	int tries;

	for (tries = 0; tries < 100; tries++) {
		request_init(req, 256);
		if (proc_read_stat(pid, &before) ||
		    query(pid, req) ||
		    proc_view_read(pid, &view, view_children,
				   ARRAY_SIZE(view_children)))
			return -1;
		if (proc_stat_settled(&before, &view.st))
			return 0;
		usleep(10000);
	}
	errno = EAGAIN;
	return -1;
}

TEST(self_matches_proc)
{
	unsigned long long before;
	struct pidinfo_request req;

	request_init(&req, 256);
	before = boottime_ns();
	ASSERT_EQ(0, query(getpid(), &req));
	EXPECT_EQ('R', req.info.state);
	check_against_proc(_metadata, getpid(), &req, before);
}

/*
 * A target's setup is done: one byte down the pipe @fd.  The parent waits
 * for the bytes before it waits for the target's state, since a target
 * that sleeps during its setup (reading /proc, opening a terminal) shows
 * 'S' too, and then runs on while its fields are compared.
 */
static void setup_done(int fd)
{
	char byte = 0;

	if (write(fd, &byte, 1) != 1)
		_exit(1);
}

static void *sleeping_thread(void *arg)
{
	setup_done((int)(long)arg);
	for (;;)
		pause();
	return NULL;
}

enum target_kind {
	SLEEPING, STOPPED, ZOMBIE, THREADED, RENICED_SETUID, EVERY_ID, REALTIME,
	WITH_TTY, RETITLED, BUSY, IN_CGROUP,
};

/* Distinct from every other ID and from nice 0, so no field passes by luck. */
#define TARGET_NICE	7
#define TARGET_EUID	1000
#define TARGET_EGID	1001
#define TARGET_RT_PRIO	10
/*
 * CPU time and memory a busy target uses before it sleeps; the memory a
 * thread of it faults in before it exits (its faults then count in the
 * process's through ->signal), and what it locks (VmLck).
 */
#define BUSY_NS		30000000ULL
#define BUSY_BYTES	(4 << 20)
#define EXITED_BYTES	(4 << 20)
#define LOCKED_BYTES	(1024 * 1024)
#define PTS_MAJOR	136

/* The target's own cgroup, made for the IN_CGROUP variant. */
static void target_cgroup(pid_t pid, char *path, size_t size)
{
	snprintf(path, size, "/sys/fs/cgroup/pidinfo-%d", pid);
}

/* Takes a pseudo-terminal as controlling terminal, in the foreground. */
static int take_terminal(void)
{
	int master, slave;

	if (setsid() < 0)
		return -1;
	master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0 || grantpt(master) || unlockpt(master))
		return -1;
	slave = open(ptsname(master), O_RDWR);
	if (slave < 0 || ioctl(slave, TIOCSCTTY, 0) ||
	    tcsetpgrp(slave, getpid()))
		return -1;
	return 0;
}

/*
 * Eight different IDs: real, effective, saved and file system, user and
 * group.  The file system user ID is set last, so the capabilities that
 * setfsuid() needs must survive setresuid(): SECBIT_NO_SETUID_FIXUP.
 */
#define ID_BASE		3000

static int take_every_id(void)
{
	if (prctl(PR_SET_SECUREBITS, SECBIT_NO_SETUID_FIXUP) ||
	    setresgid(ID_BASE + 4, ID_BASE + 5, ID_BASE + 6))
		return -1;
	setfsgid(ID_BASE + 7);
	if (setresuid(ID_BASE, ID_BASE + 1, ID_BASE + 2))
		return -1;
	setfsuid(ID_BASE + 3);
	return setfsuid(-1) == ID_BASE + 3 && setfsgid(-1) == ID_BASE + 7 ?
	       0 : -1;
}

/*
 * setproctitle() as programs write it: the argument area overwritten
 * through its last NUL, so that /proc reads on into the environment.
 */
static int retitle(void)
{
	unsigned long arg_start, arg_end;
	char buf[1024], *p;
	int i;

	if (read_file("/proc/self/stat", buf, sizeof(buf)) < 0)
		return -1;
	p = strrchr(buf, ')');
	/* arg_start and arg_end are fields (48) and (49) of proc(5). */
	for (i = 2; p && i < 48; i++)
		p = strchr(p + 1, ' ');
	if (!p || sscanf(p, " %lu %lu", &arg_start, &arg_end) != 2)
		return -1;
	for (p = (char *)arg_start; p < (char *)arg_end - 1; p++)
		if (!*p)
			*p = ' ';
	*p = 'X';
	return 0;
}

static char *map_pages(size_t size)
{
	char *mem = mmap(NULL, size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (mem == MAP_FAILED)
		return NULL;
	/* A fault per page, not per huge page (EINVAL without THP). */
	madvise(mem, size, MADV_NOHUGEPAGE);
	return mem;
}

static void *fault_and_exit(void *mem)
{
	memset(mem, 1, EXITED_BYTES);
	return NULL;
}

/*
 * Spends CPU time, faults memory in (in a thread that has exited too) and
 * locks some, so that none of these counts is 0 or a neighbour's.
 */
static int keep_busy(void)
{
	char *mem = map_pages(BUSY_BYTES), *gone = map_pages(EXITED_BYTES);
	struct timespec ts;
	pthread_t thread;

	if (!mem || !gone || pthread_create(&thread, NULL, fault_and_exit, gone) ||
	    pthread_join(thread, NULL))
		return -1;
	memset(mem, 1, BUSY_BYTES);
	if (mlock(mem, LOCKED_BYTES))
		return -1;
	do {
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	} while (ts.tv_sec * 1000000000ULL + ts.tv_nsec < BUSY_NS);
	return mem[BUSY_BYTES - 1] == 1 ? 0 : -1;
}

FIXTURE(target) {
	pid_t pid;
};

FIXTURE_VARIANT(target) {
	enum target_kind kind;
	char state;
};

FIXTURE_VARIANT_ADD(target, sleeping) { .kind = SLEEPING, .state = 'S' };
FIXTURE_VARIANT_ADD(target, stopped) { .kind = STOPPED, .state = 'T' };
FIXTURE_VARIANT_ADD(target, zombie) { .kind = ZOMBIE, .state = 'Z' };
FIXTURE_VARIANT_ADD(target, threaded) { .kind = THREADED, .state = 'S' };
FIXTURE_VARIANT_ADD(target, reniced_setuid) { .kind = RENICED_SETUID, .state = 'S' };
FIXTURE_VARIANT_ADD(target, every_id) { .kind = EVERY_ID, .state = 'S' };
FIXTURE_VARIANT_ADD(target, realtime) { .kind = REALTIME, .state = 'S' };
FIXTURE_VARIANT_ADD(target, with_tty) { .kind = WITH_TTY, .state = 'S' };
FIXTURE_VARIANT_ADD(target, retitled) { .kind = RETITLED, .state = 'S' };
FIXTURE_VARIANT_ADD(target, busy) { .kind = BUSY, .state = 'S' };
FIXTURE_VARIANT_ADD(target, in_cgroup) { .kind = IN_CGROUP, .state = 'S' };

FIXTURE_SETUP(target)
{
	int i, ready[2], expected = 1;
	pthread_t thread;
	char bytes[8];

	ASSERT_EQ(0, pipe(ready));
	self->pid = fork();
	ASSERT_LE(0, self->pid);
	if (self->pid == 0) {
		close(ready[0]);
		if (chdir("/tmp"))
			_exit(1);
		switch (variant->kind) {
		case ZOMBIE:
			_exit(7);
		case STOPPED:
			raise(SIGSTOP);
			break;
		case THREADED:
			for (i = 0; i < 3; i++)
				if (pthread_create(&thread, NULL,
						   sleeping_thread,
						   (void *)(long)ready[1]))
					_exit(1);
			break;
		case RENICED_SETUID:
			/* Real and saved IDs stay root's; effective ones change. */
			if (setpriority(PRIO_PROCESS, 0, TARGET_NICE) ||
			    (!geteuid() &&
			     (setresgid(getgid(), TARGET_EGID, getgid()) ||
			      setresuid(getuid(), TARGET_EUID, getuid()))))
				_exit(1);
			break;
		case EVERY_ID:
			if (geteuid())
				break;
			if (take_every_id())
				_exit(1);
			break;
		case REALTIME: {
			struct sched_param sp = {
				.sched_priority = TARGET_RT_PRIO,
			};

			if (sched_setscheduler(0, SCHED_FIFO, &sp))
				_exit(1);
			break;
		}
		case WITH_TTY:
			if (take_terminal())
				_exit(1);
			break;
		case RETITLED:
			if (retitle())
				_exit(1);
			break;
		case BUSY:
			if (keep_busy())
				_exit(1);
			break;
		case SLEEPING:
		case IN_CGROUP:
			break;
		}
		if (variant->kind != ZOMBIE && variant->kind != STOPPED)
			setup_done(ready[1]);
		for (;;)
			pause();
	}

	close(ready[1]);
	if (variant->kind == THREADED)
		expected += 3;
	if (variant->kind == ZOMBIE || variant->kind == STOPPED)
		expected = 0;
	for (i = 0; i < expected; i++)
		ASSERT_EQ(1, read(ready[0], bytes, 1));
	close(ready[0]);

	if (variant->kind == IN_CGROUP) {
		char dir[64], procs[96], pid[16];

		target_cgroup(self->pid, dir, sizeof(dir));
		ASSERT_EQ(0, mkdir(dir, 0755));
		snprintf(procs, sizeof(procs), "%s/cgroup.procs", dir);
		snprintf(pid, sizeof(pid), "%d", self->pid);
		ASSERT_EQ(0, write_file(procs, pid));
	}

	if (variant->kind == ZOMBIE) {
		siginfo_t si;

		ASSERT_EQ(0, waitid(P_PID, self->pid, &si, WEXITED | WNOWAIT));
	} else if (variant->kind == STOPPED) {
		int status;

		ASSERT_EQ(self->pid, waitpid(self->pid, &status, WUNTRACED));
		ASSERT_TRUE(WIFSTOPPED(status));
	}
	ASSERT_TRUE(wait_for_proc_state(self->pid, variant->state));
	if (variant->kind == THREADED) {
		pid_t tids[8];
		char task[64];
		int n;

		/* The process's times are its threads': all must sleep. */
		snprintf(task, sizeof(task), "/proc/%d/task", self->pid);
		n = proc_list_ids(task, tids, ARRAY_SIZE(tids));
		ASSERT_EQ(4, n);
		for (i = 0; i < n; i++)
			ASSERT_TRUE(wait_for_proc_state(tids[i], 'S'));
	}
}

FIXTURE_TEARDOWN(target)
{
	char dir[64];

	kill(self->pid, SIGKILL);
	waitpid(self->pid, NULL, 0);
	if (variant->kind == IN_CGROUP) {
		target_cgroup(self->pid, dir, sizeof(dir));
		rmdir(dir);
	}
}

TEST_F(target, matches_proc)
{
	unsigned long long before;
	struct pidinfo_request req;

	before = boottime_ns();
	ASSERT_EQ(0, query_settled(self->pid, &req));
	EXPECT_EQ(variant->state, (char)req.info.state);
	EXPECT_EQ(getpid(), req.info.ppid);
	if (variant->kind == THREADED)
		EXPECT_EQ(4, req.info.nr_threads);
	if (variant->kind == RENICED_SETUID) {
		EXPECT_EQ(TARGET_NICE, req.info.nice);
		if (!geteuid()) {
			EXPECT_EQ(TARGET_EUID, req.info.euid);
			EXPECT_EQ(TARGET_EGID, req.info.egid);
			EXPECT_EQ(getuid(), req.info.uid);
		}
	}
	if (variant->kind == EVERY_ID && !geteuid()) {
		EXPECT_EQ(ID_BASE, req.info.uid);
		EXPECT_EQ(ID_BASE + 1, req.info.euid);
		EXPECT_EQ(ID_BASE + 2, req.info.suid);
		EXPECT_EQ(ID_BASE + 3, req.info.fsuid);
		EXPECT_EQ(ID_BASE + 4, req.info.gid);
		EXPECT_EQ(ID_BASE + 5, req.info.egid);
		EXPECT_EQ(ID_BASE + 6, req.info.sgid);
		EXPECT_EQ(ID_BASE + 7, req.info.fsgid);
	}
	if (variant->kind == REALTIME) {
		EXPECT_EQ(SCHED_FIFO, req.info.policy);
		EXPECT_EQ(TARGET_RT_PRIO, req.info.rt_priority);
		/* /proc's scale: -1 - rt_priority for real-time tasks. */
		EXPECT_EQ(-1 - TARGET_RT_PRIO, req.info.priority);
	} else if (variant->kind != RENICED_SETUID) {
		EXPECT_EQ(SCHED_OTHER, req.info.policy);
		EXPECT_EQ(20, req.info.priority);
	}
	if (variant->kind == WITH_TTY) {
		EXPECT_EQ(PTS_MAJOR, (req.info.tty_nr >> 8) & 0xfff);
		EXPECT_EQ(self->pid, req.info.tpgid);
	}
	if (variant->kind == RETITLED) {
		/* Past the argument area: up to the NUL the environment has. */
		EXPECT_NE(NULL, memchr(req.cmdline, 'X', req.info.cmdline_len));
		EXPECT_EQ('\0', req.cmdline[req.info.cmdline_len - 1]);
	}
	if (variant->kind == BUSY) {
		EXPECT_LE(BUSY_NS, req.info.utime_ns + req.info.stime_ns);
		EXPECT_LE((BUSY_BYTES + EXITED_BYTES) / getpagesize(),
			  req.info.min_flt);
		EXPECT_LE(BUSY_BYTES + EXITED_BYTES, req.info.rss);
		EXPECT_EQ(LOCKED_BYTES, req.info.locked);
	}
	if (variant->kind == IN_CGROUP) {
		struct pidinfo_request mine;

		request_init(&mine, 0);
		ASSERT_EQ(0, query(getpid(), &mine));
		EXPECT_NE(mine.info.cgroup_id, req.info.cgroup_id);
	}
	if (variant->kind == ZOMBIE) {
		EXPECT_EQ(0, req.info.stack_start);
		EXPECT_FALSE(req.info.mask & PIDINFO_MASK_CWD);
		EXPECT_TRUE(all_bytes(req.cwd, PATTERN, sizeof(req.cwd)));
		/* No memory left: no command line, no sizes, no exe. */
		EXPECT_EQ(0, req.info.cmdline_len);
		EXPECT_EQ(0, req.info.vsize);
		EXPECT_FALSE(req.info.mask & PIDINFO_MASK_EXE);
	} else {
		EXPECT_NE(0, req.info.stack_start);
		EXPECT_STREQ("/tmp", req.cwd);
	}
	check_view(_metadata, self->pid, &req, before);
}

/* A thread, by its TID: described as that thread of this process. */
TEST(thread_by_tid)
{
	unsigned long long before = boottime_ns();
	struct pidinfo_request req, leader;
	struct proc_stat st;
	pthread_t thread;
	pid_t tid;
	char path[64];

	tid = start_sleeping_thread(&thread);
	ASSERT_LT(0, tid);
	ASSERT_TRUE(wait_for_proc_state(tid, 'S'));

	request_init(&req, 256);
	ASSERT_EQ(0, query(tid, &req));
	EXPECT_EQ(tid, req.info.pid);
	EXPECT_EQ(getpid(), req.info.tgid);
	EXPECT_EQ('S', req.info.state);
	EXPECT_EQ(getppid(), req.info.ppid);
	EXPECT_EQ(2, req.info.nr_threads);
	EXPECT_LE(before, req.info.start_time_ns + req.info.age_ns);

	/* /proc/PID/task/TID/stat is the same thread's view. */
	snprintf(path, sizeof(path), "%d/task/%d", getpid(), tid);
	ASSERT_EQ(0, proc_read_stat_path(path, &st));
	EXPECT_EQ(st.state, (char)req.info.state);
	EXPECT_EQ(st.num_threads, req.info.nr_threads);

	/* The leader's view: same process, its own PID. */
	request_init(&leader, 256);
	ASSERT_EQ(0, query(getpid(), &leader));
	EXPECT_EQ(getpid(), leader.info.pid);
	EXPECT_EQ(req.info.tgid, leader.info.tgid);
	EXPECT_EQ(req.info.nr_children, leader.info.nr_children);
	EXPECT_STREQ(leader.cwd, req.cwd);
	pthread_cancel(thread);
	pthread_join(thread, NULL);
}

#ifndef PIDFD_THREAD
#define PIDFD_THREAD	O_EXCL
#endif

/* A thread pidfd (Linux 6.9 and later) names that thread, not its group. */
TEST(thread_pidfd)
{
	struct pidinfo_request req;
	pthread_t thread;
	int fd, leader_fd;
	pid_t tid;

	tid = start_sleeping_thread(&thread);
	ASSERT_LT(0, tid);
	fd = sys_pidfd_open(tid, PIDFD_THREAD);
	if (fd < 0 && errno == EINVAL) {
		/* No thread pidfds on this kernel: nothing to describe. */
		TH_LOG("pidfd_open() has no PIDFD_THREAD here");
		ASSERT_EQ(-1, sys_pidfd_open(tid, 0));
		goto out;
	}
	ASSERT_LE(0, fd);
	request_init(&req, 0);
	ASSERT_EQ(0, query_pidfd(fd, &req));
	EXPECT_EQ(tid, req.info.pid);
	EXPECT_EQ(getpid(), req.info.tgid);
	close(fd);

	/* The leader's thread pidfd and its process pidfd: the leader. */
	leader_fd = sys_pidfd_open(getpid(), PIDFD_THREAD);
	ASSERT_LE(0, leader_fd);
	request_init(&req, 0);
	ASSERT_EQ(0, query_pidfd(leader_fd, &req));
	EXPECT_EQ(getpid(), req.info.pid);
	close(leader_fd);
out:
	pthread_cancel(thread);
	pthread_join(thread, NULL);
}

/* Spends BUSY_THREAD_NS of CPU time, then sleeps. */
#define BUSY_THREAD_NS	50000000ULL

static void *busy_thread(void *arg)
{
	struct timespec ts;

	do {
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	} while (ts.tv_sec * 1000000000ULL + ts.tv_nsec < BUSY_THREAD_NS);
	__atomic_store_n((pid_t *)arg, gettid(), __ATOMIC_SEQ_CST);
	for (;;)
		pause();
	return NULL;
}

/* CPU time (utime + stime) of @nr as get_pid_info() says it with @flags. */
static unsigned long long cpu_ns(int nr, unsigned int flags)
{
	struct pidinfo info = { .mask = PIDINFO_MASK_CPUTIME,
				.tgid = getpid() };

	if (get_pid_info(nr, &info, sizeof(info), flags) ||
	    !(info.mask & PIDINFO_MASK_CPUTIME) ||
	    ((flags & PIDINFO_NEXT_THREAD) && info.pid != nr))
		return 0;
	return info.utime_ns + info.stime_ns;
}

/*
 * Whose CPU times a thread gets: looked up by TID or by thread pidfd, its
 * process's, as /proc/TID/stat shows them; listed by PIDINFO_NEXT_THREAD,
 * its own, as /proc/PID/task/TID/stat.  A busy thread beside an idle
 * leader tells the two apart.
 */
TEST(thread_times_whose)
{
	unsigned long long leader_own, busy_own, total;
	pthread_t thread;
	pid_t tid = 0;
	int fd;

	ASSERT_EQ(0, pthread_create(&thread, NULL, busy_thread, &tid));
	while (!__atomic_load_n(&tid, __ATOMIC_SEQ_CST))
		usleep(1000);

	leader_own = cpu_ns(getpid(), PIDINFO_NEXT_THREAD);
	busy_own = cpu_ns(tid, PIDINFO_NEXT_THREAD);
	ASSERT_LE(BUSY_THREAD_NS, busy_own);
	total = cpu_ns(getpid(), 0);
	/* The leader by its PID, the busy thread by its TID: the process's. */
	EXPECT_LE(leader_own + busy_own, total);
	EXPECT_LE(leader_own + busy_own, cpu_ns(tid, 0));
	EXPECT_LE(total, cpu_ns(tid, 0));

	fd = sys_pidfd_open(getpid(), PIDFD_THREAD);
	if (fd >= 0) {
		/* The leader's thread pidfd: the process's too. */
		EXPECT_LE(leader_own + busy_own, cpu_ns(fd, PIDINFO_PIDFD));
		close(fd);
	}
	pthread_cancel(thread);
	pthread_join(thread, NULL);
}

/*
 * comm is what /proc/PID/comm shows, cut to 15 bytes: for workqueue
 * workers that is the worker's name and its workqueue's
 * ("kworker/u8:0-events"), for other kernel threads their full name.
 * /proc is read before and after, as a worker's name changes with the
 * work it runs.
 */
static bool comm_matches(const char *comm, const char *proc)
{
	size_t len = strnlen(proc, PIDINFO_COMM_LEN - 1);

	return strlen(comm) == len && !strncmp(comm, proc, len);
}

static int read_comm(const char *name, char *buf, size_t size)
{
	char path[300];

	snprintf(path, sizeof(path), "/proc/%s/comm", name);
	if (read_file(path, buf, size) <= 0)
		return -1;
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

TEST(comm_of_every_process)
{
	int checked = 0, workers = 0;
	struct dirent *de;
	DIR *proc;

	/* Work for the kernel's workqueues, so that workers name theirs. */
	sync();
	proc = opendir("/proc");
	ASSERT_NE(NULL, proc);
	while ((de = readdir(proc))) {
		char before[64], after[64];
		struct pidinfo_request req;
		pid_t pid = atoi(de->d_name);

		if (pid <= 0 || read_comm(de->d_name, before, sizeof(before)))
			continue;
		request_init(&req, 0);
		if (query(pid, &req)) {
			EXPECT_EQ(ESRCH, errno);
			continue;
		}
		if (read_comm(de->d_name, after, sizeof(after)))
			continue;
		if (!comm_matches(req.info.comm, before))
			EXPECT_TRUE(comm_matches(req.info.comm, after)) {
				TH_LOG("pid %d: comm \"%s\", /proc \"%s\"",
				       pid, req.info.comm, after);
			}
		/* The whole name, as /proc/PID/comm has it. */
		if (strcmp(req.info.name, before))
			EXPECT_STREQ(after, req.info.name);
		/* And the attributes: kernel threads are kernel threads. */
		{
			struct proc_stat st;

			if (!proc_read_stat(pid, &st))
				EXPECT_EQ(!!(st.flags & PROC_PF_KTHREAD),
					  !!(req.info.attributes &
					     PIDINFO_ATTR_KTHREAD));
		}
		checked++;
		if (!strncmp(before, "kworker/", 8) && strpbrk(before, "+-"))
			workers++;
	}
	closedir(proc);
	EXPECT_LT(1, checked);
	/* At least one workqueue worker named with its workqueue. */
	EXPECT_LT(0, workers);
}

#define NR_KIDS 3

FIXTURE(kids) {
	pid_t pids[NR_KIDS];
	int sorted[NR_KIDS];
};

FIXTURE_SETUP(kids)
{
	int i;

	for (i = 0; i < NR_KIDS; i++) {
		self->pids[i] = fork();
		ASSERT_LE(0, self->pids[i]);
		if (self->pids[i] == 0) {
			for (;;)
				pause();
		}
		self->sorted[i] = self->pids[i];
	}
	qsort(self->sorted, NR_KIDS, sizeof(int), cmp_int);
}

FIXTURE_TEARDOWN(kids)
{
	int i;

	for (i = 0; i < NR_KIDS; i++) {
		kill(self->pids[i], SIGKILL);
		waitpid(self->pids[i], NULL, 0);
	}
}

TEST_F(kids, zero_buffer)
{
	struct pidinfo_request req;

	request_init(&req, 0);
	req.info.children = 0;
	ASSERT_EQ(0, query(getpid(), &req));
	EXPECT_EQ(NR_KIDS, req.info.nr_children);
	EXPECT_TRUE(all_bytes(req.children, PATTERN, sizeof(req.children)));
}

TEST_F(kids, exact_buffer)
{
	struct pidinfo_request req;
	int i;

	request_init(&req, NR_KIDS);
	ASSERT_EQ(0, query(getpid(), &req));
	ASSERT_EQ(NR_KIDS, req.info.nr_children);
	qsort(req.children, NR_KIDS, sizeof(int), cmp_int);
	for (i = 0; i < NR_KIDS; i++)
		EXPECT_EQ(self->sorted[i], req.children[i]);
	EXPECT_TRUE(all_bytes(&req.children[NR_KIDS], PATTERN,
			      sizeof(req.children) - NR_KIDS * sizeof(int)));
}

TEST_F(kids, small_buffer)
{
	struct pidinfo_request req;
	int i, j, found;

	request_init(&req, NR_KIDS - 1);
	ASSERT_EQ(0, query(getpid(), &req));
	/* The true count, so the caller knows the list is cut short. */
	EXPECT_EQ(NR_KIDS, req.info.nr_children);
	for (i = 0; i < NR_KIDS - 1; i++) {
		found = 0;
		for (j = 0; j < NR_KIDS; j++)
			found |= req.children[i] == self->pids[j];
		EXPECT_TRUE(found);
	}
	EXPECT_TRUE(all_bytes(&req.children[NR_KIDS - 1], PATTERN,
			      sizeof(int)));
}

TEST_F(kids, matches_proc)
{
	unsigned long long before = boottime_ns();
	struct pidinfo_request req;

	request_init(&req, 256);
	ASSERT_EQ(0, query(getpid(), &req));
	check_against_proc(_metadata, getpid(), &req, before);
}

/*
 * More children than the kernel's first buffer (a page of PIDs) holds, so
 * that the collection has to size a second one.  The children's PIDs are
 * known from fork(), an independent record to check against.
 */
#define NR_MANY_KIDS 1500

FIXTURE(many_kids) {
	int sorted[NR_MANY_KIDS];
	int n;
};

FIXTURE_SETUP(many_kids)
{
	pid_t pid;

	for (self->n = 0; self->n < NR_MANY_KIDS; self->n++) {
		pid = fork();
		ASSERT_LE(0, pid);
		if (pid == 0) {
			for (;;)
				pause();
		}
		self->sorted[self->n] = pid;
	}
	qsort(self->sorted, self->n, sizeof(int), cmp_int);
}

FIXTURE_TEARDOWN(many_kids)
{
	int i;

	for (i = 0; i < self->n; i++)
		kill(self->sorted[i], SIGKILL);
	for (i = 0; i < self->n; i++)
		waitpid(self->sorted[i], NULL, 0);
}

/* Room for @cap PIDs: the true count, @cap of our children, none twice. */
static void check_many(struct __test_metadata *_metadata,
		       const int *sorted, unsigned int cap)
{
	unsigned int want = cap < NR_MANY_KIDS ? cap : NR_MANY_KIDS;
	struct pidinfo info = { 0 };
	unsigned int i;
	int *buf;

	buf = calloc(cap + 1, sizeof(*buf));
	ASSERT_NE(NULL, buf);
	memset(buf, PATTERN, (cap + 1) * sizeof(*buf));
	pidinfo_set_buffers(&info, buf, cap, NULL, 0, NULL, 0);
	ASSERT_EQ(0, get_pid_info(getpid(), &info, sizeof(info), 0));
	EXPECT_EQ(NR_MANY_KIDS, info.nr_children);
	qsort(buf, want, sizeof(*buf), cmp_int);
	for (i = 0; i < want; i++) {
		EXPECT_NE(NULL, bsearch(&buf[i], sorted, NR_MANY_KIDS,
					sizeof(*sorted), cmp_int));
		if (i)
			EXPECT_LT(buf[i - 1], buf[i]);
	}
	if (want == NR_MANY_KIDS)
		EXPECT_EQ(0, memcmp(buf, sorted, want * sizeof(*buf)));
	EXPECT_TRUE(all_bytes(&buf[want], PATTERN, (cap + 1 - want) * sizeof(*buf)));
	free(buf);
}

TEST_F_TIMEOUT(many_kids, beyond_a_page, 300)
{
	static int proc_kids[NR_MANY_KIDS + 1];

	/* /proc agrees with fork(): the test's own record is complete. */
	ASSERT_EQ(NR_MANY_KIDS, proc_children(getpid(), proc_kids,
					      NR_MANY_KIDS + 1));
	ASSERT_EQ(0, memcmp(proc_kids, self->sorted, sizeof(self->sorted)));
	check_many(_metadata, self->sorted, NR_MANY_KIDS + 100);
	check_many(_metadata, self->sorted, NR_MANY_KIDS);
	check_many(_metadata, self->sorted, 1100);
	check_many(_metadata, self->sorted, 10);
	check_many(_metadata, self->sorted, 0);
}

struct forker {
	pid_t child;
	int stop;
};

/* Forks a child, then stays alive until told to stop. */
static void *forking_thread(void *arg)
{
	struct forker *f = arg;
	pid_t pid = fork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	__atomic_store_n(&f->child, pid, __ATOMIC_SEQ_CST);
	while (!__atomic_load_n(&f->stop, __ATOMIC_SEQ_CST))
		usleep(1000);
	return NULL;
}

static bool has_child(const struct pidinfo_request *req, pid_t pid)
{
	unsigned int i;

	for (i = 0; i < req->info.nr_children && i < 256; i++)
		if (req->children[i] == pid)
			return true;
	return false;
}

/* A child forked by a non-leader thread hangs off that thread, not the leader. */
TEST(children_of_every_thread)
{
	struct forker f = { 0 };
	unsigned long long before;
	struct pidinfo_request req;
	pthread_t thread;
	char path[64], buf[256];

	ASSERT_EQ(0, pthread_create(&thread, NULL, forking_thread, &f));
	while (!__atomic_load_n(&f.child, __ATOMIC_SEQ_CST))
		usleep(1000);
	ASSERT_LT(0, f.child);

	/* /proc lists it under the thread, not under the leader. */
	snprintf(path, sizeof(path), "/proc/%d/task/%d/children", getpid(),
		 getpid());
	ASSERT_LE(0, read_file(path, buf, sizeof(buf)));
	EXPECT_EQ('\0', buf[strspn(buf, "\n ")]);

	before = boottime_ns();
	request_init(&req, 256);
	ASSERT_EQ(0, query(getpid(), &req));
	EXPECT_EQ(1, req.info.nr_children);
	EXPECT_TRUE(has_child(&req, f.child));
	check_against_proc(_metadata, getpid(), &req, before);

	/* Its parent is the process, by its PID, not the thread's TID. */
	ASSERT_TRUE(wait_for_proc_state(f.child, 'S'));
	ASSERT_EQ(0, query_settled(f.child, &req));
	EXPECT_EQ(getpid(), req.info.ppid);
	check_view(_metadata, f.child, &req, before);

	/* Once the thread exits, the child is reparented to the leader. */
	__atomic_store_n(&f.stop, 1, __ATOMIC_SEQ_CST);
	ASSERT_EQ(0, pthread_join(thread, NULL));
	request_init(&req, 256);
	ASSERT_EQ(0, query(getpid(), &req));
	EXPECT_TRUE(has_child(&req, f.child));

	kill(f.child, SIGKILL);
	waitpid(f.child, NULL, 0);
}

TEST(cwd_after_chdir)
{
	char dir[] = "/tmp/pidinfo-cwd-XXXXXX";
	char link[PATH_MAX];
	struct pidinfo_request req;

	ASSERT_NE(NULL, mkdtemp(dir));
	ASSERT_EQ(0, chdir(dir));
	request_init(&req, 0);
	ASSERT_EQ(0, query(getpid(), &req));
	EXPECT_STREQ(dir, req.cwd);
	EXPECT_EQ(strlen(dir) + 1, req.info.cwd_len);
	EXPECT_STREQ("/", req.root);

	/* A removed directory reads as /proc shows it. */
	ASSERT_EQ(0, rmdir(dir));
	request_init(&req, 0);
	ASSERT_EQ(0, query(getpid(), &req));
	ASSERT_LT(0, proc_readlink(getpid(), "cwd", link, sizeof(link)));
	EXPECT_STREQ(link, req.cwd);
	ASSERT_EQ(0, chdir("/"));
}

/* A chrooted child, seen from outside and from inside its jail. */
TEST(root_after_chroot)
{
	char dir[] = "/tmp/pidinfo-root-XXXXXX";
	int pipefd[2], status;
	struct pidinfo_request req;
	char link[PATH_MAX], c;
	pid_t pid;

	ASSERT_NE(NULL, mkdtemp(dir));
	ASSERT_EQ(0, pipe(pipefd));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct pidinfo_request inside;

		if (chroot(dir) || chdir("/"))
			_exit(1);
		request_init(&inside, 0);
		if (query(getpid(), &inside))
			_exit(2);
		if (strcmp(inside.root, "/") || strcmp(inside.cwd, "/"))
			_exit(3);
		if (write(pipefd[1], "x", 1) != 1)
			_exit(4);
		for (;;)
			pause();
	}
	close(pipefd[1]);
	ASSERT_EQ(1, read(pipefd[0], &c, 1));
	close(pipefd[0]);

	request_init(&req, 0);
	ASSERT_EQ(0, query(pid, &req));
	EXPECT_STREQ(dir, req.root);
	EXPECT_STREQ(dir, req.cwd);
	ASSERT_LT(0, proc_readlink(pid, "root", link, sizeof(link)));
	EXPECT_STREQ(link, req.root);

	kill(pid, SIGKILL);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFSIGNALED(status));
	rmdir(dir);
}

/* A path of nearly PATH_MAX bytes, and buffers around its length. */
TEST(long_cwd)
{
	char base[] = "/tmp/pidinfo-long-XXXXXX";
	char name[201], *expect;
	struct pidinfo_request req;
	size_t len;
	int i;

	ASSERT_NE(NULL, mkdtemp(base));
	ASSERT_EQ(0, chdir(base));
	memset(name, 'd', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	for (i = 0; i < 19; i++) {
		ASSERT_EQ(0, mkdir(name, 0700));
		ASSERT_EQ(0, chdir(name));
	}
	expect = getcwd(NULL, 0);
	ASSERT_NE(NULL, expect);
	len = strlen(expect) + 1;
	ASSERT_LT(3800, len);

	/* Too small by one: the length, and nothing written. */
	request_init(&req, 0);
	req.info.cwd_size = len - 1;
	ASSERT_EQ(0, query(getpid(), &req));
	EXPECT_TRUE(req.info.mask & PIDINFO_MASK_CWD);
	EXPECT_EQ(len, req.info.cwd_len);
	EXPECT_TRUE(all_bytes(req.cwd, PATTERN, sizeof(req.cwd)));

	/* Exactly enough. */
	request_init(&req, 0);
	req.info.cwd_size = len;
	ASSERT_EQ(0, query(getpid(), &req));
	EXPECT_EQ(len, req.info.cwd_len);
	EXPECT_STREQ(expect, req.cwd);

	/* No buffer at all: still the length. */
	request_init(&req, 0);
	req.info.cwd = 0;
	req.info.cwd_size = 0;
	ASSERT_EQ(0, query(getpid(), &req));
	EXPECT_EQ(len, req.info.cwd_len);

	free(expect);
	for (i = 0; i < 19; i++) {
		ASSERT_EQ(0, chdir(".."));
		ASSERT_EQ(0, rmdir(name));
	}
	ASSERT_EQ(0, chdir("/"));
	rmdir(base);
}

FIXTURE(sizes) {
	unsigned char *buf;
};

FIXTURE_VARIANT(sizes) {
	unsigned int size;
	bool dirty_tail;
	int err;
};

FIXTURE_VARIANT_ADD(sizes, first) {
	.size = PIDINFO_SIZE_VER0,
};

FIXTURE_VARIANT_ADD(sizes, smaller) {
	.size = PIDINFO_SIZE_VER0 - 8,
	.err = EINVAL,
};

FIXTURE_VARIANT_ADD(sizes, one_byte_short) {
	.size = PIDINFO_SIZE_VER0 - 1,
	.err = EINVAL,
};

FIXTURE_VARIANT_ADD(sizes, zero) {
	.size = 0,
	.err = EINVAL,
};

FIXTURE_VARIANT_ADD(sizes, larger_zero_tail) {
	.size = PIDINFO_SIZE_VER0 + 8,
};

FIXTURE_VARIANT_ADD(sizes, larger_odd_size) {
	.size = PIDINFO_SIZE_VER0 + 3,
};

/* Between the versions: version 0's fields, the bytes beyond as they were. */
FIXTURE_VARIANT_ADD(sizes, between_versions) {
	.size = PIDINFO_SIZE_VER1 - 8,
};

FIXTURE_VARIANT_ADD(sizes, second) {
	.size = PIDINFO_SIZE_VER1,
};

FIXTURE_VARIANT_ADD(sizes, between_versions_1_and_2) {
	.size = PIDINFO_SIZE_VER2 - 8,
};

FIXTURE_VARIANT_ADD(sizes, third) {
	.size = PIDINFO_SIZE_VER2,
};

FIXTURE_VARIANT_ADD(sizes, larger_dirty_tail) {
	.size = sizeof(struct pidinfo) + 8,
	.dirty_tail = true,
	.err = E2BIG,
};

FIXTURE_VARIANT_ADD(sizes, page) {
	.size = 4096,
};

FIXTURE_VARIANT_ADD(sizes, page_dirty_tail) {
	.size = 4096,
	.dirty_tail = true,
	.err = E2BIG,
};

FIXTURE_VARIANT_ADD(sizes, over_a_page) {
	.size = 4097,
	.err = E2BIG,
};

FIXTURE_VARIANT_ADD(sizes, huge) {
	.size = 1U << 31,
	.err = E2BIG,
};

FIXTURE_SETUP(sizes)
{
	self->buf = calloc(1, 8192);
	ASSERT_NE(NULL, self->buf);
}

FIXTURE_TEARDOWN(sizes)
{
	free(self->buf);
}

TEST_F(sizes, negotiation)
{
	struct pidinfo *info = (struct pidinfo *)self->buf;
	int ret;

	if (variant->dirty_tail)
		self->buf[variant->size - 1] = 1;
	ret = get_pid_info(getpid(), info, variant->size, 0);
	if (variant->err) {
		EXPECT_EQ(-1, ret);
		EXPECT_EQ(variant->err, errno);
		EXPECT_EQ(0, info->mask);
		return;
	}
	ASSERT_EQ(0, ret);
	EXPECT_EQ(getpid(), info->pid);
	EXPECT_NE(0, info->mask & PIDINFO_MASK_CWD);
	/* Mask 0 asks for every field of the caller's version, no more. */
	EXPECT_EQ(variant->size >= PIDINFO_SIZE_VER2 ? pidinfo_all_fields() :
		  variant->size >= PIDINFO_SIZE_VER1 ? PIDINFO_MASK_ALL_VER1 :
		  PIDINFO_MASK_ALL_VER0, info->mask);
	/* Past the caller's struct and the kernel's, nothing is written. */
	EXPECT_TRUE(all_bytes(self->buf + variant->size, 0,
			      8192 - variant->size));
	EXPECT_TRUE(all_bytes(self->buf + sizeof(*info), 0,
			      8192 - sizeof(*info)));
}

TEST(bad_arguments)
{
	struct pidinfo_request req;
	pid_t gone;

	request_init(&req, 0);

	EXPECT_EQ(-1, get_pid_info(getpid(), &req.info, sizeof(req.info), 8));
	EXPECT_EQ(EINVAL, errno);
	/* The ways of naming a process exclude each other. */
	EXPECT_EQ(-1, get_pid_info(getpid(), &req.info, sizeof(req.info),
				   PIDINFO_PIDFD | PIDINFO_NEXT));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, get_pid_info(getpid(), &req.info, sizeof(req.info),
				   PIDINFO_NEXT | PIDINFO_NEXT_THREAD));
	EXPECT_EQ(EINVAL, errno);
	req.info.tgid = 0;
	EXPECT_EQ(-1, get_pid_info(getpid(), &req.info, sizeof(req.info),
				   PIDINFO_NEXT_THREAD));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, get_pid_info(0, &req.info, sizeof(req.info),
				   PIDINFO_NEXT));
	EXPECT_EQ(EINVAL, errno);
	req.info.mask = PIDINFO_MASK__RESERVED;
	EXPECT_EQ(-1, query(getpid(), &req));
	EXPECT_EQ(EINVAL, errno);
	req.info.mask = 0;
	EXPECT_EQ(-1, get_pid_info(getpid(), &req.info, sizeof(req.info),
				   1U << 31));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, query(0, &req));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, query(-1, &req));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, query(INT_MIN, &req));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, query(INT_MAX, &req));
	EXPECT_EQ(ESRCH, errno);

	gone = fork();
	ASSERT_LE(0, gone);
	if (gone == 0)
		_exit(0);
	ASSERT_EQ(gone, waitpid(gone, NULL, 0));
	EXPECT_EQ(-1, query(gone, &req));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(0, req.info.mask);
}

TEST(bad_pointers)
{
	long page = sysconf(_SC_PAGESIZE);
	struct pidinfo *ro, *straddle;
	struct pidinfo_request req;
	char *map;

	EXPECT_EQ(-1, get_pid_info(getpid(), NULL, PIDINFO_SIZE_VER0, 0));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, get_pid_info(getpid(), (void *)-4096L,
				   PIDINFO_SIZE_VER0, 0));
	EXPECT_EQ(EFAULT, errno);

	/* A struct the kernel may read but not write back. */
	map = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, map);
	ro = (struct pidinfo *)map;
	ASSERT_EQ(0, mprotect(map, page, PROT_READ));
	EXPECT_EQ(-1, get_pid_info(getpid(), ro, sizeof(*ro), 0));
	EXPECT_EQ(EFAULT, errno);

	/* A struct running into an unmapped page. */
	ASSERT_EQ(0, munmap(map, page));
	ASSERT_EQ(0, munmap(map + page, page));
	map = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, map);
	ASSERT_EQ(0, munmap(map + page, page));
	straddle = (struct pidinfo *)(map + page - 64);
	memset(straddle, 0, 64);
	EXPECT_EQ(-1, get_pid_info(getpid(), straddle, sizeof(*straddle), 0));
	EXPECT_EQ(EFAULT, errno);
	munmap(map, page);

	/* Buffers the struct points to. */
	request_init(&req, 4);
	req.info.children = 1;
	{
		pid_t kid = fork();

		ASSERT_LE(0, kid);
		if (kid == 0) {
			pause();
			_exit(0);
		}
		EXPECT_EQ(-1, query(getpid(), &req));
		EXPECT_EQ(EFAULT, errno);
		kill(kid, SIGKILL);
		waitpid(kid, NULL, 0);
	}
	request_init(&req, 0);
	req.info.root = (uintptr_t)-4096L;
	EXPECT_EQ(-1, query(getpid(), &req));
	EXPECT_EQ(EFAULT, errno);
	request_init(&req, 0);
	req.info.cwd = 8;
	EXPECT_EQ(-1, query(getpid(), &req));
	EXPECT_EQ(EFAULT, errno);
}

TEST(pidfd_mode)
{
	struct pidinfo_request req;
	int pidfd, fd, status;
	pid_t pid;

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		for (;;)
			pause();
	}
	pidfd = sys_pidfd_open(pid, 0);
	ASSERT_LE(0, pidfd);

	request_init(&req, 0);
	ASSERT_EQ(0, query_pidfd(pidfd, &req));
	EXPECT_EQ(pid, req.info.pid);
	EXPECT_EQ(getpid(), req.info.ppid);

	/* Not a pidfd, and not a descriptor at all. */
	fd = open("/proc/self/stat", O_RDONLY);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, query_pidfd(fd, &req));
	EXPECT_EQ(EBADF, errno);
	close(fd);
	EXPECT_EQ(-1, query_pidfd(-1, &req));
	EXPECT_EQ(EBADF, errno);

	/* Reaped: the pidfd can no longer name it, even if the PID returns. */
	kill(pid, SIGKILL);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(-1, query_pidfd(pidfd, &req));
	EXPECT_EQ(ESRCH, errno);
	close(pidfd);
}

/* Exit codes of the namespace child, for the parent to report. */
enum { NS_OK, NS_SELF, NS_NOT_INIT, NS_PARENT_VISIBLE, NS_FIELDS };

TEST(child_pid_namespace)
{
	pid_t outer_self = getpid(), pid;
	struct pidinfo_request req;
	int status;

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		pid_t init;

		if (unshare(CLONE_NEWPID))
			_exit(100 + errno);
		init = fork();
		if (init < 0)
			_exit(99);
		if (init == 0) {
			struct pidinfo_request in;

			request_init(&in, 0);
			if (query(1, &in))
				_exit(NS_SELF);
			if (in.info.pid != 1 || in.info.tgid != 1)
				_exit(NS_NOT_INIT);
			if (in.info.ppid != 0 || in.info.pgid != 0 ||
			    in.info.sid != 0)
				_exit(NS_FIELDS);
			request_init(&in, 0);
			if (query(outer_self, &in) != -1 || errno != ESRCH)
				_exit(NS_PARENT_VISIBLE);
			_exit(NS_OK);
		}
		if (waitpid(init, &status, 0) != init || !WIFEXITED(status))
			_exit(98);
		_exit(WEXITSTATUS(status));
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(NS_OK, WEXITSTATUS(status));

	/* From outside, a namespace's init is an ordinary child. */
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		pid_t init;

		if (unshare(CLONE_NEWPID))
			_exit(1);
		init = fork();
		if (init == 0) {
			for (;;)
				pause();
		}
		for (;;)
			pause();
	}
	{
		int kids[16], n = 0, tries;

		for (tries = 0; tries < 10000 && n != 1; tries++) {
			usleep(1000);
			n = proc_children(pid, kids, 16);
		}
		ASSERT_EQ(1, n);
		request_init(&req, 16);
		ASSERT_EQ(0, query(pid, &req));
		ASSERT_EQ(1, req.info.nr_children);
		EXPECT_EQ(kids[0], req.children[0]);
		request_init(&req, 0);
		ASSERT_EQ(0, query(kids[0], &req));
		EXPECT_EQ(kids[0], req.info.pid);
		EXPECT_EQ(pid, req.info.ppid);
		kill(kids[0], SIGKILL);
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* Exit codes of the unprivileged child. */
enum {
	UNPRIV_OK,
	UNPRIV_SETUID,
	UNPRIV_CALL,
	UNPRIV_MASK,
	UNPRIV_VALUES,
	UNPRIV_WROTE,
	UNPRIV_PUBLIC,
	UNPRIV_PROC,
};

static int unprivileged_probe(pid_t target)
{
	struct pidinfo_request req;
	char link[PATH_MAX];

	if (setgid(NOBODY) || setuid(NOBODY))
		return UNPRIV_SETUID;
	request_init(&req, 16);
	if (query(target, &req))
		return UNPRIV_CALL;
	if (req.info.mask & (PIDINFO_MASK_STACK | PIDINFO_MASK_ROOT |
			     PIDINFO_MASK_CWD | PIDINFO_MASK_EXE))
		return UNPRIV_MASK;
	if (req.info.stack_start || req.info.root_len || req.info.cwd_len ||
	    req.info.exe_len)
		return UNPRIV_VALUES;
	if (!all_bytes(req.root, PATTERN, sizeof(req.root)) ||
	    !all_bytes(req.cwd, PATTERN, sizeof(req.cwd)) ||
	    !all_bytes(req.exe, PATTERN, sizeof(req.exe)))
		return UNPRIV_WROTE;
	if (req.info.pid != target || req.info.uid != 0 ||
	    !(req.info.mask & PIDINFO_MASK_CHILDREN) ||
	    !(req.info.mask & PIDINFO_MASK_COMM))
		return UNPRIV_PUBLIC;
	/* /proc refuses the same reader the same fields. */
	if (proc_readlink(target, "cwd", link, sizeof(link)) >= 0 ||
	    errno != EACCES)
		return UNPRIV_PROC;
	return UNPRIV_OK;
}

TEST(unprivileged_caller)
{
	pid_t parent = getpid(), pid;
	int status;

	if (geteuid() != 0)
		SKIP(return, "needs root to drop to an unprivileged user");
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(unprivileged_probe(parent));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(UNPRIV_OK, WEXITSTATUS(status));
}

/* Every byte of the struct the kernel writes is a field value or zero. */
TEST(no_stale_bytes)
{
	struct pidinfo *info;
	unsigned char buf[sizeof(struct pidinfo)];

	memset(buf, 0, sizeof(buf));
	info = (struct pidinfo *)buf;
	ASSERT_EQ(0, get_pid_info(getpid(), info, sizeof(*info), 0));
	/* comm is NUL-padded to its end. */
	EXPECT_TRUE(all_bytes(info->comm + strlen(info->comm), 0,
			      sizeof(info->comm) - strlen(info->comm)));
	/* With no buffers given, the buffer fields come back as given. */
	EXPECT_EQ(0, info->children);
	EXPECT_EQ(0, info->children_cap);
	EXPECT_EQ(0, info->root);
	EXPECT_EQ(0, info->root_size);
	EXPECT_EQ(0, info->cwd);
	EXPECT_EQ(0, info->cwd_size);
	EXPECT_EQ(0, info->exe);
	EXPECT_EQ(0, info->exe_size);
	EXPECT_EQ(0, info->cmdline);
	EXPECT_EQ(0, info->cmdline_size);
}

/* A mask asks for some fields: those are filled, and no other work done. */
TEST(mask_asks_for_fields)
{
	struct pidinfo_request req;
	pid_t kid = fork();

	ASSERT_LE(0, kid);
	if (kid == 0) {
		pause();
		_exit(0);
	}
	request_init(&req, 16);
	req.info.mask = PIDINFO_MASK_COMM | PIDINFO_MASK_PPID;
	ASSERT_EQ(0, query(getpid(), &req));
	/* The PID comes always; only what was asked for besides. */
	EXPECT_EQ(PIDINFO_MASK_PID | PIDINFO_MASK_COMM | PIDINFO_MASK_PPID,
		  req.info.mask);
	EXPECT_EQ(getpid(), req.info.pid);
	EXPECT_EQ(getppid(), req.info.ppid);
	EXPECT_NE(0, req.info.comm[0]);
	/* The rest is zero, and no buffer was touched: nothing was walked. */
	EXPECT_EQ(0, req.info.state);
	EXPECT_EQ(0, req.info.nr_children);
	EXPECT_EQ(0, req.info.root_len);
	EXPECT_EQ(0, req.info.cwd_len);
	EXPECT_EQ(0, req.info.exe_len);
	EXPECT_EQ(0, req.info.cmdline_len);
	EXPECT_EQ(0, req.info.vsize);
	EXPECT_EQ(0, req.info.stack_start);
	EXPECT_TRUE(all_bytes(req.children, PATTERN, sizeof(req.children)));
	EXPECT_TRUE(all_bytes(req.root, PATTERN, sizeof(req.root)));
	EXPECT_TRUE(all_bytes(req.cwd, PATTERN, sizeof(req.cwd)));
	EXPECT_TRUE(all_bytes(req.exe, PATTERN, sizeof(req.exe)));
	EXPECT_TRUE(all_bytes(req.cmdline, PATTERN, sizeof(req.cmdline)));

	/* Each field alone comes back alone, and as /proc has it. */
	request_init(&req, 16);
	req.info.mask = PIDINFO_MASK_CHILDREN;
	ASSERT_EQ(0, query(getpid(), &req));
	EXPECT_EQ(PIDINFO_MASK_PID | PIDINFO_MASK_CHILDREN, req.info.mask);
	EXPECT_EQ(1, req.info.nr_children);
	EXPECT_EQ(kid, req.children[0]);
	request_init(&req, 16);
	req.info.mask = PIDINFO_MASK_CWD;
	ASSERT_EQ(0, query(getpid(), &req));
	EXPECT_EQ(PIDINFO_MASK_PID | PIDINFO_MASK_CWD, req.info.mask);
	EXPECT_EQ(0, req.info.nr_children);
	EXPECT_TRUE(all_bytes(req.root, PATTERN, sizeof(req.root)));
	kill(kid, SIGKILL);
	waitpid(kid, NULL, 0);
}

/* Bits the kernel does not know are ignored; the reserved one is refused. */
TEST(mask_unknown_bits)
{
	struct pidinfo_request req;

	request_init(&req, 16);
	req.info.mask = 1ULL << 40 | 1ULL << 62;
	ASSERT_EQ(0, query(getpid(), &req));
	EXPECT_EQ(PIDINFO_MASK_PID, req.info.mask);
	EXPECT_EQ(0, req.info.nr_threads);

	request_init(&req, 16);
	req.info.mask = PIDINFO_MASK_ALL | 1ULL << 40;
	ASSERT_EQ(0, query(getpid(), &req));
	EXPECT_EQ(pidinfo_all_fields(), req.info.mask);

	request_init(&req, 16);
	req.info.mask = PIDINFO_MASK__RESERVED | PIDINFO_MASK_PID;
	EXPECT_EQ(-1, query(getpid(), &req));
	EXPECT_EQ(EINVAL, errno);
	/* A failed call leaves the struct as it was. */
	EXPECT_EQ(PIDINFO_MASK__RESERVED | PIDINFO_MASK_PID, req.info.mask);
}

/*
 * Version 0 documented @mask as output only.  A caller of that size gets
 * every version 0 field, and nothing past its struct, whatever @mask
 * holds: bits of version 1 fields, a pattern, the reserved bit, or the
 * bytes of an uninitialised struct.
 */
static const __u64 ver0_masks[] = {
	PIDINFO_MASK_CMDLINE | PIDINFO_MASK_CPUTIME | PIDINFO_MASK_STATE,
	PIDINFO_MASK_PID,
	0xa5a5a5a5a5a5a5a5ULL,
	~0ULL,
};

TEST(version0_mask_is_not_read)
{
	unsigned char buf[PIDINFO_SIZE_VER1];
	struct pidinfo *info = (struct pidinfo *)buf;
	int i;

	for (i = 0; i < ARRAY_SIZE(ver0_masks); i++) {
		memset(buf, 0, sizeof(buf));
		info->mask = ver0_masks[i];
		ASSERT_EQ(0, get_pid_info(getpid(), info, PIDINFO_SIZE_VER0,
					  0)) {
			TH_LOG("mask %#llx: %s",
			       (unsigned long long)ver0_masks[i],
			       strerror(errno));
		}
		/* root and cwd: resolved, not written (no buffers). */
		EXPECT_EQ(PIDINFO_MASK_ALL_VER0, info->mask);
		EXPECT_EQ(getppid(), info->ppid);
		EXPECT_EQ('R', info->state);
		EXPECT_TRUE(all_bytes(buf + PIDINFO_SIZE_VER0, 0,
				      sizeof(buf) - PIDINFO_SIZE_VER0));
	}
}

/* Run with PIDINFO_TEST_PAUSE set, this program only waits to be killed. */
static void __attribute__((constructor)) pause_if_asked(void)
{
	if (getenv("PIDINFO_TEST_PAUSE"))
		for (;;)
			pause();
}

/* The command line, whole or cut to the buffer, as /proc/PID/cmdline. */
TEST(cmdline_cut_to_the_buffer)
{
	static const char args[] = "pidinfo-args\0one\0two";
	char proc[256], buf[256];
	struct pidinfo info;
	pid_t kid;
	int n;

	kid = fork();
	ASSERT_LE(0, kid);
	if (kid == 0) {
		char *const argv[] = { "pidinfo-args", "one", "two", NULL };
		char *const envp[] = { "PIDINFO_TEST_PAUSE=1", NULL };

		execve("/proc/self/exe", argv, envp);
		_exit(1);
	}
	/* Until the exec has given it the new command line. */
	for (n = 0; n < 10000; n++) {
		snprintf(proc, sizeof(proc), "/proc/%d/cmdline", kid);
		if (read_whole_file(proc, proc, sizeof(proc)) ==
		    sizeof(args) && !memcmp(proc, args, sizeof(args)))
			break;
		usleep(1000);
	}
	ASSERT_EQ(0, memcmp(proc, args, sizeof(args)));

	for (n = 0; n <= (int)sizeof(args) + 1; n++) {
		memset(&info, 0, sizeof(info));
		memset(buf, PATTERN, sizeof(buf));
		info.mask = PIDINFO_MASK_CMDLINE;
		pidinfo_set_cmdline(&info, buf, n);
		ASSERT_EQ(0, get_pid_info(kid, &info, sizeof(info), 0));
		EXPECT_EQ(sizeof(args), info.cmdline_len);
		EXPECT_EQ(0, memcmp(buf, args, n < (int)sizeof(args) ? n :
					  sizeof(args)));
		EXPECT_TRUE(all_bytes(buf + (n < (int)sizeof(args) ? n :
					     sizeof(args)), PATTERN,
				      sizeof(buf) - sizeof(args)));
	}
	/* A buffer that is not the caller's memory. */
	memset(&info, 0, sizeof(info));
	info.mask = PIDINFO_MASK_CMDLINE;
	pidinfo_set_cmdline(&info, (char *)8, sizeof(args));
	EXPECT_EQ(-1, get_pid_info(kid, &info, sizeof(info), 0));
	EXPECT_EQ(EFAULT, errno);
	kill(kid, SIGKILL);
	waitpid(kid, NULL, 0);
}

/*
 * The executable's file is referenced only for the call: once its process
 * is gone, the filesystem it lives on can be unmounted.
 */
TEST(exe_reference_dropped)
{
	static const char mnt[] = "/tmp/pidinfo-exe";
	char prog[64], self[PATH_MAX], buf[PATH_MAX], cmd[PATH_MAX + 128];
	struct pidinfo info;
	pid_t pid;
	int i;

	if (geteuid())
		SKIP(return, "needs root to mount a filesystem");
	ASSERT_LT(0, proc_readlink(getpid(), "exe", self, sizeof(self)));
	mkdir(mnt, 0755);
	ASSERT_EQ(0, mount("tmpfs", mnt, "tmpfs", 0, NULL));
	snprintf(prog, sizeof(prog), "%s/prog", mnt);
	snprintf(cmd, sizeof(cmd), "cp '%s' %s", self, prog);
	ASSERT_EQ(0, system(cmd));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		char *const argv[] = { prog, NULL };
		char *const envp[] = { "PIDINFO_TEST_PAUSE=1", NULL };

		execve(prog, argv, envp);
		_exit(1);
	}
	ASSERT_TRUE(wait_for_proc_state(pid, 'S'));
	for (i = 0; i < 100; i++) {
		memset(&info, 0, sizeof(info));
		info.mask = PIDINFO_MASK_EXE;
		pidinfo_set_exe(&info, buf, i % 2 ? sizeof(buf) : 4);
		ASSERT_EQ(0, get_pid_info(pid, &info, sizeof(info), 0));
		ASSERT_TRUE(info.mask & PIDINFO_MASK_EXE);
	}
	EXPECT_STREQ(prog, buf);
	kill(pid, SIGKILL);
	ASSERT_EQ(pid, waitpid(pid, NULL, 0));
	EXPECT_EQ(0, umount(mnt)) {
		TH_LOG("%s still busy: %s", mnt, strerror(errno));
		umount2(mnt, MNT_DETACH);
	}
	rmdir(mnt);
}

/* The executable, as readlink(/proc/PID/exe), and only if it fits. */
TEST(exe_of_self)
{
	char link[PATH_MAX], buf[PATH_MAX];
	struct pidinfo info;

	ASSERT_LT(0, proc_readlink(getpid(), "exe", link, sizeof(link)));
	memset(&info, 0, sizeof(info));
	memset(buf, PATTERN, sizeof(buf));
	info.mask = PIDINFO_MASK_EXE;
	pidinfo_set_exe(&info, buf, sizeof(buf));
	ASSERT_EQ(0, get_pid_info(getpid(), &info, sizeof(info), 0));
	EXPECT_EQ(PIDINFO_MASK_PID | PIDINFO_MASK_EXE, info.mask);
	EXPECT_EQ(strlen(link) + 1, info.exe_len);
	EXPECT_STREQ(link, buf);

	/* One byte short: the length, and nothing written. */
	memset(buf, PATTERN, sizeof(buf));
	pidinfo_set_exe(&info, buf, strlen(link));
	info.mask = PIDINFO_MASK_EXE;
	ASSERT_EQ(0, get_pid_info(getpid(), &info, sizeof(info), 0));
	EXPECT_EQ(strlen(link) + 1, info.exe_len);
	EXPECT_TRUE(all_bytes(buf, PATTERN, sizeof(buf)));
}

/* The PIDs /proc lists, sorted; at most @max. */
static int proc_pids(pid_t *pids, int max)
{
	return proc_list_ids("/proc", pids, max);
}

static bool in_sorted(const pid_t *pids, int n, pid_t pid)
{
	return bsearch(&pid, pids, n, sizeof(pid_t), cmp_int);
}

/*
 * The listing is /proc's directory: every process /proc lists before and
 * after it, once, in order; and any other one is gone by then (kernel
 * workers come and go).
 */
TEST(listing_matches_proc)
{
	static pid_t listed[8192], before[8192], after[8192];
	struct pidinfo_request req;
	int n, b, a, i;

	b = proc_pids(before, ARRAY_SIZE(before));
	n = list_processes(listed, ARRAY_SIZE(listed));
	a = proc_pids(after, ARRAY_SIZE(after));
	ASSERT_LT(1, n);
	for (i = 1; i < n; i++)
		EXPECT_LT(listed[i - 1], listed[i]);
	for (i = 0; i < b; i++)
		if (in_sorted(after, a, before[i]))
			EXPECT_TRUE(in_sorted(listed, n, before[i]));
	for (i = 0; i < n; i++)
		if (!in_sorted(before, b, listed[i]) &&
		    !in_sorted(after, a, listed[i]))
			EXPECT_NE(0, kill(listed[i], 0));

	/* Each answer describes the process it names, in full. */
	request_init(&req, 16);
	ASSERT_EQ(0, get_pid_info(1, &req.info, sizeof(req.info),
				  PIDINFO_NEXT));
	EXPECT_EQ(1, req.info.pid);
	EXPECT_EQ(0, req.info.ppid);
	if (!geteuid())
		EXPECT_EQ(pidinfo_all_fields(), req.info.mask);
	/* From a process's own PID: that process. */
	request_init(&req, 16);
	ASSERT_EQ(0, get_pid_info(getpid(), &req.info, sizeof(req.info),
				  PIDINFO_NEXT));
	EXPECT_EQ(getpid(), req.info.pid);
	/* Past the last process. */
	request_init(&req, 16);
	EXPECT_EQ(-1, get_pid_info(INT_MAX, &req.info, sizeof(req.info),
				   PIDINFO_NEXT));
	EXPECT_EQ(ESRCH, errno);
}

/* Threads skip: a thread's TID leads to the next process, not the thread. */
TEST(listing_skips_threads)
{
	struct pidinfo_request req;
	pthread_t thread;
	pid_t tid;

	tid = start_sleeping_thread(&thread);
	ASSERT_LT(0, tid);
	request_init(&req, 16);
	if (get_pid_info(tid, &req.info, sizeof(req.info), PIDINFO_NEXT)) {
		EXPECT_EQ(ESRCH, errno);
	} else {
		EXPECT_LT(tid, req.info.pid);
		EXPECT_EQ(req.info.pid, req.info.tgid);
	}
	pthread_cancel(thread);
	pthread_join(thread, NULL);
}

/* The TIDs of /proc/PID/task, sorted; at most @max. */
static int proc_tids(pid_t pid, pid_t *tids, int max)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	return proc_list_ids(path, tids, max);
}

static void *burn_then_sleep(void *arg)
{
	struct timespec ts;

	do {
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	} while (ts.tv_nsec < 20000000 && !ts.tv_sec);
	__atomic_store_n((pid_t *)arg, gettid(), __ATOMIC_SEQ_CST);
	for (;;)
		pause();
	return NULL;
}

/*
 * PIDINFO_NEXT_THREAD lists a process's threads as /proc/PID/task does,
 * each with its own CPU time and faults (/proc/PID/task/TID/stat).
 */
TEST(thread_listing)
{
	pid_t reported[3] = { 0 }, tids[16], listed[16];
	pthread_t threads[3];
	struct pidinfo_request req;
	int i, n, m = 0;
	pid_t tid;

	for (i = 0; i < 3; i++)
		ASSERT_EQ(0, pthread_create(&threads[i], NULL,
					    burn_then_sleep, &reported[i]));
	for (i = 0; i < 3; i++)
		while (!__atomic_load_n(&reported[i], __ATOMIC_SEQ_CST))
			usleep(1000);

	for (tid = 1;; tid = req.info.pid + 1) {
		request_init(&req, 16);
		req.info.tgid = getpid();
		if (get_pid_info(tid, &req.info, sizeof(req.info),
				 PIDINFO_NEXT_THREAD))
			break;
		ASSERT_GT(16, m);
		listed[m++] = req.info.pid;
		EXPECT_EQ(getpid(), req.info.tgid);
		EXPECT_EQ(4, req.info.nr_threads);
		if (req.info.pid != getpid()) {
			struct proc_stat st;
			char path[64];
			unsigned long long tick = 1000000000ULL /
						  sysconf(_SC_CLK_TCK);

			/* A sleeping thread's own counts, as /proc has them. */
			snprintf(path, sizeof(path), "%d/task/%d", getpid(),
				 req.info.pid);
			ASSERT_EQ(0, proc_read_stat_path(path, &st));
			EXPECT_EQ('S', req.info.state);
			EXPECT_EQ(st.utime, req.info.utime_ns / tick);
			EXPECT_EQ(st.stime, req.info.stime_ns / tick);
			EXPECT_EQ(st.minflt, req.info.min_flt);
			EXPECT_LE(20000000, req.info.utime_ns +
					    req.info.stime_ns);
		}
	}
	EXPECT_EQ(ESRCH, errno);
	n = proc_tids(getpid(), tids, 16);
	ASSERT_EQ(4, n);
	ASSERT_EQ(n, m);
	for (i = 0; i < n; i++)
		EXPECT_EQ(tids[i], listed[i]);

	/* Of no process: a thread's TID, a gone PID, nothing. */
	request_init(&req, 16);
	req.info.tgid = reported[0];
	EXPECT_EQ(-1, get_pid_info(1, &req.info, sizeof(req.info),
				   PIDINFO_NEXT_THREAD));
	EXPECT_EQ(ESRCH, errno);
	req.info.tgid = INT_MAX;
	EXPECT_EQ(-1, get_pid_info(1, &req.info, sizeof(req.info),
				   PIDINFO_NEXT_THREAD));
	EXPECT_EQ(ESRCH, errno);
	for (i = 0; i < 3; i++) {
		pthread_cancel(threads[i]);
		pthread_join(threads[i], NULL);
	}
}

/* Without /proc, the listing still lists, and describes. */
TEST(listing_without_proc)
{
	static pid_t before[8192], listed[8192];
	int n, m, status, i;
	pid_t pid;

	n = proc_pids(before, ARRAY_SIZE(before));
	ASSERT_LT(1, n);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct pidinfo_request req;
		struct stat st;

		if (unshare(CLONE_NEWNS) ||
		    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
		    umount2("/proc", MNT_DETACH) || !stat("/proc/self", &st))
			_exit(2);
		m = list_processes(listed, ARRAY_SIZE(listed));
		/* Every process there was, but for exits since. */
		for (i = 0; i < n; i++)
			if (!in_sorted(listed, m, before[i]) &&
			    !kill(before[i], 0))
				_exit(3);
		request_init(&req, 16);
		if (get_pid_info(getpid(), &req.info, sizeof(req.info),
				 PIDINFO_NEXT) || req.info.pid != getpid() ||
		    req.info.ppid != getppid() || !req.info.cmdline_len ||
		    !(req.info.mask & PIDINFO_MASK_EXE))
			_exit(4);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

/* In a child PID namespace: its processes, under its numbers, only. */
#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME	0x00000080
#endif

/* Inside the namespaces: uid 1 is the outside's root, and boot time is on. */
#define NS_ROOT_UID	1
#define NS_BOOT_OFFSET	1000	/* seconds added to CLOCK_BOOTTIME */

static void print_mismatch(void *ctx, const struct pidinfo_row *row)
{
	if (!row->same)
		fprintf(stderr, "# %s, %s: get_pid_info() says %s, /proc says %s\n",
			(const char *)ctx, row->name, row->text, row->proc);
}

/*
 * @pid as get_pid_info() describes it (by PID, by pidfd, or as listed
 * from @pid on) against what /proc says of it afterwards: how many fields
 * differ, or 100 if a call failed.
 */
static int compare_with_proc(pid_t pid, const char *how)
{
	static struct pidinfo_request req;
	static struct proc_view view;
	const struct pidinfo_buffers bufs = {
		.children = req.children, .root = req.root, .cwd = req.cwd,
		.exe = req.exe, .cmdline = req.cmdline,
	};
	int kids[256], fd = -1, ret;

	request_init(&req, 256);
	if (!strcmp(how, "pidfd")) {
		fd = sys_pidfd_open(pid, 0);
		ret = fd < 0 ? -1 : query_pidfd(fd, &req);
		if (fd >= 0)
			close(fd);
	} else if (!strcmp(how, "listing")) {
		ret = get_pid_info(pid, &req.info, sizeof(req.info),
				   PIDINFO_NEXT);
		ret = ret ? ret : (req.info.pid == pid ? 0 : -1);
	} else {
		ret = query(pid, &req);
	}
	if (ret || proc_view_read(pid, &view, kids, 256)) {
		fprintf(stderr, "# PID %d by %s: %s\n", pid, how,
			strerror(errno));
		return 100;
	}
	return pidinfo_rows(&req.info, &bufs, &view, print_mismatch,
			    (void *)how);
}

/*
 * Init itself, running, so that its moving fields are left out: what
 * /proc translates of it.  Returns how many differ.
 */
static int init_translated(pid_t child)
{
	unsigned long long tick_ns = 1000000000ULL / sysconf(_SC_CLK_TCK);
	static struct pidinfo_request req;
	struct proc_stat st;
	unsigned int ids[4];

	request_init(&req, 256);
	if (query(1, &req) || proc_read_stat(1, &st) ||
	    proc_read_ids(1, "Uid:", ids))
		return 100;
	return (req.info.pid != 1) + (req.info.ppid != st.ppid) +
	       (req.info.nr_children != 1 || req.children[0] != child) +
	       (req.info.uid != ids[0] || ids[0] != NS_ROOT_UID) +
	       (req.info.start_time_ns / tick_ns != st.starttime) +
	       /* The offset is in effect: no process here is younger. */
	       (req.info.start_time_ns < NS_BOOT_OFFSET * 1000000000ULL);
}

/* Inside the namespaces: init (PID 1) and its child (PID 2) against /proc. */
static int translated_init(void)
{
	static const char *const hows[] = { "PID", "pidfd", "listing" };
	unsigned int ids[4];
	int i, bad = 0;
	pid_t child;

	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
	    mount("proc", "/proc", "proc", 0, NULL))
		return 101;
	child = fork();
	if (child == 0) {
		for (;;)
			pause();
	}
	if (child != 2 || !wait_for_proc_state(child, 'S'))
		return 102;
	/* Each translation changes the value: else the test proves nothing. */
	if (proc_read_ids(child, "Uid:", ids) || ids[0] != NS_ROOT_UID)
		return 103;
	for (i = 0; i < ARRAY_SIZE(hows); i++)
		bad += compare_with_proc(child, hows[i]);
	bad += init_translated(child);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	return bad > 99 ? 99 : bad;
}

/*
 * /proc translates PIDs (the children's too) into the PID namespace of
 * its mount, IDs into the reader's user namespace and the start time into
 * its time namespace.  From inside all three, with a uid map that makes
 * the outside's root uid 1 and a boot time 1000 s ahead, a process is
 * compared with /proc by PID, by pidfd and as listed.
 */
TEST(namespaces_translate_as_proc)
{
	int to_parent[2], to_child[2], status;
	char path[64], byte = 0;
	pid_t pid;

	if (geteuid())
		SKIP(return, "needs root to map IDs in a user namespace");
	ASSERT_EQ(0, pipe(to_parent));
	ASSERT_EQ(0, pipe(to_child));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		pid_t init;

		close(to_parent[0]);
		close(to_child[1]);
		if (unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID |
			    CLONE_NEWTIME))
			_exit(110);
		/* The parent maps our IDs; then the clock is set. */
		if (write(to_parent[1], &byte, 1) != 1 ||
		    read(to_child[0], &byte, 1) != 1 || byte != 'm')
			_exit(111);
		snprintf(path, sizeof(path), "boottime %d 0", NS_BOOT_OFFSET);
		if (write_file("/proc/self/timens_offsets", path))
			_exit(112);
		init = fork();
		if (init == 0)
			_exit(translated_init());
		if (init < 0 || waitpid(init, &status, 0) != init ||
		    !WIFEXITED(status))
			_exit(113);
		_exit(WEXITSTATUS(status));
	}
	close(to_parent[1]);
	close(to_child[0]);
	/* Nothing to read: the child could not make the namespaces. */
	if (read(to_parent[0], &byte, 1) != 1) {
		ASSERT_EQ(pid, waitpid(pid, &status, 0));
		ASSERT_TRUE(WIFEXITED(status));
		ASSERT_EQ(0, WEXITSTATUS(status)) {
			TH_LOG("unshare(user, mount, PID, time): step %d",
			       WEXITSTATUS(status));
		}
	}
	snprintf(path, sizeof(path), "/proc/%d/uid_map", pid);
	ASSERT_EQ(0, write_file(path, "0 1000 1\n1 0 1\n"));
	snprintf(path, sizeof(path), "/proc/%d/gid_map", pid);
	ASSERT_EQ(0, write_file(path, "0 1000 1\n1 0 1\n"));
	byte = 'm';
	ASSERT_EQ(1, write(to_child[1], &byte, 1));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status)) {
		TH_LOG("fields that differ from /proc, or setup step %d",
		       WEXITSTATUS(status));
	}
}

TEST(listing_in_pid_namespace)
{
	int status;
	pid_t pid;

	ASSERT_EQ(0, unshare(CLONE_NEWPID));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		pid_t listed[16], kid;
		int n;

		/* PID 1 of the new namespace, with one child. */
		kid = fork();
		if (kid == 0) {
			pause();
			_exit(0);
		}
		n = list_processes(listed, 16);
		kill(kid, SIGKILL);
		waitpid(kid, NULL, 0);
		_exit(n == 2 && listed[0] == 1 && listed[1] == kid ? 0 : 1);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_HARNESS_MAIN
