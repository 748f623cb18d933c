/* orgsync-scheduler.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "orgsync-scheduler.h"
#include "orgsync-status.h"

/* Decides when each connection syncs; the engine does the syncing. It emits
 * "run-due" and the engine answers with orgsync_scheduler_run_finished().
 *
 * Rules:
 *  - every Update Frequency interval after the last run (the first run at once);
 *    manual-only and paused connections are never due;
 *  - nothing runs while offline, nor on a metered network unless allowed; what became
 *    due meanwhile runs when that changes;
 *  - after a suspend or any missed slots a connection runs once, flagged catch_up, and
 *    counts its interval from then: never a burst of make-up runs;
 *  - a transient failure retries after 5, 10, 20 … minutes, never later than the
 *    interval; the status machine turns the third failure in a row into Error, and
 *    retries go on at the usual times;
 *  - an Error that needs the person (Reauthorize, Check Permissions) stops scheduling;
 *    a quota stop resumes at the connection's resume-at.
 *
 * Time comes from an OrgsyncClock. With the system clock the scheduler wakes at the
 * next due time, at least once a minute so that a suspend is noticed soon after
 * resume (monotonic timers stop during suspend; the wall clock does not). With a manual
 * clock it re-evaluates on the clock's "changed" signal, which is how tests drive it. */
struct _OrgsyncScheduler
{
  GObject          parent_instance;

  OrgsyncClock    *clock;
  GNetworkMonitor *monitor;
  GPtrArray       *entries;
  guint            timeout_id;

  guint            allow_metered : 1;
};

typedef struct
{
  OrgsyncScheduler  *scheduler;
  OrgsyncConnection *connection;
  gulong             notify_id;
  gint64             anchor;          /* the interval counts from here; 0: never ran */
  gint64             retry_at;        /* a backoff retry, or 0 */
  guint              failures;        /* transient failures in a row */
  gboolean           running;
} Entry;

G_DEFINE_FINAL_TYPE (OrgsyncScheduler, orgsync_scheduler, G_TYPE_OBJECT)

enum {
  RUN_DUE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_wakeup (OrgsyncScheduler *self);

/*
 * Auxiliary methods
 */

static gint64
usec_of (GDateTime *date_time)
{
  if (date_time == NULL)
    return 0;

  return g_date_time_to_unix (date_time) * G_USEC_PER_SEC + g_date_time_get_microsecond (date_time);
}

static gint64
interval_of (OrgsyncConnection *connection)
{
  return orgsync_update_frequency_get_seconds (orgsync_connection_get_update_frequency (connection)) * G_USEC_PER_SEC;
}

/* 5, 10, 20 … minutes after a failure, never later than the interval. */
static gint64
backoff (gint64 interval,
         guint  failures)
{
  gint64 delay = MIN (interval, ORGSYNC_SCHEDULER_FIRST_RETRY);

  for (guint i = 1; i < failures && delay < interval; i++)
    delay *= 2;

  return MIN (delay, interval);
}

/* -1 when the connection is not due at all. */
static gint64
compute_next_due (Entry  *entry,
                  gint64  now)
{
  OrgsyncConnection *connection = entry->connection;
  OrgsyncConnectionStatus status = orgsync_connection_get_status (connection);
  OrgsyncStatusAction action = orgsync_connection_get_status_action (connection);
  gint64 interval = interval_of (connection);

  if (entry->running || interval <= 0 || !orgsync_connection_get_sync_enabled (connection))
    return -1;

  if (orgsync_status_needs_user (status, action))
    return -1;

  if (status == ORGSYNC_CONNECTION_STATUS_ERROR && action == ORGSYNC_STATUS_ACTION_CHANGE_LIMIT &&
      orgsync_connection_get_resume_at (connection) != NULL)
    return usec_of (orgsync_connection_get_resume_at (connection));

  if (entry->retry_at > 0)
    return entry->retry_at;

  if (entry->anchor == 0)
    return now;

  return entry->anchor + interval;
}

static void
publish_next_sync (Entry  *entry,
                   gint64  next_due)
{
  g_autoptr(GDateTime) epoch = NULL;
  g_autoptr(GDateTime) next = NULL;

  if (next_due >= 0)
    {
      epoch = g_date_time_new_from_unix_utc (0);
      next = g_date_time_add (epoch, next_due);
    }

  orgsync_connection_set_next_sync (entry->connection, next);
}

static Entry *
find_entry (OrgsyncScheduler  *self,
            OrgsyncConnection *connection)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->connection == connection)
        return entry;
    }

  return NULL;
}

static gboolean
network_allows_sync (OrgsyncScheduler *self)
{
  if (!g_network_monitor_get_network_available (self->monitor))
    return FALSE;

  if (!self->allow_metered && g_network_monitor_get_network_metered (self->monitor))
    return FALSE;

  return TRUE;
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_clear_signal_handler (&entry->notify_id, entry->connection);
  g_clear_object (&entry->connection);
  g_free (entry);
}

