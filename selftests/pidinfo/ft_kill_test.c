// SPDX-License-Identifier: GPL-2.0
/*
 * ft_kill() against kill(2): one matrix of cases, each run once through
 * each syscall on a fresh set of processes, asserting the same return
 * value, errno and observed delivery (signal, si_code, si_pid, si_uid, read
 * back with rt_sigtimedwait() by each target).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <linux/types.h>

#include "pidinfo_util.h"
#include "../kselftest_harness.h"

PIDINFO_REQUIRE(ft_missing(), "ft_kill()");

/*
 * The unprivileged user of the tests.  Not nobody: a broadcast as this
 * user must reach the test's own processes only, even on a real machine.
 */
#define NOBODY		61234
#define OTHER_USER	61235
#define MAX_TARGETS	3
/* Real-time signals; glibc's SIGRTMIN (34 or 35) is not a constant. */
#define RT_SIG_A	40
#define RT_SIG_B	41
#define MAX_SEEN	8

typedef int (*kill_fn)(pid_t pid, int sig);

/*
 * Landlock's signal scope (ABI 6, Linux 6.12): a sandboxed process may not
 * signal a process outside its domain, and kill(2) learns so through the
 * LSM hook security_task_kill().  Spelled out here because the headers the
 * tests build against may predate it.
 */
#define LANDLOCK_ABI_SCOPE_SIGNAL	6
#ifndef LANDLOCK_CREATE_RULESET_VERSION
#define LANDLOCK_CREATE_RULESET_VERSION	0x1U
#endif
#ifndef LANDLOCK_SCOPE_SIGNAL
#define LANDLOCK_SCOPE_SIGNAL		0x2ULL
#endif

struct scope_ruleset_attr {
	__u64 handled_access_fs;
	__u64 handled_access_net;
	__u64 scoped;
};

static int landlock_abi(void)
{
	return syscall(__NR_landlock_create_ruleset, NULL, 0,
		       LANDLOCK_CREATE_RULESET_VERSION);
}

/* Puts the caller in a Landlock domain that scopes signals; 0 or -1. */
static int scope_signals(void)
{
	struct scope_ruleset_attr attr = { .scoped = LANDLOCK_SCOPE_SIGNAL };
	int fd, ret;

	fd = syscall(__NR_landlock_create_ruleset, &attr, sizeof(attr), 0);
	if (fd < 0)
		return -1;
	ret = prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	if (!ret)
		ret = syscall(__NR_landlock_restrict_self, fd, 0);
	close(fd);
	return ret;
}

/*
 * The raw system call: glibc's sigtimedwait() reports SI_TKILL as SI_USER,
 * which would hide the very difference between kill and tkill.
 */
static int take_signal(const sigset_t *set, siginfo_t *si)
{
	struct timespec zero = { 0 };

	return syscall(__NR_rt_sigtimedwait, set, si, &zero, _NSIG / 8);
}

static int call_kill(pid_t pid, int sig)
{
	return kill(pid, sig);
}

static int call_ft_kill(pid_t pid, int sig)
{
	return ft_kill(pid, sig);
}

/* What one target saw, with si_pid made comparable across runs. */
struct seen {
	int signo;
	int code;
	int pid_is;	/* 0: si_pid 0, 1: the sender's PID, 2: other */
	unsigned int uid;
};

/* What a run observed: the call's result and each target's signals. */
struct outcome {
	int ret;
	int err;
	int nseen[MAX_TARGETS + 1];	/* the last slot: the sender itself */
	struct seen seen[MAX_TARGETS + 1][MAX_SEEN];
	int exit_sig[MAX_TARGETS];	/* for SIGKILL: what ended the target */
};

/* Who sends, to whom, and how the processes are laid out. */
enum layout {
	CHILD,		/* pid > 0: a child of the sender */
	DEAD,		/* pid > 0: a reaped child */
	ZOMBIE,		/* pid > 0: an unreaped child */
	OWN_GROUP,	/* pid 0: the sender's group, sender included */
	OTHER_GROUP,	/* pid < -1: a group of two children */
	NO_GROUP,	/* pid < -1: a group with no member */
	ALL_NS,		/* pid -1: from the init of a new PID namespace */
	ALL_UNPRIV,	/* pid -1: from an unprivileged sender */
	ALL_REFUSED,	/* pid -1: unprivileged, every target refuses */
	INTO_NS,	/* pid > 0: to the init of a child PID namespace */
};

