// SPDX-License-Identifier: GPL-2.0
/*
 * list_pid_info(): records against single get_pid_info() calls and /proc,
 * record boundaries, errors, the cursor under churn and in a child PID
 * namespace.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "pidinfo_util.h"
#include "../kselftest_harness.h"

PIDINFO_REQUIRE(pidinfo_missing(), "get_pid_info()");

#define PATTERN		0xa5

/* A request for @mask with no room for buffers. */
static struct pidinfo_list_req plain_req(__u64 mask)
{
	struct pidinfo_list_req req = {
		.size = sizeof(req),
		.record_size = sizeof(struct pidinfo),
		.mask = mask,
		.cursor = 1,
	};

	return req;
}

static struct pidinfo *record(void *buf, const struct pidinfo_list_req *req,
			      long i)
{
	return (struct pidinfo *)((char *)buf + i * pidinfo_list_stride(req));
}

/* Every process, @per_call records at a time; the count, or -1. */
static int list_all(struct pidinfo_list_req *req, unsigned int flags,
		    long per_call, pid_t *pids, int max)
{
	size_t size = per_call * pidinfo_list_stride(req);
	char *buf = malloc(size);
	int n = 0;
	long got, i;

	if (!buf)
		return -1;
	for (;;) {
		got = list_pid_info(req, buf, size, flags);
		if (got < 0) {
			n = -1;
			break;
		}
		if (!got)
			break;
		for (i = 0; i < got && n < max; i++)
			pids[n++] = record(buf, req, i)->pid;
		req->cursor = record(buf, req, got - 1)->pid + 1;
	}
	free(buf);
	return n;
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

/* The fields that hold still for a sleeping process, compared. */
static void expect_same(struct __test_metadata *_metadata,
			const struct pidinfo *a, const struct pidinfo *b)
{
	EXPECT_EQ(a->mask, b->mask);
	EXPECT_EQ(a->pid, b->pid);
	EXPECT_EQ(a->tgid, b->tgid);
	EXPECT_EQ(a->identity, b->identity);
	EXPECT_EQ(a->state, b->state);
	EXPECT_EQ(a->ppid, b->ppid);
	EXPECT_EQ(a->pgid, b->pgid);
	EXPECT_EQ(a->sid, b->sid);
	EXPECT_EQ(a->uid, b->uid);
	EXPECT_EQ(a->euid, b->euid);
	EXPECT_EQ(a->suid, b->suid);
	EXPECT_EQ(a->fsuid, b->fsuid);
	EXPECT_EQ(a->gid, b->gid);
	EXPECT_EQ(a->egid, b->egid);
	EXPECT_EQ(a->sgid, b->sgid);
	EXPECT_EQ(a->fsgid, b->fsgid);
	EXPECT_EQ(a->nr_threads, b->nr_threads);
	EXPECT_EQ(a->nice, b->nice);
	EXPECT_EQ(a->stack_start, b->stack_start);
	EXPECT_EQ(a->start_time_ns, b->start_time_ns);
	EXPECT_STREQ(a->comm, b->comm);
	EXPECT_STREQ(a->name, b->name);
	EXPECT_EQ(a->nr_children, b->nr_children);
	EXPECT_EQ(a->root_len, b->root_len);
	EXPECT_EQ(a->cwd_len, b->cwd_len);
	EXPECT_EQ(a->exe_len, b->exe_len);
	EXPECT_EQ(a->cmdline_len, b->cmdline_len);
	EXPECT_EQ(a->utime_ns, b->utime_ns);
	EXPECT_EQ(a->stime_ns, b->stime_ns);
	EXPECT_EQ(a->min_flt, b->min_flt);
	EXPECT_EQ(a->maj_flt, b->maj_flt);
	EXPECT_EQ(a->vsize, b->vsize);
	EXPECT_EQ(a->rss, b->rss);
	EXPECT_EQ(a->shared, b->shared);
	EXPECT_EQ(a->locked, b->locked);
	EXPECT_EQ(a->cgroup_id, b->cgroup_id);
	EXPECT_EQ(a->attributes, b->attributes);
	EXPECT_EQ(a->policy, b->policy);
	EXPECT_EQ(a->rt_priority, b->rt_priority);
	EXPECT_EQ(a->priority, b->priority);
	EXPECT_EQ(a->tty_nr, b->tty_nr);
	EXPECT_EQ(a->tpgid, b->tpgid);
	EXPECT_EQ(a->supported_mask, b->supported_mask);
}

/*
 * A record is the single call's answer: every field, and its buffers
 * (children, paths, command line) in its own room.
 */
TEST(record_is_the_single_answer)
{
	struct pidinfo_list_req req = plain_req(0);
	struct pidinfo_request single;
	struct pidinfo *rec;
	char *buf;
	size_t stride;
	int tries;
	pid_t kid;

	kid = start_sleeper();
	ASSERT_LT(0, kid);
	ASSERT_TRUE(wait_for_proc_state(kid, 'S'));
	req.children_cap = 4;
	req.path_size = PATH_MAX;
	req.cmdline_size = 4096;
	req.cursor = kid;
	stride = pidinfo_list_stride(&req);
	buf = malloc(stride);
	ASSERT_NE(NULL, buf);

	/*
	 * A child /proc shows asleep may still be on its way off the CPU:
	 * asked again until its times hold still (proc_stat_settled()).
	 */
	for (tries = 0; tries < 100; tries++) {
		memset(buf, PATTERN, stride);
		ASSERT_EQ(1, list_pid_info(&req, buf, stride, 0));
		rec = record(buf, &req, 0);
		pidinfo_request_init(&single, PATTERN, 0, 4);
		ASSERT_EQ(0, get_pid_info(kid, &single.info,
					  sizeof(single.info), 0));
		if (rec->utime_ns == single.info.utime_ns &&
		    rec->stime_ns == single.info.stime_ns &&
		    rec->min_flt == single.info.min_flt)
			break;
		usleep(10000);
	}
	expect_same(_metadata, rec, &single.info);
	EXPECT_EQ(kid, rec->pid);
	/* Its buffers point into its own room, after the struct. */
	EXPECT_EQ((unsigned long)buf + sizeof(*rec), rec->children);
	EXPECT_LT((unsigned long)buf, rec->cmdline);
	EXPECT_GE((unsigned long)buf + stride, rec->cmdline + rec->cmdline_size);
	ASSERT_TRUE(rec->mask & PIDINFO_MASK_CWD);
	EXPECT_STREQ(single.cwd, (char *)(unsigned long)rec->cwd);
	EXPECT_STREQ(single.root, (char *)(unsigned long)rec->root);
	ASSERT_TRUE(rec->mask & PIDINFO_MASK_EXE);
	EXPECT_STREQ(single.exe, (char *)(unsigned long)rec->exe);
	EXPECT_EQ(0, memcmp(single.cmdline, (char *)(unsigned long)rec->cmdline,
			    rec->cmdline_len));
	free(buf);
	stop(kid);
}

/* Records at the stride: as many as fit, nothing written past them. */
TEST(record_boundaries)
{
	struct pidinfo_list_req req = plain_req(PIDINFO_MASK_COMM);
	size_t stride;
	char *buf;
	long n, i;

	req.children_cap = 3;	/* 12 bytes, rounded to 16 */
	req.cmdline_size = 5;	/* 8 */
	stride = pidinfo_list_stride(&req);
	EXPECT_EQ(sizeof(struct pidinfo) + 16 + 8, stride);
	buf = malloc(4 * stride);
	ASSERT_NE(NULL, buf);

	/* Three strides and a bit: three records. */
	memset(buf, PATTERN, 4 * stride);
	n = list_pid_info(&req, buf, 3 * stride + stride / 2, 0);
	ASSERT_EQ(3, n);
	for (i = 1; i < n; i++)
		EXPECT_LT(record(buf, &req, i - 1)->pid,
			  record(buf, &req, i)->pid);
	for (i = 3 * stride; i < 4 * stride; i++)
		ASSERT_EQ((char)PATTERN, buf[i]);

	/* Less than one record: EOVERFLOW, and nothing written. */
	memset(buf, PATTERN, stride);
	EXPECT_EQ(-1, list_pid_info(&req, buf, stride - 1, 0));
	EXPECT_EQ(EOVERFLOW, errno);
	for (i = 0; i < (long)stride; i++)
		ASSERT_EQ((char)PATTERN, buf[i]);

	/* Past the last process: 0. */
	req.cursor = INT32_MAX;
	EXPECT_EQ(0, list_pid_info(&req, buf, stride, 0));
	free(buf);
}

TEST(bad_requests)
{
	struct pidinfo_list_req req;
	char buf[4096], big[sizeof(req) + 8] = { 0 };
	void *unmapped;

	req = plain_req(0);
	EXPECT_EQ(-1, list_pid_info(&req, buf, sizeof(buf), 1U << 3));
	EXPECT_EQ(EINVAL, errno);
	req.size = PIDINFO_LIST_REQ_SIZE_VER0 - 8;
	EXPECT_EQ(-1, list_pid_info(&req, buf, sizeof(buf), 0));
	EXPECT_EQ(EINVAL, errno);
	req = plain_req(0);
	req.record_size = PIDINFO_SIZE_VER0;
	EXPECT_EQ(-1, list_pid_info(&req, buf, sizeof(buf), 0));
	EXPECT_EQ(EINVAL, errno);
	req = plain_req(0);
	req.record_size = sizeof(struct pidinfo) + 4;
	EXPECT_EQ(-1, list_pid_info(&req, buf, sizeof(buf), 0));
	EXPECT_EQ(EINVAL, errno);
	req = plain_req(0);
	req.cursor = -1;
	EXPECT_EQ(-1, list_pid_info(&req, buf, sizeof(buf), 0));
	EXPECT_EQ(EINVAL, errno);
	req = plain_req(0);
	req.spare = 1;
	EXPECT_EQ(-1, list_pid_info(&req, buf, sizeof(buf), 0));
	EXPECT_EQ(EINVAL, errno);
	req = plain_req(PIDINFO_MASK__RESERVED);
	EXPECT_EQ(-1, list_pid_info(&req, buf, sizeof(buf), 0));
	EXPECT_EQ(EINVAL, errno);
	/* A process without the thread flag, and threads without one. */
	req = plain_req(0);
	req.tgid = getpid();
	EXPECT_EQ(-1, list_pid_info(&req, buf, sizeof(buf), 0));
	EXPECT_EQ(EINVAL, errno);
	req = plain_req(0);
	EXPECT_EQ(-1, list_pid_info(&req, buf, sizeof(buf),
				    PIDINFO_NEXT_THREAD));
	EXPECT_EQ(EINVAL, errno);

	/* A larger request: zero past the kernel's, as clone3's. */
	req = plain_req(0);
	req.size = sizeof(big);
	memcpy(big, &req, sizeof(req));
	EXPECT_LT(0, list_pid_info((void *)big, buf, sizeof(buf), 0));
	big[sizeof(big) - 1] = 1;
	EXPECT_EQ(-1, list_pid_info((void *)big, buf, sizeof(buf), 0));
	EXPECT_EQ(E2BIG, errno);

	/* Memory that is not there. */
	unmapped = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
			-1, 0);
	ASSERT_NE(MAP_FAILED, unmapped);
	req = plain_req(0);
	EXPECT_EQ(-1, list_pid_info(&req, unmapped, 4096, 0));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, list_pid_info(unmapped, buf, sizeof(buf), 0));
	EXPECT_EQ(EFAULT, errno);
	munmap(unmapped, 4096);
}

