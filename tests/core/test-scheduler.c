/* test-scheduler.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "orgsync-scheduler.h"
#include "orgsync-status.h"

#define T0 (G_GINT64_CONSTANT (1767225600) * G_USEC_PER_SEC)   /* 2026-01-01 00:00 UTC */
#define MINUTE (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
#define HOUR (60 * MINUTE)

/*
 * A network monitor the test controls
 */

#define TEST_TYPE_NETWORK_MONITOR (test_network_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestNetworkMonitor, test_network_monitor, TEST, NETWORK_MONITOR, GObject)

struct _TestNetworkMonitor
{
  GObject  parent_instance;
  gboolean available;
  gboolean metered;
};

enum { PROP_0, PROP_AVAILABLE, PROP_METERED, PROP_CONNECTIVITY };

static void test_network_monitor_iface_init (GNetworkMonitorInterface *iface);

static gboolean
test_network_monitor_initable_init (GInitable     *initable,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  return TRUE;
}

static void
test_network_monitor_initable_iface_init (GInitableIface *iface)
{
  iface->init = test_network_monitor_initable_init;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestNetworkMonitor, test_network_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, test_network_monitor_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, test_network_monitor_iface_init))

static void
test_network_monitor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TestNetworkMonitor *self = TEST_NETWORK_MONITOR (object);

  switch (prop_id)
    {
    case PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case PROP_METERED:
      g_value_set_boolean (value, self->metered);
      break;
    case PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
test_network_monitor_can_reach (GNetworkMonitor     *monitor,
                                GSocketConnectable  *connectable,
                                GCancellable        *cancellable,
                                GError             **error)
{
  return TEST_NETWORK_MONITOR (monitor)->available;
}

static void
test_network_monitor_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = test_network_monitor_can_reach;
}

static void
test_network_monitor_class_init (TestNetworkMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_network_monitor_get_property;
  g_object_class_override_property (object_class, PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, PROP_CONNECTIVITY, "connectivity");
}

static void
test_network_monitor_init (TestNetworkMonitor *self)
{
  self->available = TRUE;
}

static void
set_network (TestNetworkMonitor *monitor,
             gboolean            available,
             gboolean            metered)
{
  gboolean metered_changed = monitor->metered != metered;

  monitor->available = available;
  monitor->metered = metered;
  if (metered_changed)
    g_object_notify (G_OBJECT (monitor), "network-metered");
  g_signal_emit_by_name (monitor, "network-changed", available);
}

/*
 * Fixture: a scheduler on a manual clock, recording its runs
 */

typedef struct
{
  OrgsyncClock       *clock;
  TestNetworkMonitor *monitor;
  OrgsyncScheduler   *scheduler;
  OrgsyncConnection  *connection;
  guint               runs;
  guint               catch_ups;
} Fixture;

