// SPDX-License-Identifier: GPL-2.0
/*
 * ft_fork() and ft_wait() against fork(2) and wait4(2).  Each scenario
 * runs twice, once with the raw fork/wait4 system calls and once with
 * ft_fork/ft_wait, and records what it observed with PIDs replaced by the
 * order their children were made in; the two records must be identical.
 * The originals' records are also checked against what wait4(2) documents,
 * so a scenario that tests nothing fails.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>

#include "pidinfo_util.h"
#include "../kselftest_harness.h"

PIDINFO_REQUIRE(ft_missing(), "ft_fork()/ft_wait()");

struct impl {
	const char *name;
	long (*fork)(void);
	long (*wait)(pid_t pid, int *status, int options, struct rusage *ru);
};

static long orig_fork(void)
{
	return sys_fork();
}

static long orig_wait(pid_t pid, int *status, int options, struct rusage *ru)
{
	return syscall(__NR_wait4, pid, status, options, ru);
}

static long reimpl_fork(void)
{
	return ft_fork();
}

static long reimpl_wait(pid_t pid, int *status, int options,
			struct rusage *ru)
{
	return ft_wait(pid, status, options, ru);
}

static const struct impl originals = {
	.name = "fork/wait4", .fork = orig_fork, .wait = orig_wait,
};

static const struct impl reimpl = {
	.name = "ft_fork/ft_wait", .fork = reimpl_fork, .wait = reimpl_wait,
};

#define MAX_STEPS 64

/* One scenario's observations, comparable between the two runs. */
struct record {
	int n;
	long ret[MAX_STEPS];	/* a child's index + 1000, 0, or -errno */
	int status[MAX_STEPS];
	int failed_at;		/* a setup step that broke, 0 if none */
};

struct scenario {
	const struct impl *impl;
	pid_t kids[MAX_STEPS];
	int nkids;
	struct record rec;
};

/* Children live until killed, or exit with @code after @delay_ms. */
static pid_t spawn(struct scenario *s, int code, int delay_ms)
{
	pid_t pid = s->impl->fork();

	if (pid == 0) {
		if (delay_ms < 0) {
			for (;;)
				pause();
		}
		usleep(delay_ms * 1000);
		_exit(code);
	}
	if (pid > 0 && s->nkids < MAX_STEPS)
		s->kids[s->nkids++] = pid;
	return pid;
}

/* A PID as "the i-th child", so runs with different PIDs compare. */
static long normalize(struct scenario *s, long ret)
{
	int i;

	if (ret < 0)
		return -errno;
	for (i = 0; i < s->nkids; i++)
		if (s->kids[i] == ret)
			return 1000 + i;
	return ret;
}

static void note(struct scenario *s, long ret, int status)
{
	if (s->rec.n < MAX_STEPS) {
		s->rec.ret[s->rec.n] = ret;
		s->rec.status[s->rec.n] = status;
	}
	s->rec.n++;
}

/* Waits and records the result; wait status -1 when none was stored. */
static long step(struct scenario *s, pid_t pid, int options)
{
	int status = -1;
	long ret = normalize(s, s->impl->wait(pid, &status, options, NULL));

	note(s, ret, ret > 0 ? status : -1);
	return ret;
}

/* Runs @fn in a fresh process with @impl; its record comes back by pipe. */
static void run(void (*fn)(struct scenario *), const struct impl *impl,
		struct record *rec)
{
	struct scenario *s;
	int fds[2];
	pid_t pid;

