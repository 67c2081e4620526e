// SPDX-License-Identifier: GPL-2.0
/*
 * notify-server - a notification server for tests where there is no X
 * server (the test VM): owns org.freedesktop.Notifications on the session
 * bus and writes one line per call on stdout:
 *
 *   ready
 *   notify id=N replaces=N app=A urgency=U expire=MS category=C
 *          actions=KEY,LABEL,... hints=NAME,... summary=S body=B
 *   close id=N                  (CloseNotification; "unknown" if it was gone)
 *
 * (one line; U and C are "-" when not sent, newlines and backslashes in
 * the texts are written \n and \\). Commands on stdin, one a line:
 *
 *   invoke ID ACTION   ActionInvoked(ID, ACTION); the notification stays,
 *                      as a resident one would
 *   dismiss ID         NotificationClosed(ID, 2), as a click on it would
 *
 * Signals go to the client that sent the notification, as dunst sends
 * them. Exits 0 on SIGTERM or at the end of stdin.
 */
#include <stdio.h>
#include <glib.h>
#include <glib-unix.h>
#include <gio/gio.h>

#define NAME "org.freedesktop.Notifications"
#define PATH "/org/freedesktop/Notifications"

static const char introspection[] =
	"<node><interface name='" NAME "'>"
	"<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
	"<arg type='s' direction='in'/><arg type='s' direction='in'/>"
	"<arg type='s' direction='in'/><arg type='as' direction='in'/>"
	"<arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
	"<arg type='u' direction='out'/></method>"
	"<method name='CloseNotification'><arg type='u' direction='in'/></method>"
	"<method name='GetCapabilities'><arg type='as' direction='out'/></method>"
	"<method name='GetServerInformation'><arg type='s' direction='out'/>"
	"<arg type='s' direction='out'/><arg type='s' direction='out'/>"
	"<arg type='s' direction='out'/></method>"
	"<signal name='NotificationClosed'><arg type='u'/><arg type='u'/></signal>"
	"<signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
	"</interface></node>";

static GMainLoop *loop;
static GDBusConnection *bus;
static GHashTable *senders;	/* id -> unique name of the client that sent it */
static guint32 last_id;
static int status;

/* A text on one line: newline as \n, backslash as \\. */
static char *one_line(const char *text)
{
	GString *s = g_string_new(NULL);

	for (; *text; text++) {
		if (*text == '\n')
			g_string_append(s, "\\n");
		else if (*text == '\\')
			g_string_append(s, "\\\\");
		else
			g_string_append_c(s, *text);
	}
	return g_string_free(s, FALSE);
}

static void emit(guint32 id, const char *signal, GVariant *args)
{
	const char *sender = g_hash_table_lookup(senders, GUINT_TO_POINTER(id));
	g_autoptr(GError) err = NULL;

	if (!sender) {
		g_variant_unref(g_variant_ref_sink(args));
		fprintf(stderr, "notify-server: no notification %u\n", id);
		return;
	}
	if (!g_dbus_connection_emit_signal(bus, sender, PATH, NAME, signal, args, &err))
		fprintf(stderr, "notify-server: %s: %s\n", signal, err->message);
}

static void print_notify(guint32 id, GVariant *params)
{
	const char *app, *icon, *summary, *body, *key, *category = "-";
	g_autofree const char **actions = NULL;
	g_autofree char *actions_text = NULL, *s = NULL, *b = NULL;
	g_autoptr(GVariant) hints = NULL;
	g_autoptr(GString) names = g_string_new(NULL);
	GVariantIter iter;
	guint32 replaces;
	gint32 expire;
	guint8 urgency;
	char urgency_text[4] = "-";

	g_variant_get(params, "(&su&s&s&s^a&s@a{sv}i)", &app, &replaces, &icon, &summary,
		      &body, &actions, &hints, &expire);
	g_variant_iter_init(&iter, hints);
	while (g_variant_iter_next(&iter, "{&sv}", &key, NULL))
		g_string_append_printf(names, "%s%s", names->len ? "," : "", key);
	if (g_variant_lookup(hints, "urgency", "y", &urgency))
		snprintf(urgency_text, sizeof(urgency_text), "%u", urgency);
	g_variant_lookup(hints, "category", "&s", &category);
	actions_text = g_strjoinv(",", (char **)actions);
	s = one_line(summary);
	b = one_line(body);
	printf("notify id=%u replaces=%u app=%s urgency=%s expire=%d category=%s actions=%s "
	       "hints=%s summary=%s body=%s\n", id, replaces, app, urgency_text, expire,
	       category, actions_text, names->str, s, b);
}