/*
 * Signal callbacks
 */

static gboolean
timeout_cb (gpointer user_data)
{
  OrgsyncScheduler *self = user_data;

  self->timeout_id = 0;
  orgsync_scheduler_tick (self);

  return G_SOURCE_REMOVE;
}

static void
clock_changed_cb (OrgsyncScheduler *self,
                  OrgsyncClock     *clock)
{
  orgsync_scheduler_tick (self);
}

static void
network_changed_cb (OrgsyncScheduler *self)
{
  orgsync_scheduler_tick (self);
}

static void
connection_notify_cb (OrgsyncConnection *connection,
                      GParamSpec        *pspec,
                      gpointer           user_data)
{
  Entry *entry = user_data;
  static const char * const relevant[] = {
    "sync-enabled", "update-frequency", "status", "status-action", "resume-at", NULL,
  };

  if (!g_strv_contains (relevant, pspec->name))
    return;

  /* A new frequency or a resumed connection starts from a clean slate of retries. */
  if (g_str_equal (pspec->name, "update-frequency") || g_str_equal (pspec->name, "sync-enabled"))
    entry->retry_at = 0;

  orgsync_scheduler_tick (entry->scheduler);
}

static void
schedule_wakeup (OrgsyncScheduler *self)
{
  gint64 now = orgsync_clock_get_now (self->clock);
  gint64 earliest = G_MAXINT64;
  guint seconds;

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  if (orgsync_clock_is_manual (self->clock) || self->entries->len == 0)
    return;

  for (guint i = 0; i < self->entries->len; i++)
    {
      gint64 due = compute_next_due (g_ptr_array_index (self->entries, i), now);

      if (due >= 0)
        earliest = MIN (earliest, due);
    }

  /* At least once a minute, to notice a suspend or a clock change soon. */
  seconds = earliest == G_MAXINT64 ? 60 : (guint) CLAMP ((earliest - now) / G_USEC_PER_SEC + 1, 1, 60);
  self->timeout_id = g_timeout_add_seconds (seconds, timeout_cb, self);
}

/*
 * GObject
 */

static void
orgsync_scheduler_dispose (GObject *object)
{
  OrgsyncScheduler *self = (OrgsyncScheduler *)object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->entries != NULL)
    g_ptr_array_set_size (self->entries, 0);
  if (self->clock != NULL)
    g_signal_handlers_disconnect_by_data (self->clock, self);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);

  G_OBJECT_CLASS (orgsync_scheduler_parent_class)->dispose (object);
}

static void
orgsync_scheduler_finalize (GObject *object)
{
  OrgsyncScheduler *self = (OrgsyncScheduler *)object;

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_object (&self->clock);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (orgsync_scheduler_parent_class)->finalize (object);
}

static void
orgsync_scheduler_class_init (OrgsyncSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = orgsync_scheduler_dispose;
  object_class->finalize = orgsync_scheduler_finalize;

  /**
   * OrgsyncScheduler::run-due:
   * @connection: the connection to sync
   * @catch_up: whether slots were missed (suspend, offline, metered)
   *
   * Time to sync @connection. The handler starts the run (or does not, and says so
   * with orgsync_scheduler_run_finished()); it is not due again before that.
   */
  signals[RUN_DUE] =
    g_signal_new ("run-due",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, ORGSYNC_TYPE_CONNECTION, G_TYPE_BOOLEAN);
}

static void
orgsync_scheduler_init (OrgsyncScheduler *self)
{
  self->entries = g_ptr_array_new_with_free_func (entry_free);
}

/*
 * Public API
 */

/**
 * orgsync_scheduler_new:
 * @clock: the time source (a manual clock in tests)
 * @monitor: (nullable): the network monitor, or %NULL for the default one
 */