struct kcase {
	enum layout layout;
	int sig;
	bool sender_nobody;	/* the sender drops to uid 65534 */
	bool target_nobody;	/* the targets drop to uid NOBODY */
	unsigned int nobody_slots;	/* or only these (a bit per target) */
	bool target_setsid;	/* the targets start a session */
	/*
	 * Once the targets are running, the sender enters a Landlock domain
	 * that scopes signals: they are outside it, the sender inside.
	 */
	bool sender_scoped;
};

/* Pipes between the run's processes. */
struct run {
	int ready[2];	/* targets -> sender: set up */
	int go[2];	/* sender -> targets: report what you have */
	int report[2];	/* targets -> sender: records */
	const struct kcase *c;
};

struct record {
	int slot;
	struct seen seen;
};

/*
 * A target: block every signal, say it is ready, wait for the word, then
 * report each signal pending, by the sender's PID as it sees it.
 */
static void target_main(struct run *r, int slot, pid_t sender)
{
	struct record rec;
	sigset_t all;
	siginfo_t si;
	char c;

	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, NULL);
	if (r->c->target_setsid)
		setsid();
	if ((r->c->target_nobody || r->c->nobody_slots & (1U << slot)) &&
	    (setgid(NOBODY) || setuid(NOBODY)))
		_exit(90);
	if (write(r->ready[1], "r", 1) != 1)
		_exit(91);
	if (read(r->go[0], &c, 1) != 1)
		_exit(0);
	while (take_signal(&all, &si) > 0) {
		rec.slot = slot;
		rec.seen.signo = si.si_signo;
		rec.seen.code = si.si_code;
		rec.seen.pid_is = si.si_pid == 0 ? 0 :
				  si.si_pid == sender ? 1 : 2;
		rec.seen.uid = si.si_uid;
		if (write(r->report[1], &rec, sizeof(rec)) != sizeof(rec))
			_exit(92);
	}
	_exit(0);
}

static pid_t start_target(struct run *r, int slot)
{
	pid_t sender = getpid();
	pid_t pid = fork();
	char c;

	if (pid == 0)
		target_main(r, slot, sender);
	if (pid > 0 && read(r->ready[0], &c, 1) != 1)
		return -1;
	return pid;
}

static void record_self(struct run *r, pid_t self)
{
	struct record rec;
	sigset_t all;
	siginfo_t si;

	/*
	 * Not SIGCHLD: a target killed by the case reports its death to the
	 * sender whenever it gets round to it, which is no part of the case.
	 */
	sigfillset(&all);
	sigdelset(&all, SIGCHLD);
	while (take_signal(&all, &si) > 0) {
		rec.slot = MAX_TARGETS;
		rec.seen.signo = si.si_signo;
		rec.seen.code = si.si_code;
		rec.seen.pid_is = si.si_pid == 0 ? 0 : si.si_pid == self ? 1 : 2;
		rec.seen.uid = si.si_uid;
		if (write(r->report[1], &rec, sizeof(rec)) != sizeof(rec))
			_exit(93);
	}
}

/* Lets every target report, then reaps them, noting what killed each. */
static void finish_targets(struct run *r, pid_t *targets, int n,
			   struct outcome *out)
{
	int i, status;

	for (i = 0; i < n; i++)
		if (write(r->go[1], "g", 1) != 1)
			_exit(94);
	for (i = 0; i < n; i++) {
		if (waitpid(targets[i], &status, 0) != targets[i])
			_exit(95);
		out->exit_sig[i] = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
	}
}

/*
 * The sender: lays out the processes, sends, collects.  Runs in its own
 * process (so it can drop privileges or change namespace) and writes its
 * outcome to @fd.
 */
