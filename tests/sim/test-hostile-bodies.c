/* test-hostile-bodies.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sim-test-util.h"

/* Whatever a local program sends, orgsync-sim answers and keeps serving: it
 * runs inside the GUI for the demo org. Bodies nested past json-glib's
 * recursion crashed it; glued JSON documents were taken as the last one;
 * a statement that is not UTF-8 went into a JSON error message (found by
 * tests/fuzz/fuzz-sim-soql). */

static SimServer *sim;
static const char *base;
static char *token;

static char *
deep_object (guint depth)
{
  GString *text = g_string_sized_new (6 * depth);

  for (guint i = 0; i < depth; i++)
    g_string_append (text, "{\"a\":");
  g_string_append_c (text, '1');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '}');

  return g_string_free (text, FALSE);
}

static void
assert_still_serving (SoupSession *session)
{
  g_autoptr(SimTestResponse) versions = sim_test_get (session, base, NULL, "/services/data/");

  g_assert_cmpuint (versions->status, ==, 200);
}

static void
test_deep_bodies (void)
{
  const char * const paths[][2] = {
    { "POST", "/_sim/faults" },
    { "POST", "/services/data/v60.0/composite" },
    { "POST", "/services/data/v60.0/jobs/query" },
    { "POST", "/services/data/v60.0/sobjects/Account" },
    { "PATCH", "/services/data/v60.0/sobjects/Account/0018d0000000001AAA" },
  };
  g_autoptr(SoupSession) session = sim_test_session ();
  g_autofree char *deep = deep_object (300000);
  g_autofree char *limit = deep_object (100);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *url = g_strconcat (base, paths[i][1], NULL);
      g_autoptr(SimTestResponse) response = NULL;
      g_autoptr(SimTestResponse) fine = NULL;

      g_test_message ("%s %s", paths[i][0], paths[i][1]);
      response = sim_test_request (session, paths[i][0], url, token, "application/json", deep, NULL);
      g_assert_cmpuint (response->status, ==, 400);
      /* The control API says less than the Salesforce endpoints. */
      g_assert_true (strstr (sim_test_body (response), "nested deeper than 100 levels") != NULL ||
                     strstr (sim_test_body (response), "must be a JSON object") != NULL);
      assert_still_serving (session);

      /* A hundred levels are parsed, and then refused for what they say
       * (not where a body without a kind would make a fault). */
      if (i == 0)
        continue;
      fine = sim_test_request (session, paths[i][0], url, token, "application/json", limit, NULL);
      g_assert_cmpuint (fine->status, ==, 400);
      g_assert_null (strstr (sim_test_body (fine), "nested deeper"));
    }
}

static void
test_glued_documents (void)
{
  g_autoptr(SoupSession) session = sim_test_session ();
  g_autoptr(SimTestResponse) fault = NULL;
  g_autoptr(SimTestResponse) faults = NULL;
  g_autoptr(SimTestResponse) job = NULL;
  g_autofree char *url = g_strconcat (base, "/services/data/v60.0/jobs/query", NULL);

  fault = sim_test_control (session, base, "/faults",
                            "{\"kind\":\"delay\",\"path\":\"/nowhere\"}{\"kind\":\"reset\",\"path\":\"/*\"}");
  g_assert_cmpuint (fault->status, ==, 400);
  faults = sim_test_control (session, base, "/faults", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (faults->json)), ==, 0);

  job = sim_test_request (session, "POST", url, token, "application/json",
                          "{\"operation\":\"query\",\"query\":\"SELECT Id FROM Account\"} 5", NULL);
  g_assert_cmpuint (job->status, ==, 400);
  g_assert_cmpstr (sim_test_error_code (job), ==, "JSON_PARSER_ERROR");
}

static void
test_soql_not_utf8 (void)
{
  g_autoptr(SoupSession) session = sim_test_session ();
  g_autoptr(SimTestResponse) response =
    sim_test_get (session, base, token, "/services/data/v60.0/query?q=SELECT%20Id%20FROM%20Acc%FFount");

  g_assert_cmpuint (response->status, ==, 400);
  g_assert_nonnull (response->json);
  g_assert_cmpstr (sim_test_error_code (response), ==, "MALFORMED_QUERY");
  g_assert_true (g_utf8_validate (sim_test_error_message (response), -1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SoupSession) session = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  sim = sim_test_start_server ("--records", "Account=5", NULL);
  base = sim_server_get_base_url (sim);
  session = sim_test_session ();
  token = sim_test_login (session, base);

  g_test_add_func ("/sim/hostile-bodies/deep", test_deep_bodies);
  g_test_add_func ("/sim/hostile-bodies/glued-documents", test_glued_documents);
  g_test_add_func ("/sim/hostile-bodies/soql-not-utf8", test_soql_not_utf8);

  ret = g_test_run ();
  g_free (token);
  g_object_unref (sim);
  return ret;
}
