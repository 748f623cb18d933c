/* test-manager.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "orgsync-core.h"
#include "sim-server.h"

/* OrgsyncManager and the sync engine in this process (suite keyring, so that valgrind
 * and the sanitizers see them), against an in-process orgsync-sim: connect, the
 * permission checklist, a preset, a sync through REST and Bulk, the quota stop with
 * its notification, and the automatic resume driven by the scheduler's clock. */

typedef struct
{
  SimServer      *sim;
  SoupSession    *http;
  char           *data_dir;
  OrgsyncClock   *clock;
  OrgsyncManager *manager;
  GAsyncResult   *result;
  guint           quota_events;
  guint           repaired;
  guint           finished;
} Fixture;

static void
got_result (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fixture *f = user_data;

  f->result = g_object_ref (result);
}

static GAsyncResult *
wait_result (Fixture *f)
{
  g_clear_object (&f->result);
  while (f->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return f->result;
}

static void
sim_post (Fixture    *f,
          const char *path,
          const char *json)
{
  g_autofree char *url = g_strconcat (sim_server_get_base_url (f->sim), path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr(GBytes) request = g_bytes_new (json, strlen (json));
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (message, "application/json", request);
  body = soup_session_send_and_read (f->http, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (soup_message_get_status (message), ==, 200);
}

static void
event_cb (OrgsyncManager    *manager,
          OrgsyncConnection *connection,
          int                event,
          const char        *message,
          Fixture           *f)
{
  if (event == ORGSYNC_MANAGER_EVENT_QUOTA_STOP)
    f->quota_events++;
  if (event == ORGSYNC_MANAGER_EVENT_FIELDS_REPAIRED)
    f->repaired++;
}

static void
finished_cb (OrgsyncManager    *manager,
             OrgsyncConnection *connection,
             OrgsyncSyncEngine *engine,
             Fixture           *f)
{
  f->finished++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *args[] = { "--records", "Account=2600,Contact=300,Lead=300,Opportunity=300", "--bulk-delay", "50",
                         "--daily-limit", "1000", "--token-lifetime", "1000000", NULL };
  g_autoptr(GError) error = NULL;

  f->sim = sim_server_new ();
  g_assert_true (sim_server_configure (f->sim, args, &error));
  g_assert_true (sim_server_start (f->sim, &error));
  g_assert_no_error (error);
  f->http = soup_session_new ();
  f->data_dir = g_dir_make_tmp ("orgsync-manager-XXXXXX", &error);
  f->clock = orgsync_clock_new_manual (g_get_real_time ());
  f->manager = orgsync_manager_new (f->data_dir, f->clock, &error);
  g_assert_no_error (error);
  g_signal_connect (f->manager, "event", G_CALLBACK (event_cb), f);
  g_signal_connect (f->manager, "sync-finished", G_CALLBACK (finished_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", f->data_dir);

  g_clear_object (&f->result);
  g_clear_object (&f->manager);
  g_clear_object (&f->clock);
  g_clear_object (&f->http);
  sim_server_stop (f->sim);
  g_clear_object (&f->sim);
  g_assert_cmpint (system (command), ==, 0);
  g_free (f->data_dir);
}

static OrgsyncConnection *
connect (Fixture *f)
{
  OrgsyncSignInOptions options = { ORGSYNC_SIGN_IN_PASSWORD, "Sim", sim_server_get_base_url (f->sim),
                                   "demo@orgsync.test", "demo1234DEMOTOKEN", };
  g_autoptr(GError) error = NULL;
  OrgsyncConnection *c;

  orgsync_manager_connect_async (f->manager, &options, NULL, got_result, f);
  c = orgsync_manager_connect_finish (f->manager, wait_result (f), &error);
  g_assert_no_error (error);
  return c;
}

static OrgsyncSyncEngine *
sync_now (Fixture            *f,
          OrgsyncConnection  *c,
          GError            **error)
{
  orgsync_manager_sync_async (f->manager, c, FALSE, NULL, got_result, f);
  return orgsync_manager_sync_finish (f->manager, wait_result (f), error);
}

static gint64
count_rows (Fixture           *f,
            OrgsyncConnection *c,
            const char        *object)
{
  g_autofree char *path = orgsync_manager_dup_records_path (f->manager, c, NULL);
  g_autoptr(OrgsyncRecordsStore) store = orgsync_records_store_open (path, NULL);

  return orgsync_records_store_count_rows (store, object, NULL);
}

static void
test_sync_quota_resume (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(OrgsyncConnection) c = connect (f);
  g_autoptr(GListModel) checks = NULL;
  g_autoptr(OrgsyncSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) skipped = NULL;
  OrgsyncSelectionEdit edit = { FALSE, "minimal", };
  const OrgsyncSyncRun *run;

  orgsync_manager_check_permissions_async (f->manager, c, NULL, got_result, f);
  checks = orgsync_manager_check_permissions_finish (f->manager, wait_result (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (checks), ==, 7);
  g_assert_true (orgsync_permission_check_all_passed (checks));

  orgsync_manager_select_async (f->manager, c, &edit, NULL, got_result, f);
  skipped = orgsync_manager_select_finish (f->manager, wait_result (f), &error);
  g_assert_no_error (error);
  g_assert_cmpint (orgsync_connection_get_status (c), ==, ORGSYNC_CONNECTION_STATUS_SETTING_UP);

  /* Account's 600 rows after its first page go through a Bulk job */
  g_setenv ("ORGSYNC_BULK_MIN_ROWS", "500", TRUE);
  engine = sync_now (f, c, &error);
  g_assert_no_error (error);
  g_assert_cmpint (orgsync_sync_engine_get_outcome (engine), ==, ORGSYNC_SYNC_OUTCOME_SUCCEEDED);
  run = orgsync_sync_engine_get_run (engine);
  g_assert_cmpuint (run->objects->len, >=, 4);
  g_assert_cmpint (count_rows (f, c, "Account"), ==, 2600);
  g_assert_cmpint (count_rows (f, c, "Lead"), ==, 300);
  g_assert_cmpint (orgsync_connection_get_status (c), ==, ORGSYNC_CONNECTION_STATUS_ACTIVE);
  g_assert_false (orgsync_connection_get_syncing (c));

  /* The quota stop: 797 of 1,000 used, 80% leaves three calls */
  g_setenv ("ORGSYNC_QUOTA_LAG_WINDOW_SECONDS", "0", TRUE);
  sim_post (f, "/_sim/limits", "{\"used\":797}");
  sim_post (f, "/_sim/data/Account", "{\"action\":\"update\",\"count\":2500}");
  g_clear_object (&engine);
  engine = sync_now (f, c, &error);
  g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_QUOTA_THRESHOLD);
  g_clear_error (&error);
  g_assert_cmpint (orgsync_connection_get_status (c), ==, ORGSYNC_CONNECTION_STATUS_ERROR);
  g_assert_cmpint (orgsync_connection_get_status_action (c), ==, ORGSYNC_STATUS_ACTION_CHANGE_LIMIT);
  g_assert_nonnull (orgsync_connection_get_resume_at (c));
  g_assert_cmpuint (f->quota_events, ==, 1);

  /* A day later usage has aged out: the scheduler resumes by itself */
  orgsync_manager_start_scheduling (f->manager);
  sim_post (f, "/_sim/clock", "{\"advanceSeconds\":90000}");
  f->finished = 0;
  orgsync_clock_advance (f->clock, (gint64) 90000 * G_USEC_PER_SEC);
  while (f->finished == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (orgsync_connection_get_status_detail (c), ==, NULL);
  g_assert_cmpint (orgsync_connection_get_status (c), ==, ORGSYNC_CONNECTION_STATUS_ACTIVE);
  g_assert_cmpuint (f->quota_events, ==, 1);
  g_assert_cmpint (count_rows (f, c, "Account"), ==, 2600);

  /* The next run is an hour after this one, also after reading orgsync.db again (as
   * the file monitor does after every save) */
  g_assert_nonnull (orgsync_connection_get_next_sync (c));
  g_assert_true (orgsync_manager_reload (f->manager, &error));
  g_assert_no_error (error);
  g_assert_nonnull (orgsync_connection_get_next_sync (c));
  g_assert_cmpint (g_date_time_difference (orgsync_connection_get_next_sync (c),
                                           orgsync_connection_get_last_sync (c)) / G_USEC_PER_SEC,
                   ==, 3600);

  g_unsetenv ("ORGSYNC_BULK_MIN_ROWS");
  g_unsetenv ("ORGSYNC_QUOTA_LAG_WINDOW_SECONDS");
}

/* A selected field that Salesforce no longer has (INVALID_FIELD): the run repairs the
 * selection, drops the column, tells the person and syncs the rest. */
static void
test_field_gone (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(OrgsyncConnection) c = connect (f);
  OrgsyncDatabase *db = orgsync_manager_get_database (f->manager);
  const char *id = orgsync_connection_get_id (c);
  OrgsyncSelectionEdit edit = { FALSE, "minimal", };
  g_autoptr(OrgsyncSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) skipped = NULL;
  g_auto(GStrv) selection = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *ghost = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) with_ghost = NULL;
  OrgsyncSObjectInfo info = { "Account", "Account", FALSE, TRUE };
  OrgsyncFieldInfo field = { "Ghost__c", "Ghost", "string", 10, ORGSYNC_FIELD_FLAG_CUSTOM, NULL };
  char *at;

  orgsync_manager_select_async (f->manager, c, &edit, NULL, got_result, f);
  skipped = orgsync_manager_select_finish (f->manager, wait_result (f), &error);
  g_assert_no_error (error);

  /* The cached describe and the selection still have a field the org dropped */
  g_assert_true (orgsync_database_lookup_describe (db, id, "Account", NULL, &raw, &error));
  at = strstr (raw, "\"fields\":[");
  g_assert_nonnull (at);
  ghost = g_strdup_printf ("%.*s\"fields\":[{\"name\":\"Ghost__c\",\"label\":\"Ghost\",\"type\":\"string\","
                           "\"length\":10,\"custom\":true,\"soapType\":\"xsd:string\"},%s",
                           (int) (at - raw), raw, at + strlen ("\"fields\":["));
  g_assert_true (orgsync_database_store_describe (db, id, &info, &field, 1, NULL, ghost, &error));
  selection = orgsync_database_load_selection (db, id, &error);
  g_strv_builder_addv (builder, (const char **) selection);
  g_strv_builder_add (builder, "Account.Ghost__c");
  with_ghost = g_strv_builder_end (builder);
  g_assert_true (orgsync_database_save_selection (db, id, (const char * const *) with_ghost, &error));

  f->repaired = 0;
  engine = sync_now (f, c, &error);
  g_assert_no_error (error);
  g_assert_cmpint (orgsync_sync_engine_get_outcome (engine), ==, ORGSYNC_SYNC_OUTCOME_SUCCEEDED);
  g_assert_cmpuint (g_strv_length ((char **) orgsync_sync_engine_get_warnings (engine)), ==, 1);
  g_assert_nonnull (strstr (orgsync_sync_engine_get_warnings (engine)[0], "Account.Ghost__c"));
  g_assert_cmpuint (f->repaired, ==, 1);
  g_strfreev (selection);
  selection = orgsync_database_load_selection (db, id, &error);
  g_assert_false (g_strv_contains ((const char * const *) selection, "Account.Ghost__c"));
  g_assert_cmpint (count_rows (f, c, "Account"), ==, 2600);
}

static gint64
sim_api_used (Fixture *f)
{
  g_autofree char *url = g_strconcat (sim_server_get_base_url (f->sim), "/_sim/limits", NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = soup_session_send_and_read (f->http, message, NULL, NULL);
  g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (body, NULL), NULL);

  return json_object_get_int_member (json_node_get_object (root), "used");
}

/* Commits the selection and syncs it: the run costs what was estimated. */
static void
sync_selection (Fixture                   *f,
                OrgsyncConnection         *c,
                GListModel                *sobjects,
                const OrgsyncSyncEstimate *estimate)
{
  g_autoptr(OrgsyncSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (orgsync_manager_commit_selection (f->manager, c, sobjects, &error));
  g_assert_no_error (error);
  engine = sync_now (f, c, &error);
  g_assert_no_error (error);
  g_test_message ("estimated %" G_GUINT64_FORMAT " calls, the sync made %" G_GUINT64_FORMAT,
                  estimate->api_calls, orgsync_sync_engine_get_run (engine)->api_calls);
  g_assert_cmpuint (orgsync_sync_engine_get_run (engine)->api_calls, ==, estimate->api_calls);
}

static OrgsyncSyncEstimate *
estimate (Fixture           *f,
          OrgsyncConnection *c,
          GListModel        *sobjects)
{
  g_autoptr(GError) error = NULL;
  OrgsyncSyncEstimate *e;

  orgsync_manager_estimate_async (f->manager, c, sobjects, NULL, got_result, f);
  e = orgsync_manager_estimate_finish (f->manager, wait_result (f), &error);
  g_assert_no_error (error);
  return e;
}

/* The Review page's estimate: Salesforce's record counts for the tables the next
 * sync fetches (one call), and the engine's cost rules, checked against the syncs. */
static void
test_estimate (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(OrgsyncConnection) c = connect (f);
  const char *describe[] = { "Account", "Lead", NULL };
  const char *account_fields[] = { "Id", "Name", NULL };
  const char *lead_fields[] = { "Id", "LastName", "Email", NULL };
  g_autoptr(GListModel) sobjects = NULL;
  g_autofree OrgsyncSyncEstimate *first = NULL;
  g_autofree OrgsyncSyncEstimate *idle = NULL;
  g_autofree OrgsyncSyncEstimate *backfill = NULL;
  g_autoptr(GError) error = NULL;
  gint64 used;

  orgsync_manager_load_objects_async (f->manager, c, describe, NULL, got_result, f);
  sobjects = orgsync_manager_load_objects_finish (f->manager, wait_result (f), &error);
  g_assert_no_error (error);
  orgsync_sobject_select_fields (orgsync_sobject_list_lookup (sobjects, "Account"), account_fields, TRUE, NULL);
  orgsync_sobject_select_fields (orgsync_sobject_list_lookup (sobjects, "Lead"), lead_fields, TRUE, NULL);

  /* Nothing synced yet: 2,600 Accounts (the first page and one REST page), 300 Leads */
  used = sim_api_used (f);
  first = estimate (f, c, sobjects);
  g_assert_cmpint (sim_api_used (f) - used, ==, 1);
  g_assert_cmpuint (first->records, ==, 2600 + 300);
  g_assert_cmpuint (first->api_calls, ==, orgsync_sync_estimate_idle_run_calls (2) + 1);
  g_assert_cmpint (first->api_max, ==, 1000);
  g_assert_cmpint (first->api_used, >, used);
  sync_selection (f, c, sobjects, first);

  /* Everything synced: a run costs its /composite call; asking costs nothing */
  used = sim_api_used (f);
  idle = estimate (f, c, sobjects);
  g_assert_cmpint (sim_api_used (f), ==, used);
  g_assert_cmpuint (idle->records, ==, 0);
  g_assert_cmpuint (idle->api_calls, ==, orgsync_sync_estimate_idle_run_calls (2));

  /* A new Lead field: the Leads again, narrowly, after the run's own call */
  orgsync_sobject_select_fields (orgsync_sobject_list_lookup (sobjects, "Lead"),
                                 (const char *[]) { "Company", NULL }, FALSE, NULL);
  backfill = estimate (f, c, sobjects);
  g_assert_cmpuint (backfill->records, ==, 300);
  g_assert_cmpuint (backfill->api_calls, ==, orgsync_sync_estimate_idle_run_calls (2) + 1);
  sync_selection (f, c, sobjects, backfill);
}

static gboolean
reauthorize (Fixture            *f,
             OrgsyncConnection  *c,
             gboolean            allow_new_org,
             GError            **error)
{
  OrgsyncSignInOptions options = { ORGSYNC_SIGN_IN_PASSWORD, NULL, sim_server_get_base_url (f->sim),
                                   "demo@orgsync.test", "demo1234DEMOTOKEN", };

  options.allow_new_org = allow_new_org;
  orgsync_manager_reauthorize_async (f->manager, c, &options, NULL, got_result, f);
  return orgsync_manager_reauthorize_finish (f->manager, wait_result (f), error);
}

/* A refreshed sandbox (a new org id at the same address) is synced again from scratch,
 * and only once the person confirms it; until then nothing changes. */
static void
test_refreshed_sandbox (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(OrgsyncConnection) c = connect (f);
  g_autofree char *old_org = g_strdup (orgsync_connection_get_org_id (c));
  OrgsyncSelectionEdit edit = { FALSE, "minimal", };
  g_autoptr(OrgsyncSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) skipped = NULL;

  orgsync_manager_select_async (f->manager, c, &edit, NULL, got_result, f);
  skipped = orgsync_manager_select_finish (f->manager, wait_result (f), &error);
  g_assert_no_error (error);
  engine = sync_now (f, c, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, c, "Lead"), ==, 300);

  sim_post (f, "/_sim/sandbox/refresh", "{}");
  g_assert_false (reauthorize (f, c, FALSE, &error));
  g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_REFRESHED_SANDBOX);
  g_assert_nonnull (strstr (error->message, old_org));
  g_clear_error (&error);
  g_assert_cmpstr (orgsync_connection_get_org_id (c), ==, old_org);
  g_assert_cmpint (count_rows (f, c, "Lead"), ==, 300);

  g_assert_true (reauthorize (f, c, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (orgsync_connection_get_org_id (c), !=, old_org);
  g_assert_cmpint (orgsync_connection_get_status (c), ==, ORGSYNC_CONNECTION_STATUS_SETTING_UP);
  g_assert_cmpint (count_rows (f, c, "Lead"), <=, 0);

  g_clear_object (&engine);
  engine = sync_now (f, c, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, c, "Lead"), ==, 300);
  g_assert_cmpint (orgsync_connection_get_status (c), ==, ORGSYNC_CONNECTION_STATUS_ACTIVE);
}

/* An object that Bulk API 2.0 cannot query (INVALIDENTITY) is read through REST. */
static void
test_bulk_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(OrgsyncConnection) c = connect (f);
  OrgsyncSelectionEdit edit = { FALSE, "minimal", };
  g_autoptr(OrgsyncSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) skipped = NULL;

  orgsync_manager_select_async (f->manager, c, &edit, NULL, got_result, f);
  skipped = orgsync_manager_select_finish (f->manager, wait_result (f), &error);
  g_assert_no_error (error);

  g_setenv ("ORGSYNC_BULK_MIN_ROWS", "500", TRUE);
  sim_post (f, "/_sim/faults",
            "{\"kind\":\"status\",\"path\":\"/services/data/*/jobs/query\",\"method\":\"POST\","
            "\"status\":400,\"errorCode\":\"INVALIDENTITY\","
            "\"message\":\"Entity 'Account' is not supported by the Bulk API.\"}");
  engine = sync_now (f, c, &error);
  g_assert_no_error (error);
  g_assert_cmpint (orgsync_sync_engine_get_outcome (engine), ==, ORGSYNC_SYNC_OUTCOME_SUCCEEDED);
  g_assert_cmpint (count_rows (f, c, "Account"), ==, 2600);
  g_unsetenv ("ORGSYNC_BULK_MIN_ROWS");
}

/* A change that another process makes to orgsync.db reaches this one's models. */
static void
test_watch (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(OrgsyncConnection) c = connect (f);
  g_autoptr(OrgsyncManager) other = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline;

  orgsync_manager_watch (f->manager);
  other = orgsync_manager_new (f->data_dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (orgsync_manager_rename (other, orgsync_manager_lookup (other, "Sim"), "Renamed Elsewhere", &error));

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (g_strcmp0 (orgsync_connection_get_display_name (c), "Renamed Elsewhere") != 0 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (orgsync_connection_get_display_name (c), ==, "Renamed Elsewhere");
}

static void
test_reload_and_settings (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(OrgsyncConnection) c = connect (f);
  g_autoptr(OrgsyncManager) other = NULL;
  g_autoptr(GError) error = NULL;
  OrgsyncConnection *seen;

  /* Another process changes the connection; this one reloads and sees it */
  other = orgsync_manager_new (f->data_dir, NULL, &error);
  g_assert_no_error (error);
  seen = orgsync_manager_lookup (other, "sim");
  g_assert_nonnull (seen);
  g_assert_true (orgsync_manager_pause (other, seen, &error));
  g_assert_true (orgsync_manager_rename (other, seen, "Sim Two", &error));
  g_assert_true (orgsync_manager_set_update_frequency (other, seen, ORGSYNC_UPDATE_FREQUENCY_3_HOURS, &error));

  g_assert_true (orgsync_manager_reload (f->manager, &error));
  g_assert_cmpstr (orgsync_connection_get_display_name (c), ==, "Sim Two");
  g_assert_cmpint (orgsync_connection_get_status (c), ==, ORGSYNC_CONNECTION_STATUS_NOT_SYNCING);
  g_assert_cmpint (orgsync_connection_get_update_frequency (c), ==, ORGSYNC_UPDATE_FREQUENCY_3_HOURS);

  g_assert_null (sync_now (f, c, &error));
  g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_PAUSED);
  g_clear_error (&error);

  g_assert_false (orgsync_manager_set_quota_threshold (f->manager, c, 5, &error));
  g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* The demo org on another port: same org, new address, kept across a reload; plain
   * http elsewhere than loopback is refused */
  g_assert_true (orgsync_manager_move (f->manager, c, "http://127.0.0.1:1", &error));
  g_assert_no_error (error);
  g_assert_true (orgsync_manager_reload (other, &error));
  g_assert_cmpstr (orgsync_connection_get_instance_url (seen), ==, "http://127.0.0.1:1");
  g_assert_false (orgsync_manager_move (f->manager, c, "http://example.com", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpstr (orgsync_connection_get_login_url (c), ==, "http://127.0.0.1:1");

  orgsync_manager_remove_async (f->manager, c, FALSE, NULL, got_result, f);
  g_assert_true (orgsync_manager_remove_finish (f->manager, wait_result (f), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (orgsync_manager_get_connections (f->manager)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/manager/sync-quota-resume", Fixture, NULL, fixture_set_up, test_sync_quota_resume,
              fixture_tear_down);
  g_test_add ("/manager/field-gone", Fixture, NULL, fixture_set_up, test_field_gone, fixture_tear_down);
  g_test_add ("/manager/estimate", Fixture, NULL, fixture_set_up, test_estimate, fixture_tear_down);
  g_test_add ("/manager/bulk-refused", Fixture, NULL, fixture_set_up, test_bulk_refused, fixture_tear_down);
  g_test_add ("/manager/refreshed-sandbox", Fixture, NULL, fixture_set_up, test_refreshed_sandbox,
              fixture_tear_down);
  g_test_add ("/manager/watch", Fixture, NULL, fixture_set_up, test_watch, fixture_tear_down);
  g_test_add ("/manager/reload-and-settings", Fixture, NULL, fixture_set_up, test_reload_and_settings,
              fixture_tear_down);

  return g_test_run ();
}