static void sender_main(const struct kcase *c, kill_fn fn, int fd)
{
	struct outcome out;
	pid_t targets[MAX_TARGETS], pid = 0, self = getpid();
	struct run r = { .c = c };
	sigset_t all;
	int n = 0, i;

	memset(&out, 0, sizeof(out));
	if (pipe(r.ready) || pipe(r.go) || pipe(r.report))
		_exit(80);
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, NULL);
	setpgid(0, 0);

	switch (c->layout) {
	case CHILD:
	case ZOMBIE:
	case DEAD:
		targets[n++] = start_target(&r, 0);
		pid = targets[0];
		if (c->layout != CHILD) {
			siginfo_t si;

			kill(pid, SIGKILL);
			waitid(P_PID, pid, &si,
			       WEXITED | (c->layout == ZOMBIE ? WNOWAIT : 0));
			if (c->layout == DEAD)
				n = 0;
		}
		break;
	case OWN_GROUP:
		targets[n++] = start_target(&r, 0);
		targets[n++] = start_target(&r, 1);
		pid = 0;
		break;
	case OTHER_GROUP:
		targets[n++] = start_target(&r, 0);
		targets[n++] = start_target(&r, 1);
		setpgid(targets[0], targets[0]);
		setpgid(targets[1], targets[0]);
		pid = -targets[0];
		break;
	case NO_GROUP:
		targets[0] = fork();
		if (targets[0] == 0)
			_exit(0);
		waitpid(targets[0], NULL, 0);
		pid = -targets[0];
		break;
	case ALL_NS:
		/* Only the init of the namespace may send, seen from inside. */
		if (unshare(CLONE_NEWPID))
			_exit(81);
		self = fork();
		if (self < 0)
			_exit(82);
		if (self > 0) {
			int status;

			/*
			 * The init below writes the outcome; its reads must
			 * see end-of-file when its targets are gone.
			 */
			close(r.ready[0]);
			close(r.ready[1]);
			close(r.go[0]);
			close(r.go[1]);
			close(r.report[0]);
			close(r.report[1]);
			close(fd);
			waitpid(self, &status, 0);
			_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 83);
		}
		self = getpid();
		targets[n++] = start_target(&r, 0);
		targets[n++] = start_target(&r, 1);
		pid = -1;
		break;
	case ALL_UNPRIV:
	case ALL_REFUSED:
		if (c->layout == ALL_UNPRIV) {
			targets[n++] = start_target(&r, 0);
			targets[n++] = start_target(&r, 1);
		}
		pid = -1;
		break;
	case INTO_NS:
		if (unshare(CLONE_NEWPID))
			_exit(81);
		targets[n++] = start_target(&r, 0);
		pid = targets[0];
		break;
	}
	for (i = 0; i < n; i++)
		if (targets[i] < 0)
			_exit(84);
	if (c->sender_nobody && (setgid(NOBODY) || setuid(NOBODY)))
		_exit(85);
	if (c->sender_scoped && scope_signals())
		_exit(87);

	out.ret = fn(pid, c->sig);
	out.err = out.ret < 0 ? errno : 0;

	record_self(&r, self);
	finish_targets(&r, targets, n, &out);
	close(r.report[1]);
	{
		struct record rec;

		while (read(r.report[0], &rec, sizeof(rec)) == sizeof(rec)) {
			if (out.nseen[rec.slot] < MAX_SEEN)
				out.seen[rec.slot][out.nseen[rec.slot]] = rec.seen;
			out.nseen[rec.slot]++;
		}
	}
	if (write(fd, &out, sizeof(out)) != sizeof(out))
		_exit(86);
	_exit(0);
}

/* Runs @c through @fn in a fresh sender; false if the run broke down. */
static bool run_case(const struct kcase *c, kill_fn fn, struct outcome *out,
		     int *status)
{
	int fds[2];
	pid_t pid;
	bool ok;

	if (pipe(fds))
		return false;
	pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		close(fds[0]);
		sender_main(c, fn, fds[1]);
	}
	close(fds[1]);
	ok = read(fds[0], out, sizeof(*out)) == sizeof(*out);
	close(fds[0]);
	waitpid(pid, status, 0);
	return ok;
}

FIXTURE(differential) {
	struct outcome kill_out;
	struct outcome ft_out;
	bool unscopable;	/* a Landlock case on a kernel without it */
};

FIXTURE_VARIANT(differential) {
	struct kcase c;
	int expect_ret;		/* kill(2)'s answer, as a sanity check */
	int expect_err;
};

FIXTURE_VARIANT_ADD(differential, child_sigusr1) {
	.c = { .layout = CHILD, .sig = SIGUSR1 },
};

FIXTURE_VARIANT_ADD(differential, child_rt_signal) {
	.c = { .layout = CHILD, .sig = RT_SIG_A },
};

