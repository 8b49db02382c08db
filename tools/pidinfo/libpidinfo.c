// SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note
/*
 * libpidinfo: the call wrappers, the request builder, the listing
 * iterator and the string writers of <pidinfo.h>.  Built with
 * -fvisibility=hidden: only what the header marks PIDINFO_API is exported,
 * under the version node of libpidinfo.map.  See libpidinfo(3).
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "pidinfo.h"

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
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434	/* the same on every architecture */
#endif
#ifndef __NR_list_pid_info
#define __NR_list_pid_info 604
#endif

/* Records asked for per list_pid_info() call by pidinfo_list(). */
#define LIST_BATCH	128

int get_pid_info(int pid, struct pidinfo *info, unsigned int size,
		 unsigned int flags)
{
	return syscall(__NR_get_pid_info, pid, info, size, flags);
}

long list_pid_info(const struct pidinfo_list_req *req, void *buf,
		   size_t bufsize, unsigned int flags)
{
	return syscall(__NR_list_pid_info, req, buf, bufsize, flags);
}

static size_t round8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

size_t pidinfo_list_stride(const struct pidinfo_list_req *req)
{
	return req->record_size + round8((size_t)req->children_cap * 4) +
	       3 * round8(req->path_size) + round8(req->cmdline_size);
}

int ft_kill(pid_t pid, int sig)
{
	return syscall(__NR_ft_kill, pid, sig);
}

pid_t ft_fork(void)
{
	return syscall(__NR_ft_fork);
}

pid_t ft_wait(pid_t pid, int *wstatus, int options, struct rusage *rusage)
{
	return syscall(__NR_ft_wait, pid, wstatus, options, rusage);
}

int pidinfo_missing(void)
{
	return get_pid_info(getpid(), NULL, 0, 0) < 0 && errno == ENOSYS;
}

/*
 * Probed without side effects: an invalid option gives -EINVAL where
 * ft_wait() exists, and signal 0 only checks.
 */
int ft_missing(void)
{
	return (ft_wait(-1, NULL, 0x100, NULL) < 0 && errno == ENOSYS) ||
	       (ft_kill(getpid(), 0) < 0 && errno == ENOSYS);
}

