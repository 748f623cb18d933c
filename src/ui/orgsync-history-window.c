/* orgsync-history-window.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "orgsync-format.h"
#include "orgsync-history-window.h"
#include "orgsync-sync-run.h"
#include "orgsync-ui-format.h"

/* The sync history of one connection: each run with when it ran, how it ended, the
 * records it added, updated and deleted per table, and the API calls it used. The
 * newest run is first. The window shows a snapshot; it is cheap to open again. */
struct _OrgsyncHistoryWindow
{
  AdwWindow            parent_instance;

  AdwPreferencesGroup *runs_group;
  AdwWindowTitle      *window_title;
  GtkStack            *stack;

  guint                n_runs;
};

G_DEFINE_FINAL_TYPE (OrgsyncHistoryWindow, orgsync_history_window, ADW_TYPE_WINDOW)

static const char *
result_label (OrgsyncRunResult result)
{
  switch (result)
    {
    case ORGSYNC_RUN_RESULT_RUNNING:
      return _("Running");
    case ORGSYNC_RUN_RESULT_SUCCESS:
      return _("Succeeded");
    case ORGSYNC_RUN_RESULT_PARTIAL:
      return _("Partly succeeded");
    case ORGSYNC_RUN_RESULT_FAILED:
      return _("Failed");
    case ORGSYNC_RUN_RESULT_CANCELLED:
      return _("Cancelled");
    case ORGSYNC_RUN_RESULT_QUOTA_STOPPED:
      return _("Stopped at the API limit");
    case ORGSYNC_RUN_RESULT_INTERRUPTED:
      return _("Interrupted");
    default:
      return "";
    }
}

static char *
format_changes (guint64 added,
                guint64 updated,
                guint64 deleted)
{
  g_autofree char *a = orgsync_format_count ((gint64) added);
  g_autofree char *u = orgsync_format_count ((gint64) updated);
  g_autofree char *d = orgsync_format_count ((gint64) deleted);

  /* Translators: records added, updated and deleted */
  return g_strdup_printf (_("%s added, %s updated, %s deleted"), a, u, d);
}

static char *
format_title (const OrgsyncSyncRun *run,
              GDateTime            *now)
{
  g_autoptr(GDateTime) started = g_date_time_new_from_unix_utc (run->started_at / G_USEC_PER_SEC);
  g_autofree char *when = orgsync_format_clock_time (started, now);

  /* Translators: when a sync ran, and how it ended */
  return g_strdup_printf (_("%s · %s"), when, result_label (run->result));
}

static char *
format_subtitle (const OrgsyncSyncRun *run)
{
  guint64 added = 0, updated = 0, deleted = 0;
  g_autofree char *changes = NULL;
  g_autofree char *calls = orgsync_format_count ((gint64) run->api_calls);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; run->objects != NULL && i < run->objects->len; i++)
    {
      const OrgsyncSyncRunObject *object = &g_array_index (run->objects, OrgsyncSyncRunObject, i);

      added += object->added;
      updated += object->updated;
      deleted += object->deleted;
    }

  changes = format_changes (added, updated, deleted);
  g_string_append (text, changes);
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " · %s API call", " · %s API calls",
                                             run->api_calls),
                          calls);

  if (run->finished_at > run->started_at)
    {
      gint64 seconds = (run->finished_at - run->started_at) / G_USEC_PER_SEC;

      if (seconds < 60)
        g_string_append_printf (text, _(" · %d s"), (int) seconds);
      else
        g_string_append_printf (text, _(" · %d min %d s"), (int) (seconds / 60), (int) (seconds % 60));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_run (OrgsyncHistoryWindow *self,
         const OrgsyncSyncRun *run,
         GDateTime            *now)
{
  GtkWidget *expander = adw_expander_row_new ();
  g_autofree char *title = format_title (run, now);
  g_autofree char *subtitle = format_subtitle (run);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);

  if (run->message != NULL && *run->message != '\0')
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *message = run->error_code != NULL
        ? g_strdup_printf (_("%s (%s)"), run->message, run->error_code)
        : g_strdup (run->message);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), message);
      gtk_widget_add_css_class (row, "error-detail");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }

  for (guint i = 0; run->objects != NULL && i < run->objects->len; i++)
    {
      const OrgsyncSyncRunObject *object = &g_array_index (run->objects, OrgsyncSyncRunObject, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *changes = format_changes (object->added, object->updated, object->deleted);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), object->object);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), changes);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }

  adw_preferences_group_add (self->runs_group, expander);
  self->n_runs++;
}

static void
orgsync_history_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ORGSYNC_TYPE_HISTORY_WINDOW);

  G_OBJECT_CLASS (orgsync_history_window_parent_class)->dispose (object);
}

static void
orgsync_history_window_class_init (OrgsyncHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = orgsync_history_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/orgsync-history-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OrgsyncHistoryWindow, runs_group);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncHistoryWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncHistoryWindow, window_title);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
orgsync_history_window_init (OrgsyncHistoryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * orgsync_history_window_new:
 * @runs: (element-type OrgsyncSyncRun): newest first
 */
OrgsyncHistoryWindow *
orgsync_history_window_new (const char *connection_name,
                            GPtrArray  *runs)
{
  OrgsyncHistoryWindow *self = g_object_new (ORGSYNC_TYPE_HISTORY_WINDOW, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  adw_window_title_set_subtitle (self->window_title, connection_name);

  for (guint i = 0; runs != NULL && i < runs->len; i++)
    add_run (self, g_ptr_array_index (runs, i), now);

  gtk_stack_set_visible_child_name (self->stack, self->n_runs > 0 ? "runs" : "empty");

  return self;
}

guint
orgsync_history_window_get_n_runs (OrgsyncHistoryWindow *self)
{
  g_return_val_if_fail (ORGSYNC_IS_HISTORY_WINDOW (self), 0);

  return self->n_runs;
}