FIXTURE_VARIANT_ADD(differential, child_sigkill) {
	.c = { .layout = CHILD, .sig = SIGKILL },
};

FIXTURE_VARIANT_ADD(differential, child_signal_zero) {
	.c = { .layout = CHILD, .sig = 0 },
};

FIXTURE_VARIANT_ADD(differential, child_signal_65) {
	.c = { .layout = CHILD, .sig = 65 },
	.expect_ret = -1,
	.expect_err = EINVAL,
};

FIXTURE_VARIANT_ADD(differential, child_signal_minus_one) {
	.c = { .layout = CHILD, .sig = -1 },
	.expect_ret = -1,
	.expect_err = EINVAL,
};

FIXTURE_VARIANT_ADD(differential, child_signal_int_max) {
	.c = { .layout = CHILD, .sig = 0x7fffffff },
	.expect_ret = -1,
	.expect_err = EINVAL,
};

FIXTURE_VARIANT_ADD(differential, dead_target) {
	.c = { .layout = DEAD, .sig = SIGUSR1 },
	.expect_ret = -1,
	.expect_err = ESRCH,
};

FIXTURE_VARIANT_ADD(differential, dead_target_bad_signal) {
	.c = { .layout = DEAD, .sig = 65 },
	.expect_ret = -1,
	.expect_err = ESRCH,
};

FIXTURE_VARIANT_ADD(differential, zombie_target) {
	.c = { .layout = ZOMBIE, .sig = SIGUSR1 },
};

FIXTURE_VARIANT_ADD(differential, own_group) {
	.c = { .layout = OWN_GROUP, .sig = SIGUSR2 },
};

FIXTURE_VARIANT_ADD(differential, own_group_rt) {
	.c = { .layout = OWN_GROUP, .sig = RT_SIG_B },
};

FIXTURE_VARIANT_ADD(differential, own_group_signal_zero) {
	.c = { .layout = OWN_GROUP, .sig = 0 },
};

FIXTURE_VARIANT_ADD(differential, other_group) {
	.c = { .layout = OTHER_GROUP, .sig = SIGUSR1 },
};

FIXTURE_VARIANT_ADD(differential, other_group_bad_signal) {
	.c = { .layout = OTHER_GROUP, .sig = 65 },
	.expect_ret = -1,
	.expect_err = EINVAL,
};

FIXTURE_VARIANT_ADD(differential, other_group_unpriv) {
	.c = { .layout = OTHER_GROUP, .sig = SIGUSR1, .sender_nobody = true },
	.expect_ret = -1,
	.expect_err = EPERM,
};

/*
 * One member of the group takes the signal, one refuses: the call succeeds
 * whichever the kernel tries last (the group's list runs newest first, so
 * the leader, which joined first, comes last).
 */
FIXTURE_VARIANT_ADD(differential, other_group_leader_refuses) {
	.c = {
		.layout = OTHER_GROUP, .sig = SIGUSR1,
		.sender_nobody = true, .nobody_slots = 1U << 1,
	},
};

FIXTURE_VARIANT_ADD(differential, other_group_member_refuses) {
	.c = {
		.layout = OTHER_GROUP, .sig = SIGUSR1,
		.sender_nobody = true, .nobody_slots = 1U << 0,
	},
};

FIXTURE_VARIANT_ADD(differential, no_group) {
	.c = { .layout = NO_GROUP, .sig = SIGUSR1 },
	.expect_ret = -1,
	.expect_err = ESRCH,
};

FIXTURE_VARIANT_ADD(differential, all_in_namespace) {
	.c = { .layout = ALL_NS, .sig = SIGUSR1 },
};

FIXTURE_VARIANT_ADD(differential, all_in_namespace_zero) {
	.c = { .layout = ALL_NS, .sig = 0 },
};

FIXTURE_VARIANT_ADD(differential, all_in_namespace_bad) {
	.c = { .layout = ALL_NS, .sig = 65 },
	.expect_ret = -1,
	.expect_err = EINVAL,
};

FIXTURE_VARIANT_ADD(differential, all_unprivileged) {
	.c = {
		.layout = ALL_UNPRIV, .sig = SIGUSR1,
		.sender_nobody = true, .target_nobody = true,
	},
};

