// SPDX-License-Identifier: GPL-2.0
/*
 * get_pid_info() against /proc: every field, every error, the size
 * matrix, children, paths, pidfds, PID namespaces and permissions.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
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

/*
 * Every field of @req->info against what /proc says about @pid now (the
 * library's comparison), and what the comparison cannot know: the bits
 * that must be set, the clock read before the call, the lengths.
 */
static void check_against_proc(struct __test_metadata *_metadata, pid_t pid,
			       const struct pidinfo_request *req,
			       unsigned long long before_ns)
{
	const struct pidinfo_buffers bufs = {
		.children = req->children, .root = req->root, .cwd = req->cwd,
	};
	const struct pidinfo *info = &req->info;
	static struct proc_view view;
	int kids[256];

	ASSERT_EQ(0, proc_view_read(pid, &view, kids, 256));
	EXPECT_EQ(0, pidinfo_rows(info, &bufs, &view, log_mismatch, _metadata));
	EXPECT_EQ(pid, info->pid);
	EXPECT_EQ(pid, info->tgid);
	EXPECT_TRUE(info->mask & PIDINFO_MASK_STACK);
	EXPECT_TRUE(info->mask & PIDINFO_MASK_CHILDREN);
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

static void *sleeping_thread(void *arg)
{
	for (;;)
		pause();
	return NULL;
}

enum target_kind { SLEEPING, STOPPED, ZOMBIE, THREADED, RENICED_SETUID };

/* Distinct from every other ID and from nice 0, so no field passes by luck. */
#define TARGET_NICE	7
#define TARGET_EUID	1000
#define TARGET_EGID	1001

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
FIXTURE_VARIANT_ADD(target, reniced_setuid) {
	.kind = RENICED_SETUID, .state = 'S'
};

FIXTURE_SETUP(target)
{
	pthread_t thread;
	int i;

	self->pid = fork();
	ASSERT_LE(0, self->pid);
	if (self->pid == 0) {
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
						   sleeping_thread, NULL))
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
		case SLEEPING:
			break;
		}
		for (;;)
			pause();
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
		struct proc_stat st;

		for (i = 0; i < 10000; i++) {
			if (!proc_read_stat(self->pid, &st) &&
			    st.num_threads == 4)
				break;
			usleep(1000);
		}
	}
}

FIXTURE_TEARDOWN(target)
{
	kill(self->pid, SIGKILL);
	waitpid(self->pid, NULL, 0);
}

TEST_F(target, matches_proc)
{
	unsigned long long before;
	struct pidinfo_request req;

	request_init(&req, 256);
	before = boottime_ns();
	ASSERT_EQ(0, query(self->pid, &req));
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
	if (variant->kind == ZOMBIE) {
		EXPECT_EQ(0, req.info.stack_start);
		EXPECT_FALSE(req.info.mask & PIDINFO_MASK_CWD);
		EXPECT_TRUE(all_bytes(req.cwd, PATTERN, sizeof(req.cwd)));
	} else {
		EXPECT_NE(0, req.info.stack_start);
		EXPECT_STREQ("/tmp", req.cwd);
	}
	check_against_proc(_metadata, self->pid, &req, before);
}

static void *report_tid(void *arg)
{
	__atomic_store_n((pid_t *)arg, gettid(), __ATOMIC_SEQ_CST);
	for (;;)
		pause();
	return NULL;
}

/* A thread, by its TID: described as that thread of this process. */
TEST(thread_by_tid)
{
	unsigned long long before = boottime_ns();
	struct pidinfo_request req, leader;
	struct proc_stat st;
	pthread_t thread;
	pid_t tid = 0;
	char path[64];

	ASSERT_EQ(0, pthread_create(&thread, NULL, report_tid, &tid));
	while (!__atomic_load_n(&tid, __ATOMIC_SEQ_CST))
		usleep(1000);
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
	pid_t tid = 0;

	ASSERT_EQ(0, pthread_create(&thread, NULL, report_tid, &tid));
	while (!__atomic_load_n(&tid, __ATOMIC_SEQ_CST))
		usleep(1000);
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
	request_init(&req, 256);
	ASSERT_EQ(0, query(f.child, &req));
	EXPECT_EQ(getpid(), req.info.ppid);
	check_against_proc(_metadata, f.child, &req, before);

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

/*
 * Frozen copy: two variants asserted version 0's kernel, not its ABI, and
 * are left out: a dirty byte just past 144 bytes (E2BIG then, a field of
 * the kernel's struct since version 1), and a page-sized struct whose
 * bytes past 144 stay untouched (the kernel's struct is larger now, and a
 * caller that passes a page gets all of it).  page_dirty_tail and
 * over_a_page still hold.
 */

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
	/* Past the kernel's struct, the caller's bytes are untouched. */
	EXPECT_TRUE(all_bytes(self->buf + sizeof(*info), 0,
			      8192 - sizeof(*info)));
}

TEST(bad_arguments)
{
	struct pidinfo_request req;
	pid_t gone;

	request_init(&req, 0);

	/* Frozen copy: flag 2 was unknown to version 0; it is PIDINFO_NEXT. */
	EXPECT_EQ(-1, get_pid_info(getpid(), &req.info, sizeof(req.info),
				   1U << 30));
	EXPECT_EQ(EINVAL, errno);
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
			     PIDINFO_MASK_CWD))
		return UNPRIV_MASK;
	if (req.info.stack_start || req.info.root_len || req.info.cwd_len)
		return UNPRIV_VALUES;
	if (!all_bytes(req.root, PATTERN, sizeof(req.root)) ||
	    !all_bytes(req.cwd, PATTERN, sizeof(req.cwd)))
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
}

TEST_HARNESS_MAIN
