// SPDX-License-Identifier: GPL-2.0
/*
 * Each change as a notification, one way through: the event goes to the
 * policy, which decides from what its tracker remembers of the code; a
 * notification to show is worded (the severity and code as its title, the
 * message from the code database, where it is (AMS, slot), and the wiki
 * link with its QR code as the image, so that a phone can open it); the
 * notifier carries the decision out. What happens on screen later comes
 * back here, from the notifier, and goes on to the tracker or to hmsd.
 */
#include <stdlib.h>
#include <glib.h>

#include "code.h"
#include "notify_sink.h"
#include "wiki.h"
#include "wording.h"

struct notify_sink {
	struct hms_notify_sink_config config;
	struct hms_tracker *tracker;
	struct hms_notifier *notifier;
};

static struct hms_decision decide(struct notify_sink *sink, const struct hms_event *ev)
{
	return hms_tracker_decide(sink->tracker, ev, g_get_monotonic_time() / 1000);
}

static void carry_out(struct notify_sink *sink, uint64_t code, const struct hms_decision *d,
		      const char *summary, const char *body, const char *link)
{
	if (d->action == HMS_ACTION_NONE)
		return;
	/* Not shown: the code's next raise tries again. */
	if (!hms_notifier_apply(sink->notifier, code, d, summary, body, link))
		hms_tracker_forget(sink->tracker, code);
}

void hms_notify_sink_deliver(void *ctx, const struct hms_event *ev, const char *summary,
			     const char *body, const char *link)
{
	struct notify_sink *sink = ctx;
	struct hms_decision d = decide(sink, ev);

	carry_out(sink, ev->code, &d, summary, body, link);
}

/*
 * The words of @ev's notification, and carrying out @d with them. A code a
 * printer reported (hmsd --desktop) names the printer: a desktop may watch
 * several.
 */
static void carry_out_worded(struct notify_sink *sink, const struct hms_event *ev,
			     const struct hms_decision *d)
{
	const struct hms_notify_sink_config *c = &sink->config;
	uint64_t code = ev->code;
	char name[HMS_CODE_STRLEN];
	g_autofree char *summary = NULL, *body = NULL;
	char *message, *url;

	hms_code_format(code, name);
	message = hms_wording_message(c->db, code, c->lang);
	url = hms_wiki_link(c->db, c->wiki, NULL, code, c->lang);
	if (ev->flags & HMS_VIEW_F_REPORTED)
		summary = g_strdup_printf("%s: %s on %.*s",
					  hms_severity_name(HMS_CODE_SEVERITY(code)), name,
					  HMS_SOURCE_LEN, ev->source);
	else
		summary = g_strdup_printf("%s: %s", hms_severity_name(HMS_CODE_SEVERITY(code)),
					  name);
	body = g_strdup(message ? message : name);
	carry_out(sink, code, d, summary, body, url);
	free(message);
	free(url);
}

static void change(void *ctx, const struct hms_event *ev, const struct hms_view *view)
{
	struct notify_sink *sink = ctx;
	struct hms_decision d = decide(sink, ev);

	(void)view;
	if (d.action == HMS_ACTION_SHOW || d.action == HMS_ACTION_UPDATE)
		carry_out_worded(sink, ev, &d);
	else
		carry_out(sink, ev->code, &d, NULL, NULL, NULL);
}

static void acked(uint64_t code, void *ctx)
{
	struct notify_sink *sink = ctx;

	sink->config.ack(code, sink->config.ack_ctx);
}

static void closed(uint64_t code, void *ctx)
{
	struct notify_sink *sink = ctx;

	hms_tracker_closed(sink->tracker, code);
}

/* The server refused it: the code's next raise tries again. */
static void lost(uint64_t code, void *ctx)
{
	struct notify_sink *sink = ctx;

	hms_tracker_forget(sink->tracker, code);
}

static void close_sink(void *ctx)
{
	struct notify_sink *sink = ctx;

	hms_notifier_free(sink->notifier);
	hms_tracker_free(sink->tracker);
	g_free(sink);
}

struct hms_sink hms_notify_sink(const struct hms_notify_sink_config *config)
{
	struct notify_sink *sink = g_new0(struct notify_sink, 1);

	sink->config = *config;
	sink->tracker = hms_tracker_new(config->policy);
	sink->notifier = hms_notifier_new(&(struct hms_notifier_config){
		.acked = acked,
		.closed = closed,
		.lost = lost,
		.ctx = sink,
		.max_shown = config->policy->max_shown,
	});
	return (struct hms_sink){
		.name = "notify",
		.change = change,
		.close = close_sink,
		.ctx = sink,
	};
}
