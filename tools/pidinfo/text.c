// SPDX-License-Identifier: GPL-2.0
/*
 * Text the commands share: numbers and padded cells for the rows of ps and
 * top, built by hand (snprintf() was most of their work, a row per
 * process), and user names from a cache.
 */
#include <math.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

size_t put_u64(char *cell, unsigned long long v)
{
	char digits[20];
	size_t n = 0, i;

	do {
		digits[n++] = '0' + v % 10;
		v /= 10;
	} while (v);
	for (i = 0; i < n; i++)
		cell[i] = digits[n - 1 - i];
	cell[n] = '\0';
	return n;
}

size_t put_s64(char *cell, long long v)
{
	if (v >= 0)
		return put_u64(cell, v);
	cell[0] = '-';
	return 1 + put_u64(cell + 1, -(unsigned long long)v);
}

/*
 * printf() rounds the exact binary value: away from a tie, v * 10 rounded
 * to the nearest integer gives the same digits.  Near one, and for values
 * whose product has no room for the difference, printf() decides.
 */
size_t put_tenths(char *cell, double v)
{
	double whole, frac = modf(v * 10, &whole);
	unsigned long long n = whole;
	size_t len;

	if (!(v >= 0 && v < 1e7) || fabs(frac - 0.5) < 0.0001)
		return snprintf(cell, 32, "%.1f", v);
	if (frac > 0.5)
		n++;
	len = put_u64(cell, n / 10);
	cell[len++] = '.';
	cell[len++] = '0' + n % 10;
	cell[len] = '\0';
	return len;
}

char *put_2d(char *p, unsigned int v)
{
	*p++ = '0' + v / 10 % 10;
	*p++ = '0' + v % 10;
	return p;
}

size_t put_cut(char *cell, const char *s, size_t width)
{
	size_t len = strnlen(s, width + 1);

	memcpy(cell, s, len);
	if (len > width) {
		cell[width - 1] = '+';
		len = width;
	}
	cell[len] = '\0';
	return len;
}

char *put_cell(char *p, const char *text, size_t len, int width)
{
	size_t room = width < 0 ? -width : width;
	size_t pad = len < room ? room - len : 0;

	if (width > 0) {
		memset(p, ' ', pad);
		p += pad;
	}
	memcpy(p, text, len);
	p += len;
	if (width < 0) {
		memset(p, ' ', pad);
		p += pad;
	}
	return p;
}

const char *user_name(uid_t uid)
{
	static struct {
		uid_t uid;
		char *name;
	} cache[64];
	static int n;
	struct passwd *pw;
	int i;

	for (i = 0; i < n; i++)
		if (cache[i].uid == uid)
			return cache[i].name;
	pw = getpwuid(uid);
	if (n == ARRAY_SIZE(cache))
		return pw ? pw->pw_name : NULL;
	cache[n].uid = uid;
	cache[n].name = pw ? strdup(pw->pw_name) : NULL;
	return cache[n++].name;
}
