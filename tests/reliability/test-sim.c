/* test-sim.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sim-test-util.h"

/* What the reliability tests need from orgsync-sim, and what they found wrong in it:
 *
 *  - the reset-body fault (headers, half the body, a TCP reset) and the
 *    expire-session fault (every access token expires, this request answers 401);
 *  - numbers that json-glib 1.6 cannot write (1e+18 becomes "1e+18.0"): a /composite
 *    body with such a value is still JSON, and the state file still loads;
 *  - Bulk CSV spells every double in plain decimals with all the digits it needs
 *    (it printed 0.30000000000000004 as 0.3 and 4.9e-324 as 0.000000);
 *  - GET /_sim/tokens/issued lists a token still after it was revoked (rel-secrets
 *    looks for every secret there was, not only the live ones). */

#define ID "0018d0000000001AAA"

static SimServer *server;
static SoupSession *session;
static const char *base;
static char *token;

static void
set_fields (const char *fields)
{
  g_autofree char *json = g_strdup_printf ("{\"action\":\"update\",\"ids\":[\"" ID "\"],\"fields\":%s}", fields);
  g_autoptr(SimTestResponse) response = sim_test_control (session, base, "/data/Account", json);

  g_assert_cmpuint (response->status, ==, 200);
}

static void
add_fault (const char *json)
{
  g_autoptr(SimTestResponse) response = sim_test_control (session, base, "/faults", json);

  g_assert_cmpuint (response->status, ==, 200);
}

/* The headers promise the whole body, half of it comes, then a reset: the client
 * gets an error, or (libsoup 3.2) fewer bytes than Content-Length. */
static void
test_reset_body (void)
{
  g_autofree char *url = g_strconcat (base, "/services/data/v66.0/limits", NULL);
  g_autoptr(SoupSession) fresh = sim_test_session ();
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autofree char *auth = g_strdup_printf ("Bearer %s", token);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SimTestResponse) after = NULL;

  add_fault ("{\"kind\":\"reset-body\",\"path\":\"*/limits\",\"times\":1}");
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", auth);
  body = soup_session_send_and_read (fresh, message, NULL, &error);
  if (error == NULL)
    {
      goffset promised = soup_message_headers_get_content_length (soup_message_get_response_headers (message));

      g_test_message ("reset-body: %zu of %" G_GOFFSET_FORMAT " bytes", g_bytes_get_size (body), promised);
      g_assert_cmpint ((goffset) g_bytes_get_size (body), <, promised);
    }

  after = sim_test_get (session, base, token, "/services/data/v66.0/limits");
  g_assert_cmpuint (after->status, ==, 200);
}

static void
test_expire_session (void)
{
  g_autoptr(SimTestResponse) first = NULL;
  g_autoptr(SimTestResponse) second = NULL;

  add_fault ("{\"kind\":\"expire-session\",\"path\":\"*/limits\",\"times\":1}");
  first = sim_test_get (session, base, token, "/services/data/v66.0/limits");
  g_assert_cmpuint (first->status, ==, 401);
  g_assert_cmpstr (sim_test_error_code (first), ==, "INVALID_SESSION_ID");

  /* The token stays expired without the fault. */
  second = sim_test_get (session, base, token, "/services/data/v66.0/sobjects/");
  g_assert_cmpuint (second->status, ==, 401);

  g_free (token);
  token = sim_test_login (session, base);
}

static void
test_composite_big_numbers (void)
{
  g_autofree char *url = g_strconcat (base, "/services/data/v66.0/composite", NULL);
  const char *request = "{\"compositeRequest\":[{\"method\":\"GET\",\"referenceId\":\"q\","
                        "\"url\":\"/services/data/v66.0/query?q=SELECT+Id,AnnualRevenue,Score__c+FROM+Account+"
                        "WHERE+Id='" ID "'\"}]}";
  g_autoptr(SimTestResponse) response = NULL;
  JsonObject *record;

  set_fields ("{\"AnnualRevenue\":1e18,\"Score__c\":4.9e-324}");
  response = sim_test_request (session, "POST", url, token, "application/json", request, NULL);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_nonnull (response->json);

  record = json_array_get_object_element (
    json_object_get_array_member (
      json_object_get_object_member (
        json_array_get_object_element (json_object_get_array_member (json_node_get_object (response->json),
                                                                      "compositeResponse"), 0),
        "body"),
      "records"),
    0);
  g_assert_cmpfloat (json_object_get_double_member (record, "AnnualRevenue"), ==, 1e18);
  g_assert_cmpfloat (json_object_get_double_member (record, "Score__c"), ==, 4.9e-324);
}