	memset(rec, 0, sizeof(*rec));
	if (pipe(fds)) {
		rec->failed_at = -1;
		return;
	}
	pid = fork();
	if (pid == 0) {
		s = calloc(1, sizeof(*s));
		if (!s)
			_exit(1);
		s->impl = impl;
		fn(s);
		if (write(fds[1], &s->rec, sizeof(s->rec)) != sizeof(s->rec))
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	if (read(fds[0], rec, sizeof(*rec)) != sizeof(*rec))
		rec->failed_at = -2;
	close(fds[0]);
	waitpid(pid, NULL, 0);
}

static void expect_same(struct __test_metadata *_metadata,
			const struct record *a, const struct record *b)
{
	int i;

	ASSERT_EQ(0, a->failed_at);
	ASSERT_EQ(0, b->failed_at);
	ASSERT_EQ(a->n, b->n);
	for (i = 0; i < a->n && i < MAX_STEPS; i++) {
		EXPECT_EQ(a->ret[i], b->ret[i]) {
			TH_LOG("step %d: %s returned %ld, %s %ld", i,
			       originals.name, a->ret[i], reimpl.name, b->ret[i]);
		}
		EXPECT_EQ(a->status[i], b->status[i]) {
			TH_LOG("step %d: status %#x against %#x", i,
			       a->status[i], b->status[i]);
		}
	}
}

/* Wait statuses by name: W_EXITCODE() and W_STOPCODE() are glibc's. */
#define W_CONTINUED	0xffff
#define NO_STATUS	-1	/* none stored: the call returned 0 or failed */

/* What one step of a scenario must have returned, by name. */
struct want_step {
	const char *step;
	long ret;	/* a child's index + 1000, 0, or -errno */
	int status;
};

static void expect_steps(struct __test_metadata *_metadata,
			 const struct record *r, const struct want_step *want,
			 int n)
{
	int i;

	ASSERT_EQ(n, r->n);
	for (i = 0; i < n; i++) {
		EXPECT_EQ(want[i].ret, r->ret[i]) {
			TH_LOG("step %d, %s", i, want[i].step);
		}
		EXPECT_EQ(want[i].status, r->status[i]) {
			TH_LOG("step %d, %s", i, want[i].step);
		}
	}
}

/*
 * Every differential test: run both, compare, and check the originals'
 * record against what the documentation says.
 */
static void differential(struct __test_metadata *_metadata,
			 void (*fn)(struct scenario *),
			 const struct want_step *want, int nr_steps)
{
	struct record orig, ours;

	run(fn, &originals, &orig);
	run(fn, &reimpl, &ours);
	expect_same(_metadata, &orig, &ours);
	expect_steps(_metadata, &orig, want, nr_steps);
}

/* Every pid selector, with and without WNOHANG and a ready child. */
static void selectors(struct scenario *s)
{
	pid_t a, b, c;

	setpgid(0, 0);
	a = spawn(s, 1, -1);
	b = spawn(s, 2, -1);
	c = spawn(s, 3, -1);
	setpgid(c, c);			/* c leads a group of its own */

	step(s, -1, WNOHANG);		/* nothing ready: 0 */
	step(s, a, WNOHANG);
	step(s, 0, WNOHANG);
	step(s, -c, WNOHANG);
	kill(a, SIGKILL);
	wait_for_proc_state(a, 'Z');
	step(s, -c, WNOHANG);		/* a is not in c's group */
	step(s, b, WNOHANG);		/* b is alive */
	step(s, a, 0);			/* a */
	step(s, a, WNOHANG);		/* gone: ECHILD */
	kill(b, SIGTERM);
	wait_for_proc_state(b, 'Z');
	step(s, 0, 0);			/* b, in our group */
	kill(c, SIGKILL);
	step(s, -c, 0);			/* c, by its group */
	step(s, -1, 0);			/* no child: ECHILD */
	step(s, -1, WNOHANG);
	step(s, 99999999, 0);		/* no such PID */
	step(s, -99999999, 0);
	step(s, INT_MIN, 0);		/* ESRCH */
}

TEST(selectors_and_wnohang)
{
	static const struct want_step want[] = {
		{ .step = "any child, none ready", .ret = 0,
		  .status = NO_STATUS },
		{ .step = "a, alive", .ret = 0, .status = NO_STATUS },
		{ .step = "own group, none ready", .ret = 0,
		  .status = NO_STATUS },
		{ .step = "c's group, none ready", .ret = 0,
		  .status = NO_STATUS },
		{ .step = "c's group, a dead in another", .ret = 0,
		  .status = NO_STATUS },
		{ .step = "b, alive", .ret = 0, .status = NO_STATUS },
		{ .step = "a, killed", .ret = 1000,
		  .status = W_EXITCODE(0, SIGKILL) },
		{ .step = "a, reaped", .ret = -ECHILD, .status = NO_STATUS },
		{ .step = "own group: b", .ret = 1001,
		  .status = W_EXITCODE(0, SIGTERM) },
		{ .step = "c's group: c", .ret = 1002,
		  .status = W_EXITCODE(0, SIGKILL) },
		{ .step = "any child, none left", .ret = -ECHILD,
		  .status = NO_STATUS },
		{ .step = "any child, none left, WNOHANG", .ret = -ECHILD,
		  .status = NO_STATUS },
		{ .step = "no such PID", .ret = -ECHILD, .status = NO_STATUS },
		{ .step = "no such group", .ret = -ECHILD, .status = NO_STATUS },
		{ .step = "INT_MIN", .ret = -ESRCH, .status = NO_STATUS },
	};

	differential(_metadata, selectors, want, ARRAY_SIZE(want));
}

/* Normal exit, death by signal, core dump, stop and continue. */
static void statuses(struct scenario *s)
{
	struct rlimit core = {
		.rlim_cur = RLIM_INFINITY, .rlim_max = RLIM_INFINITY,
	};
	pid_t pid;

	spawn(s, 42, 0);
	step(s, -1, 0);
	pid = spawn(s, 0, -1);
	kill(pid, SIGKILL);
	step(s, pid, 0);

	/* A core dump, into the scratch directory. */
	if (chdir("/tmp") || setrlimit(RLIMIT_CORE, &core))
		s->rec.failed_at = 1;
	pid = spawn(s, 0, -1);
	kill(pid, SIGQUIT);
	step(s, pid, 0);

	pid = spawn(s, 0, -1);
	kill(pid, SIGSTOP);
	wait_for_proc_state(pid, 'T');
	step(s, pid, WNOHANG);		/* stops need WUNTRACED */
	step(s, pid, WUNTRACED);
	step(s, pid, WUNTRACED | WNOHANG);	/* reported once */
	kill(pid, SIGCONT);
	wait_for_proc_state(pid, 'S');
	step(s, pid, WNOHANG);
	step(s, pid, WCONTINUED);
	step(s, pid, WCONTINUED | WNOHANG);	/* reported once */
	kill(pid, SIGKILL);
	step(s, pid, WUNTRACED | WCONTINUED);
}

TEST(wait_statuses)
{
	static const struct want_step want[] = {
		{ .step = "exit 42", .ret = 1000, .status = W_EXITCODE(42, 0) },
		{ .step = "SIGKILL", .ret = 1001,
		  .status = W_EXITCODE(0, SIGKILL) },
		{ .step = "SIGQUIT, with a core", .ret = 1002,
		  .status = W_EXITCODE(0, SIGQUIT) | WCOREFLAG },
		{ .step = "stopped, without WUNTRACED", .ret = 0,
		  .status = NO_STATUS },
		{ .step = "stopped, WUNTRACED", .ret = 1003,
		  .status = W_STOPCODE(SIGSTOP) },
		{ .step = "the stop, reported once", .ret = 0,
		  .status = NO_STATUS },
		{ .step = "continued, without WCONTINUED", .ret = 0,
		  .status = NO_STATUS },
		{ .step = "continued, WCONTINUED", .ret = 1003,
		  .status = W_CONTINUED },
		{ .step = "the continue, reported once", .ret = 0,
		  .status = NO_STATUS },
		{ .step = "killed, WUNTRACED|WCONTINUED", .ret = 1003,
		  .status = W_EXITCODE(0, SIGKILL) },
	};

	differential(_metadata, statuses, want, ARRAY_SIZE(want));
}

static pid_t clone_child(int exit_signal)
{
	/* fork(2) with another exit signal: a "clone" child for wait4(). */
	pid_t pid = syscall(__NR_clone, exit_signal, NULL, NULL, NULL, 0);

	if (pid == 0)
		_exit(7);
	return pid;
}

/* __WCLONE, __WALL and __WNOTHREAD. */
static void clone_options(struct scenario *s)
{
	pid_t c;

	signal(SIGUSR1, SIG_IGN);
	c = clone_child(SIGUSR1);
	s->kids[s->nkids++] = c;
	wait_for_proc_state(c, 'Z');
	step(s, -1, WNOHANG);		/* a clone child is not seen... */
	step(s, c, 0);
	step(s, c, __WCLONE | WNOHANG);	/* ...but with __WCLONE */
	c = clone_child(SIGUSR1);
	s->kids[s->nkids++] = c;
	wait_for_proc_state(c, 'Z');
	step(s, -1, __WALL);		/* or __WALL */
	spawn(s, 0, 0);
	step(s, -1, __WCLONE);		/* and __WCLONE hides the others */
	step(s, -1, __WNOTHREAD);
	step(s, -1, 0x100);		/* unknown option */
	step(s, -1, WNOWAIT);		/* a waitid() option */
}

TEST(clone_and_thread_options)
{
	static const struct want_step want[] = {
		{ .step = "any child, only a clone child", .ret = -ECHILD,
		  .status = NO_STATUS },
		{ .step = "the clone child, no __WCLONE", .ret = -ECHILD,
		  .status = NO_STATUS },
		{ .step = "the clone child, __WCLONE", .ret = 1000,
		  .status = W_EXITCODE(7, 0) },
		{ .step = "any child, __WALL", .ret = 1001,
		  .status = W_EXITCODE(7, 0) },
		{ .step = "__WCLONE, only a plain child", .ret = -ECHILD,
		  .status = NO_STATUS },
		{ .step = "__WNOTHREAD, own child", .ret = 1002,
		  .status = W_EXITCODE(0, 0) },
		{ .step = "unknown option", .ret = -EINVAL, .status = NO_STATUS },
		{ .step = "WNOWAIT, a waitid() option", .ret = -EINVAL,
		  .status = NO_STATUS },
	};

	differential(_metadata, clone_options, want, ARRAY_SIZE(want));
}

/* A second thread forks a child and stays alive, so the child stays its. */
struct forker {
	struct scenario *s;
	int forked[2];		/* the child's PID, to the main thread */
	int release[2];		/* the main thread lets the forker end */
};

static void *fork_and_hold(void *arg)
{
	struct forker *f = arg;
	pid_t c = f->s->impl->fork();
	char byte;

	if (c == 0)
		_exit(5);
	if (write(f->forked[1], &c, sizeof(c)) != sizeof(c))
		return NULL;
	if (read(f->release[0], &byte, 1) != 1)
		return NULL;
	return NULL;
}

/*
 * __WNOTHREAD: the child of another thread is not the waiter's; it is
 * neither reported nor reaped, and a waiter without the option gets it.
 */
static void other_threads_child(struct scenario *s)
{
	struct forker f = { .s = s };
	pthread_t t;
	pid_t c;

	if (pipe(f.forked) || pipe(f.release) ||
	    pthread_create(&t, NULL, fork_and_hold, &f) ||
	    read(f.forked[0], &c, sizeof(c)) != sizeof(c) || c <= 0) {
		s->rec.failed_at = 1;
		return;
	}
	s->kids[s->nkids++] = c;
	wait_for_proc_state(c, 'Z');
	step(s, -1, __WNOTHREAD | WNOHANG);
	step(s, c, __WNOTHREAD | WNOHANG);
	step(s, c, __WNOTHREAD | __WALL | WNOHANG);
	step(s, -1, WNOHANG);	/* still a zombie: reaped only now */
	step(s, -1, WNOHANG);
	if (write(f.release[1], "", 1) != 1)
		s->rec.failed_at = 2;
	pthread_join(t, NULL);
}

TEST(wnothread_and_another_threads_child)
{
	static const struct want_step want[] = {
		{ .step = "any child, __WNOTHREAD", .ret = -ECHILD,
		  .status = NO_STATUS },
		{ .step = "that child, __WNOTHREAD", .ret = -ECHILD,
		  .status = NO_STATUS },
		{ .step = "that child, __WNOTHREAD|__WALL", .ret = -ECHILD,
		  .status = NO_STATUS },
		{ .step = "any child", .ret = 1000, .status = W_EXITCODE(5, 0) },
		{ .step = "any child, once reaped", .ret = -ECHILD,
		  .status = NO_STATUS },
	};

	differential(_metadata, other_threads_child, want, ARRAY_SIZE(want));
}

static void on_alarm(int sig)
{
}

/* A signal during a wait: EINTR, or a restart with SA_RESTART. */
static void interrupted(struct scenario *s)
{
	struct itimerval t = { .it_value = { .tv_usec = 100000 } };
	struct sigaction sa = { .sa_handler = on_alarm };
	pid_t pid;

	sigaction(SIGALRM, &sa, NULL);
	pid = spawn(s, 3, 400);
	setitimer(ITIMER_REAL, &t, NULL);
	step(s, pid, 0);		/* EINTR */
	step(s, pid, 0);		/* then the child */

	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	pid = spawn(s, 4, 400);
	setitimer(ITIMER_REAL, &t, NULL);
	step(s, pid, 0);		/* restarted: the child */
}

TEST(interrupted_by_signal)
{
	static const struct want_step want[] = {
		{ .step = "interrupted", .ret = -EINTR, .status = NO_STATUS },
		{ .step = "again: the child", .ret = 1000,
		  .status = W_EXITCODE(3, 0) },
		{ .step = "SA_RESTART: restarted, the child", .ret = 1001,
		  .status = W_EXITCODE(4, 0) },
	};

	differential(_metadata, interrupted, want, ARRAY_SIZE(want));
}

/* Orphans go to the subreaper, which waits for them as for its own. */
static void reparented(struct scenario *s)
{
	int fds[2];
	pid_t middle, orphan = 0;

	prctl(PR_SET_CHILD_SUBREAPER, 1);
	if (pipe(fds))
		s->rec.failed_at = 1;
	middle = s->impl->fork();
	if (middle == 0) {
		orphan = s->impl->fork();
		if (orphan == 0) {
			usleep(1000000);
			_exit(9);
		}
		if (write(fds[1], &orphan, sizeof(orphan)) != sizeof(orphan))
			_exit(1);
		_exit(8);
	}
	s->kids[s->nkids++] = middle;
	if (read(fds[0], &orphan, sizeof(orphan)) != sizeof(orphan))
		s->rec.failed_at = 2;
	s->kids[s->nkids++] = orphan;
	step(s, middle, 0);
	step(s, orphan, WNOHANG);	/* now ours, still running */
	step(s, -1, 0);			/* the orphan */
	step(s, -1, 0);
}

TEST(reparented_children)
{
	static const struct want_step want[] = {
		{ .step = "the middle child", .ret = 1000,
		  .status = W_EXITCODE(8, 0) },
		{ .step = "the orphan, running", .ret = 0, .status = NO_STATUS },
		{ .step = "any child: the orphan", .ret = 1001,
		  .status = W_EXITCODE(9, 0) },
		{ .step = "any child, none left", .ret = -ECHILD,
		  .status = NO_STATUS },
	};

	differential(_metadata, reparented, want, ARRAY_SIZE(want));
}

/* A traced child reports its stops without WUNTRACED. */
static void traced(struct scenario *s)
{
	pid_t pid = s->impl->fork();

	if (pid == 0) {
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		kill(getpid(), SIGUSR2);
		_exit(6);
	}
	s->kids[s->nkids++] = pid;
	step(s, pid, 0);		/* signal-delivery stop */
	ptrace(PTRACE_CONT, pid, NULL, NULL);
	step(s, pid, 0);
}

TEST(traced_child)
{
	static const struct want_step want[] = {
		{ .step = "signal-delivery stop", .ret = 1000,
		  .status = W_STOPCODE(SIGUSR2) },
		{ .step = "exit after PTRACE_CONT", .ret = 1000,
		  .status = W_EXITCODE(6, 0) },
	};

	differential(_metadata, traced, want, ARRAY_SIZE(want));
}

/*
 * A tracee that is not the tracer's child: waited for by its PID, it is
 * found as a tracee (do_wait_pid() looks the PID up as both).
 */
static void tracee_not_child(struct scenario *s)
{
	pid_t middle, tracee = 0;
	int fds[2];

	if (pipe(fds)) {
		s->rec.failed_at = 1;
		return;
	}
	middle = s->impl->fork();
	if (middle == 0) {
		tracee = fork();
		if (tracee == 0) {
			for (;;)
				pause();
		}
		if (write(fds[1], &tracee, sizeof(tracee)) != sizeof(tracee))
			_exit(1);
		for (;;)
			pause();
	}
	s->kids[s->nkids++] = middle;
	if (read(fds[0], &tracee, sizeof(tracee)) != sizeof(tracee) ||
	    ptrace(PTRACE_ATTACH, tracee, NULL, NULL)) {
		s->rec.failed_at = 2;
		kill(middle, SIGKILL);
		return;
	}
	s->kids[s->nkids++] = tracee;
	step(s, tracee, 0);		/* the attach stop */
	step(s, tracee, WNOHANG);	/* reported once */
	step(s, -1, WNOHANG);		/* middle alive, tracee quiet */
	ptrace(PTRACE_DETACH, tracee, NULL, NULL);
	kill(tracee, SIGKILL);
	kill(middle, SIGKILL);
	step(s, middle, 0);
}

TEST(tracee_not_a_child)
{
	static const struct want_step want[] = {
		{ .step = "the tracee, by its PID", .ret = 1001,
		  .status = W_STOPCODE(SIGSTOP) },
		{ .step = "its stop, reported once", .ret = 0,
		  .status = NO_STATUS },
		{ .step = "any child or tracee, none ready", .ret = 0,
		  .status = NO_STATUS },
		{ .step = "the middle child, killed", .ret = 1000,
		  .status = W_EXITCODE(0, SIGKILL) },
	};

	differential(_metadata, tracee_not_child, want, ARRAY_SIZE(want));
}

static void *sleep_forever(void *arg)
{
	for (;;)
		pause();
	return NULL;
}

/*
 * A child whose leader thread has exited while another thread runs on is
 * not dead yet: a WNOHANG wait reports nothing and returns at once.
 */
static void zombie_leader(struct scenario *s)
{
	pthread_t t;
	pid_t c = s->impl->fork();

	if (c == 0) {
		if (pthread_create(&t, NULL, sleep_forever, NULL))
			_exit(1);
		pthread_exit(NULL);
	}
	s->kids[s->nkids++] = c;
	wait_for_proc_state(c, 'Z');
	step(s, c, WNOHANG);
	step(s, -1, WNOHANG);
	kill(c, SIGKILL);
	step(s, c, 0);
}

TEST(zombie_leader_with_live_thread)
{
	static const struct want_step want[] = {
		{ .step = "the child, its leader a zombie", .ret = 0,
		  .status = NO_STATUS },
		{ .step = "any child, the same", .ret = 0,
		  .status = NO_STATUS },
		{ .step = "the child, killed", .ret = 1000,
		  .status = W_EXITCODE(0, SIGKILL) },
	};

	differential(_metadata, zombie_leader, want, ARRAY_SIZE(want));
}

/* Bad pointers: -EFAULT, with the child reaped all the same. */
static void bad_pointers(struct scenario *s)
{
	pid_t pid = spawn(s, 1, 0);

	wait_for_proc_state(pid, 'Z');
	note(s, normalize(s, s->impl->wait(pid, (int *)8, 0, NULL)), 0);
	note(s, normalize(s, s->impl->wait(pid, NULL, WNOHANG, NULL)), 0);
	pid = spawn(s, 1, 0);
	wait_for_proc_state(pid, 'Z');
	note(s, normalize(s, s->impl->wait(pid, NULL, 0,
					   (struct rusage *)-4096L)), 0);
	note(s, normalize(s, s->impl->wait(-1, NULL, WNOHANG, NULL)), 0);
	pid = spawn(s, 1, 0);
	note(s, normalize(s, s->impl->wait(pid, NULL, 0, NULL)), 0);
}

TEST(bad_status_pointers)
{
	static const struct want_step want[] = {
		{ .step = "bad status pointer", .ret = -EFAULT },
		{ .step = "that child, reaped all the same", .ret = -ECHILD },
		{ .step = "bad rusage pointer", .ret = -EFAULT },
		{ .step = "that child, reaped all the same", .ret = -ECHILD },
		{ .step = "a good call after", .ret = 1002 },
	};

	differential(_metadata, bad_pointers, want, ARRAY_SIZE(want));
}

struct waiter_thread {
	const struct impl *impl;
	pid_t got[64];
	int n;
};

static void *waiter_fn(void *arg)
{
	struct waiter_thread *w = arg;
	int status;
	long ret;

	while ((ret = w->impl->wait(-1, &status, 0, NULL)) > 0)
		if (w->n < 64)
			w->got[w->n++] = ret;
	return NULL;
}

/* Two threads wait for the same children: each reaped exactly once. */
static void two_waiters(struct scenario *s)
{
	struct waiter_thread w[2] = { { .impl = s->impl }, { .impl = s->impl } };
	pthread_t t[2];
	int i, j, k, seen;

	/* The children first: a waiter with no child returns at once. */
	for (i = 0; i < 40; i++)
		spawn(s, i, 200 + i % 5);
	for (i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, waiter_fn, &w[i]);
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	/* Record, per child in order, how many times it was reaped. */
	for (k = 0; k < s->nkids; k++) {
		seen = 0;
		for (i = 0; i < 2; i++)
			for (j = 0; j < w[i].n; j++)
				seen += w[i].got[j] == s->kids[k];
		note(s, seen, 0);
	}
	note(s, normalize(s, s->impl->wait(-1, NULL, WNOHANG, NULL)), 0);
}

/* Each of the 40 children reaped by exactly one of the two, then none left. */
TEST(two_threads_waiting)
{
	struct want_step want[41];
	int i;

	for (i = 0; i < 40; i++)
		want[i] = (struct want_step){ .step = "reaped once", .ret = 1 };
	want[40] = (struct want_step){ .step = "none left", .ret = -ECHILD };
	differential(_metadata, two_waiters, want, ARRAY_SIZE(want));
}

/* rusage of the reaped child: its CPU time and memory, not ours. */
TEST(rusage_of_child)
{
	const struct impl *impls[] = { &originals, &reimpl };
	struct rusage ru;
	int i, status;
	pid_t pid;

	for (i = 0; i < 2; i++) {
		pid = impls[i]->fork();
		if (pid == 0) {
			struct timespec now;
			char *buf = malloc(4 << 20);

			/* 50 ms of its own CPU time, however busy the host. */
			memset(buf, 1, 4 << 20);
			do
				clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
			while (now.tv_sec * 1000000000L + now.tv_nsec < 50000000L);
			_exit(buf[4095]);
		}
		ASSERT_LT(0, pid);
		memset(&ru, 0xff, sizeof(ru));
		ASSERT_EQ(pid, impls[i]->wait(pid, &status, 0, &ru)) {
			TH_LOG("%s", impls[i]->name);
		}
		EXPECT_EQ(1, WEXITSTATUS(status));
		/* 50 ms of CPU, give or take the clock's granularity */
		EXPECT_LE(30000, ru.ru_utime.tv_sec * 1000000 +
			  ru.ru_utime.tv_usec + ru.ru_stime.tv_sec * 1000000 +
			  ru.ru_stime.tv_usec);
		EXPECT_LE(4096, ru.ru_maxrss);
		EXPECT_LE(1024, ru.ru_minflt);
		/* Fields Linux does not keep are zero, not left as they were. */
		EXPECT_EQ(0, ru.ru_ixrss);
		EXPECT_EQ(0, ru.ru_nswap);
	}
}

/* What fork(2) promises, checked in the child: one bit per promise. */
enum {
	INHERIT_RETURN,		/* 0 in the child, getppid() the parent */
	INHERIT_COW,		/* private memory copied on write */
	INHERIT_SHARED,		/* MAP_SHARED memory shared */
	INHERIT_OFFSET,		/* descriptors share the open file's offset */
	INHERIT_MASK,		/* signal mask inherited */
	INHERIT_HANDLER,	/* dispositions inherited */
	INHERIT_NO_PENDING,	/* pending signals not inherited */
	INHERIT_NO_TIMER,	/* interval timers not inherited */
	INHERIT_CWD_UMASK,	/* cwd and umask inherited */
	INHERIT_RLIMIT,		/* resource limits inherited */
	INHERIT_NICE,		/* nice value inherited */
	INHERIT_NO_LOCKS,	/* record locks not inherited */
	INHERIT_NO_DEATHSIG,	/* PR_SET_PDEATHSIG reset */
	INHERIT_TIMES,		/* CPU times start at zero */
	INHERIT_COUNT
};

static void on_usr1(int sig)
{
}

static int private_var = 1;

static int fork_checks(const struct impl *impl)
{
	struct sigaction sa = { .sa_handler = on_usr1 }, got;
	struct itimerval timer = { .it_value = { .tv_sec = 100 } }, cur;
	struct rlimit lim = { .rlim_cur = 1000, .rlim_max = 1000 }, glim;
	struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	char path[] = "/tmp/pidinfo-fork-XXXXXX", cwd[64];
	int fd, to_child[2], to_parent[2], bits = 0, *shared;
	sigset_t mask, pending;
	pid_t parent = getpid(), pid;

	shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	fd = mkstemp(path);
	if (shared == MAP_FAILED || fd < 0 || pipe(to_child) || pipe(to_parent))
		return -1;
	if (write(fd, "0123456789", 10) != 10 || lseek(fd, 0, SEEK_SET))
		return -1;
	fcntl(fd, F_SETLK, &lock);
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR2);
	sigaddset(&mask, SIGUSR1);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	kill(getpid(), SIGUSR2);		/* pending in the parent */
	setitimer(ITIMER_REAL, &timer, NULL);
	setrlimit(RLIMIT_NOFILE, &lim);
	umask(0027);
	if (chdir("/tmp") || setpriority(PRIO_PROCESS, 0, 5))
		return -1;
	prctl(PR_SET_PDEATHSIG, SIGHUP);
	private_var = 1;

