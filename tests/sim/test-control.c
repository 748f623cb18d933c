/* test-control.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sim-test-util.h"

/* The /_sim/ control API: faults, permissions, data changes, clock,
 * statistics and record dumps; plus --state-file. */

static SimServer *server;
static SoupSession *session;
static const char *base;
static char *token;

static SimTestResponse *
query (const char *soql_path)
{
  return sim_test_get (session, base, token, soql_path);
}

static void
clear_faults (void)
{
  g_autofree char *url = g_strconcat (base, "/_sim/faults", NULL);
  g_autoptr(SimTestResponse) response = sim_test_request (session, "DELETE", url, NULL, NULL, NULL, NULL);

  g_assert_cmpuint (response->status, ==, 200);
}

static void
test_status_faults (void)
{
  g_autoptr(SimTestResponse) add = sim_test_control (session, base, "/faults",
                                                     "{\"kind\":\"status\",\"path\":\"/services/data/*/limits\","
                                                     "\"status\":503,\"times\":1}");
  g_autoptr(SimTestResponse) r1 = query ("/services/data/v61.0/limits");
  g_autoptr(SimTestResponse) r2 = query ("/services/data/v61.0/limits");
  g_autoptr(SimTestResponse) every = sim_test_control (session, base, "/faults",
                                                       "{\"kind\":\"status\",\"path\":\"/services/data/*/sobjects/\","
                                                       "\"status\":500,\"every\":3}");
  guint failures = 0;

  g_assert_cmpuint (add->status, ==, 200);
  g_assert_cmpuint (r1->status, ==, 503);
  g_assert_cmpstr (sim_test_error_code (r1), ==, "SERVER_UNAVAILABLE");
  g_assert_cmpuint (r2->status, ==, 200);

  for (guint i = 0; i < 9; i++)
    {
      g_autoptr(SimTestResponse) r = query ("/services/data/v61.0/sobjects/");

      if (r->status == 500)
        {
          g_assert_cmpstr (sim_test_error_code (r), ==, "UNKNOWN_EXCEPTION");
          failures++;
        }
    }
  g_assert_cmpuint (failures, ==, 3);
  clear_faults ();
}

static void
test_body_faults (void)
{
  g_autoptr(SimTestResponse) f1 = sim_test_control (session, base, "/faults",
                                                    "{\"kind\":\"malformed-json\",\"path\":\"*/limits\",\"times\":1}");
  g_autoptr(SimTestResponse) broken = query ("/services/data/v61.0/limits");
  g_autoptr(SimTestResponse) f2 = sim_test_control (session, base, "/faults",
                                                    "{\"kind\":\"html-maintenance\",\"path\":\"*/limits\",\"times\":1}");
  g_autoptr(SimTestResponse) html = query ("/services/data/v61.0/limits");
  g_autoptr(SimTestResponse) f3 = sim_test_control (session, base, "/faults",
                                                    "{\"kind\":\"delay\",\"path\":\"*/limits\",\"delayMs\":50,\"times\":1}");
  g_autoptr(SimTestResponse) slow = query ("/services/data/v61.0/limits");
  g_autoptr(SimTestResponse) f4 = sim_test_control (session, base, "/faults",
                                                    "{\"kind\":\"instance-url\",\"path\":\"/services/oauth2/token\","
                                                    "\"instanceUrl\":\"http://na99.example.com\",\"times\":1}");
  g_autofree char *token_url = g_strconcat (base, "/services/oauth2/token", NULL);
  g_autoptr(SimTestResponse) odd = sim_test_request (session, "POST", token_url, NULL,
                                                     "application/x-www-form-urlencoded",
                                                     "grant_type=password&client_id=PlatformCLI&username=demo%40orgsync.test"
                                                     "&password=demo1234DEMOTOKEN", NULL);
  g_autoptr(SimTestResponse) list = sim_test_control (session, base, "/faults", NULL);

  g_assert_cmpuint (broken->status, ==, 200);
  g_assert_null (broken->json);
  g_assert_cmpuint (html->status, ==, 503);
  g_assert_true (g_str_has_prefix (soup_message_headers_get_content_type (html->headers, NULL), "text/html"));
  g_assert_cmpuint (slow->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sim_test_object (odd), "instance_url"), ==, "http://na99.example.com");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list->json)), ==, 4);
  clear_faults ();
}

