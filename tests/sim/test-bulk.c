/* test-bulk.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sim-test-util.h"

/* Bulk API 2.0 query jobs.  The processing delay is zero here, so that no
 * test depends on wall-clock time. */

static SimServer *server;
static SoupSession *session;
static const char *base;
static char *token;

static char *
create_job (const char *version,
            const char *body,
            guint       expected_status)
{
  g_autofree char *url = g_strdup_printf ("%s/services/data/v%s/jobs/query", base, version);
  g_autoptr(SimTestResponse) response = sim_test_request (session, "POST", url, token, NULL, body, NULL);

  g_assert_cmpuint (response->status, ==, expected_status);
  if (expected_status != 200)
    return g_strdup (json_object_get_string_member (json_array_get_object_element (json_node_get_array (response->json), 0),
                                                    "errorCode"));
  g_assert_cmpstr (json_object_get_string_member (sim_test_object (response), "state"), ==, "UploadComplete");
  return g_strdup (json_object_get_string_member (sim_test_object (response), "id"));
}

static SimTestResponse *
job_request (const char *method,
             const char *version,
             const char *id,
             const char *suffix,
             const char *body)
{
  g_autofree char *url = g_strdup_printf ("%s/services/data/v%s/jobs/query/%s%s", base, version, id, suffix);

  return sim_test_request (session, method, url, token, NULL, body, NULL);
}

static guint
count_lines (const char *csv)
{
  guint n = 0;
  gboolean quoted = FALSE;

  /* Newlines inside quoted values do not end a record. */
  for (const char *p = csv; *p; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (*p == '\n' && !quoted)
        n++;
    }
  return n;
}

static void
test_job_and_chunks (void)
{
  g_autofree char *id = create_job ("61.0", "{\"operation\":\"query\",\"query\":"
                                    "\"SELECT Id, Name, Description, Owner.Name, CreatedDate, AnnualRevenue, IsDeleted FROM Account\"}", 200);
  g_autoptr(SimTestResponse) info = job_request ("GET", "61.0", id, "", NULL);
  g_autofree char *locator = NULL;
  guint total = 0, chunks = 0;
  JsonObject *job = sim_test_object (info);

  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "JobComplete");
  g_assert_cmpstr (json_object_get_string_member (job, "jobType"), ==, "V2Query");
  g_assert_cmpint (json_object_get_int_member (job, "numberRecordsProcessed"), ==, 1000);
  g_assert_cmpfloat (json_object_get_double_member (job, "apiVersion"), ==, 61.0);

  do
    {
      g_autofree char *suffix = locator ? g_strdup_printf ("/results?maxRecords=300&locator=%s", locator)
                                        : g_strdup ("/results?maxRecords=300");
      g_autoptr(SimTestResponse) chunk = job_request ("GET", "61.0", id, suffix, NULL);
      const char *csv = sim_test_body (chunk);
      const char *n = soup_message_headers_get_one (chunk->headers, "Sforce-NumberOfRecords");

      g_assert_cmpuint (chunk->status, ==, 200);
      g_assert_cmpstr (soup_message_headers_get_content_type (chunk->headers, NULL), ==, "text/csv");
      /* Every chunk starts with the header row, in SELECT order, all quoted. */
      g_assert_true (g_str_has_prefix (csv, "\"Id\",\"Name\",\"Description\",\"Owner.Name\",\"CreatedDate\","
                                            "\"AnnualRevenue\",\"IsDeleted\"\n\"001"));
      g_assert_nonnull (strstr (csv, "\"false\"\n"));
      g_assert_cmpuint (count_lines (csv) - 1, ==, g_ascii_strtoull (n, NULL, 10));
      total += g_ascii_strtoull (n, NULL, 10);
      chunks++;

      g_free (locator);
      locator = g_strdup (soup_message_headers_get_one (chunk->headers, "Sforce-Locator"));
      g_assert_nonnull (locator);
    }
  while (!g_str_equal (locator, "null"));

  g_assert_cmpuint (total, ==, 1000);
  g_assert_cmpuint (chunks, ==, 4);
}

