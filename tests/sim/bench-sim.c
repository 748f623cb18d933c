/* bench-sim.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sim-test-util.h"

/* Figures, not pass/fail: REST pages and Bulk CSV served to a loopback
 * client, and the start-up time and memory of a big org.  Targets are
 * printed next to each figure. */

#define ACCOUNT_FIELDS \
  "Id,IsDeleted,MasterRecordId,Name,Type,ParentId,BillingStreet,BillingCity,BillingState," \
  "BillingPostalCode,BillingCountry,BillingLatitude,BillingLongitude,BillingGeocodeAccuracy," \
  "ShippingStreet,ShippingCity,ShippingState,ShippingPostalCode,ShippingCountry,Phone,Fax," \
  "AccountNumber,Website,Sic,Industry,AnnualRevenue,NumberOfEmployees,Ownership,TickerSymbol," \
  "Description,Rating,Site,OwnerId,CreatedDate,CreatedById,LastModifiedDate,LastModifiedById," \
  "SystemModstamp,AccountSource,YearStarted"

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
row (const char *what,
     double      value,
     const char *unit,
     const char *target)
{
  printf ("| %-56s | %12.0f %-6s | %-14s |\n", what, value, unit, target);
  fflush (stdout);
}

static void
bench_rest (SoupSession *session,
            const char  *base,
            const char  *token)
{
  g_autofree char *path = g_strdup ("/services/data/v61.0/query?q=SELECT+" ACCOUNT_FIELDS "+FROM+Account");
  guint records = 0, pages = 0;
  gint64 start = g_get_monotonic_time ();
  gsize bytes = 0;

  while (path != NULL && pages < 50)
    {
      g_autoptr(SimTestResponse) page = sim_test_get (session, base, token, path);
      JsonObject *object = sim_test_object (page);

      g_assert_cmpuint (page->status, ==, 200);
      records += json_array_get_length (json_object_get_array_member (object, "records"));
      bytes += g_bytes_get_size (page->body);
      pages++;
      g_free (path);
      path = json_object_get_boolean_member (object, "done") ? NULL :
             g_strdup (json_object_get_string_member (object, "nextRecordsUrl"));
    }
  g_assert_cmpuint (records, ==, pages * 2000);
  row ("REST pages, client parses each with json-glib", records / seconds_since (start), "rec/s", "");
  row ("  bytes served", bytes / seconds_since (start) / 1e6, "MB/s", "");
}

static void
bench_rest_raw (SoupSession *session,
                const char  *base,
                const char  *token)
{
  g_autofree char *first = g_strconcat (base, "/services/data/v61.0/query?q=SELECT+" ACCOUNT_FIELDS "+FROM+Account", NULL);
  g_autoptr(SimTestResponse) page = sim_test_request (session, "GET", first, token, NULL, NULL, NULL);
  g_autofree char *next = g_strdup (json_object_get_string_member (sim_test_object (page), "nextRecordsUrl"));
  char *dash = strrchr (next, '-');
  gint64 start;
  guint records = 0;

  /* Without JSON parsing on the client: what the simulator itself sustains. */
  *dash = '\0';
  start = g_get_monotonic_time ();
  for (guint i = 1; i <= 50; i++)
    {
      g_autofree char *url = g_strdup_printf ("%s%s-%u", base, next, i * 2000);
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
      g_autofree char *auth = g_strdup_printf ("Bearer %s", token);
      g_autoptr(GBytes) body = NULL;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
      body = soup_session_send_and_read (session, msg, NULL, NULL);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
      records += 2000;
    }
  row ("REST query, 2,000 rows x 40 fields a page", records / seconds_since (start), "rec/s", ">= 80,000");
}

static guint
bulk_export (SoupSession *session,
             const char  *base,
             const char  *token,
             const char  *soql,
             guint        max_records,
             double      *download_seconds)
{
  g_autofree char *create_url = g_strconcat (base, "/services/data/v61.0/jobs/query", NULL);
  g_autofree char *body = g_strdup_printf ("{\"operation\":\"query\",\"query\":\"%s\"}", soql);
  g_autoptr(SimTestResponse) job = sim_test_request (session, "POST", create_url, token, NULL, body, NULL);
  g_autofree char *id = g_strdup (json_object_get_string_member (sim_test_object (job), "id"));
  g_autofree char *job_path = g_strdup_printf ("/services/data/v61.0/jobs/query/%s", id);
  g_autofree char *locator = NULL;
  guint records = 0;
  gint64 start;

  /* Poll as a client would, every 250 ms, through the default delay. */
  while (TRUE)
    {
      g_autoptr(SimTestResponse) info = sim_test_get (session, base, token, job_path);
      const char *state = json_object_get_string_member (sim_test_object (info), "state");

      if (g_str_equal (state, "JobComplete"))
        break;
      g_assert_cmpstr (state, !=, "Failed");
      g_usleep (250000);
    }

  start = g_get_monotonic_time ();
  do
    {
      g_autofree char *url = locator ? g_strdup_printf ("%s%s/results?maxRecords=%u&locator=%s", base, job_path,
                                                        max_records, locator)
                                     : g_strdup_printf ("%s%s/results?maxRecords=%u", base, job_path, max_records);
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
      g_autofree char *auth = g_strdup_printf ("Bearer %s", token);
      g_autoptr(GBytes) csv = NULL;
      SoupMessageHeaders *headers;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
      csv = soup_session_send_and_read (session, msg, NULL, NULL);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
      headers = soup_message_get_response_headers (msg);
      records += g_ascii_strtoull (soup_message_headers_get_one (headers, "Sforce-NumberOfRecords"), NULL, 10);
      g_free (locator);
      locator = g_strdup (soup_message_headers_get_one (headers, "Sforce-Locator"));
    }
  while (!g_str_equal (locator, "null"));

  *download_seconds = seconds_since (start);
  return records;
}

