// SPDX-License-Identifier: GPL-2.0
/*
 * Run in a guest whose kernel has CONFIG_PIDINFO=n: each pidinfo system
 * call must fail with ENOSYS, as sys_ni_syscall() answers.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

int main(void)
{
	static const struct { long nr; const char *name; } calls[] = {
		{ 600, "get_pid_info" }, { 601, "ft_kill" },
		{ 602, "ft_fork" }, { 603, "ft_wait" },
	};
	int i, bad = 0;

	for (i = 0; i < 4; i++) {
		long ret = syscall(calls[i].nr, 0, 0, 0, 0);
		int ok = ret == -1 && errno == ENOSYS;

		printf("%s %s: %ld (%s)\n", ok ? "ok" : "not ok", calls[i].name,
		       ret, ret < 0 ? strerror(errno) : "no error");
		if (ret == 0 && calls[i].nr == 602)
			_exit(1);	/* a forked child: fail loudly */
		bad += !ok;
	}
	printf("ENOSYS-PROBE %s\n", bad ? "FAILED" : "PASSED");
	return bad;
}
