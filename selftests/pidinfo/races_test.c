// SPDX-License-Identifier: GPL-2.0
/*
 * The four calls racing with the lives of their targets: processes that
 * exit, are reaped, reparented, exec or move their root and cwd; thread
 * groups whose leader exits first; groups whose membership changes;
 * children that exit while several threads wait for them.
 *
 * Each race runs for a bounded number of iterations and time (RACE_ITERS
 * and RACE_SECONDS) and checks every result it gets, not just that the
 * kernel survived: a call either fails with the errno a vanished target
 * gives, or succeeds with an answer that was true at some point.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "pidinfo_util.h"
#include "../kselftest_harness.h"

PIDINFO_REQUIRE(pidinfo_missing(), "get_pid_info()");

#define RACE_ITERS	20000
#define RACE_SECONDS	20

/* No state of its own: a fixture only for the longer timeout. */
FIXTURE(race) {
};

FIXTURE_SETUP(race)
{
}

FIXTURE_TEARDOWN(race)
{
}

#define RACE_TIMEOUT	120

static bool race_over(int i, time_t start)
{
	return i >= RACE_ITERS || time(NULL) - start >= RACE_SECONDS;
}

/* Shared between a churning child and the racing test. */
struct shared {
	pid_t latest;
	pid_t other;
	int stop;
};

/* The fields are shared between processes: every access is atomic. */
#define LOAD(field)		__atomic_load_n(&(field), __ATOMIC_SEQ_CST)
#define STORE(field, value)	__atomic_store_n(&(field), (value), __ATOMIC_SEQ_CST)