static bool has(const pid_t *pids, int n, pid_t pid)
{
	int i;

	for (i = 0; i < n; i++)
		if (pids[i] == pid)
			return true;
	return false;
}

/*
 * One record a call or a thousand: /proc's directory, as PIDINFO_NEXT
 * walks it.  Every process /proc lists before and after is there; kernel
 * workers may come and go meanwhile.
 */
TEST(batches_walk_as_proc)
{
	static pid_t one[4096], many[4096], before[4096], after[4096];
	struct pidinfo_list_req req;
	int a, b, n, m, i;

	n = proc_list_ids("/proc", before, 4096);
	req = plain_req(PIDINFO_MASK_PID);
	a = list_all(&req, 0, 1, one, 4096);
	req = plain_req(PIDINFO_MASK_PID);
	b = list_all(&req, 0, 1000, many, 4096);
	m = proc_list_ids("/proc", after, 4096);
	ASSERT_LT(1, a);
	ASSERT_LT(1, b);
	for (i = 0; i < n; i++) {
		if (!has(after, m, before[i]))
			continue;
		EXPECT_TRUE(has(one, a, before[i]));
		EXPECT_TRUE(has(many, b, before[i]));
	}
	for (i = 1; i < a; i++)
		EXPECT_LT(one[i - 1], one[i]);
	for (i = 1; i < b; i++)
		EXPECT_LT(many[i - 1], many[i]);
}

