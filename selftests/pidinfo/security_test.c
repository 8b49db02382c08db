// SPDX-License-Identifier: GPL-2.0
/*
 * What an unprivileged or namespaced caller must not get: another user's
 * stack, root and cwd, the power to signal it, or any sight of processes
 * outside its PID namespace; and that no byte the kernel writes is stale.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "pidinfo_util.h"
#include "../kselftest_harness.h"

PIDINFO_REQUIRE(pidinfo_missing(), "get_pid_info()");

#define VICTIM_UID	61235
#define CALLER_UID	61236

/* The PIDs /proc lists now, at most @max of them; returns how many. */
static int list_pids(pid_t *pids, int max)
{
	return proc_list_ids("/proc", pids, max);
}

/* Struct and buffers alike pre-filled with @pattern. */
static void request_init(struct pidinfo_request *req, int pattern)
{
	pidinfo_request_init(req, pattern, pattern, 64);
}

static pid_t start_as(uid_t uid)
{
	pid_t parent = getpid();
	pid_t pid = fork();

	if (pid == 0) {
		sigset_t all;

		sigfillset(&all);
		sigprocmask(SIG_BLOCK, &all, NULL);
		if (setgid(uid) || setuid(uid))
			_exit(1);
		/*
		 * Dies with its parent, even one that dropped its privileges
		 * and may no longer kill it (set after setuid(), which clears
		 * it).
		 */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) || getppid() != parent)
			_exit(1);
		for (;;)
			pause();
	}
	return pid;
}

/* Exit codes of the unprivileged prober. */
enum { OK, SETUID, CALL, LEAKED, SIGNALLED, PROC };

static int probe_other_user(pid_t victim)
{
	char path[64], link[PATH_MAX];
	struct pidinfo_request req;

	if (setgid(CALLER_UID) || setuid(CALLER_UID))
		return SETUID;
	request_init(&req, 0x5a);
	if (get_pid_info(victim, &req.info, sizeof(req.info), 0))
		return CALL;
	if (req.info.mask & (PIDINFO_MASK_STACK | PIDINFO_MASK_ROOT |
			     PIDINFO_MASK_CWD | PIDINFO_MASK_EXE) ||
	    req.info.stack_start || req.info.root_len || req.info.cwd_len ||
	    req.info.exe_len ||
	    !all_bytes(req.root, 0x5a, sizeof(req.root)) ||
	    !all_bytes(req.cwd, 0x5a, sizeof(req.cwd)) ||
	    !all_bytes(req.exe, 0x5a, sizeof(req.exe)))
		return LEAKED;
	/* ft_kill() is optional (CONFIG_PIDINFO_FT_SYSCALLS). */
	if (!ft_missing() &&
	    (ft_kill(victim, SIGUSR1) != -1 || errno != EPERM ||
	     ft_kill(victim, 0) != -1 || errno != EPERM))
		return SIGNALLED;
	/* /proc agrees: the same reader is refused the same fields. */
	snprintf(path, sizeof(path), "/proc/%d/cwd", victim);
	if (readlink(path, link, sizeof(link)) >= 0 || errno != EACCES)
		return PROC;
	return OK;
}

