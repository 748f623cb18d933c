/* bench-sf-parse.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-bulk-job.h"
#include "sf-client.h"
#include "sf-csv-parser.h"
#include "sf-query.h"
#include "sf-record-batch-private.h"
#include "sim-server.h"

/* Prints how many records a second the client turns into typed rows: REST
 * pages and Bulk CSV in memory, then both end to end against orgsync-sim on
 * loopback (which includes the simulator's own time). Figures, not tests. */

#define N_FIELDS 40

static const SfFieldType field_types[] = {
  SF_FIELD_TYPE_ID, SF_FIELD_TYPE_STRING, SF_FIELD_TYPE_CURRENCY, SF_FIELD_TYPE_INT,
  SF_FIELD_TYPE_DATETIME, SF_FIELD_TYPE_BOOLEAN, SF_FIELD_TYPE_DATE, SF_FIELD_TYPE_PICKLIST,
};

static char **
field_names (void)
{
  char **names = g_new0 (char *, N_FIELDS + 1);

  for (guint i = 0; i < N_FIELDS; i++)
    names[i] = g_strdup_printf ("Field%u__c", i);
  return names;
}

static SfFieldType *
types (void)
{
  SfFieldType *out = g_new0 (SfFieldType, N_FIELDS);

  for (guint i = 0; i < N_FIELDS; i++)
    out[i] = field_types[i % G_N_ELEMENTS (field_types)];
  return out;
}

static void
append_value (GString *out,
              guint    field,
              guint    row,
              gboolean json)
{
  switch (field % G_N_ELEMENTS (field_types))
    {
    case 0: g_string_append_printf (out, "\"001%015u\"", row); break;
    case 1: g_string_append_printf (out, "\"Company %u, \\\"Ltd\\\"\"", row); break;
    case 2: g_string_append_printf (out, json ? "%u.5" : "\"%u.5\"", row * 7); break;
    case 3: g_string_append_printf (out, json ? "%u" : "\"%u\"", row % 5000); break;
    case 4: g_string_append (out, json ? "\"2024-05-02T13:45:10.000+0000\"" : "\"2024-05-02T13:45:10.000Z\""); break;
    case 5: g_string_append (out, json ? "true" : "\"true\""); break;
    case 6: g_string_append (out, "\"2024-06-30\""); break;
    default: g_string_append (out, "\"Manufacturing\""); break;
    }
}

static double
bench_json (void)
{
  g_auto(GStrv) names = field_names ();
  g_autofree SfFieldType *t = types ();
  g_autoptr(GString) page = g_string_new ("{\"totalSize\":2000,\"done\":true,\"records\":[");
  g_autoptr(GTimer) timer = g_timer_new ();
  guint rows = 0;

  for (guint r = 0; r < 2000; r++)
    {
      g_string_append (page, r ? ",{" : "{");
      g_string_append (page, "\"attributes\":{\"type\":\"Account\",\"url\":\"/x\"}");
      for (guint f = 0; f < N_FIELDS; f++)
        {
          g_string_append_printf (page, ",\"%s\":", names[f]);
          append_value (page, f, r, TRUE);
        }
      g_string_append_c (page, '}');
    }
  g_string_append (page, "]}");

  g_timer_start (timer);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(SfRecordBatch) batch = _sf_record_batch_new ((const char * const *) names, t, N_FIELDS);
      JsonArray *records;

      json_parser_load_from_data (parser, page->str, page->len, NULL);
      records = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "records");
      for (guint r = 0; r < json_array_get_length (records); r++)
        _sf_record_batch_add_json_record (batch, json_array_get_object_element (records, r));
      rows += sf_record_batch_get_n_rows (batch);
    }

  return rows / g_timer_elapsed (timer, NULL);
}

typedef struct
{
  SfRecordBatch *batch;
  gboolean       header;
} CsvState;

static gboolean
csv_row_cb (const char * const *fields,
            const gsize        *lengths,
            guint               n_fields,
            gpointer            user_data,
            GError            **error)
{
  CsvState *state = user_data;

  if (!state->header)
    state->header = TRUE;
  else
    _sf_record_batch_add_csv_row (state->batch, fields, lengths);
  return TRUE;
}