FIXTURE_VARIANT_ADD(differential, all_refused) {
	.c = { .layout = ALL_REFUSED, .sig = SIGUSR1, .sender_nobody = true },
};

FIXTURE_VARIANT_ADD(differential, unpriv_to_root) {
	.c = { .layout = CHILD, .sig = SIGUSR1, .sender_nobody = true },
	.expect_ret = -1,
	.expect_err = EPERM,
};

FIXTURE_VARIANT_ADD(differential, unpriv_to_root_zero) {
	.c = { .layout = CHILD, .sig = 0, .sender_nobody = true },
	.expect_ret = -1,
	.expect_err = EPERM,
};

FIXTURE_VARIANT_ADD(differential, unpriv_to_own_uid) {
	.c = {
		.layout = CHILD, .sig = SIGUSR1,
		.sender_nobody = true, .target_nobody = true,
	},
};

FIXTURE_VARIANT_ADD(differential, sigcont_same_session) {
	.c = { .layout = CHILD, .sig = SIGCONT, .sender_nobody = true },
};

FIXTURE_VARIANT_ADD(differential, sigcont_other_session) {
	.c = {
		.layout = CHILD, .sig = SIGCONT,
		.sender_nobody = true, .target_setsid = true,
	},
	.expect_ret = -1,
	.expect_err = EPERM,
};

FIXTURE_VARIANT_ADD(differential, into_child_namespace) {
	.c = { .layout = INTO_NS, .sig = SIGUSR1 },
};

/* The LSM has the last word, for root too. */
FIXTURE_VARIANT_ADD(differential, landlock_scoped_to_child) {
	.c = { .layout = CHILD, .sig = SIGUSR1, .sender_scoped = true },
	.expect_ret = -1,
	.expect_err = EPERM,
};

FIXTURE_VARIANT_ADD(differential, landlock_scoped_signal_zero) {
	.c = { .layout = CHILD, .sig = 0, .sender_scoped = true },
	.expect_ret = -1,
	.expect_err = EPERM,
};

FIXTURE_VARIANT_ADD(differential, landlock_scoped_to_group) {
	.c = { .layout = OTHER_GROUP, .sig = SIGUSR1, .sender_scoped = true },
	.expect_ret = -1,
	.expect_err = EPERM,
};

/* The sender's own process is inside its domain: the group call succeeds. */
FIXTURE_VARIANT_ADD(differential, landlock_scoped_own_group) {
	.c = { .layout = OWN_GROUP, .sig = SIGUSR2, .sender_scoped = true },
};

FIXTURE_SETUP(differential)
{
	int kill_status, ft_status;

	/*
	 * Before Linux 6.12 there is no signal scope to compare under: check
	 * that the kernel refuses it, and compare nothing.
	 */
	if (variant->c.sender_scoped &&
	    landlock_abi() < LANDLOCK_ABI_SCOPE_SIGNAL) {
		self->unscopable = true;
		ASSERT_EQ(-1, scope_signals());
		TH_LOG("no Landlock signal scope here: nothing to compare");
		return;
	}
	ASSERT_TRUE(run_case(&variant->c, call_kill, &self->kill_out,
			     &kill_status));
	ASSERT_EQ(0, kill_status);
	ASSERT_TRUE(run_case(&variant->c, call_ft_kill, &self->ft_out,
			     &ft_status));
	ASSERT_EQ(0, ft_status);
}

FIXTURE_TEARDOWN(differential)
{
}

static void expect_same_outcome(struct __test_metadata *_metadata,
				const struct outcome *a, const struct outcome *b)
{
	int t, i;

	EXPECT_EQ(a->ret, b->ret);
	EXPECT_EQ(a->err, b->err);
	for (t = 0; t <= MAX_TARGETS; t++) {
		ASSERT_EQ(a->nseen[t], b->nseen[t]) {
			TH_LOG("target %d saw %d signals through kill(2), %d through ft_kill",
			       t, a->nseen[t], b->nseen[t]);
		}
		for (i = 0; i < a->nseen[t] && i < MAX_SEEN; i++) {
			EXPECT_EQ(a->seen[t][i].signo, b->seen[t][i].signo);
			EXPECT_EQ(a->seen[t][i].code, b->seen[t][i].code);
			EXPECT_EQ(a->seen[t][i].pid_is, b->seen[t][i].pid_is);
			EXPECT_EQ(a->seen[t][i].uid, b->seen[t][i].uid);
		}
		if (t < MAX_TARGETS)
			EXPECT_EQ(a->exit_sig[t], b->exit_sig[t]);
	}
}

