/* test-status.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "orgsync-status.h"

#define T0 (G_GINT64_CONSTANT (1767225600) * G_USEC_PER_SEC)   /* 2026-01-01 00:00 UTC */

static OrgsyncStatusEvent
event (OrgsyncStatusEventType type)
{
  OrgsyncStatusEvent e = { type, T0, NULL, NULL, NULL, 0 };

  return e;
}

static void
apply (OrgsyncConnection      *connection,
       OrgsyncStatusEventType  type)
{
  OrgsyncStatusEvent e = event (type);

  orgsync_connection_apply_status_event (connection, &e);
}

static void
assert_status (OrgsyncConnection       *connection,
               OrgsyncConnectionStatus  status,
               OrgsyncStatusAction      action)
{
  g_assert_cmpint (orgsync_connection_get_status (connection), ==, status);
  g_assert_cmpint (orgsync_connection_get_status_action (connection), ==, action);
}

/* New connection → Setting Up → first sync → Active; a new selection → Setting Up. */
static void
test_first_sync (void)
{
  g_autoptr(OrgsyncConnection) connection = orgsync_connection_new ("c");
  OrgsyncStatusEvent succeeded = event (ORGSYNC_STATUS_EVENT_SYNC_SUCCEEDED);

  assert_status (connection, ORGSYNC_CONNECTION_STATUS_SETTING_UP, ORGSYNC_STATUS_ACTION_NONE);
  apply (connection, ORGSYNC_STATUS_EVENT_SYNC_STARTED);
  assert_status (connection, ORGSYNC_CONNECTION_STATUS_SETTING_UP, ORGSYNC_STATUS_ACTION_NONE);

  /* Cancelling the first sync keeps Setting Up. */
  apply (connection, ORGSYNC_STATUS_EVENT_SYNC_CANCELLED);
  assert_status (connection, ORGSYNC_CONNECTION_STATUS_SETTING_UP, ORGSYNC_STATUS_ACTION_NONE);

  succeeded.at = T0 + 60 * G_USEC_PER_SEC;
  g_assert_true (orgsync_connection_apply_status_event (connection, &succeeded));
  assert_status (connection, ORGSYNC_CONNECTION_STATUS_ACTIVE, ORGSYNC_STATUS_ACTION_NONE);
  g_assert_true (orgsync_connection_get_initial_sync_done (connection));
  g_assert_cmpint (g_date_time_to_unix (orgsync_connection_get_last_sync (connection)), ==, T0 / G_USEC_PER_SEC + 60);

  /* Incremental runs stay Active; no state change means no notification. */
  apply (connection, ORGSYNC_STATUS_EVENT_SYNC_STARTED);
  assert_status (connection, ORGSYNC_CONNECTION_STATUS_ACTIVE, ORGSYNC_STATUS_ACTION_NONE);
  g_assert_false (orgsync_connection_apply_status_event (connection, &succeeded));

  apply (connection, ORGSYNC_STATUS_EVENT_SELECTION_CHANGED);
  assert_status (connection, ORGSYNC_CONNECTION_STATUS_SETTING_UP, ORGSYNC_STATUS_ACTION_NONE);
  apply (connection, ORGSYNC_STATUS_EVENT_SYNC_SUCCEEDED);
  assert_status (connection, ORGSYNC_CONNECTION_STATUS_ACTIVE, ORGSYNC_STATUS_ACTION_NONE);
}

/* Two transient failures are only noted; the third in a row is an Error with its
 * reason, Salesforce's code and the Sync Now action; a success clears it. */