static void
run_due_cb (OrgsyncScheduler  *scheduler,
            OrgsyncConnection *connection,
            gboolean           catch_up,
            gpointer           user_data)
{
  Fixture *fixture = user_data;

  fixture->runs++;
  if (catch_up)
    fixture->catch_ups++;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->clock = orgsync_clock_new_manual (T0);
  fixture->monitor = g_object_new (TEST_TYPE_NETWORK_MONITOR, NULL);
  fixture->scheduler = orgsync_scheduler_new (fixture->clock, G_NETWORK_MONITOR (fixture->monitor));
  fixture->connection = orgsync_connection_new ("c");
  g_signal_connect (fixture->scheduler, "run-due", G_CALLBACK (run_due_cb), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (fixture->scheduler);
  g_assert_finalize_object (fixture->connection);
  g_assert_finalize_object (fixture->monitor);
  g_assert_finalize_object (fixture->clock);
}

/* The connection has synced before, at T0. */
static void
add_synced_connection (Fixture *fixture)
{
  g_autoptr(GDateTime) last = g_date_time_new_from_unix_utc (T0 / G_USEC_PER_SEC);

  orgsync_connection_set_last_sync (fixture->connection, last);
  orgsync_connection_set_initial_sync_done (fixture->connection, TRUE);
  orgsync_connection_set_status (fixture->connection, ORGSYNC_CONNECTION_STATUS_ACTIVE);
  orgsync_scheduler_add_connection (fixture->scheduler, fixture->connection);
}

static void
finish (Fixture           *fixture,
        OrgsyncRunOutcome  outcome)
{
  orgsync_scheduler_run_finished (fixture->scheduler, fixture->connection, outcome);
}

static void
test_first_run_and_interval (Fixture       *fixture,
                             gconstpointer  data)
{
  GDateTime *next;

  /* Never synced: due at once, and only once while it runs. */
  orgsync_scheduler_add_connection (fixture->scheduler, fixture->connection);
  g_assert_cmpuint (fixture->runs, ==, 1);
  orgsync_clock_advance (fixture->clock, 3 * HOUR);
  g_assert_cmpuint (fixture->runs, ==, 1);
  g_assert_null (orgsync_connection_get_next_sync (fixture->connection));

  finish (fixture, ORGSYNC_RUN_OUTCOME_SUCCEEDED);
  g_assert_cmpint (orgsync_scheduler_get_next_due (fixture->scheduler, fixture->connection), ==, T0 + 4 * HOUR);
  next = orgsync_connection_get_next_sync (fixture->connection);
  g_assert_nonnull (next);
  g_assert_cmpint (g_date_time_to_unix (next), ==, (T0 + 4 * HOUR) / G_USEC_PER_SEC);

  orgsync_clock_advance (fixture->clock, 59 * MINUTE);
  g_assert_cmpuint (fixture->runs, ==, 1);
  orgsync_clock_advance (fixture->clock, MINUTE);
  g_assert_cmpuint (fixture->runs, ==, 2);
  g_assert_cmpuint (fixture->catch_ups, ==, 0);
}

static void
test_frequencies (Fixture       *fixture,
                  gconstpointer  data)
{
  add_synced_connection (fixture);

  for (OrgsyncUpdateFrequency f = ORGSYNC_UPDATE_FREQUENCY_15_MINUTES; f < ORGSYNC_UPDATE_FREQUENCY_MANUAL; f++)
    {
      orgsync_connection_set_update_frequency (fixture->connection, f);
      g_assert_cmpint (orgsync_scheduler_get_next_due (fixture->scheduler, fixture->connection), ==,
                       T0 + orgsync_update_frequency_get_seconds (f) * G_USEC_PER_SEC);
    }

  orgsync_connection_set_update_frequency (fixture->connection, ORGSYNC_UPDATE_FREQUENCY_MANUAL);
  g_assert_cmpint (orgsync_scheduler_get_next_due (fixture->scheduler, fixture->connection), ==, -1);
  orgsync_clock_advance (fixture->clock, 48 * HOUR);
  g_assert_cmpuint (fixture->runs, ==, 0);
  g_assert_null (orgsync_connection_get_next_sync (fixture->connection));

  /* Back to every 15 minutes: long overdue, so it runs at once as a catch-up. */
  orgsync_connection_set_update_frequency (fixture->connection, ORGSYNC_UPDATE_FREQUENCY_15_MINUTES);
  g_assert_cmpuint (fixture->runs, ==, 1);
  g_assert_cmpuint (fixture->catch_ups, ==, 1);
}

static void
test_offline_and_metered (Fixture       *fixture,
                          gconstpointer  data)
{
  add_synced_connection (fixture);

  set_network (fixture->monitor, FALSE, FALSE);
  orgsync_clock_advance (fixture->clock, 2 * HOUR);
  g_assert_cmpuint (fixture->runs, ==, 0);

  /* Back online: the missed sync runs now, once. */
  set_network (fixture->monitor, TRUE, FALSE);
  g_assert_cmpuint (fixture->runs, ==, 1);
  g_assert_cmpuint (fixture->catch_ups, ==, 1);
  finish (fixture, ORGSYNC_RUN_OUTCOME_SUCCEEDED);

  /* A metered network is skipped unless allowed. */
  set_network (fixture->monitor, TRUE, TRUE);
  orgsync_clock_advance (fixture->clock, HOUR);
  g_assert_cmpuint (fixture->runs, ==, 1);
  orgsync_scheduler_set_allow_metered (fixture->scheduler, TRUE);
  g_assert_cmpuint (fixture->runs, ==, 2);
  finish (fixture, ORGSYNC_RUN_OUTCOME_SUCCEEDED);

  orgsync_scheduler_set_allow_metered (fixture->scheduler, FALSE);
  orgsync_clock_advance (fixture->clock, HOUR);
  g_assert_cmpuint (fixture->runs, ==, 2);
  set_network (fixture->monitor, TRUE, FALSE);
  g_assert_cmpuint (fixture->runs, ==, 3);
}

/* After a suspend of five hours: one catch-up run, then the normal rhythm. */
static void
test_suspend_catch_up (Fixture       *fixture,
                       gconstpointer  data)
{
  add_synced_connection (fixture);

  orgsync_clock_advance (fixture->clock, 5 * HOUR + 10 * MINUTE);
  g_assert_cmpuint (fixture->runs, ==, 1);
  g_assert_cmpuint (fixture->catch_ups, ==, 1);

  finish (fixture, ORGSYNC_RUN_OUTCOME_SUCCEEDED);
  g_assert_cmpuint (fixture->runs, ==, 1);
  g_assert_cmpint (orgsync_scheduler_get_next_due (fixture->scheduler, fixture->connection), ==,
                   T0 + 6 * HOUR + 10 * MINUTE);
}

static void
fail_run (Fixture *fixture)
{
  OrgsyncStatusEvent failed = { ORGSYNC_STATUS_EVENT_SYNC_FAILED, orgsync_clock_get_now (fixture->clock),
                                NULL, "Could not connect: Network is unreachable", NULL, 0 };

  orgsync_connection_apply_status_event (fixture->connection, &failed);
  finish (fixture, ORGSYNC_RUN_OUTCOME_FAILED);
}

/* Failures back off 5, 10, 20 minutes; the third is an Error and retries go on. */
static void
test_backoff_and_error (Fixture       *fixture,
                        gconstpointer  data)
{
  OrgsyncStatusEvent succeeded = { ORGSYNC_STATUS_EVENT_SYNC_SUCCEEDED, 0, NULL, NULL, NULL, 0 };
  gint64 start;

  add_synced_connection (fixture);
  orgsync_clock_set_now (fixture->clock, T0 + HOUR);
  g_assert_cmpuint (fixture->runs, ==, 1);
  start = orgsync_clock_get_now (fixture->clock);

  fail_run (fixture);
  g_assert_cmpint (orgsync_scheduler_get_next_due (fixture->scheduler, fixture->connection), ==, start + 5 * MINUTE);
  orgsync_clock_advance (fixture->clock, 5 * MINUTE);
  g_assert_cmpuint (fixture->runs, ==, 2);

  fail_run (fixture);
  g_assert_cmpint (orgsync_scheduler_get_next_due (fixture->scheduler, fixture->connection), ==,
                   start + 15 * MINUTE);
  orgsync_clock_advance (fixture->clock, 10 * MINUTE);
  g_assert_cmpuint (fixture->runs, ==, 3);
  g_assert_cmpint (orgsync_connection_get_status (fixture->connection), ==, ORGSYNC_CONNECTION_STATUS_ACTIVE);

  fail_run (fixture);
  g_assert_cmpint (orgsync_connection_get_status (fixture->connection), ==, ORGSYNC_CONNECTION_STATUS_ERROR);
  g_assert_cmpint (orgsync_connection_get_status_action (fixture->connection), ==, ORGSYNC_STATUS_ACTION_RETRY);
  g_assert_cmpint (orgsync_scheduler_get_next_due (fixture->scheduler, fixture->connection), ==,
                   start + 35 * MINUTE);

  /* Capped by the interval. */
  orgsync_connection_set_update_frequency (fixture->connection, ORGSYNC_UPDATE_FREQUENCY_15_MINUTES);
  orgsync_clock_advance (fixture->clock, 15 * MINUTE);
  g_assert_cmpuint (fixture->runs, ==, 4);
  fail_run (fixture);
  g_assert_cmpint (orgsync_scheduler_get_next_due (fixture->scheduler, fixture->connection), ==,
                   orgsync_clock_get_now (fixture->clock) + 15 * MINUTE);

  /* Success: Active again, back to the interval. */
  orgsync_clock_advance (fixture->clock, 15 * MINUTE);
  g_assert_cmpuint (fixture->runs, ==, 5);
  succeeded.at = orgsync_clock_get_now (fixture->clock);
  orgsync_connection_apply_status_event (fixture->connection, &succeeded);
  finish (fixture, ORGSYNC_RUN_OUTCOME_SUCCEEDED);
  g_assert_cmpint (orgsync_connection_get_status (fixture->connection), ==, ORGSYNC_CONNECTION_STATUS_ACTIVE);
  g_assert_cmpint (orgsync_scheduler_get_next_due (fixture->scheduler, fixture->connection), ==,
                   orgsync_clock_get_now (fixture->clock) + 15 * MINUTE);
}

/* Errors that need the person stop scheduling; a quota stop resumes at its time. */
static void
test_needs_user_and_quota (Fixture       *fixture,
                           gconstpointer  data)
{
  OrgsyncStatusEvent auth = { ORGSYNC_STATUS_EVENT_AUTH_FAILED, 0, "invalid_grant", "expired", NULL, 0 };
  OrgsyncStatusEvent quota = { ORGSYNC_STATUS_EVENT_QUOTA_REACHED, 0, NULL, NULL, "quota", T0 + 5 * HOUR };
  OrgsyncStatusEvent reauthorized = { ORGSYNC_STATUS_EVENT_REAUTHORIZED, 0, NULL, NULL, NULL, 0 };

  add_synced_connection (fixture);
  orgsync_clock_set_now (fixture->clock, T0 + HOUR);
  g_assert_cmpuint (fixture->runs, ==, 1);

  orgsync_connection_apply_status_event (fixture->connection, &auth);
  finish (fixture, ORGSYNC_RUN_OUTCOME_STOPPED);
  g_assert_cmpint (orgsync_scheduler_get_next_due (fixture->scheduler, fixture->connection), ==, -1);
  orgsync_clock_advance (fixture->clock, 24 * HOUR);
  g_assert_cmpuint (fixture->runs, ==, 1);

  /* Reauthorized a day later: overdue, so it syncs at once. */
  orgsync_connection_apply_status_event (fixture->connection, &reauthorized);
  g_assert_cmpuint (fixture->runs, ==, 2);

  orgsync_clock_set_now (fixture->clock, T0 + 2 * HOUR);
  orgsync_connection_apply_status_event (fixture->connection, &quota);
  finish (fixture, ORGSYNC_RUN_OUTCOME_STOPPED);
  g_assert_cmpint (orgsync_scheduler_get_next_due (fixture->scheduler, fixture->connection), ==, T0 + 5 * HOUR);
  orgsync_clock_set_now (fixture->clock, T0 + 5 * HOUR - MINUTE);
  g_assert_cmpuint (fixture->runs, ==, 2);
  orgsync_clock_advance (fixture->clock, MINUTE);
  g_assert_cmpuint (fixture->runs, ==, 3);
}

static void
test_paused_and_manual_runs (Fixture       *fixture,
                             gconstpointer  data)
{
  add_synced_connection (fixture);

  orgsync_connection_set_sync_enabled (fixture->connection, FALSE);
  orgsync_clock_advance (fixture->clock, 5 * HOUR);
  g_assert_cmpuint (fixture->runs, ==, 0);

  /* A Sync Now in progress is not doubled by the schedule. */
  orgsync_scheduler_run_started (fixture->scheduler, fixture->connection);
  orgsync_connection_set_sync_enabled (fixture->connection, TRUE);
  g_assert_cmpuint (fixture->runs, ==, 0);
  finish (fixture, ORGSYNC_RUN_OUTCOME_SUCCEEDED);
  g_assert_cmpuint (fixture->runs, ==, 0);
  orgsync_clock_advance (fixture->clock, HOUR);
  g_assert_cmpuint (fixture->runs, ==, 1);

  orgsync_scheduler_remove_connection (fixture->scheduler, fixture->connection);
  orgsync_clock_advance (fixture->clock, 5 * HOUR);
  g_assert_cmpuint (fixture->runs, ==, 1);
}

/* With the system clock the scheduler arms its own timer: a never-synced connection is
 * due at once, from the main loop as well. (Checks the wiring, not the timing.) */
static void
test_system_clock (void)
{
  g_autoptr(OrgsyncClock) clock = orgsync_clock_new_system ();
  g_autoptr(TestNetworkMonitor) monitor = g_object_new (TEST_TYPE_NETWORK_MONITOR, NULL);
  g_autoptr(OrgsyncScheduler) scheduler = orgsync_scheduler_new (clock, G_NETWORK_MONITOR (monitor));
  g_autoptr(OrgsyncConnection) connection = orgsync_connection_new ("c");
  Fixture counts = { 0, };

  g_signal_connect (scheduler, "run-due", G_CALLBACK (run_due_cb), &counts);
  orgsync_scheduler_add_connection (scheduler, connection);
  g_assert_cmpuint (counts.runs, ==, 1);
  orgsync_scheduler_run_finished (scheduler, connection, ORGSYNC_RUN_OUTCOME_SUCCEEDED);
  g_assert_cmpint (orgsync_scheduler_get_next_due (scheduler, connection), >, g_get_real_time ());
  g_signal_handlers_disconnect_by_data (scheduler, &counts);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/scheduler/first-run-and-interval", test_first_run_and_interval);
  ADD ("/scheduler/frequencies", test_frequencies);
  ADD ("/scheduler/offline-and-metered", test_offline_and_metered);
  ADD ("/scheduler/suspend-catch-up", test_suspend_catch_up);
  ADD ("/scheduler/backoff-and-error", test_backoff_and_error);
  ADD ("/scheduler/needs-user-and-quota", test_needs_user_and_quota);
  ADD ("/scheduler/paused-and-manual-runs", test_paused_and_manual_runs);
  g_test_add_func ("/scheduler/system-clock", test_system_clock);
#undef ADD

  return g_test_run ();
}