static void
test_connection_faults (void)
{
  g_autoptr(SimTestResponse) f1 = sim_test_control (session, base, "/faults",
                                                    "{\"kind\":\"reset\",\"path\":\"*/limits\",\"times\":1}");
  g_autofree char *url = g_strconcat (base, "/services/data/v61.0/limits", NULL);
  g_autofree char *auth = g_strdup_printf ("Bearer %s", token);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(SimTestResponse) f2 = NULL;
  g_autoptr(SoupMessage) msg2 = soup_message_new ("GET", url);
  g_autoptr(GBytes) body2 = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(SimTestResponse) after = NULL;
  /* libsoup quietly retries a request whose reused connection died: use
   * fresh connections so that the client sees the fault. */
  g_autoptr(SoupSession) fresh1 = sim_test_session ();
  g_autoptr(SoupSession) fresh2 = sim_test_session ();

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  body = soup_session_send_and_read (fresh1, msg, NULL, &error);
  g_assert_nonnull (error);

  f2 = sim_test_control (session, base, "/faults", "{\"kind\":\"truncate\",\"path\":\"*/limits\",\"times\":1}");
  soup_message_headers_replace (soup_message_get_request_headers (msg2), "Authorization", auth);
  body2 = soup_session_send_and_read (fresh2, msg2, NULL, &error2);
  /* Half the declared Content-Length arrives, then the connection closes. */
  g_assert_true (error2 != NULL || g_bytes_get_size (body2) < 600);

  after = query ("/services/data/v61.0/limits");
  g_assert_cmpuint (after->status, ==, 200);
  clear_faults ();
}

static void
test_permissions (void)
{
  g_autoptr(SimTestResponse) p1 = sim_test_control (session, base, "/permissions",
                                                    "{\"viewSetup\":false,\"objects\":{\"Lead\":{\"read\":false}}}");
  g_autoptr(SimTestResponse) limits = query ("/services/data/v61.0/limits");
  g_autoptr(SimTestResponse) lead = query ("/services/data/v61.0/query?q=SELECT+Id+FROM+Lead");
  g_autoptr(SimTestResponse) describe = query ("/services/data/v61.0/sobjects/Lead/describe");
  g_autoptr(SimTestResponse) global = query ("/services/data/v61.0/sobjects/");
  g_autoptr(SimTestResponse) perms = query ("/services/data/v61.0/query?q=SELECT+PermissionsApiEnabled,"
                                            "PermissionsViewSetup,PermissionsViewAllUsers+FROM+UserPermissionAccess");
  g_autoptr(SimTestResponse) objperms = query ("/services/data/v61.0/query?q=SELECT+SobjectType,PermissionsRead+"
                                               "FROM+ObjectPermissions+WHERE+SobjectType='Lead'");
  g_autoptr(SimTestResponse) p2 = sim_test_control (session, base, "/permissions", "{\"apiEnabled\":false}");
  g_autoptr(SimTestResponse) disabled = query ("/services/data/v61.0/sobjects/");
  g_autoptr(SimTestResponse) p3 = sim_test_control (session, base, "/permissions",
                                                    "{\"apiEnabled\":true,\"apiDisabledForOrg\":true}");
  g_autoptr(SimTestResponse) org = query ("/services/data/v61.0/sobjects/");
  g_autoptr(SimTestResponse) p4 = sim_test_control (session, base, "/permissions",
                                                    "{\"apiDisabledForOrg\":false,\"viewSetup\":true,"
                                                    "\"objects\":{\"Lead\":{\"read\":true,\"create\":true,"
                                                    "\"edit\":true,\"delete\":true}}}");
  JsonArray *sobjects = json_object_get_array_member (sim_test_object (global), "sobjects");
  JsonObject *row;

  g_assert_cmpuint (limits->status, ==, 403);
  g_assert_cmpstr (sim_test_error_code (limits), ==, "INSUFFICIENT_ACCESS");
  g_assert_cmpstr (sim_test_error_code (lead), ==, "INVALID_TYPE");
  g_assert_cmpuint (describe->status, ==, 404);
  for (guint i = 0; i < json_array_get_length (sobjects); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sobjects, i), "name"), !=, "Lead");

  row = json_array_get_object_element (json_object_get_array_member (sim_test_object (perms), "records"), 0);
  g_assert_true (json_object_get_boolean_member (row, "PermissionsApiEnabled"));
  g_assert_false (json_object_get_boolean_member (row, "PermissionsViewSetup"));
  row = json_array_get_object_element (json_object_get_array_member (sim_test_object (objperms), "records"), 0);
  g_assert_false (json_object_get_boolean_member (row, "PermissionsRead"));

  g_assert_cmpuint (disabled->status, ==, 403);
  g_assert_cmpstr (sim_test_error_code (disabled), ==, "API_CURRENTLY_DISABLED");
  g_assert_cmpuint (org->status, ==, 403);
  g_assert_cmpstr (sim_test_error_code (org), ==, "API_DISABLED_FOR_ORG");
}