/* Steady processes beside churning ones: each steady one, exactly once. */
TEST(cursor_under_churn)
{
	enum { STEADY = 20, ROUNDS = 50 };
	static pid_t listed[8192];
	pid_t steady[STEADY], churner;
	struct pidinfo_list_req req;
	int i, j, n, seen;

	for (i = 0; i < STEADY; i++) {
		steady[i] = start_sleeper();
		ASSERT_LT(0, steady[i]);
	}
	churner = fork();
	ASSERT_LE(0, churner);
	if (churner == 0) {
		for (;;) {
			pid_t p = fork();

			if (p == 0)
				_exit(0);
			if (p > 0)
				waitpid(p, NULL, 0);
		}
	}
	for (i = 0; i < ROUNDS; i++) {
		req = plain_req(PIDINFO_MASK_PID);
		n = list_all(&req, 0, 3, listed, ARRAY_SIZE(listed));
		ASSERT_LT(STEADY, n);
		for (j = 1; j < n; j++)
			ASSERT_LT(listed[j - 1], listed[j]);
		for (j = 0; j < STEADY; j++) {
			int k;

			for (seen = 0, k = 0; k < n; k++)
				seen += listed[k] == steady[j];
			ASSERT_EQ(1, seen) {
				TH_LOG("round %d: %d listed %d times", i,
				       steady[j], seen);
			}
		}
	}
	stop(churner);
	for (i = 0; i < STEADY; i++)
		stop(steady[i]);
}