static void on_call(GDBusConnection *conn, const char *sender, const char *path,
		    const char *iface, const char *method, GVariant *params,
		    GDBusMethodInvocation *call, gpointer data)
{
	const char *caps[] = { "actions", "body", NULL };
	guint32 id;

	(void)conn, (void)path, (void)iface, (void)data;
	if (!g_strcmp0(method, "Notify")) {
		g_variant_get_child(params, 1, "u", &id);
		if (!g_hash_table_contains(senders, GUINT_TO_POINTER(id)))
			id = ++last_id;
		g_hash_table_replace(senders, GUINT_TO_POINTER(id), g_strdup(sender));
		print_notify(id, params);
		g_dbus_method_invocation_return_value(call, g_variant_new("(u)", id));
	} else if (!g_strcmp0(method, "CloseNotification")) {
		g_variant_get(params, "(u)", &id);
		g_dbus_method_invocation_return_value(call, NULL);
		if (g_hash_table_contains(senders, GUINT_TO_POINTER(id))) {
			printf("close id=%u\n", id);
			emit(id, "NotificationClosed", g_variant_new("(uu)", id, 3));
			g_hash_table_remove(senders, GUINT_TO_POINTER(id));
		} else {
			printf("close id=%u unknown\n", id);
		}
	} else if (!g_strcmp0(method, "GetCapabilities")) {
		g_dbus_method_invocation_return_value(call, g_variant_new("(^as)", caps));
	} else {
		g_dbus_method_invocation_return_value(call, g_variant_new("(ssss)",
						      "notify-server", "hms", "1", "1.2"));
	}
	fflush(stdout);
}

static void command(char *line)
{
	g_auto(GStrv) word = g_strsplit_set(g_strstrip(line), " \t", 3);
	guint n = g_strv_length(word);
	guint32 id = n > 1 ? (guint32)g_ascii_strtoull(word[1], NULL, 10) : 0;

	if (n == 3 && !g_strcmp0(word[0], "invoke")) {
		printf("invoke id=%u action=%s\n", id, word[2]);
		emit(id, "ActionInvoked", g_variant_new("(us)", id, word[2]));
	} else if (n == 2 && !g_strcmp0(word[0], "dismiss")) {
		printf("dismiss id=%u\n", id);
		emit(id, "NotificationClosed", g_variant_new("(uu)", id, 2));
		g_hash_table_remove(senders, GUINT_TO_POINTER(id));
	} else if (n) {
		fprintf(stderr, "notify-server: not a command: '%s'\n", line);
	}
	fflush(stdout);
}

static gboolean on_stdin(GIOChannel *in, GIOCondition cond, gpointer data)
{
	g_autofree char *line = NULL;

	(void)cond, (void)data;
	if (g_io_channel_read_line(in, &line, NULL, NULL, NULL) == G_IO_STATUS_NORMAL) {
		command(line);
		return G_SOURCE_CONTINUE;
	}
	g_main_loop_quit(loop);
	return G_SOURCE_REMOVE;
}

static gboolean on_term(gpointer data)
{
	(void)data;
	g_main_loop_quit(loop);
	return G_SOURCE_CONTINUE;
}

static void on_bus(GDBusConnection *conn, const char *name, gpointer data)
{
	static const GDBusInterfaceVTable vtable = { .method_call = on_call };
	g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml(introspection, NULL);
	g_autoptr(GError) err = NULL;

	(void)name, (void)data;
	bus = conn;
	if (!g_dbus_connection_register_object(conn, PATH, node->interfaces[0], &vtable,
					       NULL, NULL, &err)) {
		fprintf(stderr, "notify-server: %s\n", err->message);
		status = 1;
		g_main_loop_quit(loop);
	}
}

static void on_name(GDBusConnection *conn, const char *name, gpointer data)
{
	(void)conn, (void)name, (void)data;
	printf("ready\n");
	fflush(stdout);
}

static void on_lost(GDBusConnection *conn, const char *name, gpointer data)
{
	(void)conn, (void)data;
	fprintf(stderr, "notify-server: no session bus, or %s has another owner\n", name);
	status = 1;
	g_main_loop_quit(loop);
}

int main(void)
{
	GIOChannel *in = g_io_channel_unix_new(0);
	guint owner;

	loop = g_main_loop_new(NULL, FALSE);
	senders = g_hash_table_new_full(NULL, NULL, NULL, g_free);
	g_unix_signal_add(SIGTERM, on_term, NULL);
	g_io_add_watch(in, G_IO_IN | G_IO_HUP | G_IO_ERR, on_stdin, NULL);
	owner = g_bus_own_name(G_BUS_TYPE_SESSION, NAME, G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE,
			       on_bus, on_name, on_lost, NULL, NULL);
	g_main_loop_run(loop);
	g_bus_unown_name(owner);
	g_hash_table_destroy(senders);
	g_io_channel_unref(in);
	g_main_loop_unref(loop);
	return status;
}