static double
bench_csv (void)
{
  g_auto(GStrv) names = field_names ();
  g_autofree SfFieldType *t = types ();
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(SfCsvParser) parser = sf_csv_parser_new (',');
  g_autoptr(GTimer) timer = g_timer_new ();
  CsvState state = { 0 };

  for (guint f = 0; f < N_FIELDS; f++)
    g_string_append_printf (csv, "%s\"%s\"", f ? "," : "", names[f]);
  g_string_append_c (csv, '\n');
  for (guint r = 0; r < 50000; r++)
    {
      for (guint f = 0; f < N_FIELDS; f++)
        {
          if (f > 0)
            g_string_append_c (csv, ',');
          if (f % G_N_ELEMENTS (field_types) == 1)
            g_string_append_printf (csv, "\"Company %u, \"\"Ltd\"\"\"", r);
          else
            append_value (csv, f, r, FALSE);
        }
      g_string_append_c (csv, '\n');
    }

  state.batch = _sf_record_batch_new ((const char * const *) names, t, N_FIELDS);
  g_timer_start (timer);
  for (gsize offset = 0; offset < csv->len; offset += 65536)
    sf_csv_parser_feed (parser, csv->str + offset, MIN (65536, csv->len - offset), csv_row_cb, &state, NULL);
  sf_csv_parser_finish (parser, csv_row_cb, &state, NULL);
  g_assert_cmpuint (sf_record_batch_get_n_rows (state.batch), ==, 50000);
  sf_record_batch_unref (state.batch);

  return 50000 / g_timer_elapsed (timer, NULL);
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
bench_end_to_end (double *rest_rate,
                  double *bulk_rate)
{
  const char * const args[] = { "--records", "Account=20000", NULL };
  g_autoptr(SimServer) sim = sim_server_new ();
  g_autoptr(SfClient) client = NULL;
  g_autoptr(SfSoqlBuilder) builder = sf_soql_builder_new ("Account");
  g_autoptr(SfQuery) query = NULL;
  g_autoptr(SfBulkJob) job = NULL;
  g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL, r3 = NULL;
  g_autoptr(SfToken) token = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GError) error = NULL;
  const char *fields[] = { "Id", "Name", "Type", "Industry", "AnnualRevenue", "NumberOfEmployees",
                           "Phone", "Website", "BillingStreet", "BillingCity", "BillingState",
                           "BillingPostalCode", "BillingCountry", "Rating", "OwnerId", "CreatedDate",
                           "LastModifiedDate", "SystemModstamp", "IsDeleted", "Description" };
  guint64 rows = 0;

  if (!sim_server_configure (sim, args, &error) || !sim_server_start (sim, &error))
    g_error ("%s", error->message);
  client = sf_client_new (sim_server_get_base_url (sim), &error);
  sf_client_sign_in_with_password_async (client, "demo@orgsync.test", "demo1234", "DEMOTOKEN",
                                         NULL, result_cb, &r1);
  token = sf_client_sign_in_with_password_finish (client, wait_for (&r1), &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    sf_soql_builder_add_field (builder, fields[i], SF_FIELD_TYPE_UNKNOWN);

  query = sf_query_new (client, builder, SF_QUERY_FLAGS_NONE);
  g_timer_start (timer);
  for (;;)
    {
      g_autoptr(GAsyncResult) r = NULL;
      g_autoptr(SfRecordBatch) batch = NULL;

      sf_query_next_page_async (query, NULL, result_cb, &r);
      if ((batch = sf_query_next_page_finish (query, wait_for (&r), &error)) == NULL)
        break;
      rows += sf_record_batch_get_n_rows (batch);
    }
  g_assert_no_error (error);
  *rest_rate = rows / g_timer_elapsed (timer, NULL);

  sf_bulk_job_create_async (client, builder, FALSE, NULL, result_cb, &r2);
  job = sf_bulk_job_create_finish (wait_for (&r2), &error);
  g_assert_no_error (error);
  sf_bulk_job_set_poll_interval (job, 50, 200);
  sf_bulk_job_wait_async (job, NULL, result_cb, &r3);
  g_assert_true (sf_bulk_job_wait_finish (job, wait_for (&r3), &error));

  rows = 0;
  g_timer_start (timer);
  for (;;)
    {
      g_autoptr(GAsyncResult) r = NULL;
      g_autoptr(SfRecordBatch) batch = NULL;

      sf_bulk_job_next_chunk_async (job, 50000, NULL, result_cb, &r);
      if ((batch = sf_bulk_job_next_chunk_finish (job, wait_for (&r), &error)) == NULL)
        break;
      rows += sf_record_batch_get_n_rows (batch);
    }
  g_assert_no_error (error);
  *bulk_rate = rows / g_timer_elapsed (timer, NULL);

  sim_server_stop (sim);
}

int
main (int   argc,
      char *argv[])
{
  double rest, bulk;

  g_print ("REST page parse (2000 records x %u fields, in memory): %.0f records/s\n", N_FIELDS, bench_json ());
  g_print ("Bulk CSV parse (50000 rows x %u fields, 64 KB pieces): %.0f records/s\n", N_FIELDS, bench_csv ());
  bench_end_to_end (&rest, &bulk);
  g_print ("REST query against orgsync-sim (20000 x 20 fields): %.0f records/s\n", rest);
  g_print ("Bulk results against orgsync-sim (20000 x 20 fields): %.0f records/s\n", bulk);

  return 0;
}
