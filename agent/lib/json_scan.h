/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Walking a JSON document in place, without building it: where each value
 * begins and ends. Bambu's code table in every language is 70,000 rows;
 * as json-c objects all at once it took more memory than the table it
 * fills, so its loader parses one row at a time from these spans.
 */
#ifndef HMS_AGENT_JSON_SCAN_H
#define HMS_AGENT_JSON_SCAN_H

#include <stdbool.h>
#include <stddef.h>

/* A stretch of the document: a value, or a key with its quotes. */
struct hms_json_span {
	const char *start;
	const char *end;	/* just past it */
};

/* @p past any JSON whitespace, up to @end. */
const char *hms_json_ws(const char *p, const char *end);

/*
 * The end of the one JSON value at @p (whitespace before it skipped), or
 * NULL when there is none, it is malformed, or nested deeper than 256.
 */
const char *hms_json_skip(const char *p, const char *end);

/* Whether @key (a span with its quotes) is the plain string @name. */
bool hms_json_key_is(const struct hms_json_span *key, const char *name);

/*
 * A container of a well-formed document (hms_json_skip() said so), one
 * member or element at a time: *@p at its '{' or '[' to begin with. True
 * with the next member's @key and @value (@key NULL for an array), false
 * at its end.
 */
bool hms_json_next(const char **p, const char *end, struct hms_json_span *key,
		   struct hms_json_span *value);

#endif
