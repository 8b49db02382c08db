// SPDX-License-Identifier: GPL-2.0
/*
 * pidinfo ps: every process, in the columns of procps' ps(1), from
 * get_pid_info()'s listing alone: no /proc.
 *
 * The default columns are those of
 *   ps -eo pid,ppid,user,stat,ni,rss,vsz,time,start,tty,comm
 * (with -L: pid,lwp,... as ps -eLo), headed, sized and formatted as
 * procps 4 does, and USER and TT resolved as it resolves them, so that
 * the rows of both can be compared.  COMMAND is the whole name
 * /proc/PID/stat shows.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "pidinfo.h"

/*
 * Each cell is formatted into PS_CELL bytes and returns its length.  A row
 * per process is the whole of ps's work, so the cells are built by hand:
 * snprintf() and ctime_r() took four fifths of the instructions.
 */
#define PS_CELL		256

struct ps_column {
	const char *name;	/* as -o names it */
	const char *header;	/* as procps heads it */
	int width;		/* procps's; negative: left-aligned */
	__u64 mask;		/* the fields it needs */
	bool number;		/* a JSON number, not a string */
	size_t (*format)(char *cell, const struct pidinfo *info);
	const char *help;	/* one line, for --help and --list-columns */
};

/* Seconds since the epoch at boot, and the clock tick, as procps has them. */
static time_t boot_time;
static time_t now;
static long hz;

/* Copies the string in @s, of at most @max bytes, into @cell, cut to fit. */
static size_t put_strn(char *cell, const char *s, size_t max)
{
	size_t len = strnlen(s, max < PS_CELL ? max : PS_CELL - 1);

	memcpy(cell, s, len);
	cell[len] = '\0';
	return len;
}

static size_t put_str(char *cell, const char *s)
{
	return put_strn(cell, s, PS_CELL - 1);
}

static size_t fmt_pid(char *cell, const struct pidinfo *info)
{
	return put_s64(cell, info->tgid);
}

static size_t fmt_lwp(char *cell, const struct pidinfo *info)
{
	return put_s64(cell, info->pid);
}

static size_t fmt_ppid(char *cell, const struct pidinfo *info)
{
	return put_s64(cell, info->ppid);
}

/* The whole name, for JSON; the number if the user has none. */
static size_t fmt_user_json(char *cell, const struct pidinfo *info)
{
	const char *name = user_name(info->euid);

	return name ? put_str(cell, name) : put_u64(cell, info->euid);
}

/* procps: the effective user's name, cut to 7 bytes and '+' if longer. */
static size_t fmt_user(char *cell, const struct pidinfo *info)
{
	const char *name = user_name(info->euid);

	return name ? put_cut(cell, name, 8) : put_u64(cell, info->euid);
}

/* The state and procps' flags after it: < N L s l +. */
static size_t fmt_stat(char *cell, const struct pidinfo *info)
{
	size_t n = 0;

	cell[n++] = info->state;
	if (info->nice < 0)
		cell[n++] = '<';
	if (info->nice > 0)
		cell[n++] = 'N';
	if (info->locked)
		cell[n++] = 'L';
	if (info->sid == info->tgid)
		cell[n++] = 's';
	if (info->nr_threads > 1)
		cell[n++] = 'l';
	if (info->pgid == info->tpgid)
		cell[n++] = '+';
	cell[n] = '\0';
	return n;
}

/* procps shows no nice value for the real-time and idle policies. */
static size_t fmt_ni(char *cell, const struct pidinfo *info)
{
	if (info->policy != 0 /* SCHED_OTHER */ &&
	    info->policy != 3 /* SCHED_BATCH */)
		return put_str(cell, "-");
	return put_s64(cell, info->nice);
}

/* '-' on a kernel without pidfs: no identity. */
static size_t fmt_identity(char *cell, const struct pidinfo *info)
{
	if (!(info->mask & PIDINFO_MASK_IDENTITY))
		return put_str(cell, "-");
	return put_u64(cell, info->identity);
}

static size_t fmt_rss(char *cell, const struct pidinfo *info)
{
	return put_u64(cell, info->rss / 1024);
}

static size_t fmt_vsz(char *cell, const struct pidinfo *info)
{
	return put_u64(cell, info->vsize / 1024);
}

/*
 * User and system time, each in whole ticks as /proc has them, summed:
 * [DD-]HH:MM:SS.
 */
