/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * libpidinfo.h: wrappers for the pidinfo system calls, so that programs
 * need no raw syscall().  Each returns as the C library does: -1 with
 * errno set on error.
 */
#ifndef _LIBPIDINFO_H
#define _LIBPIDINFO_H

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#include <linux/pidinfo.h>

#ifndef __NR_get_pid_info
#define __NR_get_pid_info 600
#endif
#ifndef __NR_ft_kill
#define __NR_ft_kill 601
#endif
#ifndef __NR_ft_fork
#define __NR_ft_fork 602
#endif
#ifndef __NR_ft_wait
#define __NR_ft_wait 603
#endif

static inline int get_pid_info(int pid, struct pidinfo *info, unsigned int size,
			       unsigned int flags)
{
	return syscall(__NR_get_pid_info, pid, info, size, flags);
}

static inline int ft_kill(pid_t pid, int sig)
{
	return syscall(__NR_ft_kill, pid, sig);
}

static inline pid_t ft_fork(void)
{
	return syscall(__NR_ft_fork);
}

static inline pid_t ft_wait(pid_t pid, int *wstatus, int options,
			    struct rusage *rusage)
{
	return syscall(__NR_ft_wait, pid, wstatus, options, rusage);
}

/* True on a kernel built without CONFIG_PIDINFO. */
static inline int pidinfo_missing(void)
{
	return get_pid_info(getpid(), NULL, 0, 0) < 0 && errno == ENOSYS;
}

/*
 * The same for the re-implementations (CONFIG_PIDINFO_FT_SYSCALLS=n),
 * probed without side effects: an invalid option gives -EINVAL where
 * ft_wait() exists.
 */
static inline int ft_missing(void)
{
	return (ft_wait(-1, NULL, 0x100, NULL) < 0 && errno == ENOSYS) ||
	       (ft_kill(getpid(), 0) < 0 && errno == ENOSYS);
}

/*
 * fork(2) as the kernel offers it: sys_fork, or, where there is none
 * (arm64 and the other architectures of the generic table), clone() with
 * SIGCHLD alone, which is the same kernel_clone() request.
 */
static inline long sys_fork(void)
{
#ifdef __NR_fork
	return syscall(__NR_fork);
#else
	return syscall(__NR_clone, SIGCHLD, 0, 0, 0, 0);
#endif
}

/* Points the struct at the caller's buffers, as a request describes them. */
static inline void pidinfo_set_buffers(struct pidinfo *info, int *children,
				       unsigned int children_cap, char *root,
				       unsigned int root_size, char *cwd,
				       unsigned int cwd_size)
{
	info->children = (uintptr_t)children;
	info->children_cap = children_cap;
	info->root = (uintptr_t)root;
	info->root_size = root_size;
	info->cwd = (uintptr_t)cwd;
	info->cwd_size = cwd_size;
}

/* A whole answer: the struct and buffers big enough for everything. */
struct pidinfo_answer {
	struct pidinfo info;
	int *children;		/* info.nr_children of them */
	char *root;		/* NULL if withheld or gone */
	char *cwd;
};

/*
 * Asks until the buffers are big enough: the kernel reports the true
 * number of children and the length of each path.  Free with
 * pidinfo_answer_free().  Returns 0, or -1 with errno set.
 */
static inline int pidinfo_ask(int pid, unsigned int flags,
			      struct pidinfo_answer *a)
{
	unsigned int cap = 64, root_size = 256, cwd_size = 256;

	memset(a, 0, sizeof(*a));
	for (;;) {
		a->children = realloc(a->children, cap * sizeof(int));
		a->root = realloc(a->root, root_size);
		a->cwd = realloc(a->cwd, cwd_size);
		if (!a->children || !a->root || !a->cwd) {
			errno = ENOMEM;
			return -1;
		}
		memset(&a->info, 0, sizeof(a->info));
		pidinfo_set_buffers(&a->info, a->children, cap, a->root,
				    root_size, a->cwd, cwd_size);
		if (get_pid_info(pid, &a->info, sizeof(a->info), flags))
			return -1;
		if (a->info.nr_children <= cap && a->info.root_len <= root_size &&
		    a->info.cwd_len <= cwd_size)
			break;
		cap = a->info.nr_children + 16;
		if (a->info.root_len > root_size)
			root_size = a->info.root_len;
		if (a->info.cwd_len > cwd_size)
			cwd_size = a->info.cwd_len;
	}
	if (!(a->info.mask & PIDINFO_MASK_ROOT)) {
		free(a->root);
		a->root = NULL;
	}
	if (!(a->info.mask & PIDINFO_MASK_CWD)) {
		free(a->cwd);
		a->cwd = NULL;
	}
	return 0;
}

static inline void pidinfo_answer_free(struct pidinfo_answer *a)
{
	free(a->children);
	free(a->root);
	free(a->cwd);
}

/*
 * A request with fixed buffers, for callers that ask again and again (the
 * tests, the bench) and want to see which bytes the kernel wrote.
 */
struct pidinfo_request {
	struct pidinfo info;
	int children[256];
	char root[PATH_MAX];
	char cwd[PATH_MAX];
};

/*
 * Fills the buffers with @pattern and the struct with @info_byte, then
 * describes the buffers, with room for @cap children, in the struct.
 */
static inline void pidinfo_request_init(struct pidinfo_request *req,
					int pattern, int info_byte,
					unsigned int cap)
{
	memset(req, pattern, sizeof(*req));
	memset(&req->info, info_byte, sizeof(req->info));
	pidinfo_set_buffers(&req->info, req->children, cap, req->root,
			    sizeof(req->root), req->cwd, sizeof(req->cwd));
}

#endif /* _LIBPIDINFO_H */
