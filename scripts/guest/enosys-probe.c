// SPDX-License-Identifier: GPL-2.0
/*
 * usage: enosys-probe [--without-ft]
 *
 * Run in a guest whose kernel has CONFIG_PIDINFO=n: each pidinfo system
 * call must fail with ENOSYS, as sys_ni_syscall() answers.  With
 * --without-ft, for a kernel with CONFIG_PIDINFO=y and
 * CONFIG_PIDINFO_FT_SYSCALLS=n: get_pid_info() and list_pid_info() must
 * be there, and ft_kill(), ft_fork() and ft_wait() must fail with ENOSYS.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

int main(int argc, char **argv)
{
	static const struct { long nr; const char *name; } calls[] = {
		{ 600, "get_pid_info" }, { 601, "ft_kill" },
		{ 602, "ft_fork" }, { 603, "ft_wait" },
		{ 604, "list_pid_info" },
	};
	int without_ft = argc > 1 && !strcmp(argv[1], "--without-ft");
	int i, bad = 0;

	for (i = 0; i < 5; i++) {
		/* get_pid_info(0, NULL, 0, 0) is EINVAL where it exists. */
		int want_enosys = !without_ft ||
				  (calls[i].nr != 600 && calls[i].nr != 604);
		long ret = syscall(calls[i].nr, 0, 0, 0, 0);
		int enosys = ret == -1 && errno == ENOSYS;
		int ok = enosys == want_enosys;

		printf("%s %s: %ld (%s), %s ENOSYS\n", ok ? "ok" : "not ok",
		       calls[i].name, ret, ret < 0 ? strerror(errno) : "no error",
		       want_enosys ? "want" : "do not want");
		if (ret == 0 && calls[i].nr == 602)
			_exit(1);	/* a forked child: fail loudly */
		bad += !ok;
	}
	printf("ENOSYS-PROBE %s\n", bad ? "FAILED" : "PASSED");
	return bad;
}