	pid = impl->fork();
	if (pid == 0) {
		sigset_t now;

		bits |= (getppid() == parent) << INHERIT_RETURN;
		private_var = 2;
		*shared = 2;
		bits |= (lseek(fd, 4, SEEK_SET) == 4) << INHERIT_OFFSET;
		sigprocmask(SIG_BLOCK, NULL, &now);
		bits |= (sigismember(&now, SIGUSR1) &&
			 sigismember(&now, SIGUSR2)) << INHERIT_MASK;
		sigaction(SIGUSR1, NULL, &got);
		bits |= (got.sa_handler == on_usr1) << INHERIT_HANDLER;
		sigpending(&pending);
		bits |= !sigismember(&pending, SIGUSR2) << INHERIT_NO_PENDING;
		getitimer(ITIMER_REAL, &cur);
		bits |= (!cur.it_value.tv_sec && !cur.it_value.tv_usec)
			<< INHERIT_NO_TIMER;
		bits |= (getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, "/tmp") &&
			 umask(0) == 0027) << INHERIT_CWD_UMASK;
		getrlimit(RLIMIT_NOFILE, &glim);
		bits |= (glim.rlim_cur == 1000) << INHERIT_RLIMIT;
		errno = 0;
		bits |= (getpriority(PRIO_PROCESS, 0) == 5 && !errno)
			<< INHERIT_NICE;
		/* The parent's lock is another process's lock to us. */
		lock.l_type = F_WRLCK;
		bits |= (!fcntl(fd, F_GETLK, &lock) && lock.l_type == F_WRLCK &&
			 lock.l_pid == parent) << INHERIT_NO_LOCKS;
		{
			int sig = -1;

			prctl(PR_GET_PDEATHSIG, &sig);
			bits |= (sig == 0) << INHERIT_NO_DEATHSIG;
		}
		{
			struct rusage self;

			getrusage(RUSAGE_SELF, &self);
			bits |= (self.ru_utime.tv_sec == 0 &&
				 self.ru_stime.tv_sec == 0) << INHERIT_TIMES;
		}
		/* Wait for the parent's own write, then check we missed it. */
		if (read(to_child[0], &cwd, 1) != 1)
			_exit(255);
		bits |= (private_var == 2) << INHERIT_COW;
		if (write(to_parent[1], &bits, sizeof(bits)) != sizeof(bits))
			_exit(255);
		_exit(0);
	}
	if (pid < 0)
		return -1;
	private_var = 3;
	if (write(to_child[1], "x", 1) != 1)
		return -1;
	if (read(to_parent[0], &bits, sizeof(bits)) != sizeof(bits))
		return -1;
	impl->wait(pid, NULL, 0, NULL);
	/* Seen from the parent: its copy kept, the shared page and offset not. */
	if (private_var == 3 && *shared == 2 && lseek(fd, 0, SEEK_CUR) == 4)
		bits |= 1 << INHERIT_SHARED;
	else
		bits &= ~(1 << INHERIT_SHARED);
	unlink(path);
	return bits;
}

