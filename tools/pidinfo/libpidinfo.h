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
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#include <linux/pidinfo.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* Every field of each struct version: what a mask of 0 asks for. */
#define PIDINFO_MASK_ALL_VER0	((PIDINFO_MASK_CWD << 1) - 1)
#define PIDINFO_MASK_ALL	((PIDINFO_MASK_CMDLINE << 1) - 1)

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

/* The executable's path (PIDINFO_MASK_EXE) goes to @exe. */
static inline void pidinfo_set_exe(struct pidinfo *info, char *exe,
				   unsigned int exe_size)
{
	info->exe = (uintptr_t)exe;
	info->exe_size = exe_size;
}

/* The command line (PIDINFO_MASK_CMDLINE) goes to @cmdline. */
static inline void pidinfo_set_cmdline(struct pidinfo *info, char *cmdline,
				       unsigned int cmdline_size)
{
	info->cmdline = (uintptr_t)cmdline;
	info->cmdline_size = cmdline_size;
}

/* A whole answer: the struct and buffers big enough for everything. */
struct pidinfo_answer {
	struct pidinfo info;
	int *children;		/* info.nr_children of them */
	char *root;		/* NULL if withheld or gone */
	char *cwd;
	char *exe;
	char *cmdline;		/* info.cmdline_len bytes, NULs between */
};

/* Grows *@buf to at least @need bytes; false if out of memory. */
static inline bool pidinfo_grow(char **buf, unsigned int *size,
				unsigned int need)
{
	char *p;

	if (need > *size)
		*size = need;
	p = realloc(*buf, *size ? *size : 1);
	if (!p)
		return false;
	*buf = p;
	return true;
}

/* Frees a path the answer does not hold. */
static inline void pidinfo_drop(char **buf, const struct pidinfo *info,
				__u64 bit)
{
	if (!(info->mask & bit)) {
		free(*buf);
		*buf = NULL;
	}
}

/*
 * Asks until the buffers are big enough: the kernel reports the true
 * number of children and the length of each path and of the command
 * line.  @mask is the request (0: every field), @tgid the process whose
 * threads PIDINFO_NEXT_THREAD lists.  Free with pidinfo_answer_free().
 * Returns 0, or -1 with errno set.
 */
static inline int pidinfo_ask_mask(int pid, unsigned int flags, __u64 mask,
				   int tgid, struct pidinfo_answer *a)
{
	unsigned int cap = 64, root_size = 256, cwd_size = 256;
	unsigned int exe_size = 256, cmdline_size = 256;
	const struct pidinfo *i = &a->info;

	memset(a, 0, sizeof(*a));
	for (;;) {
		a->children = realloc(a->children, cap * sizeof(int));
		if (!a->children || !pidinfo_grow(&a->root, &root_size, 0) ||
		    !pidinfo_grow(&a->cwd, &cwd_size, 0) ||
		    !pidinfo_grow(&a->exe, &exe_size, 0) ||
		    !pidinfo_grow(&a->cmdline, &cmdline_size, 0)) {
			errno = ENOMEM;
			return -1;
		}
		memset(&a->info, 0, sizeof(a->info));
		a->info.mask = mask;
		a->info.tgid = tgid;
		pidinfo_set_buffers(&a->info, a->children, cap, a->root,
				    root_size, a->cwd, cwd_size);
		pidinfo_set_exe(&a->info, a->exe, exe_size);
		pidinfo_set_cmdline(&a->info, a->cmdline, cmdline_size);
		if (get_pid_info(pid, &a->info, sizeof(a->info), flags))
			return -1;
		if (i->nr_children <= cap && i->root_len <= root_size &&
		    i->cwd_len <= cwd_size && i->exe_len <= exe_size &&
		    i->cmdline_len <= cmdline_size)
			break;
		/* A listing asks again from the one it found. */
		if (flags & (PIDINFO_NEXT | PIDINFO_NEXT_THREAD))
			pid = i->pid;
		if (i->nr_children > cap)
			cap = i->nr_children + 16;
		root_size = i->root_len > root_size ? i->root_len : root_size;
		cwd_size = i->cwd_len > cwd_size ? i->cwd_len : cwd_size;
		exe_size = i->exe_len > exe_size ? i->exe_len : exe_size;
		if (i->cmdline_len > cmdline_size)
			cmdline_size = i->cmdline_len;
	}
	pidinfo_drop(&a->root, i, PIDINFO_MASK_ROOT);
	pidinfo_drop(&a->cwd, i, PIDINFO_MASK_CWD);
	pidinfo_drop(&a->exe, i, PIDINFO_MASK_EXE);
	pidinfo_drop(&a->cmdline, i, PIDINFO_MASK_CMDLINE);
	return 0;
}