static void
bench_bulk (SoupSession *session,
            const char  *base,
            const char  *token)
{
  gint64 start = g_get_monotonic_time ();
  double download;
  guint records = bulk_export (session, base, token, "SELECT " ACCOUNT_FIELDS " FROM Account", 50000, &download);

  row ("Bulk 2.0 CSV results, 40 fields, 50,000-row chunks", records / download, "rec/s", ">= 150,000");
  row ("  whole job incl. default processing delay", records / seconds_since (start), "rec/s", "");
}

static char *
all_exportable_fields (SoupSession *session,
                       const char  *base,
                       const char  *token,
                       const char  *object)
{
  g_autofree char *path = g_strdup_printf ("/services/data/v61.0/sobjects/%s/describe", object);
  g_autoptr(SimTestResponse) describe = sim_test_get (session, base, token, path);
  JsonArray *fields = json_object_get_array_member (sim_test_object (describe), "fields");
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonObject *field = json_array_get_object_element (fields, i);
      const char *type = json_object_get_string_member (field, "type");

      /* Bulk queries take no compound or base64 fields. */
      if (g_str_equal (type, "address") || g_str_equal (type, "location") || g_str_equal (type, "base64"))
        continue;
      g_string_append_printf (list, "%s%s", list->len ? ", " : "", json_object_get_string_member (field, "name"));
    }
  return g_string_free (list, FALSE);
}

static gint64
read_status_kb (GPid        pid,
                const char *key)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", pid);
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (line = strstr (text, key)) == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen (key) + 1, NULL, 10);
}

static void
bench_big_org (void)
{
  const char *sim = g_getenv ("ORGSYNC_SIM");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = sim_test_session ();
  g_autofree char *base = NULL;
  g_autofree char *token = NULL;
  g_autofree char *account_fields = NULL;
  g_autofree char *contact_fields = NULL;
  g_autofree char *soql_a = NULL;
  g_autofree char *soql_c = NULL;
  GPid pid;
  gint64 start;
  double startup, download_a, download_c;
  guint records;

  g_assert_nonnull (sim);
  start = g_get_monotonic_time ();
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, sim,
                              "--records", "Account=1000000,Contact=500000", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  base = g_data_input_stream_read_line (out, NULL, NULL, &error);
  startup = seconds_since (start);
  g_assert_nonnull (base);
  pid = g_ascii_strtoll (g_subprocess_get_identifier (process), NULL, 10);

  row ("Start-up, 1,000,000 Account + 500,000 Contact", startup * 1000, "ms", "< 1,000");
  row ("  resident memory after start-up", read_status_kb (pid, "VmRSS:") / 1024.0, "MB", "");

  token = sim_test_login (session, base);
  account_fields = all_exportable_fields (session, base, token, "Account");
  contact_fields = all_exportable_fields (session, base, token, "Contact");
  soql_a = g_strdup_printf ("SELECT %s FROM Account", account_fields);
  soql_c = g_strdup_printf ("SELECT %s FROM Contact", contact_fields);

  records = bulk_export (session, base, token, soql_a, 50000, &download_a);
  g_assert_cmpuint (records, ==, 1000000);
  records = bulk_export (session, base, token, soql_c, 50000, &download_c);
  g_assert_cmpuint (records, ==, 500000);

  row ("Full Bulk export, all fields, Account + Contact", 1500000 / (download_a + download_c), "rec/s", "");
  row ("  resident memory after the export (VmRSS)", read_status_kb (pid, "VmRSS:") / 1024.0, "MB", "< 300");
  row ("  peak resident memory (VmHWM)", read_status_kb (pid, "VmHWM:") / 1024.0, "MB", "");

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SimServer) server = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autofree char *token = NULL;
  const char *base;

  g_test_init (&argc, &argv, NULL);

  printf ("| %-56s | %-19s | %-14s |\n", "orgsync-sim benchmark", "figure", "target");
  printf ("|----------------------------------------------------------|---------------------|----------------|\n");

  server = sim_test_start_server ("--records", "Account=200000", NULL);
  session = sim_test_session ();
  base = sim_server_get_base_url (server);
  token = sim_test_login (session, base);

  bench_rest (session, base, token);
  bench_rest_raw (session, base, token);
  bench_bulk (session, base, token);
  sim_server_stop (server);

  bench_big_org ();
  return 0;
}