static void
test_repeated_failures (void)
{
  g_autoptr(OrgsyncConnection) connection = orgsync_connection_new ("c");
  OrgsyncStatusEvent failed = event (ORGSYNC_STATUS_EVENT_SYNC_FAILED);

  apply (connection, ORGSYNC_STATUS_EVENT_SYNC_SUCCEEDED);
  failed.error_code = "SERVER_UNAVAILABLE";
  failed.error_message = "Server unavailable";

  g_assert_false (orgsync_connection_apply_status_event (connection, &failed));
  g_assert_false (orgsync_connection_apply_status_event (connection, &failed));
  assert_status (connection, ORGSYNC_CONNECTION_STATUS_ACTIVE, ORGSYNC_STATUS_ACTION_NONE);
  g_assert_cmpuint (orgsync_connection_get_failure_count (connection), ==, 2);
  g_assert_nonnull (strstr (orgsync_connection_get_status_detail (connection), "Retrying"));

  g_assert_true (orgsync_connection_apply_status_event (connection, &failed));
  assert_status (connection, ORGSYNC_CONNECTION_STATUS_ERROR, ORGSYNC_STATUS_ACTION_RETRY);
  g_assert_cmpstr (orgsync_connection_get_error_code (connection), ==, "SERVER_UNAVAILABLE");
  g_assert_cmpstr (orgsync_connection_get_status_detail (connection), ==,
                   "Syncing failed 3 times in a row (Server unavailable). Org Sync keeps trying at the usual times.");

  /* A retry that starts keeps showing the Error until it succeeds. */
  apply (connection, ORGSYNC_STATUS_EVENT_SYNC_STARTED);
  assert_status (connection, ORGSYNC_CONNECTION_STATUS_ERROR, ORGSYNC_STATUS_ACTION_RETRY);
  apply (connection, ORGSYNC_STATUS_EVENT_SYNC_SUCCEEDED);
  assert_status (connection, ORGSYNC_CONNECTION_STATUS_ACTIVE, ORGSYNC_STATUS_ACTION_NONE);
  g_assert_cmpuint (orgsync_connection_get_failure_count (connection), ==, 0);
  g_assert_null (orgsync_connection_get_error_code (connection));
  g_assert_null (orgsync_connection_get_status_detail (connection));

  /* A success in between resets the count. */
  orgsync_connection_apply_status_event (connection, &failed);
  orgsync_connection_apply_status_event (connection, &failed);
  apply (connection, ORGSYNC_STATUS_EVENT_SYNC_SUCCEEDED);
  orgsync_connection_apply_status_event (connection, &failed);
  assert_status (connection, ORGSYNC_CONNECTION_STATUS_ACTIVE, ORGSYNC_STATUS_ACTION_NONE);
}

static void
test_needs_user (void)
{
  g_autoptr(OrgsyncConnection) connection = orgsync_connection_new ("c");
  OrgsyncStatusEvent auth = event (ORGSYNC_STATUS_EVENT_AUTH_FAILED);
  OrgsyncStatusEvent permission = event (ORGSYNC_STATUS_EVENT_PERMISSION_MISSING);
  OrgsyncStatusEvent failed = event (ORGSYNC_STATUS_EVENT_SYNC_FAILED);

  apply (connection, ORGSYNC_STATUS_EVENT_SYNC_SUCCEEDED);

  auth.error_code = "invalid_grant";
  auth.error_message = "expired access/refresh token";
  g_assert_true (orgsync_connection_apply_status_event (connection, &auth));
  assert_status (connection, ORGSYNC_CONNECTION_STATUS_ERROR, ORGSYNC_STATUS_ACTION_REAUTHORIZE);
  g_assert_cmpstr (orgsync_connection_get_error_code (connection), ==, "invalid_grant");
  g_assert_cmpstr (orgsync_connection_get_error_message (connection), ==, "expired access/refresh token");
  g_assert_nonnull (strstr (orgsync_connection_get_status_detail (connection), "Reauthorize"));
  g_assert_true (orgsync_status_needs_user (orgsync_connection_get_status (connection),
                                            orgsync_connection_get_status_action (connection)));

  /* Transient failures do not hide it; fixing the permission does not end it. */
  orgsync_connection_apply_status_event (connection, &failed);
  apply (connection, ORGSYNC_STATUS_EVENT_PERMISSIONS_GRANTED);
  assert_status (connection, ORGSYNC_CONNECTION_STATUS_ERROR, ORGSYNC_STATUS_ACTION_REAUTHORIZE);
  g_assert_cmpuint (orgsync_connection_get_failure_count (connection), ==, 0);

  apply (connection, ORGSYNC_STATUS_EVENT_REAUTHORIZED);
  assert_status (connection, ORGSYNC_CONNECTION_STATUS_ACTIVE, ORGSYNC_STATUS_ACTION_NONE);

  permission.error_code = "INSUFFICIENT_ACCESS";
  permission.detail = "View Setup and Configuration";
  orgsync_connection_apply_status_event (connection, &permission);
  assert_status (connection, ORGSYNC_CONNECTION_STATUS_ERROR, ORGSYNC_STATUS_ACTION_CHECK_PERMISSIONS);
  g_assert_nonnull (strstr (orgsync_connection_get_status_detail (connection), "View Setup and Configuration"));
  apply (connection, ORGSYNC_STATUS_EVENT_PERMISSIONS_GRANTED);
  assert_status (connection, ORGSYNC_CONNECTION_STATUS_ACTIVE, ORGSYNC_STATUS_ACTION_NONE);

  apply (connection, ORGSYNC_STATUS_EVENT_API_DISABLED);
  assert_status (connection, ORGSYNC_CONNECTION_STATUS_ERROR, ORGSYNC_STATUS_ACTION_CHECK_PERMISSIONS);
  g_assert_nonnull (strstr (orgsync_connection_get_status_detail (connection), "API Enabled"));
}