TEST_F(differential, same_as_kill)
{
	const struct outcome *k = &self->kill_out;

	if (self->unscopable)
		return;
	/* kill(2) itself behaves as documented... */
	EXPECT_EQ(variant->expect_ret, k->ret);
	EXPECT_EQ(variant->expect_err, k->err);
	/* ...and ft_kill() exactly as kill(2) did. */
	expect_same_outcome(_metadata, k, &self->ft_out);
}

/* Delivery seen from the target, for the cases where something arrives. */
TEST_F(differential, delivery)
{
	const struct outcome *o = &self->ft_out;
	const struct kcase *c = &variant->c;

	if (self->unscopable || o->ret || !c->sig || c->layout == ZOMBIE)
		return;
	if (c->sig == SIGKILL) {
		EXPECT_EQ(SIGKILL, o->exit_sig[0]);
		return;
	}
	if (c->nobody_slots) {
		/* Only the targets of the sender's user saw it. */
		EXPECT_EQ(!!(c->nobody_slots & 1U << 0), o->nseen[0]);
		EXPECT_EQ(!!(c->nobody_slots & 1U << 1), o->nseen[1]);
		return;
	}
	if (c->layout == ALL_REFUSED || c->sender_scoped) {
		EXPECT_EQ(0, o->nseen[0]);
		EXPECT_EQ(c->layout == OWN_GROUP ? 1 : 0, o->nseen[MAX_TARGETS]);
		return;
	}
	ASSERT_EQ(1, o->nseen[0]);
	EXPECT_EQ(c->sig, o->seen[0][0].signo);
	EXPECT_EQ(SI_USER, o->seen[0][0].code);
	EXPECT_EQ(c->sender_nobody ? NOBODY : 0, o->seen[0][0].uid);
	/* From an ancestor namespace the sender has no PID: si_pid is 0. */
	EXPECT_EQ(c->layout == INTO_NS ? 0 : 1, o->seen[0][0].pid_is);
	/* The sender gets its own group's signal; the broadcast spares it. */
	EXPECT_EQ(c->layout == OWN_GROUP ? 1 : 0, o->nseen[MAX_TARGETS]);
}

/*
 * A process may always signal itself, whatever its threads' credentials:
 * check_kill_permission() lets a sender of the same thread group through
 * before it compares IDs.  Credentials are per thread to the kernel, so
 * the raw setresuid() gives the leader and a second thread different
 * users; the second thread, unprivileged and of another user, signals its
 * own process, whose leader's IDs it could not signal in another process.
 */
struct own_process {
	kill_fn fn;
	int stage;
	int ret;
	int err;
};

static long raw_setresuid(uid_t uid)
{
#ifdef __NR_setresuid32
	return syscall(__NR_setresuid32, uid, uid, uid);
#else
	return syscall(__NR_setresuid, uid, uid, uid);
#endif
}

static void wait_stage(int *stage, int want)
{
	while (__atomic_load_n(stage, __ATOMIC_SEQ_CST) < want)
		usleep(1000);
}

static void *other_user_thread(void *arg)
{
	struct own_process *op = arg;

	if (raw_setresuid(OTHER_USER))
		_exit(80);
	__atomic_store_n(&op->stage, 1, __ATOMIC_SEQ_CST);
	wait_stage(&op->stage, 2);
	op->ret = op->fn(getpid(), SIGUSR1);
	op->err = op->ret ? errno : 0;
	return NULL;
}

/*
 * Run in a child of its own (in_child()): 0 if the signal reached the
 * process from the process, 100 + errno if the call failed, 2 if it
 * succeeded and nothing (or something else) arrived, 3 if si_pid named
 * the thread.
 */
