// SPDX-License-Identifier: GPL-2.0
/*
 * A fuzzer for the five pidinfo calls: random and edge-case arguments
 * (PIDs around 0, -1, INT_MIN, INT_MAX and recycled ones, every flag bit,
 * sizes up to two pages, unmapped, read-only and page-straddling buffers,
 * record strides that overflow, every signal number), for a bounded time.
 * Every failure must carry an errno the call documents; the kernel must
 * neither crash nor hang (the console is judged for reports afterwards).
 *
 * usage: pidinfo_fuzz [seconds]	(default 15, or $PIDINFO_FUZZ_SECONDS)
 *
 * The seed it prints can be given back in $PIDINFO_FUZZ_SEED to replay a
 * run.
 *
 * It runs as the init of a PID namespace of its own, in a session of its
 * own, with a few victim processes: broadcasts and group signals reach
 * nothing else, and signals from inside the namespace cannot kill its init.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/wait.h>

#include "pidinfo_util.h"
#include "../kselftest.h"

#define NR_VICTIMS	4

static unsigned long long rng = 88172645463325252ULL;
static long page;
static char *rw, *ro, *straddle;	/* mapped: two pages; read-only; edge */
static pid_t victims[NR_VICTIMS];
static pid_t recycled[16];

static unsigned long long next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static long pick(const long *v, int n)
{
	return v[next() % n];
}

static pid_t any_pid(void)
{
	static const long edges[] = {
		0, 1, -1, 2, -2, INT_MAX, INT_MIN, INT_MIN + 1, -INT_MAX,
		4194304, 4194305, 32768, -32768,
	};

	switch (next() % 4) {
	case 0:
		return pick(edges, ARRAY_SIZE(edges));
	case 1:
		return victims[next() % NR_VICTIMS] * (next() % 2 ? 1 : -1);
	case 2:
		return recycled[next() % 16];
	default:
		return (int)(next() % 200) - 100;
	}
}

/* A user pointer that is good, NULL, unmapped, read-only or half mapped. */
static void *any_pointer(size_t need)
{
	switch (next() % 8) {
	case 0:
		return NULL;
	case 1:
		return (void *)(uintptr_t)(next() % 4096);
	case 2:
		return (void *)-4096L;
	case 3:
		return (void *)0xffff888000000000UL;	/* kernel memory */
	case 4:
		return ro;
	case 5:
		return straddle + page - (need ? next() % need : 0);
	default:
		return rw + next() % page;
	}
}

static long fuzz_get_pid_info(void)
{
	static const unsigned int sizes[] = {
		0, 1, PIDINFO_SIZE_VER0 - 1, PIDINFO_SIZE_VER0,
		PIDINFO_SIZE_VER0 + 1, PIDINFO_SIZE_VER0 + 8,
		PIDINFO_SIZE_VER1 - 1, PIDINFO_SIZE_VER1, PIDINFO_SIZE_VER1 + 8,
		PIDINFO_SIZE_VER2 - 1, PIDINFO_SIZE_VER2, PIDINFO_SIZE_VER2 + 8,
		4095, 4096, 4097, 8192, UINT32_MAX,
	};
	static const long some_flags[] = {
		PIDINFO_PIDFD, PIDINFO_NEXT, PIDINFO_NEXT_THREAD,
		PIDINFO_NEXT | PIDINFO_NEXT_THREAD,
	};
	unsigned int size = next() % 3 ? sizes[next() % ARRAY_SIZE(sizes)] :
					 next() % (2 * page + 1);
	unsigned int flags = next() % 2 ? 0 : next() % 3 ?
			     pick(some_flags, ARRAY_SIZE(some_flags)) :
			     1U << (next() % 32);
	int pid = flags & PIDINFO_PIDFD ? (int)(next() % 16) - 2 : any_pid();
	struct pidinfo *info = any_pointer(size);

	/* A good struct gets random buffer descriptions. */
	if ((char *)info >= rw && (char *)info < rw + page &&
	    (char *)info + sizeof(*info) <= rw + 2 * page) {
		memset(info, 0, sizeof(*info));
		info->children = (uintptr_t)any_pointer(64);
		info->children_cap = next() % 2 ? next() % 64 : (unsigned int)next();
		info->root = (uintptr_t)any_pointer(64);
		info->root_size = next() % 2 ? next() % 64 : (unsigned int)next();
		info->cwd = (uintptr_t)any_pointer(64);
		info->cwd_size = next() % 2 ? next() % 64 : (unsigned int)next();
		info->exe = (uintptr_t)any_pointer(64);
		info->exe_size = next() % 2 ? next() % 64 : (unsigned int)next();
		info->cmdline = (uintptr_t)any_pointer(64);
		info->cmdline_size = next() % 2 ? next() % 64 :
						  (unsigned int)next();
		info->mask = next() % 2 ? 0 : (__u64)next() << 32 | next();
		info->tgid = next() % 2 ? any_pid() : 0;
		if (size > sizeof(*info) && next() % 4 == 0)
			memset(info + 1, 0, rw + 2 * page - (char *)(info + 1));
	}
	return get_pid_info(pid, info, size, flags);
}