static void
test_quota (void)
{
  g_autoptr(OrgsyncConnection) connection = orgsync_connection_new ("c");
  OrgsyncStatusEvent quota = event (ORGSYNC_STATUS_EVENT_QUOTA_REACHED);

  apply (connection, ORGSYNC_STATUS_EVENT_SYNC_SUCCEEDED);
  quota.detail = "API usage reached 80% of the daily limit (12,000 of 15,000). Syncing resumes "
                 "automatically when usage falls below the limit.";
  quota.resume_at = T0 + G_GINT64_CONSTANT (14 * 60 + 30) * 60 * G_USEC_PER_SEC;

  g_assert_true (orgsync_connection_apply_status_event (connection, &quota));
  assert_status (connection, ORGSYNC_CONNECTION_STATUS_ERROR, ORGSYNC_STATUS_ACTION_CHANGE_LIMIT);
  g_assert_cmpstr (orgsync_connection_get_status_detail (connection), ==,
                   "API usage reached 80% of the daily limit (12,000 of 15,000). Syncing resumes "
                   "automatically when usage falls below the limit. Expected to resume at 14:30.");
  g_assert_cmpint (g_date_time_to_unix (orgsync_connection_get_resume_at (connection)), ==,
                   quota.resume_at / G_USEC_PER_SEC);

  /* Stopped late in the evening, it resumes the next morning: the day is in the text,
   * which stays right when read tomorrow (2026-01-01 is a Thursday). */
  quota.at = T0 + G_GINT64_CONSTANT (23) * 3600 * G_USEC_PER_SEC;
  quota.resume_at = T0 + G_GINT64_CONSTANT (33 * 60 + 10) * 60 * G_USEC_PER_SEC;
  quota.detail = NULL;
  orgsync_connection_apply_status_event (connection, &quota);
  g_assert_cmpstr (orgsync_connection_get_status_detail (connection), ==,
                   "API usage reached the limit set for this connection. Expected to resume at Fri 09:10.");

  /* It resumes by itself. */
  g_assert_true (orgsync_connection_apply_status_event (connection, &(OrgsyncStatusEvent) { ORGSYNC_STATUS_EVENT_QUOTA_RECOVERED, T0, NULL, NULL, NULL, 0 }));
  assert_status (connection, ORGSYNC_CONNECTION_STATUS_ACTIVE, ORGSYNC_STATUS_ACTION_NONE);
  g_assert_null (orgsync_connection_get_resume_at (connection));

  /* Recovering from a quota stop does not clear a sign-in problem. */
  apply (connection, ORGSYNC_STATUS_EVENT_AUTH_FAILED);
  apply (connection, ORGSYNC_STATUS_EVENT_QUOTA_RECOVERED);
  assert_status (connection, ORGSYNC_CONNECTION_STATUS_ERROR, ORGSYNC_STATUS_ACTION_REAUTHORIZE);
}