static int signal_own_process(kill_fn fn)
{
	struct own_process op = { .fn = fn };
	pthread_t thread;
	sigset_t set;
	siginfo_t si;

	block_signal(SIGUSR1, &set);
	if (pthread_create(&thread, NULL, other_user_thread, &op))
		return 81;
	wait_stage(&op.stage, 1);
	if (raw_setresuid(NOBODY))
		return 82;
	__atomic_store_n(&op.stage, 2, __ATOMIC_SEQ_CST);
	pthread_join(thread, NULL);
	if (op.ret)
		return 100 + op.err;
	if (take_signal(&set, &si) != SIGUSR1 || si.si_code != SI_USER ||
	    si.si_uid != OTHER_USER)
		return 2;
	/* The sender is a process: its TGID, not its thread's TID. */
	if (si.si_pid != getpid())
		return 3;
	return 0;
}

/* Runs @test(@fn) in a child, so that what it changes stays there. */
static int in_child(int (*test)(kill_fn), kill_fn fn)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(test(fn));
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

TEST(own_process_from_thread_of_other_user)
{
	int by_kill, by_ft_kill;

	if (geteuid())
		SKIP(return, "needs root to give threads their own users");
	by_kill = in_child(signal_own_process, call_kill);
	by_ft_kill = in_child(signal_own_process, call_ft_kill);
	EXPECT_EQ(0, by_kill);
	EXPECT_EQ(by_kill, by_ft_kill);
}

/*
 * kill(-1) from inside a PID namespace reaches every process there but
 * the caller and the namespace's init, and fails with ESRCH if that leaves
 * none.  Run in the init of a new PID namespace, with the sender and, if
 * @sleeper_too, a sleeper beside it; init blocks every signal, so one sent
 * to it would be queued, not dropped as unkillable.  Returns, as the exit
 * status of that init: the call's errno (0 on success) times 4, plus 1 if
 * init got the signal, plus 2 if the sleeper died of it.
 */
static int broadcast_in_namespace(kill_fn fn, bool sleeper_too)
{
	pid_t init, sleeper = 0, sender;
	sigset_t all, pending;
	int status, ret, ready[2];
	char c;

	if (unshare(CLONE_NEWPID))
		return -1;
	init = fork();
	if (init < 0)
		return -1;
	if (init == 0) {
		sigfillset(&all);
		sigprocmask(SIG_BLOCK, &all, NULL);
		if (pipe(ready))
			_exit(255);
		if (sleeper_too)
			sleeper = fork();
		if (sleeper == 0 && sleeper_too) {
			/* Unblocked before the signal: it dies of it at once. */
			sigprocmask(SIG_UNBLOCK, &all, NULL);
			if (write(ready[1], "r", 1) != 1)
				_exit(1);
			for (;;)
				pause();
		}
		if (sleeper_too && read(ready[0], &c, 1) != 1)
			_exit(255);
		sender = fork();
		if (sender == 0)
			_exit(fn(-1, SIGUSR1) ? errno : 0);
		if (sleeper < 0 || sender < 0 ||
		    waitpid(sender, &status, 0) != sender || !WIFEXITED(status))
			_exit(255);
		ret = WEXITSTATUS(status) * 4;
		sigpending(&pending);
		ret |= sigismember(&pending, SIGUSR1);
		if (sleeper_too) {
			kill(sleeper, SIGKILL);
			if (waitpid(sleeper, &status, 0) == sleeper &&
			    WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR1)
				ret |= 2;
		}
		_exit(ret);
	}
	if (waitpid(init, &status, 0) != init || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static int broadcast_to_sleeper(kill_fn fn)
{
	return broadcast_in_namespace(fn, true);
}

static int broadcast_to_nobody(kill_fn fn)
{
	return broadcast_in_namespace(fn, false);
}

TEST(broadcast_spares_namespace_init)
{
	int by_kill = in_child(broadcast_to_sleeper, call_kill);
	int by_ft_kill = in_child(broadcast_to_sleeper, call_ft_kill);

	/* Delivered to the sleeper only. */
	EXPECT_EQ(2, by_kill);
	EXPECT_EQ(by_kill, by_ft_kill);
}

TEST(broadcast_to_nobody_is_esrch)
{
	int by_kill = in_child(broadcast_to_nobody, call_kill);
	int by_ft_kill = in_child(broadcast_to_nobody, call_ft_kill);

	/* Only init and the sender: nobody to signal, init spared. */
	EXPECT_EQ(ESRCH * 4, by_kill);
	EXPECT_EQ(by_kill, by_ft_kill);
}

TEST_HARNESS_MAIN
