// SPDX-License-Identifier: GPL-2.0
/*
 * A program of another project, built against an installed libpidinfo
 * alone (pkg-config --cflags --libs libpidinfo): it describes itself with
 * pidinfo_ask(), finds itself in pidinfo_list()'s listing and writes its
 * name as JSON and as text.  Exit 0 if all agree, 4 (kselftest's skip)
 * on a kernel without get_pid_info(), 1 otherwise.
 */
#include <errno.h>
#include <pidinfo.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

static int seen, found;

static int count(const struct pidinfo *info, void *ctx)
{
	seen++;
	if (info->pid == *(pid_t *)ctx)
		found = 1;
	return 0;
}

int main(void)
{
	struct pidinfo_answer a;
	char json[64], text[32];
	pid_t me = getpid();

	if (pidinfo_missing()) {
		printf("libpidinfo consumer: no get_pid_info() here\n");
		return 4;
	}
	prctl(PR_SET_NAME, "con\x1bsumer");
	if (pidinfo_ask(me, 0, &a)) {
		perror("pidinfo_ask");
		return 1;
	}
	if (a.info.pid != me || strcmp(a.info.name, "con\x1bsumer") ||
	    !a.cwd || !a.exe) {
		fprintf(stderr, "pidinfo_ask: pid %d name %s\n", a.info.pid,
			a.info.name);
		return 1;
	}
	pidinfo_json_string(json, sizeof(json), a.info.name);
	pidinfo_text_string(text, sizeof(text), a.info.name, sizeof(text));
	pidinfo_answer_free(&a);
	if (strcmp(json, "\"con\\u001bsumer\"") || strcmp(text, "con?sumer")) {
		fprintf(stderr, "json %s, text %s\n", json, text);
		return 1;
	}
	if (pidinfo_list(PIDINFO_MASK_PID, 0, count, &me) || !found) {
		fprintf(stderr, "pidinfo_list: %d processes, not me\n", seen);
		return 1;
	}
	printf("libpidinfo consumer: OK, %d processes, me among them\n", seen);
	return 0;
}
