// SPDX-License-Identifier: GPL-2.0
/*
 * list_pid_info(): many processes, or the threads of one, per call.
 *
 * A batch is a walk of PIDINFO_NEXT (PIDINFO_NEXT_THREAD) steps whose
 * answers go to consecutive records of the caller's buffer: what a call
 * costs once (the request, the caller's /proc and its policy) is paid once
 * per batch, as is zeroing the kernel's copy of a record, and each record
 * holds its locks only while it is gathered.
 */
#include <linux/cleanup.h>
#include <linux/overflow.h>
#include <linux/pid.h>
#include <linux/sched/signal.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <kunit/visibility.h>

#include "internal.h"

/* The bytes of one record, or 0 if they do not fit in a size_t. */
static size_t pidinfo_list_stride(const struct pidinfo_list_req *lreq)
{
	size_t children, paths, stride;

	if (check_mul_overflow((size_t)lreq->children_cap, sizeof(__s32),
			       &children) ||
	    check_mul_overflow((size_t)round_up(lreq->path_size, 8), (size_t)3,
			       &paths))
		return 0;
	stride = lreq->record_size;
	if (check_add_overflow(stride, round_up(children, 8), &stride) ||
	    check_add_overflow(stride, paths, &stride) ||
	    check_add_overflow(stride, (size_t)round_up(lreq->cmdline_size, 8),
			       &stride))
		return 0;
	return stride;
}

/* Points the request's buffers at the room of the record at @rec. */
static void pidinfo_list_buffers(struct pidinfo_input *in,
				 const struct pidinfo_list_req *lreq,
				 unsigned long rec)
{
	unsigned long room = rec + lreq->record_size;
	size_t path = round_up(lreq->path_size, 8);

	in->children = room;
	in->children_cap = lreq->children_cap;
	room += round_up((size_t)lreq->children_cap * sizeof(__s32), 8);
	in->root = room;
	in->root_size = lreq->path_size;
	in->cwd = room + path;
	in->cwd_size = lreq->path_size;
	in->exe = room + 2 * path;
	in->exe_size = lreq->path_size;
	in->cmdline = room + 3 * path;
	in->cmdline_size = lreq->cmdline_size;
}

/* The request, as copy_mnt_id_req() takes statmount's and listmount's. */
static int pidinfo_list_copy_req(struct pidinfo_list_req *lreq,
				 const struct pidinfo_list_req __user *ureq)
{
	u32 usize;
	int err;

	BUILD_BUG_ON(sizeof(*lreq) != PIDINFO_LIST_REQ_SIZE_VER0);
	if (get_user(usize, &ureq->size))
		return -EFAULT;
	if (usize < PIDINFO_LIST_REQ_SIZE_VER0)
		return -EINVAL;
	if (usize > PAGE_SIZE)
		return -E2BIG;
	err = copy_struct_from_user(lreq, sizeof(*lreq), ureq, usize);
	if (err)
		return err;
	if (lreq->spare || lreq->record_size < PIDINFO_SIZE_VER1 ||
	    lreq->record_size > PAGE_SIZE || lreq->record_size % 8 ||
	    lreq->cursor < 0)
		return -EINVAL;
	return 0;
}

/**
 * do_list_pid_info() - describe processes, or threads, into records
 * @ureq:    what to list, see struct pidinfo_list_req
 * @ubuf:    the records
 * @bufsize: bytes of @ubuf
 * @flags:   0 for processes, %PIDINFO_NEXT_THREAD for the threads of
 *           @ureq->tgid
 *
 * Return: the number of records written, 0 once there is nothing from
 * @ureq->cursor on; or a negative error (see sys_list_pid_info()).
 */
