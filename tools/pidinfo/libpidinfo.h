/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * libpidinfo.h: wrappers for the pidinfo system calls, so that programs
 * need no raw syscall().  Each returns as the C library does: -1 with
 * errno set on error.
 */
#ifndef _LIBPIDINFO_H
#define _LIBPIDINFO_H

#include <errno.h>
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
		a->info.children = (uintptr_t)a->children;
		a->info.children_cap = cap;
		a->info.root = (uintptr_t)a->root;
		a->info.root_size = root_size;
		a->info.cwd = (uintptr_t)a->cwd;
		a->info.cwd_size = cwd_size;
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

#endif /* _LIBPIDINFO_H */
