// SPDX-License-Identifier: GPL-2.0
/* Walking a JSON document in place: the spans of its values (json_scan.h). */
#include <string.h>

#include "json_scan.h"

#define MAX_DEPTH 256

const char *hms_json_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Past the string at @p (its opening quote), or NULL. */
static const char *skip_string(const char *p, const char *end)
{
	int i;

	for (p++; p < end; p++) {
		if (*p == '"')
			return p + 1;
		if ((unsigned char)*p < 0x20)
			return NULL;
		if (*p != '\\')
			continue;
		if (++p >= end)
			return NULL;
		if (*p == 'u') {
			for (i = 1; i <= 4; i++) {
				if (p + i >= end || !is_hex(p[i]))
					return NULL;
			}
			p += 4;
		} else if (!strchr("\"\\/bfnrt", *p)) {
			return NULL;
		}
	}
	return NULL;
}

static const char *skip_digits(const char *p, const char *end)
{
	const char *start = p;

	while (p < end && is_digit(*p))
		p++;
	return p > start ? p : NULL;
}

/* -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static const char *skip_number(const char *p, const char *end)
{
	if (p < end && *p == '-')
		p++;
	if (p < end && *p == '0')
		p++;
	else if (!(p = skip_digits(p, end)))
		return NULL;
	if (p < end && *p == '.' && !(p = skip_digits(p + 1, end)))
		return NULL;
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		p = skip_digits(p, end);
	}
	return p;
}

static const char *skip_literal(const char *p, const char *end, const char *word)
{
	size_t n = strlen(word);

	return (size_t)(end - p) >= n && !memcmp(p, word, n) ? p + n : NULL;
}

static const char *skip_value(const char *p, const char *end, int depth);

/* Past the object or array at @p, @close its closing bracket. */
static const char *skip_container(const char *p, const char *end, char close, int depth)
{
	bool object = close == '}';

	if (depth > MAX_DEPTH)
		return NULL;
	p = hms_json_ws(p + 1, end);
	if (p < end && *p == close)
		return p + 1;
	for (;;) {
		if (object) {
			if (p >= end || *p != '"' || !(p = skip_string(p, end)))
				return NULL;
			p = hms_json_ws(p, end);
			if (p >= end || *p++ != ':')
				return NULL;
		}
		if (!(p = skip_value(p, end, depth + 1)))
			return NULL;
		p = hms_json_ws(p, end);
		if (p < end && *p == close)
			return p + 1;
		if (p >= end || *p != ',')
			return NULL;
		p = hms_json_ws(p + 1, end);
	}
}

static const char *skip_value(const char *p, const char *end, int depth)
{
	p = hms_json_ws(p, end);
	if (p >= end)
		return NULL;
	switch (*p) {
	case '{':
		return skip_container(p, end, '}', depth);
	case '[':
		return skip_container(p, end, ']', depth);
	case '"':
		return skip_string(p, end);
	case 't':
		return skip_literal(p, end, "true");
	case 'f':
		return skip_literal(p, end, "false");
	case 'n':
		return skip_literal(p, end, "null");
	}
	return skip_number(p, end);
}

const char *hms_json_skip(const char *p, const char *end)
{
	return skip_value(p, end, 0);
}

bool hms_json_key_is(const struct hms_json_span *key, const char *name)
{
	size_t n = strlen(name);

	return (size_t)(key->end - key->start) == n + 2 && !memcmp(key->start + 1, name, n);
}

bool hms_json_next(const char **p, const char *end, struct hms_json_span *key,
		   struct hms_json_span *value)
{
	const char *q = hms_json_ws(*p, end);

	/* At the opening bracket or at the comma after the last one: past it. */
	if (q < end && (*q == '{' || *q == '[' || *q == ','))
		q = hms_json_ws(q + 1, end);
	if (q >= end || *q == '}' || *q == ']') {
		*p = q < end ? q + 1 : q;
		return false;
	}
	if (*q == '"' && key) {
		key->start = q;
		key->end = skip_string(q, end);
		q = hms_json_ws(key->end, end) + 1;	/* past ':' */
	}
	value->start = hms_json_ws(q, end);
	value->end = hms_json_skip(value->start, end);
	*p = value->end;
	return true;
}