VISIBLE_IF_KUNIT long do_list_pid_info(const struct pidinfo_list_req __user *ureq,
				       void __user *ubuf, size_t bufsize,
				       unsigned int flags)
{
	struct pidinfo_result res __free(pidinfo_result) = {};
	struct pidinfo_list_req lreq;
	struct pidinfo_request req;
	struct pid *process = NULL;
	unsigned long rec = (unsigned long)ubuf;
	size_t stride, count = 0;
	long err;
	int nr;

	if (flags & ~PIDINFO_NEXT_THREAD)
		return -EINVAL;
	err = pidinfo_list_copy_req(&lreq, ureq);
	if (err)
		return err;
	stride = pidinfo_list_stride(&lreq);
	if (!stride)
		return -EINVAL;
	if (bufsize < stride)
		return -EOVERFLOW;

	memset(&req.in, 0, sizeof(req.in));
	req.in.mask = lreq.mask;
	req.in.tgid = lreq.tgid;
	err = pidinfo_request_init(&req, lreq.record_size,
				   flags ? flags : PIDINFO_NEXT);
	if (err)
		return err;
	if (!(flags & PIDINFO_NEXT_THREAD) && lreq.tgid)
		return -EINVAL;
	pidinfo_policy_init(&req.policy);

	if (flags & PIDINFO_NEXT_THREAD) {
		process = find_get_pid(lreq.tgid);
		if (!process)
			return -ESRCH;
		if (!pidinfo_threads_visible(process, &req.policy)) {
			put_pid(process);
			return -ESRCH;
		}
	}

	for (nr = lreq.cursor; bufsize - count * stride >= stride;
	     rec += stride) {
		/* The result is zeroed once: each record overwrites it. */
		pidinfo_list_buffers(&req.in, &lreq, rec);
		err = pidinfo_describe_next(process, nr, &req, &res);
		if (!err)
			err = pidinfo_copy_to_user((void __user *)rec,
						   lreq.record_size, &res);
		pidinfo_result_release(&res);
		if (err)
			break;
		count++;
		/* The record's PID: overflow ends the walk, as the IDs do. */
		if (res.info.pid == INT_MAX)
			break;
		nr = res.info.pid + 1;
		if (fatal_signal_pending(current)) {
			err = -EINTR;
			break;
		}
		cond_resched();
	}
	put_pid(process);
	/* The end of the listing, or a failure after a record: the count. */
	if (err == -ESRCH || (count && err != -EFAULT))
		return count;
	return err ? err : count;
}

/**
 * sys_list_pid_info - describe many processes, or threads, in one call
 * @req:     what to list and the room of each record, see struct
 *           pidinfo_list_req
 * @buf:     the caller's buffer for the records
 * @bufsize: bytes of @buf
 * @flags:   0 to list processes; %PIDINFO_NEXT_THREAD to list the threads
 *           of process @req->tgid
 *
 * Lists as get_pid_info() with %PIDINFO_NEXT (%PIDINFO_NEXT_THREAD) would,
 * call after call from @req->cursor on, into as many records as @buf
 * holds: the first process (thread) from @req->cursor on in the first
 * record, and so on.  Each record is a struct pidinfo of @req->record_size
 * bytes with the fields @req->mask asks for, and its buffers in the room
 * that follows it.  The same processes are skipped as by %PIDINFO_NEXT: a
 * process its /proc hides from the caller, and one that is gone.  The
 * caller resumes from the last record's pid + 1.
 *
 * Return: the number of records written, 0 when no process (thread) is
 * left from @req->cursor on, or a negative error:
 * * %-EINVAL:    @flags has a bit other than %PIDINFO_NEXT_THREAD; @req is
 *   smaller than %PIDINFO_LIST_REQ_SIZE_VER0, @req->record_size is
 *   below %PIDINFO_SIZE_VER1, over a page or not a multiple of 8,
 *   @req->cursor is negative, @req->spare is not 0, @req->mask has
 *   %PIDINFO_MASK__RESERVED; @req->tgid is not positive with
 *   %PIDINFO_NEXT_THREAD, or not 0 without it.
 * * %-E2BIG:     @req is over a page, or not zero past the kernel's struct.
 * * %-EOVERFLOW: @bufsize is below one record.
 * * %-ESRCH:     with %PIDINFO_NEXT_THREAD, no process @req->tgid that the
 *   caller may list the threads of.
 * * %-EFAULT:    @req or @buf is not accessible user memory.
 * * %-ENOMEM:    out of memory, before any record was written.
 * * %-EINTR:     a fatal signal arrived before any record was written.
 */
SYSCALL_DEFINE4(list_pid_info, const struct pidinfo_list_req __user *, req,
		void __user *, buf, size_t, bufsize, unsigned int, flags)
{
	return do_list_pid_info(req, buf, bufsize, flags);
}