/* A good request: random fields, sizes and strides around the limits. */
static void any_list_req(struct pidinfo_list_req *req, unsigned int flags)
{
	static const unsigned int req_sizes[] = {
		0, 1, PIDINFO_LIST_REQ_SIZE_VER0 - 1,
		PIDINFO_LIST_REQ_SIZE_VER0 + 8, 4096, 4097, UINT32_MAX,
	};
	static const unsigned int record_sizes[] = {
		0, 8, PIDINFO_SIZE_VER0, PIDINFO_SIZE_VER1 - 8,
		PIDINFO_SIZE_VER1 + 4, PIDINFO_SIZE_VER1 + 8, 4096, 4104,
		UINT32_MAX,
	};

	memset(req, 0, sizeof(*req));
	req->size = next() % 4 ? sizeof(*req) :
				 req_sizes[next() % ARRAY_SIZE(req_sizes)];
	req->record_size = next() % 2 ? PIDINFO_SIZE_VER2 :
			   record_sizes[next() % ARRAY_SIZE(record_sizes)];
	req->mask = next() % 2 ? 0 : (__u64)next() << 32 | next();
	req->cursor = next() % 2 ? 0 : any_pid();
	if (flags & PIDINFO_NEXT_THREAD)
		req->tgid = next() % 2 ? victims[next() % NR_VICTIMS] :
					 any_pid();
	else if (next() % 8 == 0)
		req->tgid = any_pid();
	req->children_cap = next() % 2 ? next() % 8 : (unsigned int)next();
	req->path_size = next() % 2 ? next() % 64 : (unsigned int)next();
	req->cmdline_size = next() % 2 ? next() % 64 : (unsigned int)next();
	req->spare = next() % 8 ? 0 : (unsigned int)next();
}

static long fuzz_list_pid_info(void)
{
	static const long some_flags[] = {
		0, PIDINFO_NEXT_THREAD, PIDINFO_NEXT, PIDINFO_PIDFD,
	};
	unsigned int flags = next() % 4 ? pick(some_flags,
					       ARRAY_SIZE(some_flags)) :
					  1U << (next() % 32);
	size_t bufsize = next() % 2 ? next() % (2 * page + 1) :
			 next() % 2 ? SIZE_MAX : next() % 1024;
	struct pidinfo_list_req *req = any_pointer(sizeof(*req));

	if ((char *)req >= rw && (char *)req + sizeof(*req) <= rw + 2 * page)
		any_list_req(req, flags);
	/* The records may overlap the request: it is read first. */
	return list_pid_info(req, any_pointer(bufsize), bufsize, flags);
}

static long fuzz_ft_kill(void)
{
	static const long sigs[] = { -1, 0, 65, 100, INT_MAX, INT_MIN, 1000 };
	int sig = next() % 4 ? (int)(next() % 66) : pick(sigs, ARRAY_SIZE(sigs));

	return ft_kill(any_pid(), sig);
}

static long fuzz_ft_fork(void)
{
	long pid = ft_fork();

	if (pid == 0)
		_exit(next() % 256);
	if (pid > 0)
		recycled[next() % 16] = pid;
	return pid;
}

static void on_alarm(int sig)
{
}

static long fuzz_ft_wait(void)
{
	static const long opts[] = {
		WNOHANG, WUNTRACED | WNOHANG, WCONTINUED | WNOHANG,
		__WALL | WNOHANG, __WCLONE | WNOHANG, __WNOTHREAD | WNOHANG,
		0, WEXITED, WNOWAIT, 0x100, -1,
	};
	struct itimerval t = {
		.it_value = { .tv_usec = 2000 },
		.it_interval = { .tv_usec = 2000 },
	};
	int options = next() % 4 ? pick(opts, ARRAY_SIZE(opts)) : (int)next();
	long ret;

	/*
	 * A wait that blocks is cut short by a timer: EINTR.  It repeats, as
	 * a first expiry may come before the call sleeps.
	 */
	if (!(options & WNOHANG))
		setitimer(ITIMER_REAL, &t, NULL);
	ret = ft_wait(any_pid(), any_pointer(4), options,
		      any_pointer(sizeof(struct rusage)));
	memset(&t, 0, sizeof(t));
	setitimer(ITIMER_REAL, &t, NULL);
	return ret;
}

/*
 * The calls, how often each is made (out of 16: fork least, as each makes
 * a process) and the errnos their man pages document.
 */