static size_t fmt_time(char *cell, const struct pidinfo *info)
{
	unsigned long long tick = 1000000000ULL / hz;
	unsigned long long t = (info->utime_ns / tick + info->stime_ns / tick) /
			       hz;
	char *p = cell;

	if (t >= 86400) {
		p += put_u64(p, t / 86400);
		*p++ = '-';
	}
	p = put_2d(p, t / 3600 % 24);
	*p++ = ':';
	p = put_2d(p, t / 60 % 60);
	*p++ = ':';
	p = put_2d(p, t % 60);
	*p = '\0';
	return p - cell;
}

/*
 * The time of day it started (HH:MM:SS), or its date (Mon DD) if that is a
 * day ago, in local time.  Processes started in the same second share it.
 */
static size_t fmt_start(char *cell, const struct pidinfo *info)
{
	static const char months[12][4] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
	};
	static time_t last = -1;
	static char text[16];
	unsigned long long tick = 1000000000ULL / hz;
	time_t t = boot_time + info->start_time_ns / tick / hz;
	struct tm tm;
	char *p = text;

	if (t != last) {
		if (!localtime_r(&t, &tm))
			memset(&tm, 0, sizeof(tm));
		if (t + 24 * 3600 > now) {
			p = put_2d(p, tm.tm_hour);
			*p++ = ':';
			p = put_2d(p, tm.tm_min);
			*p++ = ':';
			p = put_2d(p, tm.tm_sec);
		} else {
			memcpy(p, months[tm.tm_mon % 12], 3);
			p += 3;
			*p++ = ' ';
			p = put_2d(p, tm.tm_mday);
		}
		*p = '\0';
		last = t;
	}
	return put_strn(cell, text, sizeof(text));
}

/* Character devices under /dev and /dev/pts, for the terminals' names. */
static struct tty_name {
	dev_t rdev;
	char name[300];
} *ttys;
static int nr_ttys;

static void scan_ttys(const char *dir, const char *prefix)
{
	char path[300];
	struct dirent *de;
	struct stat st;
	DIR *d = opendir(dir);
	struct tty_name *more;

	if (!d)
		return;
	while ((de = readdir(d))) {
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (lstat(path, &st) || !S_ISCHR(st.st_mode))
			continue;
		more = realloc(ttys, (nr_ttys + 1) * sizeof(*ttys));
		if (!more)
			break;
		ttys = more;
		ttys[nr_ttys].rdev = st.st_rdev;
		snprintf(ttys[nr_ttys++].name, sizeof(ttys->name), "%s%s",
			 prefix, de->d_name);
	}
	closedir(d);
}

/*
 * The terminal's name as procps abbreviates it (pts/0, ttyS0, tty1), by
 * its device number in /dev; "?" for none, or one /dev does not name.
 */
static size_t fmt_tty(char *cell, const struct pidinfo *info)
{
	unsigned int maj = (info->tty_nr >> 8) & 0xfff;
	unsigned int min = (info->tty_nr & 0xff) |
			   ((info->tty_nr >> 12) & 0xfff00);
	static bool scanned;
	int i;

	if (!info->tty_nr)
		return put_str(cell, "?");
	if (!scanned) {
		scan_ttys("/dev", "");
		scan_ttys("/dev/pts", "pts/");
		scanned = true;
	}
	for (i = 0; i < nr_ttys; i++)
		if (major(ttys[i].rdev) == maj && minor(ttys[i].rdev) == min)
			return put_str(cell, ttys[i].name);
	return put_str(cell, "?");
}

/* The whole name; in text, unprintable bytes as '?', as procps shows them. */
static size_t fmt_comm(char *cell, const struct pidinfo *info)
{
	return put_strn(cell, info->name, sizeof(info->name));
}

static size_t fmt_comm_text(char *cell, const struct pidinfo *info)
{
	return pidinfo_text_string(cell, PS_CELL, info->name,
				   sizeof(info->name));
}

#define STAT_MASK	(PIDINFO_MASK_STATE | PIDINFO_MASK_NICE |	\
			 PIDINFO_MASK_MEMORY | PIDINFO_MASK_PGID |	\
			 PIDINFO_MASK_THREADS | PIDINFO_MASK_TTY)