static void
test_data_and_replication (void)
{
  g_autoptr(SimTestResponse) updated = sim_test_control (session, base, "/data/Opportunity",
                                                         "{\"action\":\"update\",\"count\":5,"
                                                         "\"fields\":{\"StageName\":\"Closed Won\"}}");
  g_autoptr(SimTestResponse) deleted = sim_test_control (session, base, "/data/Opportunity",
                                                         "{\"action\":\"delete\",\"count\":3}");
  g_autoptr(SimTestResponse) created = sim_test_control (session, base, "/data/Opportunity",
                                                         "{\"action\":\"create\",\"count\":2,\"fields\":"
                                                         "{\"Name\":\"New deal\",\"StageName\":\"Prospecting\","
                                                         "\"CloseDate\":\"2026-12-31\"}}");
  /* getUpdated covers whole minutes only: let two pass. */
  g_autoptr(SimTestResponse) clock = sim_test_control (session, base, "/clock", "{\"advanceSeconds\": 120}");
  g_autoptr(SimTestResponse) won = NULL;
  g_autoptr(SimTestResponse) getupdated = NULL;
  g_autoptr(SimTestResponse) getdeleted = NULL;
  g_autoptr(SimTestResponse) all = NULL;
  g_autoptr(SimTestResponse) hard = NULL;
  g_autoptr(SimTestResponse) getdeleted2 = NULL;
  g_autoptr(SimTestResponse) dump = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GDateTime) now = NULL;
  const char *now_text = json_object_get_string_member (sim_test_object (clock), "now");
  gint64 deleted_count;

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sim_test_object (updated), "ids")), ==, 5);
  won = query ("/services/data/v61.0/query?q=SELECT+Id,IsWon,Probability+FROM+Opportunity+WHERE+SystemModstamp+>+2026-01-01T00:00:00Z");
  g_assert_cmpint (json_object_get_int_member (sim_test_object (won), "totalSize"), ==, 5 + 2 - 3 + 3 - 3);

  now = g_date_time_new_from_iso8601 (now_text, NULL);
  {
    g_autoptr(GDateTime) before = g_date_time_add_hours (now, -1);
    g_autoptr(GDateTime) after = g_date_time_add_minutes (now, 1);

    start = g_date_time_format (before, "%Y-%m-%dT%H%%3A%M%%3A%S%%2B00%%3A00");
    end = g_date_time_format (after, "%Y-%m-%dT%H%%3A%M%%3A%S%%2B00%%3A00");
  }
  path = g_strdup_printf ("/services/data/v61.0/sobjects/Opportunity/updated/?start=%s&end=%s", start, end);
  getupdated = query (path);
  g_assert_cmpuint (getupdated->status, ==, 200);
  /* Five updated (three of them later deleted) and two created. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sim_test_object (getupdated), "ids")), ==, 2 + 2);
  g_free (path);
  path = g_strdup_printf ("/services/data/v61.0/sobjects/Opportunity/deleted/?start=%s&end=%s", start, end);
  getdeleted = query (path);
  deleted_count = json_array_get_length (json_object_get_array_member (sim_test_object (getdeleted), "deletedRecords"));
  g_assert_cmpint (deleted_count, ==, 3);

  all = query ("/services/data/v61.0/queryAll?q=SELECT+Id+FROM+Opportunity+WHERE+IsDeleted=true");
  g_assert_cmpint (json_object_get_int_member (sim_test_object (all), "totalSize"), ==, 3);

  /* A hard delete empties the bin and moves earliestDateAvailable. */
  hard = sim_test_control (session, base, "/data/Opportunity", "{\"action\":\"hard-delete\",\"count\":1}");
  getdeleted2 = query (path);
  g_assert_cmpstr (json_object_get_string_member (sim_test_object (getdeleted2), "earliestDateAvailable"), !=,
                   json_object_get_string_member (sim_test_object (getdeleted), "earliestDateAvailable"));

  /* Windows: too many ids, too far back, the wrong way round. */
  {
    g_autoptr(SimTestResponse) limit = sim_test_control (session, base, "/config", "{\"idLimit\": 1}");
    g_autofree char *updated_path = g_strdup_printf ("/services/data/v61.0/sobjects/Opportunity/updated/?start=%s&end=%s",
                                                     start, end);
    g_autofree char *reversed = g_strdup_printf ("/services/data/v61.0/sobjects/Opportunity/updated/?start=%s&end=%s",
                                                 end, start);
    g_autoptr(SimTestResponse) too_many = query (updated_path);
    g_autoptr(SimTestResponse) back = query (reversed);
    g_autoptr(SimTestResponse) old = query ("/services/data/v61.0/sobjects/Opportunity/updated/"
                                            "?start=2020-01-01T00%3A00%3A00Z&end=2020-01-02T00%3A00%3A00Z");
    g_autoptr(SimTestResponse) restore = sim_test_control (session, base, "/config", "{\"idLimit\": 600000}");

    g_assert_cmpstr (sim_test_error_code (too_many), ==, "EXCEEDED_ID_LIMIT");
    g_assert_cmpstr (sim_test_error_code (back), ==, "INVALID_REPLICATION_DATE");
    g_assert_cmpstr (sim_test_error_code (old), ==, "INVALID_REPLICATION_DATE");
  }

  dump = sim_test_control (session, base, "/records/Opportunity?limit=5&offset=0", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (dump->json)), ==, 5);
  g_assert_true (json_object_has_member (json_array_get_object_element (json_node_get_array (dump->json), 0),
                                         "StageName"));
}