static const struct fuzzed_call {
	const char *name;
	long (*call)(void);
	int weight;
	int errnos[8];		/* 0-terminated */
} fuzzed_calls[] = {
	{ .name = "get_pid_info", .call = fuzz_get_pid_info, .weight = 4,
	  .errnos = { EINVAL, E2BIG, ESRCH, EBADF, EFAULT, ENOMEM } },
	{ .name = "list_pid_info", .call = fuzz_list_pid_info, .weight = 3,
	  .errnos = { EINVAL, E2BIG, EOVERFLOW, ESRCH, EFAULT, ENOMEM,
		      EINTR } },
	{ .name = "ft_kill", .call = fuzz_ft_kill, .weight = 4,
	  .errnos = { EINVAL, EPERM, ESRCH } },
	{ .name = "ft_fork", .call = fuzz_ft_fork, .weight = 2,
	  .errnos = { EAGAIN, ENOMEM } },
	{ .name = "ft_wait", .call = fuzz_ft_wait, .weight = 3,
	  .errnos = { ECHILD, EINVAL, ESRCH, EFAULT, EINTR } },
};

#define NR_CALLS ARRAY_SIZE(fuzzed_calls)

static unsigned long calls[NR_CALLS], bad[NR_CALLS];

static const struct fuzzed_call *pick_call(void)
{
	int r = next() % 16;
	unsigned int i;

	for (i = 0; i < NR_CALLS - 1; i++) {
		r -= fuzzed_calls[i].weight;
		if (r < 0)
			break;
	}
	return &fuzzed_calls[i];
}

static bool allowed(const struct fuzzed_call *c, long ret, int err)
{
	int i;

	if (ret >= 0)
		return true;
	for (i = 0; c->errnos[i]; i++)
		if (err == c->errnos[i])
			return true;
	return false;
}

/* Reaps what the fuzzing left (ft_fork's children) and renews victims. */
static void keep_victims(void)
{
	int i;

	while (waitpid(-1, NULL, WNOHANG | __WALL) > 0)
		;
	for (i = 0; i < NR_VICTIMS; i++) {
		if (victims[i] > 0 && !kill(victims[i], 0) &&
		    waitpid(victims[i], NULL, WNOHANG) == 0)
			continue;
		victims[i] = fork();
		if (victims[i] == 0) {
			for (;;)
				pause();
		}
		recycled[next() % 16] = victims[i];
	}
}

static int fuzz(int seconds)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	time_t end = time(NULL) + seconds;
	const struct fuzzed_call *c;
	unsigned long nr_bad = 0;
	unsigned int i;
	long ret;
	int err;

	/*
	 * A session and group of its own: pid 0 would otherwise reach the
	 * group it inherited, outside the namespace (kill(2) does the same).
	 */
	if (setsid() < 0)
		ksft_exit_fail_msg("setsid: %s\n", strerror(errno));
	sigaction(SIGALRM, &sa, NULL);
	page = sysconf(_SC_PAGESIZE);
	rw = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ro = mmap(NULL, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	straddle = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (rw == MAP_FAILED || ro == MAP_FAILED || straddle == MAP_FAILED ||
	    munmap(straddle + page, page))
		ksft_exit_fail_msg("mmap: %s\n", strerror(errno));

	while (time(NULL) < end) {
		keep_victims();
		for (i = 0; i < 200; i++) {
			c = pick_call();
			errno = 0;
			ret = c->call();
			err = errno;
			calls[c - fuzzed_calls]++;
			if (!allowed(c, ret, err)) {
				bad[c - fuzzed_calls]++;
				ksft_print_msg("%s: undocumented errno %d (%s)\n",
					       c->name, err, strerror(err));
			}
		}
	}
	for (i = 0; i < NR_CALLS; i++) {
		ksft_print_msg("%s: %lu calls, %lu bad errnos\n",
			       fuzzed_calls[i].name, calls[i], bad[i]);
		nr_bad += bad[i];
	}
	return nr_bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	const char *env = getenv("PIDINFO_FUZZ_SECONDS");
	const char *seed;
	int seconds = argc > 1 ? atoi(argv[1]) : env ? atoi(env) : 15;
	int status;
	pid_t init;

	ksft_print_header();
	ksft_set_plan(1);
	if (pidinfo_missing() || ft_missing())
		ksft_exit_skip("pidinfo system calls not implemented\n");
	if (unshare(CLONE_NEWPID))
		ksft_exit_skip("no PID namespace: %s\n", strerror(errno));
	seed = getenv("PIDINFO_FUZZ_SEED");
	rng = seed ? strtoull(seed, NULL, 0) : rng ^ time(NULL);
	ksft_print_msg("seed %llu, %d seconds\n", rng, seconds);
	init = fork();
	if (init == 0)
		_exit(fuzz(seconds));
	if (init < 0 || waitpid(init, &status, 0) != init)
		ksft_exit_fail_msg("fork/wait: %s\n", strerror(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		ksft_test_result_pass("fuzz: only documented errnos\n");
	else
		ksft_test_result_fail("fuzz: status %#x\n", status);
	ksft_finished();
}