static struct shared *map_shared(void)
{
	void *p = mmap(NULL, sizeof(struct shared), PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static bool valid_state(unsigned int state)
{
	return state && strchr("RSDTtXZPI", state);
}

struct query {
	struct pidinfo info;
	int children[64];
	char root[PATH_MAX];
	char cwd[PATH_MAX];
};

static int query(pid_t pid, struct query *q)
{
	memset(q, 0, sizeof(*q));
	pidinfo_set_buffers(&q->info, q->children, ARRAY_SIZE(q->children),
			    q->root, sizeof(q->root), q->cwd, sizeof(q->cwd));
	return get_pid_info(pid, &q->info, sizeof(q->info), 0);
}

/* What any successful answer must satisfy, whatever the target did. */
static void check_answer(struct __test_metadata *_metadata, pid_t pid,
			 const struct query *q)
{
	const struct pidinfo *info = &q->info;

	ASSERT_EQ(pid, info->pid);
	ASSERT_TRUE(valid_state(info->state));
	ASSERT_NE(0, info->mask & PIDINFO_MASK_PID);
	ASSERT_LE(1, info->nr_threads);
	ASSERT_EQ(0, info->comm[PIDINFO_COMM_LEN - 1]);
	if (info->mask & PIDINFO_MASK_ROOT) {
		ASSERT_LE(2, info->root_len);
		ASSERT_EQ(info->root_len - 1, strlen(q->root));
	} else {
		ASSERT_EQ(0, info->root_len);
	}
	if (info->mask & PIDINFO_MASK_CWD) {
		ASSERT_LE(2, info->cwd_len);
		ASSERT_EQ(info->cwd_len - 1, strlen(q->cwd));
	}
	if (info->state == 'Z' || info->state == 'X')
		ASSERT_EQ(0, info->stack_start);
}

/*
 * Forks children that exit at once, and reaps them, until told to stop;
 * fails the test if it could not start (or @sh could not be mapped).
 */
static pid_t start_churn(struct __test_metadata *_metadata, struct shared *sh)
{
	pid_t pid;

	ASSERT_NE(NULL, sh);
	pid = fork();
	ASSERT_LE(0, pid);

	if (pid == 0) {
		while (!LOAD(sh->stop)) {
			pid_t c = fork();

			if (c == 0)
				_exit(0);
			STORE(sh->latest, c);
			if (c > 0)
				waitpid(c, NULL, 0);
		}
		_exit(0);
	}
	/* Its first fork, so that no round of the race is without a target. */
	while (!LOAD(sh->latest))
		sched_yield();
	return pid;
}

/*
 * Round @i's target: the churner's newest child or one of the @spread - 1
 * PIDs after it, the ones its next forks get; 0 if its fork failed.
 */
static pid_t near_churn(struct shared *sh, int i, int spread)
{
	pid_t latest = LOAD(sh->latest);

	return latest > 0 ? latest + i % spread : 0;
}

static void stop_child(struct shared *sh, pid_t pid)
{
	STORE(sh->stop, 1);
	waitpid(pid, NULL, 0);
}

TEST_F_TIMEOUT(race, get_pid_info_on_exiting_processes, RACE_TIMEOUT)
{
	struct shared *sh = map_shared();
	int i, found = 0;
	time_t start = time(NULL);
	struct query q;
	pid_t churn;

	churn = start_churn(_metadata, sh);
	for (i = 0; !race_over(i, start); i++) {
		pid_t pid = near_churn(sh, i, 3);

		if (!pid)
			continue;
		if (query(pid, &q)) {
			ASSERT_EQ(ESRCH, errno);
			continue;
		}
		check_answer(_metadata, pid, &q);
		found++;
	}
	stop_child(sh, churn);
	/* Children of the churner, seen alive or dead, not only missed. */
	EXPECT_LT(0, found);
	TH_LOG("%d calls, %d answered", i, found);
}

/* Children reparented to a subreaper while their parent's exits. */
TEST_F_TIMEOUT(race, get_pid_info_on_reparented_children, RACE_TIMEOUT)
{
	struct shared *sh = map_shared();
	time_t start = time(NULL);
	struct query q;
	pid_t me = getpid(), churn;
	int i;

	ASSERT_NE(NULL, sh);
	ASSERT_EQ(0, prctl(PR_SET_CHILD_SUBREAPER, 1));
	churn = fork();
	if (churn == 0) {
		/* A middle process forks an orphan-to-be and exits. */
		while (!LOAD(sh->stop)) {
			pid_t middle = fork();

			if (middle == 0) {
				pid_t orphan = fork();

				if (orphan == 0) {
					usleep(2000);
					_exit(0);
				}
				STORE(sh->other, getpid());
				STORE(sh->latest, orphan);
				usleep(1000);
				_exit(0);
			}
			waitpid(middle, NULL, 0);
			usleep(3000);
		}
		_exit(0);
	}
	ASSERT_LT(0, churn);
	for (i = 0; !race_over(i, start); i++) {
		pid_t orphan = LOAD(sh->latest), middle = LOAD(sh->other);

		if (orphan <= 0)
			continue;
		if (query(orphan, &q)) {
			ASSERT_EQ(ESRCH, errno);
		} else {
			check_answer(_metadata, orphan, &q);
			/* its parent, or the subreaper that adopted it */
			if (q.info.ppid != middle && q.info.ppid != me &&
			    q.info.ppid != churn) {
				/* a newer orphan took the same PID */
				ASSERT_NE(orphan, LOAD(sh->latest));
			}
		}
		/* the middle's children: its orphan, or none once it left */
		if (!query(middle, &q))
			ASSERT_GE(1, q.info.nr_children);
		/* reap the orphans the test adopted */
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
	}
	stop_child(sh, churn);
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

/*
 * A name is read whole, as /proc reads it under task_lock(): a process
 * that renames itself between a long and a short name over and over is
 * seen with the one or the other, never a mix of the two, and its name
 * field holds the same, zero-padded.
 */
#define LONG_NAME	"abcdefghijklmno"	/* 15 bytes: the most there is */
#define SHORT_NAME	"xyz"

TEST_F_TIMEOUT(race, names_read_whole_while_renamed, RACE_TIMEOUT)
{
	static const char zeros[PIDINFO_NAME_LEN];
	struct shared *sh = map_shared();
	time_t start = time(NULL);
	pid_t pid;
	int i;

	ASSERT_NE(NULL, sh);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		/* A failed assertion ends the test, and this loop with it. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		prctl(PR_SET_NAME, SHORT_NAME);
		STORE(sh->latest, getpid());
		while (!LOAD(sh->stop)) {
			prctl(PR_SET_NAME, LONG_NAME);
			prctl(PR_SET_NAME, SHORT_NAME);
		}
		_exit(0);
	}
	/* Not before its first rename: until then it has the test's name. */
	while (!LOAD(sh->latest))
		sched_yield();
	for (i = 0; !race_over(i, start); i++) {
		struct pidinfo info = { .mask = PIDINFO_MASK_COMM };
		size_t len;

		ASSERT_EQ(0, get_pid_info(pid, &info, sizeof(info), 0));
		if (strcmp(info.comm, LONG_NAME) &&
		    strcmp(info.comm, SHORT_NAME)) {
			TH_LOG("round %d: comm \"%.16s\"", i, info.comm);
			ASSERT_TRUE(false);
		}
		len = strlen(info.comm);
		ASSERT_EQ(0, memcmp(info.comm, info.name, len + 1));
		ASSERT_EQ(0, memcmp(info.comm + len, zeros,
				    PIDINFO_COMM_LEN - len));
		ASSERT_EQ(0, memcmp(info.name + len, zeros,
				    PIDINFO_NAME_LEN - len));
	}
	stop_child(sh, pid);
}

/* A process that keeps exec'ing itself, and one that moves root and cwd. */
static int exec_loop(int n)
{
	char arg[16];

	if (n <= 0)
		return 0;
	snprintf(arg, sizeof(arg), "%d", n - 1);
	execl("/proc/self/exe", "races_test", "--exec-loop", arg, NULL);
	return 1;
}

TEST_F_TIMEOUT(race, get_pid_info_on_execve, RACE_TIMEOUT)
{
	time_t start = time(NULL);
	struct query q;
	int i, status;
	pid_t pid;

	pid = fork();
	if (pid == 0)
		_exit(exec_loop(300));
	ASSERT_LT(0, pid);
	for (i = 0; !race_over(i, start); i++) {
		if (query(pid, &q))
			break;	/* reaped: only after the loop */
		/*
		 * Mid-exec the new mm has no stack yet: /proc shows 0 then
		 * too, so there is no stack address to insist on.
		 */
		check_answer(_metadata, pid, &q);
		if (q.info.state == 'Z')
			break;
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

/*
 * A process whose second thread exec's this program again, @n times:
 * each time de_thread() gives the execing thread the leader's PID and
 * releases the old leader.  Exits 0 after the last exec.
 */
static void *exec_again(void *arg)
{
	execl("/proc/self/exe", "races_test", "--exec-from-thread", arg, NULL);
	_exit(2);
}

static int exec_from_thread(int n)
{
	static char arg[16];
	pthread_t t;

	if (n <= 0)
		return 0;
	snprintf(arg, sizeof(arg), "%d", n - 1);
	if (pthread_create(&t, NULL, exec_again, arg))
		return 1;
	for (;;)
		pause();
}

#define EXECS_FROM_THREAD	200

/* Exited, and not reaped: WNOWAIT leaves it a zombie to query. */
static bool has_exited(pid_t pid)
{
	siginfo_t si = { 0 };

	return !waitid(P_PID, pid, &si, WEXITED | WNOHANG | WNOWAIT) &&
	       si.si_pid == pid;
}

/*
 * Queries by PID and by pidfd while the target exec's from a non-leader
 * thread.  The PID always names a live process or its zombie, so every
 * answer must succeed and describe the task that owns the PID: never
 * -ESRCH, never the released old leader under its new TID, never state X.
 */
TEST_F_TIMEOUT(race, get_pid_info_on_execve_from_thread, RACE_TIMEOUT)
{
	time_t start = time(NULL);
	int round, bad = 0, calls = 0;
	struct pidinfo info;

	for (round = 0; round == 0 || time(NULL) - start < RACE_SECONDS;
	     round++) {
		int status, pidfd;
		pid_t pid = fork();

		if (pid == 0)
			_exit(exec_from_thread(EXECS_FROM_THREAD));
		ASSERT_LT(0, pid);
		pidfd = sys_pidfd_open(pid, 0);
		ASSERT_LE(0, pidfd);
		while (!has_exited(pid)) {
			bool by_fd = calls++ & 1;
			int ret;

			memset(&info, 0, sizeof(info));
			ret = get_pid_info(by_fd ? pidfd : pid, &info,
					   sizeof(info),
					   by_fd ? PIDINFO_PIDFD : 0);
			if (ret || info.pid != pid || info.tgid != pid ||
			    info.state == 'X') {
				if (bad++ < 5)
					TH_LOG("%s %d: ret %d (%s), pid %d tgid %d state %c",
					       by_fd ? "pidfd of" : "PID", pid,
					       ret, ret ? strerror(errno) : "-",
					       info.pid, info.tgid,
					       info.state ? info.state : '-');
			}
		}
		close(pidfd);
		ASSERT_EQ(pid, waitpid(pid, &status, 0));
		/* Every exec happened: the last image exits 0. */
		ASSERT_TRUE(WIFEXITED(status));
		ASSERT_EQ(0, WEXITSTATUS(status));
	}
	TH_LOG("%d calls over %d rounds of %d execs, %d bad", calls, round,
	       EXECS_FROM_THREAD, bad);
	EXPECT_EQ(0, bad);
}

TEST_F_TIMEOUT(race, get_pid_info_on_moving_root_and_cwd, RACE_TIMEOUT)
{
	struct shared *sh = map_shared();
	char a[] = "/tmp/pidinfo-race-a-XXXXXX";
	char b[] = "/tmp/pidinfo-race-b-XXXXXX";
	time_t start = time(NULL);
	struct query q;
	pid_t pid;
	int i;

	ASSERT_NE(NULL, sh);
	ASSERT_NE(NULL, mkdtemp(a));
	ASSERT_NE(NULL, mkdtemp(b));
	ASSERT_EQ(0, chdir("/"));
	pid = fork();
	if (pid == 0) {
		int root = open("/", O_RDONLY | O_DIRECTORY);

		while (!LOAD(sh->stop)) {
			/* into a, as its root; then back out through root */
			if (chdir(b) || chdir(a) || chroot(".") ||
			    fchdir(root) || chroot("."))
				_exit(1);
		}
		_exit(0);
	}
	ASSERT_LT(0, pid);
	for (i = 0; !race_over(i, start); i++) {
		if (query(pid, &q)) {
			ASSERT_EQ(ESRCH, errno);
			break;
		}
		check_answer(_metadata, pid, &q);
		if (q.info.mask & PIDINFO_MASK_ROOT)
			ASSERT_TRUE(!strcmp(q.root, "/") || !strcmp(q.root, a));
		if (q.info.mask & PIDINFO_MASK_CWD)
			ASSERT_TRUE(!strcmp(q.cwd, "/") || !strcmp(q.cwd, a) ||
				    !strcmp(q.cwd, b));
	}
	stop_child(sh, pid);
	rmdir(a);
	rmdir(b);
}

static void *sleep_briefly(void *arg)
{
	usleep(2000);
	return NULL;
}

/* The leader exits first; its threads go on a little, then the group. */
TEST_F_TIMEOUT(race, get_pid_info_on_leaderless_thread_groups, RACE_TIMEOUT)
{
	time_t start = time(NULL);
	int i, round = 0;
	struct query q;

	for (i = 0; !race_over(i, start); round++) {
		pid_t pid = fork();

		if (pid == 0) {
			pthread_t t;
			int n;

			for (n = 0; n < 3; n++)
				pthread_create(&t, NULL, sleep_briefly, NULL);
			pthread_exit(NULL);
		}
		ASSERT_LT(0, pid);
		for (; !race_over(i, start); i++) {
			if (query(pid, &q)) {
				ASSERT_EQ(ESRCH, errno);
				break;
			}
			check_answer(_metadata, pid, &q);
			/* A zombie leader with live threads still counts them. */
			if (q.info.state == 'Z' && q.info.nr_threads == 1)
				break;
		}
		ASSERT_EQ(pid, waitpid(pid, NULL, 0));
	}
	TH_LOG("%d calls over %d thread groups", i, round);
}

/* Rounds of a whole listing: each costs a walk over every process. */
#define LISTING_ROUNDS	200

/*
 * Listing every process (PIDINFO_NEXT) while others fork and exit: each
 * answer is a valid description, no PID comes twice, and the processes
 * that live throughout (this one, its sleepers, the churner) come once.
 */
TEST_F_TIMEOUT(race, listing_while_processes_come_and_go, RACE_TIMEOUT)
{
	static pid_t listed[8192];
	struct shared *sh = map_shared();
	time_t start = time(NULL);
	pid_t churn, sleepers[4];
	int i, j, n = 0;

	for (j = 0; j < ARRAY_SIZE(sleepers); j++) {
		sleepers[j] = fork();
		ASSERT_LE(0, sleepers[j]);
		if (sleepers[j] == 0) {
			pause();
			_exit(0);
		}
	}
	churn = start_churn(_metadata, sh);
	for (i = 0; i < LISTING_ROUNDS && !race_over(0, start); i++) {
		struct query q;
		pid_t pid = 1;

		for (n = 0; n < ARRAY_SIZE(listed); n++) {
			memset(&q, 0, sizeof(q));
			pidinfo_set_buffers(&q.info, q.children,
					    ARRAY_SIZE(q.children), q.root,
					    sizeof(q.root), q.cwd,
					    sizeof(q.cwd));
			if (get_pid_info(pid, &q.info, sizeof(q.info),
					 PIDINFO_NEXT))
				break;
			check_answer(_metadata, q.info.pid, &q);
			ASSERT_EQ(q.info.pid, q.info.tgid);
			/* Strictly upwards: nothing twice. */
			ASSERT_LE(pid, q.info.pid);
			listed[n] = q.info.pid;
			pid = q.info.pid + 1;
		}
		ASSERT_EQ(ESRCH, errno);
		ASSERT_TRUE(pid_in(listed, n, getpid()));
		ASSERT_TRUE(pid_in(listed, n, churn));
		for (j = 0; j < ARRAY_SIZE(sleepers); j++)
			ASSERT_TRUE(pid_in(listed, n, sleepers[j]));
	}
	stop_child(sh, churn);
	for (j = 0; j < ARRAY_SIZE(sleepers); j++) {
		kill(sleepers[j], SIGKILL);
		waitpid(sleepers[j], NULL, 0);
	}
	TH_LOG("%d listings, the last of %d processes", i, n);
}

static void *short_thread(void *arg)
{
	return NULL;
}

static void *thread_churn(void *arg)
{
	int *stop = arg;
	pthread_t t;

	while (!__atomic_load_n(stop, __ATOMIC_SEQ_CST))
		if (!pthread_create(&t, NULL, short_thread, NULL))
			pthread_join(t, NULL);
	return NULL;
}

/*
 * Listing this process's threads (PIDINFO_NEXT_THREAD) while one of them
 * starts and joins threads: the steady ones (this thread and the
 * churner) come each time, and no thread twice.
 */
TEST_F_TIMEOUT(race, thread_listing_while_threads_come_and_go, RACE_TIMEOUT)
{
	time_t start = time(NULL);
	int stop = 0, i, n = 0;
	pthread_t churner;
	pid_t tid;

	ASSERT_EQ(0, pthread_create(&churner, NULL, thread_churn, &stop));
	for (i = 0; i < LISTING_ROUNDS && !race_over(0, start); i++) {
		struct pidinfo info;
		bool self = false;

		n = 0;
		for (tid = 1;; tid = info.pid + 1) {
			memset(&info, 0, sizeof(info));
			info.mask = PIDINFO_MASK_PID | PIDINFO_MASK_STATE;
			info.tgid = getpid();
			if (get_pid_info(tid, &info, sizeof(info),
					 PIDINFO_NEXT_THREAD))
				break;
			ASSERT_EQ(getpid(), info.tgid);
			ASSERT_LE(tid, info.pid);
			ASSERT_TRUE(valid_state(info.state));
			self |= info.pid == gettid();
			n++;
		}
		ASSERT_EQ(ESRCH, errno);
		ASSERT_TRUE(self);
		ASSERT_LE(2, n);
	}
	__atomic_store_n(&stop, 1, __ATOMIC_SEQ_CST);
	pthread_join(churner, NULL);
	TH_LOG("%d listings of the threads", i);
}

/* A thread that lives until *@arg is set. */
static void *live_until(void *arg)
{
	int *until = arg;

	while (!__atomic_load_n(until, __ATOMIC_SEQ_CST))
		usleep(1000);
	return (void *)(long)gettid();
}

#define DOOMED	24
#define STEADY	8

/*
 * Threads released while a walk passes them must not end it: each round
 * starts DOOMED threads and then STEADY ones (whose TIDs, allocated later,
 * are higher), lets the doomed ones exit as the walk begins, and requires
 * every steady thread in the walk.  A walk that ended at a thread released
 * between being picked and being referenced lost every TID above it.
 */
TEST_F_TIMEOUT(race, thread_listing_sees_steady_threads, RACE_TIMEOUT)
{
	time_t start = time(NULL);
	int i, j;

	for (i = 0; i < LISTING_ROUNDS && !race_over(0, start); i++) {
		pthread_t doomed[DOOMED], steady[STEADY];
		pid_t steady_tids[STEADY], seen[256];
		int doom = 0, end = 0, n = 0;
		struct pidinfo info;
		pid_t missing;
		pid_t tid;
		void *ret;

		for (j = 0; j < DOOMED; j++)
			ASSERT_EQ(0, pthread_create(&doomed[j], NULL,
						    live_until, &doom));
		for (j = 0; j < STEADY; j++)
			ASSERT_EQ(0, pthread_create(&steady[j], NULL,
						    live_until, &end));
		__atomic_store_n(&doom, 1, __ATOMIC_SEQ_CST);
		for (tid = 1; n < ARRAY_SIZE(seen); tid = info.pid + 1) {
			memset(&info, 0, sizeof(info));
			info.mask = PIDINFO_MASK_PID;
			info.tgid = getpid();
			if (get_pid_info(tid, &info, sizeof(info),
					 PIDINFO_NEXT_THREAD))
				break;
			seen[n++] = info.pid;
		}
		ASSERT_EQ(ESRCH, errno);
		__atomic_store_n(&end, 1, __ATOMIC_SEQ_CST);
		for (j = 0; j < DOOMED; j++)
			pthread_join(doomed[j], NULL);
		for (j = 0; j < STEADY; j++) {
			pthread_join(steady[j], &ret);
			steady_tids[j] = (pid_t)(long)ret;
		}
		missing = 0;
		for (j = 0; j < STEADY && !missing; j++)
			if (!pid_in(seen, n, steady_tids[j]))
				missing = steady_tids[j];
		ASSERT_EQ(0, missing) {
			TH_LOG("round %d: steady thread %d not listed (%d listed)",
			       i, missing, n);
		}
	}
	TH_LOG("%d walks past exiting threads", i);
}

/* The steady children a family makes, and the flickering ones it keeps. */
#define FAMILY_STEADY	300
#define FAMILY_MOVED	600
#define FAMILY_FLICKER	40	/* about */
#define FAMILY_MAX	(FAMILY_STEADY + FAMILY_MOVED)

/* A process with many children, shared with the test that lists them. */
struct family {
	pid_t test;		/* the test that lists them */
	int nr;			/* kids[] recorded so far */
	pid_t kids[FAMILY_MAX];
	int stop;
};

/* Called by one thread at a time: the leader, then the one mover. */
static void family_record(struct family *f, pid_t kid)
{
	int nr = LOAD(f->nr);

	if (kid > 0) {
		f->kids[nr] = kid;
		STORE(f->nr, nr + 1);
	}
}

/* The family's lifeline: its children live until the leader is gone. */
static int lifeline[2];

static pid_t sleeping_child(void)
{
	pid_t pid = fork();
	char c;

	if (pid == 0) {
		close(lifeline[1]);
		read(lifeline[0], &c, 1);
		_exit(0);
	}
	return pid;
}

/* A child that lives a moment; it goes to the tail of its parent's list. */
static void flicker(void)
{
	if (fork() == 0) {
		usleep(rand() % 3000);
		_exit(0);
	}
}

/*
 * A thread that forks children and exits: its children go to the tail of
 * the first live thread's list, the leader's, while walks go on.  One
 * such thread at a time, started by keep_moving_children().
 */
static void *move_children(void *arg)
{
	struct family *f = arg;
	int i;

	for (i = 0; i < 6 && LOAD(f->nr) < FAMILY_MAX; i++)
		family_record(f, sleeping_child());
	return NULL;
}

static void *keep_moving_children(void *arg)
{
	struct family *f = arg;
	pthread_t t;

	while (!LOAD(f->stop) && LOAD(f->nr) < FAMILY_MAX) {
		if (pthread_create(&t, NULL, move_children, f))
			break;
		pthread_join(t, NULL);
		usleep(2000);
	}
	return NULL;
}

/*
 * The family's leader: steady children between flickering ones, which
 * are reaped and replaced at the tail while walks go on (a walk pausing
 * at one as it is reaped is rare here: KUnit's children_walk_starts_again
 * makes that happen); threads whose children are reparented to it.  Its
 * children end with it, or when it is told to stop.
 */
static void run_family(struct family *f)
{
	pthread_t mover;
	int i;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != f->test || pipe(lifeline))
		_exit(1);
	for (i = 0; i < FAMILY_STEADY; i++) {
		family_record(f, sleeping_child());
		if (i % (FAMILY_STEADY / FAMILY_FLICKER) == 0)
			flicker();
	}
	if (pthread_create(&mover, NULL, keep_moving_children, f))
		_exit(1);
	while (!LOAD(f->stop)) {
		/* Each one reaped is replaced at the tail. */
		if (waitpid(-1, NULL, WNOHANG) > 0)
			flicker();
		else
			usleep(500);
	}
	pthread_join(mover, NULL);
	close(lifeline[1]);
	while (wait(NULL) > 0)
		;
	_exit(0);
}

/*
 * The children walk lets fork() and exit() in between every few children.
 * While the family's children come and go, and move from exiting threads
 * to the leader, every child recorded before a call must be in its answer
 * once, and no PID twice.
 */
TEST_F_TIMEOUT(race, children_walk_sees_steady_children, RACE_TIMEOUT)
{
	static pid_t children[4 * FAMILY_MAX];
	struct family *f = mmap(NULL, sizeof(*f), PROT_READ | PROT_WRITE,
				MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	time_t start = time(NULL);
	int i, j, steady = 0;
	pid_t leader;

	ASSERT_NE(MAP_FAILED, f);
	f->test = getpid();
	leader = fork();
	ASSERT_LE(0, leader);
	if (leader == 0)
		run_family(f);
	while (LOAD(f->nr) < FAMILY_STEADY) {
		ASSERT_EQ(0, waitpid(leader, NULL, WNOHANG)) {
			TH_LOG("the family could not start (%d children)",
			       LOAD(f->nr));
		}
		usleep(1000);
	}

	/* Until every moved child has been moved, or time is up. */
	for (i = 0; i < LISTING_ROUNDS || LOAD(f->nr) < FAMILY_MAX; i++) {
		struct pidinfo info;
		pid_t missing = 0;

		if (race_over(0, start))
			break;
		steady = LOAD(f->nr);
		memset(&info, 0, sizeof(info));
		info.mask = PIDINFO_MASK_CHILDREN;
		info.children = (uintptr_t)children;
		info.children_cap = ARRAY_SIZE(children);
		ASSERT_EQ(0, get_pid_info(leader, &info, sizeof(info), 0));
		ASSERT_LE(info.nr_children, ARRAY_SIZE(children));
		qsort(children, info.nr_children, sizeof(pid_t), cmp_int);
		for (j = 1; j < info.nr_children; j++)
			ASSERT_NE(children[j - 1], children[j]);
		for (j = 0; j < steady && !missing; j++)
			if (!bsearch(&f->kids[j], children, info.nr_children,
				     sizeof(pid_t), cmp_int))
				missing = f->kids[j];
		ASSERT_EQ(0, missing) {
			TH_LOG("round %d: steady child %d not among %u",
			       i, missing, info.nr_children);
		}
	}
	STORE(f->stop, 1);
	ASSERT_EQ(leader, waitpid(leader, NULL, 0));
	TH_LOG("%d walks, the last over %d steady children", i, steady);
	munmap(f, sizeof(*f));
}

TEST_F_TIMEOUT(race, ft_kill_on_exiting_processes, RACE_TIMEOUT)
{
	struct shared *sh = map_shared();
	time_t start = time(NULL);
	pid_t churn;
	int i, ret, ok = 0;

	if (ft_missing())
		SKIP(return, "ft_kill() not implemented");
	churn = start_churn(_metadata, sh);
	for (i = 0; !race_over(i, start); i++) {
		pid_t pid = near_churn(sh, i, 2);

		if (!pid)
			continue;
		/* Signal 0 and SIGCONT: harmless to whoever has the PID. */
		ret = ft_kill(pid, i % 4 ? 0 : SIGCONT);
		ok += !ret;
		if (ret)
			ASSERT_EQ(ESRCH, errno);
	}
	stop_child(sh, churn);
	TH_LOG("%d calls, %d found their target", i, ok);
}

/* Group members come and go while the group is signalled. */
TEST_F_TIMEOUT(race, ft_kill_on_changing_groups, RACE_TIMEOUT)
{
	struct shared *sh = map_shared();
	time_t start = time(NULL);
	pid_t leader, mover;
	int i, ok = 0;
	sigset_t usr;

	if (ft_missing())
		SKIP(return, "ft_kill() not implemented");
	ASSERT_NE(NULL, sh);
	block_signal(SIGUSR1, &usr);
	leader = fork();
	if (leader == 0) {
		setpgid(0, 0);
		for (;;)
			pause();
	}
	ASSERT_LT(0, leader);
	ASSERT_EQ(0, setpgid(leader, leader));
	mover = fork();
	if (mover == 0) {
		/* into the group, out to a group of its own, and again */
		while (!LOAD(sh->stop)) {
			setpgid(0, leader);
			setpgid(0, 0);
		}
		_exit(0);
	}
	ASSERT_LT(0, mover);
	for (i = 0; !race_over(i, start); i++) {
		int ret = ft_kill(-(i % 2 ? leader : mover), SIGUSR1);

		/* the leader's group always has the leader; mover's comes and goes */
		ok += !ret;
		if (ret)
			ASSERT_EQ(ESRCH, errno);
		if (i % 2)
			ASSERT_EQ(0, ret);
	}
	stop_child(sh, mover);
	kill(leader, SIGKILL);
	waitpid(leader, NULL, 0);
	TH_LOG("%d calls, %d delivered", i, ok);
}

#define MANY_THREADS	64

/* Faults a page in, then sleeps or, if @arg is set, exits. */
static void *fault_once(void *arg)
{
	char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (page != MAP_FAILED)
		page[0] = 1;
	if (arg)
		return NULL;
	for (;;)
		pause();
	return NULL;
}

struct hammer {
	pid_t target;
	int stop;
	long calls;
};

static void *hammer_faults(void *arg)
{
	struct hammer *h = arg;
	struct pidinfo info;

	while (!LOAD(h->stop)) {
		memset(&info, 0, sizeof(info));
		info.mask = PIDINFO_MASK_FAULTS;
		if (!get_pid_info(h->target, &info, sizeof(info), 0))
			__atomic_add_fetch(&h->calls, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

/*
 * The faults of a process with many threads, asked from every CPU while
 * its threads come and go: the sum is taken under ->stats_lock, no lock
 * is held across the walk, and once the process is still the answer is
 * /proc's.  The debug kernel's lockdep and hung-task checks watch.
 */
TEST_F_TIMEOUT(race, faults_hammered_from_every_cpu, RACE_TIMEOUT)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	struct hammer h = { .target = getpid() };
	pthread_t sleepers[MANY_THREADS], hammers[8], t;
	time_t start = time(NULL);
	struct proc_stat before, after;
	static int exiting = 1;
	struct pidinfo info;
	int i, churn = 0;

	if (cpus > ARRAY_SIZE(hammers))
		cpus = ARRAY_SIZE(hammers);
	for (i = 0; i < MANY_THREADS; i++)
		ASSERT_EQ(0, pthread_create(&sleepers[i], NULL, fault_once,
					    NULL));
	for (i = 0; i < cpus; i++)
		ASSERT_EQ(0, pthread_create(&hammers[i], NULL, hammer_faults,
					    &h));
	/* Threads that fault and exit: their faults move into ->signal. */
	for (; !race_over(churn, start) && churn < 2000; churn++) {
		ASSERT_EQ(0, pthread_create(&t, NULL, fault_once, &exiting));
		pthread_join(t, NULL);
	}
	STORE(h.stop, 1);
	for (i = 0; i < cpus; i++)
		pthread_join(hammers[i], NULL);

	/*
	 * Still but for this thread (the sleepers sleep): between /proc's
	 * counts before and after, which this thread's reads may raise.
	 */
	memset(&info, 0, sizeof(info));
	info.mask = PIDINFO_MASK_FAULTS;
	ASSERT_EQ(0, proc_read_stat(getpid(), &before));
	ASSERT_EQ(0, get_pid_info(getpid(), &info, sizeof(info), 0));
	ASSERT_EQ(0, proc_read_stat(getpid(), &after));
	EXPECT_LE(before.minflt, info.min_flt);
	EXPECT_LE(info.min_flt, after.minflt);
	EXPECT_LE(before.majflt, info.maj_flt);
	EXPECT_LE(info.maj_flt, after.majflt);
	EXPECT_LE(churn, info.min_flt);
	TH_LOG("%ld calls from %ld threads, %d threads faulted and exited",
	       h.calls, cpus, churn);
	for (i = 0; i < MANY_THREADS; i++)
		pthread_cancel(sleepers[i]);
	for (i = 0; i < MANY_THREADS; i++)
		pthread_join(sleepers[i], NULL);
}

typedef long (*wait_fn)(pid_t pid, int *status, int options,
			struct rusage *ru);

static long wait4_original(pid_t pid, int *status, int options,
			   struct rusage *ru)
{
	return syscall(__NR_wait4, pid, status, options, ru);
}

static long ft_wait_call(pid_t pid, int *status, int options,
			 struct rusage *ru)
{
	return ft_wait(pid, status, options, ru);
}

#define GROUP_ZOMBIES	16
#define GROUP_RACE_SECONDS	8	/* for each of the two calls */

/*
 * Zombies of one group; the even ones are moved out before the waiter
 * starts, the odd ones by another thread while it reaps.  @moved holds,
 * for each, the value of @seq once its setpgid() returned (0: not moved).
 */
struct group_race {
	pid_t zombie[GROUP_ZOMBIES];
	int moved[GROUP_ZOMBIES];
	int seq;
	int go;
};

static void move_zombie(struct group_race *g, int i)
{
	if (!setpgid(g->zombie[i], g->zombie[i]))
		STORE(g->moved[i], __atomic_add_fetch(&g->seq, 1,
						      __ATOMIC_SEQ_CST));
}

static void *move_odd_ones(void *arg)
{
	struct group_race *g = arg;
	int i;

	while (!LOAD(g->go))
		;
	for (i = 1; i < GROUP_ZOMBIES; i += 2)
		move_zombie(g, i);
	return NULL;
}

/*
 * One round: zombies in @leader's group, reaped by @wait(-leader).  A
 * zombie whose setpgid() out of the group returned before a wait call
 * began must not be reaped by that call.  (One moved during the call may
 * be: wait4() can claim a zombie while it is in the group, and setpgid()
 * still succeeds on it until it is released.)  Returns how many were.
 */
static int group_race_round(struct __test_metadata *_metadata, wait_fn wait,
			    pid_t leader)
{
	struct group_race g = { 0 };
	int i, seq, status, wrong = 0;
	pthread_t mover;
	siginfo_t si;
	long ret;

	for (i = 0; i < GROUP_ZOMBIES; i++) {
		g.zombie[i] = fork();
		if (g.zombie[i] == 0)
			_exit(setpgid(0, leader) ? 1 : 0);
		ASSERT_LT(0, g.zombie[i]);
		ASSERT_EQ(0, waitid(P_PID, g.zombie[i], &si,
				    WEXITED | WNOWAIT));
		ASSERT_EQ(0, si.si_status);
	}
	for (i = 0; i < GROUP_ZOMBIES; i += 2) {
		move_zombie(&g, i);
		ASSERT_NE(0, g.moved[i]);
	}
	ASSERT_EQ(0, pthread_create(&mover, NULL, move_odd_ones, &g));
	STORE(g.go, 1);
	do {
		seq = LOAD(g.seq);
		ret = wait(-leader, &status, WNOHANG, NULL);
		for (i = 0; ret > 0 && i < GROUP_ZOMBIES; i++) {
			if (g.zombie[i] != ret)
				continue;
			g.zombie[i] = -ret;	/* reaped by the group's waiter */
			if (LOAD(g.moved[i]) && LOAD(g.moved[i]) <= seq)
				wrong++;
		}
	} while (ret > 0);
	pthread_join(mover, NULL);
	for (i = 0; i < GROUP_ZOMBIES; i++)
		if (g.zombie[i] > 0)
			waitpid(g.zombie[i], NULL, 0);
	return wrong;
}

static bool group_race_over(int i, time_t start)
{
	return i >= LISTING_ROUNDS || time(NULL) - start >= GROUP_RACE_SECONDS;
}

/*
 * ft_wait(-pgid) against setpgid(), beside wait4(-pgid): neither reaps a
 * zombie that had left the group when the call began.  That ft_wait()
 * re-checks the group when it reports, not only when it searches, cannot
 * be told from here (see group_race_round()): KUnit's
 * ft_wait_report_rechecks_the_group tests it.
 */
TEST_F_TIMEOUT(race, ft_wait_group_against_setpgid, RACE_TIMEOUT)
{
	static const struct {
		const char *name;
		wait_fn wait;
	} waits[] = {
		{ "wait4", wait4_original },
		{ "ft_wait", ft_wait_call },
	};
	time_t start = time(NULL);
	int w, i, wrong;
	pid_t leader;

	if (ft_missing())
		SKIP(return, "ft_wait() not implemented");
	leader = fork();
	if (leader == 0) {
		for (;;)
			pause();
	}
	ASSERT_LT(0, leader);
	ASSERT_EQ(0, setpgid(leader, leader));
	for (w = 0; w < ARRAY_SIZE(waits); w++) {
		wrong = 0;
		for (i = 0; !group_race_over(i, start); i++)
			wrong += group_race_round(_metadata, waits[w].wait,
						  leader);
		EXPECT_EQ(0, wrong) {
			TH_LOG("%s(-pgid) reaped %d zombies that had left the group",
			       waits[w].name, wrong);
		}
		TH_LOG("%s: %d rounds", waits[w].name, i);
		start = time(NULL);
	}
	kill(leader, SIGKILL);
	waitpid(leader, NULL, 0);
}

struct reaper {
	pid_t got[4096];
	int n;
	int bad_status;
};

static void *reap_all(void *arg)
{
	struct reaper *r = arg;
	int status;
	long ret;

	while ((ret = ft_wait(-1, &status, 0, NULL)) > 0 ||
	       (ret < 0 && errno == EINTR)) {
		if (ret <= 0)
			continue;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != (ret & 0x7f))
			r->bad_status++;
		if (r->n < 4096)
			r->got[r->n++] = ret;
	}
	return NULL;
}

/* Children exit mid-scan under three waiters: each reaped exactly once. */
TEST_F_TIMEOUT(race, ft_wait_concurrent_waiters, RACE_TIMEOUT)
{
	struct reaper r[3] = { 0 };
	static char reaped[1 << 22];
	pthread_t t[3];
	time_t start = time(NULL);
	int i, j, total = 0, children;

	if (ft_missing())
		SKIP(return, "ft_wait() not implemented");
	/* Enough children that the waiters never find none, at first. */
	for (children = 0; children < 64; children++) {
		pid_t pid = ft_fork();

		if (pid == 0) {
			usleep(20000);
			_exit(getpid() & 0x7f);
		}
		ASSERT_LT(0, pid);
	}
	for (i = 0; i < 3; i++)
		ASSERT_EQ(0, pthread_create(&t[i], NULL, reap_all, &r[i]));
	for (; children < 3000 && !race_over(children * 7, start); children++) {
		pid_t pid = ft_fork();

		if (pid == 0)
			_exit(getpid() & 0x7f);
		ASSERT_LT(0, pid);
	}
	for (i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	for (i = 0; i < 3; i++) {
		EXPECT_EQ(0, r[i].bad_status);
		for (j = 0; j < r[i].n; j++) {
			ASSERT_EQ(0, reaped[r[i].got[j]]);
			reaped[r[i].got[j]] = 1;
			total++;
		}
	}
	/* The last waiter may leave before the last children are forked. */
	while (ft_wait(-1, NULL, 0, NULL) > 0)
		total++;
	EXPECT_EQ(children, total);
	TH_LOG("%d children, reaped %d/%d/%d by three threads", children,
	       r[0].n, r[1].n, r[2].n);
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--exec-loop"))
		return exec_loop(atoi(argv[2]));
	if (argc == 3 && !strcmp(argv[1], "--exec-from-thread"))
		return exec_from_thread(atoi(argv[2]));
	return test_harness_run(argc, argv);
}