static void
test_stats_and_tokens (void)
{
  g_autofree char *url = g_strconcat (base, "/_sim/stats", NULL);
  g_autoptr(SimTestResponse) reset = sim_test_request (session, "DELETE", url, NULL, NULL, NULL, NULL);
  g_autoptr(SimTestResponse) q1 = query ("/services/data/v61.0/query?q=SELECT+Id+FROM+Account+LIMIT+1");
  g_autoptr(SimTestResponse) q2 = query ("/services/data/v61.0/query?q=SELECT+Id+FROM+Nope");
  g_autoptr(SimTestResponse) stats = sim_test_control (session, base, "/stats", NULL);
  g_autoptr(SimTestResponse) expire = sim_test_control (session, base, "/tokens/expire", "{}");
  g_autoptr(SimTestResponse) expired = query ("/services/data/v61.0/limits");
  g_autoptr(SimTestResponse) revoke = sim_test_control (session, base, "/tokens/revoke", "{}");
  JsonObject *entry = json_object_get_object_member (sim_test_object (stats), "GET /services/data/vXX.X/query");

  g_assert_cmpint (json_object_get_int_member (entry, "calls"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (entry, "errors"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (sim_test_object (expire), "affected"), >=, 1);
  g_assert_cmpuint (expired->status, ==, 401);

  g_free (token);
  token = sim_test_login (session, base);
}

static char *
dup_org_id (const char *access_token)
{
  g_autoptr(SimTestResponse) info = sim_test_get (session, base, access_token, "/services/oauth2/userinfo");

  g_assert_cmpuint (info->status, ==, 200);
  return g_strdup (json_object_get_string_member (sim_test_object (info), "organization_id"));
}

/* A refreshed sandbox: same address, another org id, every old token gone. */
static void
test_sandbox_refresh (void)
{
  g_autofree char *before = dup_org_id (token);
  g_autoptr(SimTestResponse) refresh = sim_test_control (session, base, "/sandbox/refresh", "{}");
  g_autoptr(SimTestResponse) old = query ("/services/data/v61.0/limits");
  g_autofree char *after = NULL;

  g_assert_cmpuint (refresh->status, ==, 200);
  g_assert_cmpuint (old->status, ==, 401);

  g_free (token);
  token = sim_test_login (session, base);
  after = dup_org_id (token);
  g_assert_cmpstr (after, !=, before);
  g_assert_cmpstr (after, ==, json_object_get_string_member (sim_test_object (refresh), "orgId"));
  g_assert_true (g_str_has_prefix (after, "00D"));
}

static void
test_state_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("orgsync-sim-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "state.json", NULL);
  g_autoptr(SoupSession) s = sim_test_session ();
  g_autofree char *id = NULL;
  g_autofree char *access = NULL;

  {
    g_autoptr(SimServer) first = sim_test_start_server ("--state-file", file, "--records", "Account=20", NULL);
    const char *url = sim_server_get_base_url (first);
    g_autofree char *t = sim_test_login (s, url);
    g_autofree char *post = g_strconcat (url, "/services/data/v61.0/sobjects/Account", NULL);
    g_autoptr(SimTestResponse) created = sim_test_request (s, "POST", post, t, NULL, "{\"Name\":\"Persistent\"}", NULL);

    id = g_strdup (json_object_get_string_member (sim_test_object (created), "id"));
    access = g_strdup (t);
    sim_server_stop (first);
  }
  g_assert_true (g_file_test (file, G_FILE_TEST_EXISTS));

  {
    g_autoptr(SimServer) second = sim_test_start_server ("--state-file", file, "--records", "Account=20", NULL);
    const char *url = sim_server_get_base_url (second);
    g_autofree char *path = g_strdup_printf ("/services/data/v61.0/sobjects/Account/%s", id);
    /* The org keeps its changes, counter and tokens. */
    g_autoptr(SimTestResponse) row = sim_test_get (s, url, access, path);
    g_autoptr(SimTestResponse) limits = sim_test_control (s, url, "/limits", NULL);

    g_assert_cmpuint (row->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (sim_test_object (row), "Name"), ==, "Persistent");
    g_assert_cmpint (json_object_get_int_member (sim_test_object (limits), "used"), ==, 2);
    sim_server_stop (second);
  }

  g_unlink (file);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  server = sim_test_start_server ("--records", "Account=50,Contact=50,Lead=50,Opportunity=50", NULL);
  session = sim_test_session ();
  base = sim_server_get_base_url (server);
  token = sim_test_login (session, base);

  g_test_add_func ("/sim/control/status-faults", test_status_faults);
  g_test_add_func ("/sim/control/body-faults", test_body_faults);
  g_test_add_func ("/sim/control/connection-faults", test_connection_faults);
  g_test_add_func ("/sim/control/permissions", test_permissions);
  g_test_add_func ("/sim/control/data", test_data_and_replication);
  g_test_add_func ("/sim/control/stats-tokens", test_stats_and_tokens);
  g_test_add_func ("/sim/control/sandbox-refresh", test_sandbox_refresh);
  g_test_add_func ("/sim/control/state-file", test_state_file);

  ret = g_test_run ();
  g_free (token);
  g_object_unref (session);
  g_object_unref (server);
  return ret;
}