TEST(fork_inheritance)
{
	const struct impl *impls[] = { &originals, &reimpl };
	int i, bits[2], status, fds[2];
	pid_t pid;

	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0, pipe(fds));
		pid = fork();
		if (pid == 0) {
			int b = fork_checks(impls[i]);

			_exit(write(fds[1], &b, sizeof(b)) != sizeof(b));
		}
		ASSERT_EQ(sizeof(int), read(fds[0], &bits[i], sizeof(int)));
		ASSERT_EQ(pid, waitpid(pid, &status, 0));
		close(fds[0]);
		close(fds[1]);
	}
	EXPECT_EQ(bits[0], bits[1]);
	EXPECT_EQ((1 << INHERIT_COUNT) - 1, bits[0]) {
		TH_LOG("fork(2) kept promises %#x", bits[0]);
	}
	EXPECT_EQ((1 << INHERIT_COUNT) - 1, bits[1]) {
		TH_LOG("ft_fork() kept promises %#x", bits[1]);
	}
}

/* The parent hears of its child's exit by SIGCHLD, as after fork(2). */
TEST(exit_signal_is_sigchld)
{
	struct timespec timeout = { .tv_sec = 5 };
	sigset_t chld;
	siginfo_t si;
	pid_t pid;

	block_signal(SIGCHLD, &chld);
	pid = ft_fork();
	if (pid == 0)
		_exit(5);
	ASSERT_LT(0, pid);
	ASSERT_EQ(SIGCHLD, sigtimedwait(&chld, &si, &timeout));
	EXPECT_EQ(pid, si.si_pid);
	EXPECT_EQ(CLD_EXITED, si.si_code);
	EXPECT_EQ(5, si.si_status);
	ASSERT_EQ(pid, ft_wait(pid, NULL, 0, NULL));
}

FIXTURE(stress) {
	pid_t pids[1000];
};

FIXTURE_SETUP(stress)
{
}

FIXTURE_TEARDOWN(stress)
{
}

/* 1,000 children by ft_fork, reaped by ft_wait: every status right. */
TEST_F_TIMEOUT(stress, thousand_children, 300)
{
	int i, status, found = 0;
	long ret;

	for (i = 0; i < 1000; i++) {
		self->pids[i] = ft_fork();
		if (self->pids[i] == 0)
			_exit(i & 0xff);
		ASSERT_LT(0, self->pids[i]);
	}
	while ((ret = ft_wait(-1, &status, 0, NULL)) > 0) {
		for (i = 0; i < 1000; i++) {
			if (self->pids[i] != ret)
				continue;
			EXPECT_TRUE(WIFEXITED(status));
			EXPECT_EQ(i & 0xff, WEXITSTATUS(status));
			self->pids[i] = 0;
			found++;
		}
	}
	EXPECT_EQ(ECHILD, errno);
	EXPECT_EQ(1000, found);
	EXPECT_EQ(-1, ft_wait(-1, &status, WNOHANG, NULL));
	EXPECT_EQ(ECHILD, errno);
}

TEST_HARNESS_MAIN
