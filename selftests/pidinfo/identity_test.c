// SPDX-License-Identifier: GPL-2.0
/*
 * Version 2's identity and supported mask: the identity against fstat()
 * of a pidfd, for processes and threads, and across a PID's reuse; the
 * supported mask against the struct sizes and the running kernel.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/sched.h>
#include <pthread.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "pidinfo_util.h"
#include "../kselftest_harness.h"

PIDINFO_REQUIRE(pidinfo_missing(), "get_pid_info()");

#ifndef PIDFD_THREAD
#define PIDFD_THREAD	O_EXCL
#endif

/* The identity get_pid_info() gives @pid (a pidfd with PIDINFO_PIDFD). */
static int identity_of(int pid, unsigned int flags, __u64 *identity)
{
	struct pidinfo info = { .mask = PIDINFO_MASK_IDENTITY };

	if (get_pid_info(pid, &info, sizeof(info), flags))
		return -1;
	if (!(info.mask & PIDINFO_MASK_IDENTITY)) {
		errno = ENODATA;
		return -1;
	}
	*identity = info.identity;
	return 0;
}

/* st_ino of a pidfd: the pidfs inode, from the VFS rather than the call. */
static __u64 pidfd_ino(int pidfd)
{
	struct statx stx;

	if (statx(pidfd, "", AT_EMPTY_PATH, STATX_INO, &stx))
		return 0;
	return stx.stx_ino;
}