static const struct ps_column columns[] = {
	{ "pid", "PID", 5, PIDINFO_MASK_PID, true, fmt_pid,
	  "process ID (thread group ID)" },
	{ "lwp", "LWP", 5, PIDINFO_MASK_PID, true, fmt_lwp,
	  "thread ID (light weight process)" },
	{ "ppid", "PPID", 5, PIDINFO_MASK_PPID, true, fmt_ppid,
	  "parent process ID" },
	{ "user", "USER", -8, PIDINFO_MASK_CREDS, false, fmt_user,
	  "effective user name (or ID)" },
	{ "stat", "STAT", -4, STAT_MASK, false, fmt_stat,
	  "state, and the flags < N L s l +" },
	{ "ni", "NI", 3, PIDINFO_MASK_NICE | PIDINFO_MASK_SCHED, false,
	  fmt_ni, "nice value ('-' for real-time policies)" },
	{ "rss", "RSS", 5, PIDINFO_MASK_MEMORY, true, fmt_rss,
	  "resident set size, KiB" },
	{ "vsz", "VSZ", 6, PIDINFO_MASK_MEMORY, true, fmt_vsz,
	  "virtual memory size, KiB" },
	{ "time", "TIME", 8, PIDINFO_MASK_CPUTIME, false, fmt_time,
	  "user and system CPU time, [DD-]HH:MM:SS" },
	{ "start", "STARTED", 8, PIDINFO_MASK_TIME, false, fmt_start,
	  "start time (HH:MM:SS today, Mon DD before)" },
	{ "tty", "TT", -8, PIDINFO_MASK_TTY, false, fmt_tty,
	  "controlling terminal ('?' for none)" },
	{ "comm", "COMMAND", -1, PIDINFO_MASK_COMM, false, fmt_comm_text,
	  "command name, unprintable bytes as '?'" },
	{ "identity", "IDENTITY", 8, PIDINFO_MASK_IDENTITY, true, fmt_identity,
	  "identity, never reused during a boot ('-' without pidfs)" },
};

/* After pid (and lwp, with -L). */
#define DEFAULT_COLUMNS	"ppid,user,stat,ni,rss,vsz,time,start,tty,comm"

#define PS_MAX_COLUMNS	32

struct ps_state {
	const struct ps_column *cols[PS_MAX_COLUMNS];
	int nr_cols;
	__u64 mask;
	bool json, threads;
	int rows;
};

/* A left-aligned last column is not padded, as procps leaves it. */
static int column_width(const struct ps_state *ps, int i)
{
	int width = ps->cols[i]->width;

	return i == ps->nr_cols - 1 && width < 0 ? 0 : width;
}

/* The header, or (@info) a process's row, as one line of text. */
static void print_line(const struct ps_state *ps, const struct pidinfo *info)
{
	char line[PS_MAX_COLUMNS * (PS_CELL + 8)], cell[PS_CELL];
	char *p = line;
	int i;

	for (i = 0; i < ps->nr_cols; i++) {
		const struct ps_column *c = ps->cols[i];
		const char *text = cell;
		size_t len;

		if (info) {
			len = c->format(cell, info);
		} else {
			text = c->header;
			len = strlen(text);
		}
		if (i)
			*p++ = ' ';
		p = put_cell(p, text, len, column_width(ps, i));
	}
	*p++ = '\n';
	fwrite(line, 1, p - line, stdout);
}

static void print_json_row(const struct ps_state *ps,
			   const struct pidinfo *info)
{
	char val[PS_CELL], json[600];
	int i;

	printf("%s\n{", ps->rows ? "," : "[");
	for (i = 0; i < ps->nr_cols; i++) {
		const struct ps_column *c = ps->cols[i];
		bool number = c->number || c->format == fmt_ni;

		/* JSON escapes what text cuts or masks. */
		if (c->format == fmt_user)
			fmt_user_json(val, info);
		else if (c->format == fmt_comm_text)
			fmt_comm(val, info);
		else
			c->format(val, info);
		/* A number the process has none of ('-') is null. */
		if (number && !strcmp(val, "-"))
			snprintf(json, sizeof(json), "null");
		else if (number)
			snprintf(json, sizeof(json), "%s", val);
		else
			pidinfo_json_string(json, sizeof(json), val);
		printf("%s\"%s\":%s", i ? "," : "", c->name, json);
	}
	putchar('}');
}

static void print_row(struct ps_state *ps, const struct pidinfo *info)
{
	if (ps->json)
		print_json_row(ps, info);
	else
		print_line(ps, info);
	ps->rows++;
}

static int print_thread(const struct pidinfo *info, void *ctx)
{
	print_row(ctx, info);
	return 0;
}