/* A process's threads, batched, are /proc/PID/task's. */
TEST(threads_batched)
{
	static pid_t tids[64], listed[64];
	struct pidinfo_list_req req;
	pthread_t threads[5];
	int i, n, m;

	for (i = 0; i < 5; i++)
		ASSERT_LT(0, start_sleeping_thread(&threads[i]));
	req = plain_req(PIDINFO_MASK_PID);
	req.tgid = getpid();
	m = list_all(&req, PIDINFO_NEXT_THREAD, 2, listed, 64);
	n = proc_list_ids("/proc/self/task", tids, 64);
	ASSERT_EQ(6, n);
	ASSERT_EQ(n, m);
	for (i = 0; i < n; i++)
		EXPECT_EQ(tids[i], listed[i]);
	for (i = 0; i < 5; i++) {
		pthread_cancel(threads[i]);
		pthread_join(threads[i], NULL);
	}
}

/* In a child PID namespace, its own PIDs: 1, then its children. */
TEST(in_a_child_pid_namespace)
{
	int status;
	pid_t pid;

	if (unshare(CLONE_NEWPID))
		SKIP(return, "no PID namespace for this caller");
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct pidinfo_list_req req = plain_req(PIDINFO_MASK_PPID);
		pid_t kid = start_sleeper(), listed[8];
		int n;

		n = list_all(&req, 0, 1, listed, 8);
		stop(kid);
		_exit(n == 2 && listed[0] == 1 && listed[1] == kid ? 0 : 1);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_HARNESS_MAIN