static void
test_rejections (void)
{
  g_autofree char *compound = create_job ("61.0", "{\"operation\":\"query\",\"query\":\"SELECT Id, BillingAddress FROM Account\"}", 400);
  g_autofree char *bad_field = create_job ("61.0", "{\"operation\":\"query\",\"query\":\"SELECT Id, Nope FROM Account\"}", 400);
  g_autofree char *bad_op = create_job ("61.0", "{\"operation\":\"upsert\",\"query\":\"SELECT Id FROM Account\"}", 400);
  g_autofree char *id = create_job ("61.0", "{\"operation\":\"queryAll\",\"query\":\"SELECT Id FROM Lead\"}", 200);
  g_autoptr(SimTestResponse) mismatch = job_request ("GET", "60.0", id, "/results", NULL);
  g_autoptr(GList) members = NULL;

  g_assert_cmpstr (compound, ==, "API_ERROR");
  g_assert_cmpstr (bad_field, ==, "INVALID_FIELD");
  g_assert_cmpstr (bad_op, ==, "INVALIDJOB");

  /* Results must be read with the job's own API version. */
  g_assert_cmpuint (mismatch->status, ==, 409);
  members = json_object_get_members (json_array_get_object_element (json_node_get_array (mismatch->json), 0));
  /* Bulk errors list errorCode before message. */
  g_assert_cmpstr (members->data, ==, "errorCode");
}

static void
test_abort_and_delete (void)
{
  g_autoptr(SimTestResponse) config = sim_test_control (session, base, "/config", "{\"bulkDelayMs\": 3600000}");
  g_autofree char *id = create_job ("61.0", "{\"operation\":\"query\",\"query\":\"SELECT Id FROM Contact\"}", 200);
  g_autoptr(SimTestResponse) early_delete = job_request ("DELETE", "61.0", id, "", NULL);
  g_autoptr(SimTestResponse) early_results = job_request ("GET", "61.0", id, "/results", NULL);
  g_autoptr(SimTestResponse) aborted = job_request ("PATCH", "61.0", id, "", "{\"state\":\"Aborted\"}");
  g_autoptr(SimTestResponse) info = job_request ("GET", "61.0", id, "", NULL);
  g_autoptr(SimTestResponse) deleted = job_request ("DELETE", "61.0", id, "", NULL);
  g_autoptr(SimTestResponse) gone = job_request ("GET", "61.0", id, "", NULL);
  g_autoptr(SimTestResponse) restore = sim_test_control (session, base, "/config", "{\"bulkDelayMs\": 0}");

  g_assert_cmpuint (early_delete->status, ==, 400);
  g_assert_cmpuint (early_results->status, ==, 400);
  g_assert_cmpuint (aborted->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sim_test_object (info), "state"), ==, "Aborted");
  g_assert_cmpuint (deleted->status, ==, 204);
  g_assert_cmpuint (gone->status, ==, 404);
}

static void
test_fault_jobs (void)
{
  g_autoptr(SimTestResponse) f1 = sim_test_control (session, base, "/faults",
                                                    "{\"kind\":\"bulk-failed\",\"path\":\"/services/data/*/jobs/query\",\"times\":1}");
  g_autofree char *failed = create_job ("61.0", "{\"operation\":\"query\",\"query\":\"SELECT Id FROM Lead\"}", 200);
  g_autoptr(SimTestResponse) failed_info = job_request ("GET", "61.0", failed, "", NULL);
  g_autoptr(SimTestResponse) f2 = sim_test_control (session, base, "/faults",
                                                    "{\"kind\":\"csv-truncated\",\"path\":\"*/results\",\"times\":1}");
  g_autofree char *ok = create_job ("61.0", "{\"operation\":\"query\",\"query\":\"SELECT Id, Name FROM Lead\"}", 200);
  g_autoptr(SimTestResponse) truncated = job_request ("GET", "61.0", ok, "/results", NULL);
  g_autoptr(SimTestResponse) whole = job_request ("GET", "61.0", ok, "/results", NULL);

  g_assert_cmpstr (json_object_get_string_member (sim_test_object (failed_info), "state"), ==, "Failed");
  g_assert_nonnull (json_object_get_string_member (sim_test_object (failed_info), "errorMessage"));
  g_assert_cmpuint (g_bytes_get_size (truncated->body), <, g_bytes_get_size (whole->body));
  g_assert_true (g_str_has_suffix (sim_test_body (whole), "\"\n"));
  g_assert_false (g_str_has_suffix (sim_test_body (truncated), "\"\n"));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  server = sim_test_start_server ("--bulk-delay", "0", NULL);
  session = sim_test_session ();
  base = sim_server_get_base_url (server);
  token = sim_test_login (session, base);

  g_test_add_func ("/sim/bulk/job-and-chunks", test_job_and_chunks);
  g_test_add_func ("/sim/bulk/rejections", test_rejections);
  g_test_add_func ("/sim/bulk/abort-delete", test_abort_and_delete);
  g_test_add_func ("/sim/bulk/faults", test_fault_jobs);

  ret = g_test_run ();
  g_free (token);
  g_object_unref (session);
  g_object_unref (server);
  return ret;
}