void pidinfo_set_buffers(struct pidinfo *info, int *children,
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

void pidinfo_set_exe(struct pidinfo *info, char *exe, unsigned int exe_size)
{
	info->exe = (uintptr_t)exe;
	info->exe_size = exe_size;
}

void pidinfo_set_cmdline(struct pidinfo *info, char *cmdline,
			 unsigned int cmdline_size)
{
	info->cmdline = (uintptr_t)cmdline;
	info->cmdline_size = cmdline_size;
}

/* Grows *@buf to at least @need bytes; false if out of memory. */
static bool grow(char **buf, unsigned int *size, unsigned int need)
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
static void drop(char **buf, const struct pidinfo *info, __u64 bit)
{
	if (!(info->mask & bit)) {
		free(*buf);
		*buf = NULL;
	}
}

/*
 * Asks until the buffers are big enough: the kernel reports the true
 * number of children and the length of each path and of the command line.
 */
int pidinfo_ask_mask(int pid, unsigned int flags, __u64 mask, int tgid,
		     struct pidinfo_answer *a)
{
	unsigned int cap = 64, root_size = 256, cwd_size = 256;
	unsigned int exe_size = 256, cmdline_size = 256;
	const struct pidinfo *i = &a->info;
	int *kids;

	memset(a, 0, sizeof(*a));
	for (;;) {
		kids = realloc(a->children, cap * sizeof(int));
		if (kids)
			a->children = kids;
		if (!kids || !grow(&a->root, &root_size, 0) ||
		    !grow(&a->cwd, &cwd_size, 0) ||
		    !grow(&a->exe, &exe_size, 0) ||
		    !grow(&a->cmdline, &cmdline_size, 0)) {
			pidinfo_answer_free(a);
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
		if (get_pid_info(pid, &a->info, sizeof(a->info), flags)) {
			int err = errno;

			pidinfo_answer_free(a);
			errno = err;
			return -1;
		}
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
	drop(&a->root, i, PIDINFO_MASK_ROOT);
	drop(&a->cwd, i, PIDINFO_MASK_CWD);
	drop(&a->exe, i, PIDINFO_MASK_EXE);
	drop(&a->cmdline, i, PIDINFO_MASK_CMDLINE);
	return 0;
}

int pidinfo_ask(int pid, unsigned int flags, struct pidinfo_answer *a)
{
	return pidinfo_ask_mask(pid, flags, 0, 0, a);
}

void pidinfo_answer_free(struct pidinfo_answer *a)
{
	free(a->children);
	free(a->root);
	free(a->cwd);
	free(a->exe);
	free(a->cmdline);
	/* The pointers, the struct's tail: freeing again is harmless. */
	memset(&a->children, 0,
	       sizeof(*a) - offsetof(struct pidinfo_answer, children));
}

/* A call per process: kernels without list_pid_info(). */
static int list_one_by_one(__u64 mask, int tgid,
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

int pidinfo_list(__u64 mask, int tgid,
		 int (*fn)(const struct pidinfo *info, void *ctx), void *ctx)
{
	struct pidinfo_list_req req = {
		.size = sizeof(req),
		.record_size = sizeof(struct pidinfo),
		.mask = mask,
		.cursor = 1,
		.tgid = tgid,
	};
	struct pidinfo *recs = malloc(LIST_BATCH * sizeof(*recs));
	long n, i;
	int ret = 0;

	if (!recs)
		return -1;
	for (;;) {
		n = list_pid_info(&req, recs, LIST_BATCH * sizeof(*recs),
				  tgid ? PIDINFO_NEXT_THREAD : 0);
		if (n < 0 && errno == ENOSYS) {
			free(recs);
			return list_one_by_one(mask, tgid, fn, ctx);
		}
		if (n <= 0) {
			/* The process whose threads were asked for is gone. */
			if (n < 0 && errno != ESRCH)
				ret = -1;
			break;
		}
		for (i = 0; i < n && !ret; i++)
			ret = fn(&recs[i], ctx);
		if (ret || recs[n - 1].pid == INT32_MAX)
			break;
		req.cursor = recs[n - 1].pid + 1;
	}
	free(recs);
	return ret;
}

/*
 * Whether @now, just read through a pidfd, is the process @seen described:
 * the same identity where both have one, else the same start time (the
 * PID is the same: the pidfd was opened by it).
 */
static bool same_process(const struct pidinfo *seen, const struct pidinfo *now)
{
	if (seen->mask & now->mask & PIDINFO_MASK_IDENTITY)
		return seen->identity == now->identity;
	if (seen->mask & now->mask & PIDINFO_MASK_TIME)
		return seen->start_time_ns == now->start_time_ns;
	return false;
}

int pidinfo_pidfd_open(const struct pidinfo *seen, unsigned int flags)
{
	struct pidinfo now;
	int fd, saved;

	if (!(seen->mask & (PIDINFO_MASK_IDENTITY | PIDINFO_MASK_TIME))) {
		errno = EINVAL;
		return -1;
	}
	fd = syscall(SYS_pidfd_open, seen->pid, flags);
	if (fd < 0)
		return -1;
	memset(&now, 0, sizeof(now));
	now.mask = PIDINFO_MASK_IDENTITY | PIDINFO_MASK_TIME;
	if (get_pid_info(fd, &now, sizeof(now), PIDINFO_PIDFD))
		goto fail;
	if (!same_process(seen, &now)) {
		errno = ESRCH;
		goto fail;
	}
	return fd;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

void pidinfo_request_init(struct pidinfo_request *req, int pattern,
			  int info_byte, unsigned int cap)
{
	memset(req, pattern, sizeof(*req));
	memset(&req->info, info_byte, sizeof(req->info));
	req->info.mask = 0;
	pidinfo_set_buffers(&req->info, req->children, cap, req->root,
			    sizeof(req->root), req->cwd, sizeof(req->cwd));
	pidinfo_set_exe(&req->info, req->exe, sizeof(req->exe));
	pidinfo_set_cmdline(&req->info, req->cmdline, sizeof(req->cmdline));
}

int pidinfo_utf8_len(const unsigned char *s)
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
 * Quotes, backslashes and control bytes escaped, and a byte that starts
 * no valid UTF-8 sequence given as U+FFFD: valid JSON whatever a process
 * names itself.  Cut, still valid, if @size is too small.
 */
void pidinfo_json_string(char *out, size_t size, const char *s)
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
 * The first @len bytes of @s (or up to its NUL) as a terminal may show
 * them, as procps masks names: a control byte (C0, DEL, and C1 written
 * in UTF-8) or a byte that starts no valid UTF-8 sequence becomes '?'.
 * Never longer than the input, so @out may be @s.  Cut to @size - 1
 * bytes; returns the length written.
 */
size_t pidinfo_text_string(char *out, size_t size, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n = 0;
	int c;

	if (!size)
		return 0;
	while (i < len && p[i] && n < size - 1) {
		/* Printable ASCII, most names' every byte, first. */
		if (p[i] >= 0x20 && p[i] < 0x7f) {
			out[n++] = p[i++];
			continue;
		}
		c = pidinfo_utf8_len(p + i);
		if (c == 1 && p[i] >= 0x20 && p[i] != 0x7f) {
			out[n++] = p[i++];
			continue;
		}
		if (c <= 1 || i + c > len ||
		    (c == 2 && p[i] == 0xc2 && p[i + 1] < 0xa0) ||
		    n + c > size - 1) {
			out[n++] = '?';
			i += c > 1 && i + c <= len ? c : 1;
			continue;
		}
		memmove(out + n, p + i, c);
		n += c;
		i += c;
	}
	out[n] = '\0';
	return n;
}