static void
test_pause_resume (void)
{
  g_autoptr(OrgsyncConnection) connection = orgsync_connection_new ("c");
  OrgsyncStatusEvent paused = event (ORGSYNC_STATUS_EVENT_PAUSED);

  apply (connection, ORGSYNC_STATUS_EVENT_AUTH_FAILED);

  paused.at = T0 + G_USEC_PER_SEC;
  g_assert_true (orgsync_connection_apply_status_event (connection, &paused));
  assert_status (connection, ORGSYNC_CONNECTION_STATUS_NOT_SYNCING, ORGSYNC_STATUS_ACTION_NONE);
  g_assert_false (orgsync_connection_get_sync_enabled (connection));
  g_assert_cmpint (g_date_time_to_unix (orgsync_connection_get_paused_at (connection)), ==, T0 / G_USEC_PER_SEC + 1);

  /* While paused nothing else changes the status. */
  apply (connection, ORGSYNC_STATUS_EVENT_SYNC_FAILED);
  apply (connection, ORGSYNC_STATUS_EVENT_QUOTA_REACHED);
  apply (connection, ORGSYNC_STATUS_EVENT_SYNC_STARTED);
  assert_status (connection, ORGSYNC_CONNECTION_STATUS_NOT_SYNCING, ORGSYNC_STATUS_ACTION_NONE);

  /* Resumed before any successful sync: Setting Up. */
  apply (connection, ORGSYNC_STATUS_EVENT_RESUMED);
  assert_status (connection, ORGSYNC_CONNECTION_STATUS_SETTING_UP, ORGSYNC_STATUS_ACTION_NONE);
  g_assert_true (orgsync_connection_get_sync_enabled (connection));
  g_assert_null (orgsync_connection_get_paused_at (connection));

  apply (connection, ORGSYNC_STATUS_EVENT_SYNC_SUCCEEDED);
  apply (connection, ORGSYNC_STATUS_EVENT_PAUSED);
  apply (connection, ORGSYNC_STATUS_EVENT_RESUMED);
  assert_status (connection, ORGSYNC_CONNECTION_STATUS_ACTIVE, ORGSYNC_STATUS_ACTION_NONE);
}

static void
test_error_codes (void)
{
  g_assert_cmpint (orgsync_status_event_type_for_error ("invalid_grant", 400), ==, ORGSYNC_STATUS_EVENT_AUTH_FAILED);
  g_assert_cmpint (orgsync_status_event_type_for_error ("INSUFFICIENT_ACCESS", 403), ==, ORGSYNC_STATUS_EVENT_PERMISSION_MISSING);
  g_assert_cmpint (orgsync_status_event_type_for_error ("API_DISABLED_FOR_ORG", 403), ==, ORGSYNC_STATUS_EVENT_API_DISABLED);
  g_assert_cmpint (orgsync_status_event_type_for_error ("API_CURRENTLY_DISABLED", 403), ==, ORGSYNC_STATUS_EVENT_API_DISABLED);
  g_assert_cmpint (orgsync_status_event_type_for_error ("REQUEST_LIMIT_EXCEEDED", 403), ==, ORGSYNC_STATUS_EVENT_QUOTA_REACHED);
  g_assert_cmpint (orgsync_status_event_type_for_error ("SERVER_UNAVAILABLE", 503), ==, ORGSYNC_STATUS_EVENT_SYNC_FAILED);
  g_assert_cmpint (orgsync_status_event_type_for_error (NULL, 0), ==, ORGSYNC_STATUS_EVENT_SYNC_FAILED);
}

/* The pure function works on a plain state as well. */
static void
test_plain_state (void)
{
  OrgsyncStatusState state = { 0, };
  OrgsyncStatusState copy;
  OrgsyncStatusEvent failed = event (ORGSYNC_STATUS_EVENT_SYNC_FAILED);

  state.status = ORGSYNC_CONNECTION_STATUS_ACTIVE;
  state.sync_enabled = TRUE;
  state.initial_sync_done = TRUE;

  for (guint i = 0; i < ORGSYNC_STATUS_FAILURES_BEFORE_ERROR; i++)
    orgsync_status_state_apply (&state, &failed);

  g_assert_cmpint (state.status, ==, ORGSYNC_CONNECTION_STATUS_ERROR);
  orgsync_status_state_copy (&state, &copy);
  g_assert_cmpstr (copy.reason, ==, state.reason);
  orgsync_status_state_clear (&copy);
  orgsync_status_state_clear (&state);
}

int
main (int   argc,
      char *argv[])
{
  /* Times of day in reasons are local time: pin it. */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/status/first-sync", test_first_sync);
  g_test_add_func ("/status/repeated-failures", test_repeated_failures);
  g_test_add_func ("/status/needs-user", test_needs_user);
  g_test_add_func ("/status/quota", test_quota);
  g_test_add_func ("/status/pause-resume", test_pause_resume);
  g_test_add_func ("/status/error-codes", test_error_codes);
  g_test_add_func ("/status/plain-state", test_plain_state);

  return g_test_run ();
}