/* pidinfo_ask_mask() for every field. */
static inline int pidinfo_ask(int pid, unsigned int flags,
			      struct pidinfo_answer *a)
{
	return pidinfo_ask_mask(pid, flags, 0, 0, a);
}

static inline void pidinfo_answer_free(struct pidinfo_answer *a)
{
	free(a->children);
	free(a->root);
	free(a->cwd);
	free(a->exe);
	free(a->cmdline);
}

/* Bytes of the valid UTF-8 sequence at @s, or 0 if it is not one. */
static inline int pidinfo_utf8_len(const unsigned char *s)
{
	int n, i;

	if (s[0] < 0x80)
		return 1;
	n = s[0] >= 0xf0 && s[0] < 0xf5 ? 4 : s[0] >= 0xe0 && s[0] < 0xf0 ? 3 :
	    s[0] >= 0xc2 && s[0] < 0xe0 ? 2 : 0;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	/* Overlong forms and surrogates are not characters. */
	if ((n == 3 && s[0] == 0xe0 && s[1] < 0xa0) ||
	    (n == 3 && s[0] == 0xed && s[1] >= 0xa0) ||
	    (n == 4 && s[0] == 0xf0 && s[1] < 0x90) ||
	    (n == 4 && s[0] == 0xf4 && s[1] >= 0x90))
		return 0;
	return n;
}

/*
 * A JSON string of any bytes: quotes, backslashes and control bytes
 * escaped, and a byte that starts no valid UTF-8 sequence given as
 * U+FFFD, so that the output is valid JSON whatever a process names
 * itself.  Cut, still valid, if @size is too small.
 */
static inline void pidinfo_json_string(char *out, size_t size, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;
	int len;

	out[n++] = '"';
	while (*p && n + 8 < size) {
		len = pidinfo_utf8_len(p);
		if (*p == '"' || *p == '\\') {
			n += snprintf(out + n, size - n, "\\%c", *p);
		} else if (*p < 0x20) {
			n += snprintf(out + n, size - n, "\\u%04x", *p);
		} else if (!len) {
			n += snprintf(out + n, size - n, "\\ufffd");
			len = 1;
		} else {
			memcpy(out + n, p, len);
			n += len;
		}
		p += len ? len : 1;
	}
	out[n++] = '"';
	out[n] = '\0';
}

/*
 * Lists every process of the caller's PID namespace (@tgid 0), or every
 * thread of process @tgid, in ID order, described with the fields of
 * @mask (no buffers): @fn(@info, @ctx) for each, until it returns
 * non-zero.  Needs no /proc.  Returns 0 at the end of the list, @fn's
 * value if it stopped, or -1 with errno set.
 */
static inline int pidinfo_list(__u64 mask, int tgid,
			       int (*fn)(const struct pidinfo *info, void *ctx),
			       void *ctx)
{
	unsigned int flags = tgid ? PIDINFO_NEXT_THREAD : PIDINFO_NEXT;
	struct pidinfo info;
	int pid = 1, ret;

	for (;;) {
		memset(&info, 0, sizeof(info));
		info.mask = mask;
		info.tgid = tgid;
		if (get_pid_info(pid, &info, sizeof(info), flags))
			return errno == ESRCH ? 0 : -1;
		ret = fn(&info, ctx);
		if (ret)
			return ret;
		pid = info.pid + 1;
	}
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
	char exe[PATH_MAX];
	char cmdline[4096];
};

/*
 * Fills the buffers with @pattern and the struct with @info_byte, then
 * asks for every field (mask 0) and describes the buffers, with room for
 * @cap children, in the struct.
 */
static inline void pidinfo_request_init(struct pidinfo_request *req,
					int pattern, int info_byte,
					unsigned int cap)
{
	memset(req, pattern, sizeof(*req));
	memset(&req->info, info_byte, sizeof(req->info));
	req->info.mask = 0;
	pidinfo_set_buffers(&req->info, req->children, cap, req->root,
			    sizeof(req->root), req->cwd, sizeof(req->cwd));
	pidinfo_set_exe(&req->info, req->exe, sizeof(req->exe));
	pidinfo_set_cmdline(&req->info, req->cmdline, sizeof(req->cmdline));
}

#endif /* _LIBPIDINFO_H */