static void
test_bulk_plain_numbers (void)
{
  g_autofree char *jobs = g_strconcat (base, "/services/data/v66.0/jobs/query", NULL);
  g_autoptr(SimTestResponse) created = NULL;
  g_autoptr(SimTestResponse) results = NULL;
  g_autofree char *results_url = NULL;
  const char *csv;

  set_fields ("{\"AnnualRevenue\":1e18,\"Score__c\":0.30000000000000004,\"Discount__c\":4.9e-324,"
              "\"Seats__c\":-12345.678901234567}");
  created = sim_test_request (session, "POST", jobs, token, "application/json",
                              "{\"operation\":\"query\",\"query\":\"SELECT Id, AnnualRevenue, Score__c, Discount__c, "
                              "Seats__c FROM Account WHERE Id = '" ID "'\"}", NULL);
  g_assert_cmpuint (created->status, ==, 200);
  results_url = g_strdup_printf ("%s/%s/results", jobs,
                                 json_object_get_string_member (sim_test_object (created), "id"));

  for (guint i = 0; i < 200; i++)
    {
      g_clear_pointer (&results, sim_test_response_free);
      results = sim_test_request (session, "GET", results_url, token, NULL, NULL, NULL);
      if (results->status == 200)
        break;
      g_usleep (20000);
    }
  g_assert_cmpuint (results->status, ==, 200);

  csv = sim_test_body (results);
  g_test_message ("%s", csv);
  g_assert_nonnull (strstr (csv, "\"1000000000000000000\""));
  g_assert_nonnull (strstr (csv, "\"0.30000000000000004\""));
  g_assert_nonnull (strstr (csv, "\"-12345.678901234567\""));
  g_assert_nonnull (strstr (csv, "\"0.000"));
  g_assert_false (g_regex_match_simple ("[0-9][eE][-+]?[0-9]", csv, 0, 0));
}

static void
test_state_file_big_numbers (void)
{
  g_autofree char *dir = g_dir_make_tmp ("orgsync-rel-sim-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "state.json", NULL);
  g_autofree char *json = g_strdup ("{\"action\":\"update\",\"ids\":[\"" ID "\"],"
                                    "\"fields\":{\"AnnualRevenue\":1e18,\"Score__c\":0.30000000000000004}}");

  {
    g_autoptr(SimServer) first = sim_test_start_server ("--state-file", file, "--records", "Account=5", NULL);
    g_autoptr(SimTestResponse) response = sim_test_control (session, sim_server_get_base_url (first),
                                                            "/data/Account", json);

    g_assert_cmpuint (response->status, ==, 200);
    sim_server_stop (first);
  }

  {
    g_autoptr(SimServer) second = sim_test_start_server ("--state-file", file, "--records", "Account=5", NULL);
    g_autofree char *url = g_strconcat (sim_server_get_base_url (second), "/_sim/records/Account?limit=1", NULL);
    g_autoptr(SimTestResponse) dump = sim_test_request (session, "GET", url, NULL, NULL, NULL, NULL);
    JsonObject *record = json_array_get_object_element (json_node_get_array (dump->json), 0);

    g_assert_cmpfloat (json_object_get_double_member (record, "AnnualRevenue"), ==, 1e18);
    g_assert_cmpfloat (json_object_get_double_member (record, "Score__c"), ==, 0.30000000000000004);
  }

  g_unlink (file);
  g_rmdir (dir);
}

/* Runs last: it revokes the session the other tests use. */
static void
test_tokens_issued (void)
{
  g_autofree char *json = g_strdup_printf ("{\"token\":\"%s\"}", token);
  g_autoptr(SimTestResponse) revoked = sim_test_control (session, base, "/tokens/revoke", json);
  g_autoptr(SimTestResponse) issued = sim_test_get (session, base, NULL, "/_sim/tokens/issued");
  JsonArray *array;
  gboolean found = FALSE;

  g_assert_cmpuint (revoked->status, ==, 200);
  g_assert_cmpuint (issued->status, ==, 200);
  array = json_object_get_array_member (sim_test_object (issued), "issued");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (item, "value"), token))
        {
          g_assert_cmpstr (json_object_get_string_member (item, "kind"), ==, "accessToken");
          found = TRUE;
        }
    }
  g_assert_true (found);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  server = sim_test_start_server ("--records", "Account=20", "--custom-fields", "14", "--bulk-delay", "0", NULL);
  session = sim_test_session ();
  base = sim_server_get_base_url (server);
  token = sim_test_login (session, base);

  g_test_add_func ("/rel-sim/reset-body", test_reset_body);
  g_test_add_func ("/rel-sim/expire-session", test_expire_session);
  g_test_add_func ("/rel-sim/composite-big-numbers", test_composite_big_numbers);
  g_test_add_func ("/rel-sim/bulk-plain-numbers", test_bulk_plain_numbers);
  g_test_add_func ("/rel-sim/state-file-big-numbers", test_state_file_big_numbers);
  g_test_add_func ("/rel-sim/tokens-issued", test_tokens_issued);
  status = g_test_run ();

  g_free (token);
  g_object_unref (session);
  sim_server_stop (server);
  g_object_unref (server);
  return status;
}