OrgsyncScheduler *
orgsync_scheduler_new (OrgsyncClock    *clock,
                       GNetworkMonitor *monitor)
{
  OrgsyncScheduler *self;

  g_return_val_if_fail (ORGSYNC_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor), NULL);

  self = g_object_new (ORGSYNC_TYPE_SCHEDULER, NULL);
  self->clock = g_object_ref (clock);
  self->monitor = g_object_ref (monitor != NULL ? monitor : g_network_monitor_get_default ());

  g_signal_connect_object (self->clock, "changed", G_CALLBACK (clock_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->monitor, "network-changed", G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->monitor, "notify::network-metered", G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}

gboolean
orgsync_scheduler_get_allow_metered (OrgsyncScheduler *self)
{
  g_return_val_if_fail (ORGSYNC_IS_SCHEDULER (self), FALSE);

  return self->allow_metered;
}

/* Whether syncing may use a metered network (mobile data); off by default. */
void
orgsync_scheduler_set_allow_metered (OrgsyncScheduler *self,
                                     gboolean          allow_metered)
{
  g_return_if_fail (ORGSYNC_IS_SCHEDULER (self));

  self->allow_metered = !!allow_metered;
  orgsync_scheduler_tick (self);
}

/* Starts scheduling @connection; the interval counts from its last successful sync, and
 * a connection that never synced is due at once. */
void
orgsync_scheduler_add_connection (OrgsyncScheduler  *self,
                                  OrgsyncConnection *connection)
{
  Entry *entry;

  g_return_if_fail (ORGSYNC_IS_SCHEDULER (self));
  g_return_if_fail (ORGSYNC_IS_CONNECTION (connection));
  g_return_if_fail (find_entry (self, connection) == NULL);

  entry = g_new0 (Entry, 1);
  entry->scheduler = self;
  entry->connection = g_object_ref (connection);
  entry->anchor = usec_of (orgsync_connection_get_last_sync (connection));
  entry->notify_id = g_signal_connect (connection, "notify", G_CALLBACK (connection_notify_cb), entry);
  g_ptr_array_add (self->entries, entry);

  orgsync_scheduler_tick (self);
}

void
orgsync_scheduler_remove_connection (OrgsyncScheduler  *self,
                                     OrgsyncConnection *connection)
{
  Entry *entry;

  g_return_if_fail (ORGSYNC_IS_SCHEDULER (self));

  if ((entry = find_entry (self, connection)) != NULL)
    g_ptr_array_remove (self->entries, entry);

  schedule_wakeup (self);
}

/* A run the scheduler did not start (Sync Now) is in progress. */
void
orgsync_scheduler_run_started (OrgsyncScheduler  *self,
                               OrgsyncConnection *connection)
{
  Entry *entry;

  g_return_if_fail (ORGSYNC_IS_SCHEDULER (self));

  if ((entry = find_entry (self, connection)) == NULL)
    return;

  entry->running = TRUE;
  publish_next_sync (entry, -1);
  schedule_wakeup (self);
}

void
orgsync_scheduler_run_finished (OrgsyncScheduler  *self,
                                OrgsyncConnection *connection,
                                OrgsyncRunOutcome  outcome)
{
  gint64 now;
  Entry *entry;

  g_return_if_fail (ORGSYNC_IS_SCHEDULER (self));

  if ((entry = find_entry (self, connection)) == NULL)
    return;

  now = orgsync_clock_get_now (self->clock);
  entry->running = FALSE;
  entry->anchor = now;
  entry->retry_at = 0;

  switch (outcome)
    {
    case ORGSYNC_RUN_OUTCOME_FAILED:
      entry->failures++;
      entry->retry_at = now + backoff (interval_of (connection), entry->failures);
      break;
    case ORGSYNC_RUN_OUTCOME_SUCCEEDED:
      entry->failures = 0;
      break;
    case ORGSYNC_RUN_OUTCOME_STOPPED:
    case ORGSYNC_RUN_OUTCOME_CANCELLED:
    default:
      break;
    }

  orgsync_scheduler_tick (self);
}

/* When @connection is due next (µs since the Unix epoch), or -1 when not at all. */
gint64
orgsync_scheduler_get_next_due (OrgsyncScheduler  *self,
                                OrgsyncConnection *connection)
{
  Entry *entry;

  g_return_val_if_fail (ORGSYNC_IS_SCHEDULER (self), -1);

  if ((entry = find_entry (self, connection)) == NULL)
    return -1;

  return compute_next_due (entry, orgsync_clock_get_now (self->clock));
}

/**
 * orgsync_scheduler_tick:
 *
 * Looks at the time and the network and emits "run-due" for every connection that is
 * due. Runs by itself; public for callers that know something changed.
 */
void
orgsync_scheduler_tick (OrgsyncScheduler *self)
{
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) catch_up = g_array_new (FALSE, FALSE, sizeof (gboolean));
  gboolean network_ok;
  gint64 now;

  g_return_if_fail (ORGSYNC_IS_SCHEDULER (self));

  now = orgsync_clock_get_now (self->clock);
  network_ok = network_allows_sync (self);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      gint64 next_due = compute_next_due (entry, now);

      if (next_due >= 0 && next_due <= now && network_ok)
        {
          /* More than an interval late: slots were missed; this run makes up for all. */
          gboolean late = entry->anchor != 0 && now - next_due >= interval_of (entry->connection);

          entry->running = TRUE;
          entry->retry_at = 0;
          g_ptr_array_add (due, g_object_ref (entry->connection));
          g_array_append_val (catch_up, late);
          next_due = -1;
        }

      publish_next_sync (entry, next_due);
    }

  /* Emit after the loop: a handler may add, remove or finish connections. */
  for (guint i = 0; i < due->len; i++)
    g_signal_emit (self, signals[RUN_DUE], 0, g_ptr_array_index (due, i),
                   g_array_index (catch_up, gboolean, i));

  schedule_wakeup (self);
}