static int print_process(const struct pidinfo *info, void *ctx)
{
	struct ps_state *ps = ctx;

	if (!ps->threads) {
		print_row(ps, info);
		return 0;
	}
	/* A process gone since it was listed has no threads left to show. */
	return pidinfo_list(ps->mask, info->pid, print_thread, ps) ? -1 : 0;
}

/* procps' boot time: /proc/stat's btime, or the clocks' difference. */
static time_t find_boot_time(void)
{
	struct timespec rt, bt;
	char line[256];
	FILE *f = fopen("/proc/stat", "re");

	while (f && fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "btime ", 6)) {
			fclose(f);
			return strtoll(line + 6, NULL, 10);
		}
	}
	if (f)
		fclose(f);
	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_BOOTTIME, &bt);
	return rt.tv_sec - bt.tv_sec - (rt.tv_nsec < bt.tv_nsec);
}

static int add_columns(struct ps_state *ps, char *list)
{
	char *name, *save;
	unsigned int i;

	for (name = strtok_r(list, ",", &save); name;
	     name = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < ARRAY_SIZE(columns); i++)
			if (!strcmp(name, columns[i].name))
				break;
		if (i == ARRAY_SIZE(columns))
			return usage_error("pidinfo ps", "unknown column '%s'",
					   name);
		if (ps->nr_cols == PS_MAX_COLUMNS)
			return usage_error("pidinfo ps", "more than %d columns",
					   PS_MAX_COLUMNS);
		ps->cols[ps->nr_cols++] = &columns[i];
		ps->mask |= columns[i].mask;
	}
	return 0;
}

static void list_columns(FILE *out)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(columns); i++)
		fprintf(out, " %-8s %s\n", columns[i].name, columns[i].help);
}

static void ps_usage(FILE *out)
{
	fputs("Usage:\n"
	      " pidinfo ps [options]\n"
	      "\n"
	      "List every process, as ps -e does, from get_pid_info() alone.\n"
	      "\n"
	      "Options:\n"
	      " -L                 every thread, with an LWP column\n"
	      " -o COLUMN,...      the columns to show (default: pid,"
	      DEFAULT_COLUMNS ")\n"
	      "     --no-headers   no header line\n"
	      " -j, --json         a JSON array of objects\n"
	      "     --list-columns list the columns and exit\n"
	      " -h, --help         display this help\n"
	      " -V, --version      display the version\n"
	      "\n"
	      "Columns:\n", out);
	list_columns(out);
}

int pidinfo_ps(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "no-headers", no_argument, NULL, 'H' },
		{ "list-columns", no_argument, NULL, 'C' },
		OPTION_HELP,
		OPTION_VERSION,
		{}
	};
	char defaults[] = "pid," DEFAULT_COLUMNS;
	char defaults_threads[] = "pid,lwp," DEFAULT_COLUMNS;
	struct ps_state ps = { .mask = PIDINFO_MASK_PID };
	char *list = NULL;
	bool headers = true;
	int c;

	while ((c = getopt_long(argc, argv, COMMON_SHORT "Lo:j", opts,
				NULL)) != -1) {
		switch (c) {
		case 'L':
			ps.threads = true;
			break;
		case 'o':
			list = optarg;
			break;
		case 'j':
			ps.json = true;
			break;
		case 'H':
			headers = false;
			break;
		case 'C':
			list_columns(stdout);
			return 0;
		default:
			return common_option(c, "pidinfo ps", ps_usage);
		}
	}
	if (optind != argc)
		return usage_error("pidinfo ps", "unexpected argument '%s'",
				   argv[optind]);
	if (add_columns(&ps, list ? list : ps.threads ? defaults_threads :
				    defaults))
		return EXIT_USAGE;

	hz = sysconf(_SC_CLK_TCK);
	boot_time = find_boot_time();
	now = time(NULL);
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	if (headers && !ps.json)
		print_line(&ps, NULL);
	if (pidinfo_list(ps.threads ? PIDINFO_MASK_PID : ps.mask, 0,
			 print_process, &ps)) {
		fflush(stdout);
		fprintf(stderr, "pidinfo ps: %s\n", errno == ENOSYS ?
			"no get_pid_info() in this kernel" : strerror(errno));
		return EXIT_USAGE;
	}
	if (ps.json)
		printf("%s]\n", ps.rows ? "\n" : "[");
	return 0;
}