TEST(other_users_process)
{
	pid_t victim, prober;
	char path[64], buf[4096], *line;
	int status;

	if (geteuid())
		SKIP(return, "needs root to take two other users' identities");
	victim = start_as(VICTIM_UID);
	ASSERT_LT(0, victim);
	ASSERT_TRUE(wait_for_proc_state(victim, 'S'));
	prober = fork();
	if (prober == 0)
		_exit(probe_other_user(victim));
	ASSERT_EQ(prober, waitpid(prober, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(OK, WEXITSTATUS(status));

	/* Nothing reached the victim: its pending set is empty. */
	snprintf(path, sizeof(path), "/proc/%d/status", victim);
	ASSERT_LT(0, read_file(path, buf, sizeof(buf)));
	line = strstr(buf, "ShdPnd:");
	ASSERT_NE(NULL, line);
	EXPECT_EQ(0, strtoull(line + 7, NULL, 16));
	kill(victim, SIGKILL);
	waitpid(victim, NULL, 0);
}

/* Exit codes of the namespaced prober. */
enum { NS_OK, NS_SAW_OUTSIDE, NS_PIDFD, NS_CHILDREN, NS_SETUP };

/*
 * Inside a new PID namespace, every PID that names a process outside it
 * must be unknown, unless the same number names a process inside.
 */
static int probe_from_namespace(const pid_t *outside, int n, int pidfd)
{
	struct pidinfo_request req;
	int i;

	for (i = 0; i < n; i++) {
		request_init(&req, 0);
		if (get_pid_info(outside[i], &req.info, sizeof(req.info),
				 0) == 0) {
			/* The number is taken inside too: it is ours, then. */
			if (outside[i] > 2 || req.info.ppid > 1)
				return NS_SAW_OUTSIDE;
		} else if (errno != ESRCH) {
			return NS_SAW_OUTSIDE;
		}
		if (outside[i] > 2 && !ft_missing() &&
		    ft_kill(outside[i], 0) != -1)
			return NS_SAW_OUTSIDE;
	}
	/* A pidfd of an outside process names nothing here. */
	request_init(&req, 0);
	if (get_pid_info(pidfd, &req.info, sizeof(req.info),
			 PIDINFO_PIDFD) != -1 || errno != ESRCH)
		return NS_PIDFD;
	/* The namespace's init: no parent, no outside children. */
	request_init(&req, 0);
	if (get_pid_info(1, &req.info, sizeof(req.info), 0) ||
	    req.info.ppid != 0 || req.info.nr_children != 0)
		return NS_CHILDREN;
	return NS_OK;
}

TEST(nothing_outside_the_pid_namespace)
{
	pid_t outside[4096], pid;
	int n, status, pidfd;

	n = list_pids(outside, ARRAY_SIZE(outside));
	ASSERT_LT(1, n);
	pidfd = sys_pidfd_open(getppid(), 0);
	ASSERT_LE(0, pidfd);

	pid = fork();
	if (pid == 0) {
		pid_t init;

		if (unshare(CLONE_NEWPID))
			_exit(NS_SETUP);
		init = fork();
		if (init == 0)
			_exit(probe_from_namespace(outside, n, pidfd));
		if (waitpid(init, &status, 0) != init || !WIFEXITED(status))
			_exit(NS_SETUP);
		_exit(WEXITSTATUS(status));
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(NS_OK, WEXITSTATUS(status));
	close(pidfd);
}

/*
 * What changes by itself between two calls, as all-ones fields: the age,
 * the buffer pointers (each request has its own), and, for a running
 * process such as this one, its times, faults, memory and CPU.
 */
static const struct pidinfo moving = {
	.age_ns = -1, .children = -1, .root = -1, .cwd = -1, .exe = -1,
	.cmdline = -1,
};

static const struct pidinfo moving_while_running = {
	.utime_ns = -1, .stime_ns = -1, .min_flt = -1, .maj_flt = -1,
	.rss = -1, .shared = -1, .vsize = -1, .cpu = -1,
};

/* Zeroes the bytes of @info that are set in @fields. */
static void clear_fields(struct pidinfo *info, const struct pidinfo *fields)
{
	const unsigned char *set = (const unsigned char *)fields;
	unsigned char *byte = (unsigned char *)info;
	size_t i;

	for (i = 0; i < sizeof(*info); i++)
		byte[i] &= ~set[i];
}

static void forget_moving_fields(struct pidinfo *info, bool running)
{
	clear_fields(info, &moving);
	if (running)
		clear_fields(info, &moving_while_running);
}

/*
 * Every byte of the struct is written from kernel data: two calls with
 * the struct pre-filled with different patterns give the same bytes, each
 * field either its value or, with its mask bit clear, zero.  The buffers
 * keep their pattern past what the kernel reports writing.
 */
static void check_no_stale(struct __test_metadata *_metadata, pid_t pid)
{
	static const struct {
		__u64 bit;
		size_t off, len;
	} fields[] = {
		{ .bit = PIDINFO_MASK_STACK,
		  .off = offsetof(struct pidinfo, stack_start), .len = 8 },
		{ .bit = PIDINFO_MASK_ROOT,
		  .off = offsetof(struct pidinfo, root_len), .len = 4 },
		{ .bit = PIDINFO_MASK_CWD,
		  .off = offsetof(struct pidinfo, cwd_len), .len = 4 },
		{ .bit = PIDINFO_MASK_CHILDREN,
		  .off = offsetof(struct pidinfo, nr_children), .len = 4 },
		{ .bit = PIDINFO_MASK_EXE,
		  .off = offsetof(struct pidinfo, exe_len), .len = 4 },
	};
	struct pidinfo_request a, b;
	size_t i, comm_len;

	request_init(&a, 0xa5);
	request_init(&b, 0x5a);
	ASSERT_EQ(0, get_pid_info(pid, &a.info, sizeof(a.info), 0));
	ASSERT_EQ(0, get_pid_info(pid, &b.info, sizeof(b.info), 0));

	forget_moving_fields(&a.info, pid == getpid());
	forget_moving_fields(&b.info, pid == getpid());
	EXPECT_EQ(0, memcmp(&a.info, &b.info, sizeof(a.info)));

	for (i = 0; i < ARRAY_SIZE(fields); i++)
		if (!(a.info.mask & fields[i].bit))
			EXPECT_TRUE(all_bytes((char *)&a.info + fields[i].off, 0,
					      fields[i].len));
	comm_len = strnlen(a.info.comm, PIDINFO_COMM_LEN);
	ASSERT_GT(PIDINFO_COMM_LEN, comm_len);
	EXPECT_TRUE(all_bytes(a.info.comm + comm_len, 0,
			      PIDINFO_COMM_LEN - comm_len));
	comm_len = strnlen(a.info.name, PIDINFO_NAME_LEN);
	ASSERT_GT(PIDINFO_NAME_LEN, comm_len);
	EXPECT_TRUE(all_bytes(a.info.name + comm_len, 0,
			      PIDINFO_NAME_LEN - comm_len));

	/* The buffers: the reported bytes, then the caller's pattern. */
	EXPECT_TRUE(all_bytes(&a.children[a.info.nr_children], 0xa5,
			      (64 - a.info.nr_children) * sizeof(int)));
	EXPECT_TRUE(all_bytes(a.root + a.info.root_len, 0xa5,
			      sizeof(a.root) - a.info.root_len));
	EXPECT_TRUE(all_bytes(a.cwd + a.info.cwd_len, 0xa5,
			      sizeof(a.cwd) - a.info.cwd_len));
	EXPECT_TRUE(all_bytes(a.exe + a.info.exe_len, 0xa5,
			      sizeof(a.exe) - a.info.exe_len));
	EXPECT_TRUE(all_bytes(a.cmdline + a.info.cmdline_len, 0xa5,
			      sizeof(a.cmdline) - a.info.cmdline_len));
	EXPECT_EQ(0, memcmp(a.root, b.root, a.info.root_len));
	EXPECT_EQ(0, memcmp(a.cwd, b.cwd, a.info.cwd_len));
	EXPECT_EQ(0, memcmp(a.exe, b.exe, a.info.exe_len));
	EXPECT_EQ(0, memcmp(a.cmdline, b.cmdline, a.info.cmdline_len));
}

TEST(no_stale_bytes_own_process)
{
	check_no_stale(_metadata, getpid());
}

TEST(no_stale_bytes_withheld_fields)
{
	pid_t victim;

	victim = start_as(VICTIM_UID);
	ASSERT_LT(0, victim);
	ASSERT_TRUE(wait_for_proc_state(victim, 'S'));
	/*
	 * The harness runs each test in a process of its own: this one
	 * becomes the unprivileged caller for good, and the victim dies
	 * with it.
	 */
	ASSERT_EQ(0, setgid(CALLER_UID));
	ASSERT_EQ(0, setuid(CALLER_UID));
	check_no_stale(_metadata, victim);
}

#define RESTRICT_SYSCTL	"/proc/sys/kernel/pidinfo_restrict"
#define HIDDEN_PROC	"/tmp/pidinfo-hidepid"

/* Exit codes of the restricted prober. */
enum {
	PR_OK, PR_SETUID, PR_HIDDEN, PR_SHOWN, PR_OWN, PR_PIDFD, PR_WROTE,
	PR_LISTED, PR_UNLISTED,
};

/*
 * As an unprivileged user, every PID in /proc against a /proc mounted
 * with hidepid=invisible: under kernel.pidinfo_restrict=1 get_pid_info()
 * must see exactly the processes that /proc shows; under 0, all of them.
 */
static int probe_restricted(const pid_t *pids, int n, bool restricted,
			    pid_t victim)
{
	static pid_t listed[4096];
	struct pidinfo_request req;
	int i, pidfd, nr_listed;
	char path[64];

	if (setgid(CALLER_UID) || setuid(CALLER_UID))
		return PR_SETUID;
	nr_listed = list_processes(listed, ARRAY_SIZE(listed));
	if (nr_listed < 0)
		return PR_LISTED;
	for (i = 0; i < n; i++) {
		struct stat st;
		bool shown, seen;

		snprintf(path, sizeof(path), HIDDEN_PROC "/%d", pids[i]);
		shown = !stat(path, &st);
		request_init(&req, 0);
		seen = !get_pid_info(pids[i], &req.info, sizeof(req.info), 0);
		if (!seen && errno != ESRCH)
			return PR_HIDDEN;
		/* Gone in between: /proc says so too, now. */
		if (!seen && kill(pids[i], 0) && errno == ESRCH)
			continue;
		if (seen != (shown || !restricted))
			return seen ? PR_SHOWN : PR_HIDDEN;
		/* The listing (PIDINFO_NEXT) shows the same processes. */
		if (pid_in(listed, nr_listed, pids[i]) != seen)
			return seen ? PR_UNLISTED : PR_LISTED;
	}
	request_init(&req, 0);
	if (get_pid_info(getpid(), &req.info, sizeof(req.info), 0))
		return PR_OWN;
	/* A pidfd is no way around the policy. */
	pidfd = sys_pidfd_open(victim, 0);
	if (pidfd < 0)
		return PR_PIDFD;
	request_init(&req, 0);
	if ((get_pid_info(pidfd, &req.info, sizeof(req.info),
			  PIDINFO_PIDFD) == 0) == restricted)
		return PR_PIDFD;
	close(pidfd);
	/* Only root changes the policy. */
	if (!write_file(RESTRICT_SYSCTL, "0") || errno != EACCES)
		return PR_WROTE;
	return PR_OK;
}

TEST(restrict_sysctl)
{
	static const char *const values[] = { "0", "1", "0" };
	pid_t pids[4096], victim, prober;
	char saved[16] = "";
	int i, n, status;

	if (geteuid())
		SKIP(return, "needs root to set the policy and change users");
	ASSERT_LT(0, read_file(RESTRICT_SYSCTL, saved, sizeof(saved)));
	EXPECT_EQ('0', saved[0]);	/* the default */
	victim = start_as(VICTIM_UID);
	ASSERT_LT(0, victim);
	ASSERT_TRUE(wait_for_proc_state(victim, 'S'));
	mkdir(HIDDEN_PROC, 0755);
	ASSERT_EQ(0, mount("proc", HIDDEN_PROC, "proc", 0,
			   "hidepid=invisible"));
	n = list_pids(pids, ARRAY_SIZE(pids));
	ASSERT_LT(1, n);

	for (i = 0; i < ARRAY_SIZE(values); i++) {
		struct pidinfo_request req;

		ASSERT_EQ(0, write_file(RESTRICT_SYSCTL, values[i]));
		prober = fork();
		if (prober == 0)
			_exit(probe_restricted(pids, n, values[i][0] == '1',
					       victim));
		ASSERT_EQ(prober, waitpid(prober, &status, 0));
		EXPECT_TRUE(WIFEXITED(status));
		EXPECT_EQ(PR_OK, WEXITSTATUS(status)) {
			TH_LOG("kernel.pidinfo_restrict=%s", values[i]);
		}
		/* Root may ptrace everyone, and sees everyone. */
		request_init(&req, 0);
		EXPECT_EQ(0, get_pid_info(victim, &req.info, sizeof(req.info),
					  0));
	}
	/* Out of range values are refused. */
	EXPECT_EQ(-1, write_file(RESTRICT_SYSCTL, "2"));
	EXPECT_EQ(-1, write_file(RESTRICT_SYSCTL, "-1"));
	write_file(RESTRICT_SYSCTL, saved);
	umount(HIDDEN_PROC);
	rmdir(HIDDEN_PROC);
	kill(victim, SIGKILL);
	waitpid(victim, NULL, 0);
}

TEST_HARNESS_MAIN