static pid_t start_sleeper(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

static void stop(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/*
 * What this kernel says it supports, for each struct size: version 2's
 * fields (the identity only with pidfs) in a version 2 struct, and a
 * version 1 struct never asks for them.
 */
TEST(supported_mask)
{
	struct pidinfo info = { .mask = PIDINFO_MASK_SUPPORTED };

	ASSERT_EQ(0, get_pid_info(getpid(), &info, sizeof(info), 0));
	EXPECT_EQ(PIDINFO_MASK_PID | PIDINFO_MASK_SUPPORTED, info.mask);
	EXPECT_EQ(pidinfo_all_fields(), info.supported_mask);
	EXPECT_EQ(getpid(), info.pid);

	/* Mask 0: every supported field, the supported mask among them. */
	memset(&info, 0, sizeof(info));
	ASSERT_EQ(0, get_pid_info(getpid(), &info, sizeof(info), 0));
	EXPECT_EQ(info.supported_mask, info.mask);

	/* A version 1 struct: the bits are version 2's, so not asked. */
	memset(&info, 0, sizeof(info));
	info.mask = PIDINFO_MASK_SUPPORTED | PIDINFO_MASK_IDENTITY;
	ASSERT_EQ(0, get_pid_info(getpid(), &info, PIDINFO_SIZE_VER1, 0));
	EXPECT_EQ(PIDINFO_MASK_PID, info.mask);
	EXPECT_EQ(0, info.supported_mask);
	EXPECT_EQ(0, info.identity);
}

/* A process's identity is st_ino of its pidfd, whichever way it is named. */
TEST(identity_is_the_pidfd_inode)
{
	__u64 by_pid, by_pidfd, other;
	pid_t pid = start_sleeper();
	int pidfd;

	ASSERT_LT(0, pid);
	pidfd = sys_pidfd_open(pid, 0);
	ASSERT_LE(0, pidfd);
	if (!kernel_has_pidfs()) {
		/* Linux 6.1: no pidfs, no identity, and none claimed. */
		EXPECT_EQ(-1, identity_of(pid, 0, &by_pid));
		EXPECT_EQ(ENODATA, errno);
		close(pidfd);
		stop(pid);
		return;
	}

	ASSERT_EQ(0, identity_of(pid, 0, &by_pid));
	ASSERT_EQ(0, identity_of(pidfd, PIDINFO_PIDFD, &by_pidfd));
	EXPECT_NE(0, by_pid);
	EXPECT_EQ(by_pid, by_pidfd);
	/* The guests' kernels are 64-bit: 32-bit ones number inodes apart. */
	EXPECT_EQ(by_pid, pidfd_ino(pidfd));
	/* Another process, another identity. */
	ASSERT_EQ(0, identity_of(getpid(), 0, &other));
	EXPECT_NE(by_pid, other);
	close(pidfd);
	stop(pid);
}

/*
 * A thread's identity is its own struct pid's: that of a thread pidfd
 * (Linux 6.9 and later), not its process's.
 */
TEST(identity_of_a_thread)
{
	__u64 by_tid, by_pidfd, leader, listed = 0;
	struct pidinfo info;
	pthread_t thread;
	pid_t tid;
	int pidfd;

	tid = start_sleeping_thread(&thread);
	ASSERT_LT(0, tid);
	if (!kernel_has_pidfs()) {
		/* Linux 6.1: none for threads either (nor thread pidfds). */
		EXPECT_EQ(-1, identity_of(tid, 0, &by_tid));
		EXPECT_EQ(ENODATA, errno);
		goto out;
	}

	ASSERT_EQ(0, identity_of(tid, 0, &by_tid));
	ASSERT_EQ(0, identity_of(getpid(), 0, &leader));
	EXPECT_NE(leader, by_tid);
	pidfd = sys_pidfd_open(tid, PIDFD_THREAD);
	ASSERT_LE(0, pidfd);
	ASSERT_EQ(0, identity_of(pidfd, PIDINFO_PIDFD, &by_pidfd));
	EXPECT_EQ(by_tid, by_pidfd);
	EXPECT_EQ(by_tid, pidfd_ino(pidfd));

	/* A thread listing gives each thread its own. */
	memset(&info, 0, sizeof(info));
	info.mask = PIDINFO_MASK_IDENTITY;
	info.tgid = getpid();
	ASSERT_EQ(0, get_pid_info(tid, &info, sizeof(info),
				  PIDINFO_NEXT_THREAD));
	if (info.pid == tid)
		listed = info.identity;
	EXPECT_EQ(by_tid, listed);
	close(pidfd);
out:
	pthread_cancel(thread);
	pthread_join(thread, NULL);
}

/*
 * The recipe of get_pid_info(2): a PID listed, then reused by another
 * process, is told apart by its identity, the old process's pidfd
 * names no one, and pidinfo_pidfd_open(3) refuses the new one.  Without
 * pidfs (Linux 6.1), the pidfd part alone, and the start time.
 */
TEST(identity_outlives_pid_reuse)
{
	bool pidfs = kernel_has_pidfs();
	__u64 first = 0, again, by_pidfd;
	struct pidinfo seen = {};
	pid_t pid, reuser;
	int pidfd, fd;

	if (geteuid())
		SKIP(return, "reusing a PID at will (clone3's set_tid) needs root");
	pid = start_sleeper();
	ASSERT_LT(0, pid);
	pidfd = sys_pidfd_open(pid, 0);
	ASSERT_LE(0, pidfd);
	if (pidfs)
		ASSERT_EQ(0, identity_of(pid, 0, &first));
	seen.mask = PIDINFO_MASK_IDENTITY | PIDINFO_MASK_TIME;
	ASSERT_EQ(0, get_pid_info(pid, &seen, sizeof(seen), 0));
	fd = pidinfo_pidfd_open(&seen, 0);
	ASSERT_LE(0, fd);
	close(fd);
	stop(pid);
	/*
	 * Without an identity, the check is the start time, as fine as the
	 * boot clock, which may count in jiffies (seen under TCG on 6.1).
	 * The reuser starts in a later one, as any real reuse does.
	 */
	if (!pidfs)
		usleep(50000);

	reuser = start_sleeper_as(pid);
	ASSERT_EQ(pid, reuser);
	/* libpidinfo's recipe: no pidfd for what took the PID over. */
	EXPECT_EQ(-1, pidinfo_pidfd_open(&seen, 0));
	EXPECT_EQ(ESRCH, errno);
	/* The old pidfd: its process is gone, whoever has the PID now. */
	EXPECT_EQ(-1, identity_of(pidfd, PIDINFO_PIDFD, &by_pidfd));
	EXPECT_EQ(ESRCH, errno);
	if (pidfs) {
		ASSERT_EQ(0, identity_of(pid, 0, &again));
		EXPECT_NE(first, again);
		/* Its identity stays its own: the new process has another. */
		EXPECT_EQ(first, pidfd_ino(pidfd));
	}
	close(pidfd);
	stop(reuser);
}

TEST_HARNESS_MAIN
