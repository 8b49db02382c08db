// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for list_pid_info(): the batched walk against the walk of
 * PIDINFO_NEXT, record by record.
 */

#include <kunit/test.h>
#include <linux/mman.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/sched.h>
#include <linux/uaccess.h>

#include "internal.h"
#include "kunit_helpers.h"

/*
 * The batched walk: records at the stride, the cursor resumed from the
 * last one, each the process PIDINFO_NEXT gives next, whatever the batch.
 */
static void list_pid_info_walks_as_next(struct kunit *test)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct pidinfo_list_req req = {
		.size = sizeof(req), .record_size = sizeof(struct pidinfo),
		.mask = PIDINFO_MASK_PID, .children_cap = 3,
	};
	size_t stride = sizeof(struct pidinfo) + 16;
	struct pidinfo_test_child *child[3];
	void __user *ureq, *ubuf;
	struct pidinfo rec;
	unsigned long uaddr;
	struct pid *next;
	long n, i;
	int per, k;

	for (k = 0; k < 3; k++)
		child[k] = pidinfo_test_child_start(test, 0, false, NULL, NULL);
	uaddr = kunit_vm_mmap(test, NULL, 0, PAGE_SIZE * 4,
			      PROT_READ | PROT_WRITE,
			      MAP_ANONYMOUS | MAP_PRIVATE, 0);
	KUNIT_ASSERT_NE(test, uaddr, 0);
	ureq = (void __user *)uaddr;
	ubuf = (void __user *)(uaddr + PAGE_SIZE);

	/* One, two and three records a call, from the first child on. */
	for (per = 1; per <= 3; per++) {
		int cursor = child[0]->pid;

		while (cursor <= child[2]->pid) {
			req.cursor = cursor;
			KUNIT_ASSERT_EQ(test, 0,
					copy_to_user(ureq, &req, sizeof(req)));
			n = do_list_pid_info(ureq, ubuf, per * stride, 0);
			KUNIT_ASSERT_GE(test, n, 1);
			KUNIT_ASSERT_LE(test, n, per);
			for (i = 0; i < n; i++) {
				KUNIT_ASSERT_EQ(test, 0,
						copy_from_user(&rec,
							       ubuf + i * stride,
							       sizeof(rec)));
				next = pidinfo_next_process(cursor, ns);
				KUNIT_ASSERT_NOT_NULL(test, next);
				KUNIT_EXPECT_EQ(test, rec.pid,
						pid_nr_ns(next, ns));
				/* Its children's room follows it. */
				KUNIT_EXPECT_EQ(test, rec.children,
						(u64)(uintptr_t)ubuf +
						i * stride + sizeof(rec));
				put_pid(next);
				cursor = rec.pid + 1;
			}
		}
	}

	/* Less than a record, and nothing past the last process. */
	req.cursor = child[0]->pid;
	KUNIT_ASSERT_EQ(test, 0, copy_to_user(ureq, &req, sizeof(req)));
	KUNIT_EXPECT_EQ(test, -EOVERFLOW,
			do_list_pid_info(ureq, ubuf, stride - 1, 0));
	req.cursor = PIDINFO_TEST_NO_PID;
	KUNIT_ASSERT_EQ(test, 0, copy_to_user(ureq, &req, sizeof(req)));
	KUNIT_EXPECT_EQ(test, 0, do_list_pid_info(ureq, ubuf, stride, 0));
}

static struct kunit_case pidinfo_list_cases[] = {
	KUNIT_CASE(list_pid_info_walks_as_next),
	{}
};

static struct kunit_suite pidinfo_list_suite = {
	.name = "pidinfo_list",
	.init = pidinfo_test_init,
	.test_cases = pidinfo_list_cases,
};

kunit_test_suite(pidinfo_list_suite);
