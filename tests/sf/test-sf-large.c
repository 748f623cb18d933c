/* test-sf-large.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-client.h"
#include "sf-query.h"
#include "sim-server.h"

/* Bigger data against orgsync-sim: paging over 10,000 records with batch
 * sizes 200 and 2,000, and an object too wide for one query URL. */

static SimServer *sim;
static const char *base_url;

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static SfClient *
signed_in_client (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SfToken) token = NULL;
  SfClient *client = sf_client_new (base_url, &error);

  g_assert_no_error (error);
  sf_client_set_retry_policy (client, 4, 5, 20, 60000);
  sf_client_sign_in_with_password_async (client, "demo@orgsync.test", "demo1234", "DEMOTOKEN",
                                         NULL, result_cb, &result);
  token = sf_client_sign_in_with_password_finish (client, wait_for (&result), &error);
  g_assert_no_error (error);
  return client;
}

static SfRecordBatch *
next_page (SfQuery  *query,
           GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sf_query_next_page_async (query, NULL, result_cb, &result);
  return sf_query_next_page_finish (query, wait_for (&result), error);
}

static void
page_through (gconstpointer data)
{
  guint batch_size = GPOINTER_TO_UINT (data);
  g_autoptr(SfClient) client = signed_in_client ();
  g_autoptr(SfSoqlBuilder) builder = sf_soql_builder_new ("Account");
  g_autoptr(SfQuery) query = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  guint pages = 0;

  sf_soql_builder_add_field (builder, "Id", SF_FIELD_TYPE_ID);
  sf_soql_builder_add_field (builder, "Name", SF_FIELD_TYPE_STRING);
  sf_soql_builder_add_field (builder, "SystemModstamp", SF_FIELD_TYPE_DATETIME);
  query = sf_query_new (client, builder, SF_QUERY_FLAGS_NONE);
  sf_query_set_batch_size (query, batch_size);

  for (;;)
    {
      g_autoptr(SfRecordBatch) batch = next_page (query, &error);

      g_assert_no_error (error);
      if (batch == NULL)
        break;
      pages++;
      g_assert_cmpuint (sf_record_batch_get_n_rows (batch), <=, batch_size);
      for (guint r = 0; r < sf_record_batch_get_n_rows (batch); r++)
        g_assert_true (g_hash_table_add (ids, g_strdup (sf_record_batch_get_value (batch, r, 0)->text)));
    }

  g_assert_cmpuint (g_hash_table_size (ids), ==, 10000);
  g_assert_cmpint (sf_query_get_total_size (query), ==, 10000);
  g_assert_cmpuint (pages, ==, 10000 / batch_size);
}

/* Contact with 800 custom fields: the SELECT needs more than 16 KB of URL,
 * so the query is split into parts joined on Id, and the joined rows equal
 * what narrow queries of the same fields return. */
static void
test_wide_split (void)
{
  g_autoptr(SfClient) client = signed_in_client ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SfSObjectDescribe) describe = NULL;
  g_autoptr(SfSoqlBuilder) wide = sf_soql_builder_new ("Contact");
  g_autoptr(SfSoqlBuilder) narrow = sf_soql_builder_new ("Contact");
  g_autoptr(SfQuery) refused = NULL;
  g_autoptr(SfQuery) split = NULL;
  g_autoptr(SfQuery) check = NULL;
  g_autoptr(SfRecordBatch) too_long = NULL;
  g_autoptr(GHashTable) last_field = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  const char *last = NULL;
  guint rows = 0;
  int last_column;

  sf_client_describe_async (client, "Contact", NULL, NULL, result_cb, &result);
  describe = sf_client_describe_finish (client, wait_for (&result), &error);
  g_assert_no_error (error);

  for (guint i = 0; i < sf_sobject_describe_get_n_fields (describe); i++)
    {
      const SfField *field = sf_sobject_describe_get_field (describe, i);

      if (field->type == SF_FIELD_TYPE_ADDRESS || field->type == SF_FIELD_TYPE_LOCATION)
        continue;
      sf_soql_builder_add_field (wide, field->name, field->type);
      last = field->name;
    }
  g_assert_cmpuint (sf_soql_builder_get_n_fields (wide), >, 800);

  /* Without permission to split, the caller hears it should use Bulk. */
  refused = sf_query_new (client, wide, SF_QUERY_FLAGS_NONE);
  too_long = next_page (refused, &error);
  g_assert_error (error, SF_ERROR, SF_ERROR_URI_TOO_LONG);
  g_clear_error (&error);

  sf_soql_builder_add_field (narrow, "Id", SF_FIELD_TYPE_ID);
  sf_soql_builder_add_field (narrow, last, SF_FIELD_TYPE_STRING);
  check = sf_query_new (client, narrow, SF_QUERY_FLAGS_NONE);
  for (;;)
    {
      g_autoptr(SfRecordBatch) batch = next_page (check, &error);

      g_assert_no_error (error);
      if (batch == NULL)
        break;
      for (guint r = 0; r < sf_record_batch_get_n_rows (batch); r++)
        {
          const SfValue *v = sf_record_batch_get_value (batch, r, 1);

          g_hash_table_insert (last_field, g_strdup (sf_record_batch_get_value (batch, r, 0)->text),
                               g_strdup (v->kind == SF_VALUE_TEXT ? v->text : "NULL"));
        }
    }

  split = sf_query_new (client, wide, SF_QUERY_FLAGS_SPLIT_WIDE);
  for (;;)
    {
      g_autoptr(SfRecordBatch) batch = next_page (split, &error);

      g_assert_no_error (error);
      if (batch == NULL)
        break;
      g_assert_cmpuint (sf_record_batch_get_n_columns (batch), ==, sf_soql_builder_get_n_fields (wide));
      last_column = sf_record_batch_find_column (batch, last);
      for (guint r = 0; r < sf_record_batch_get_n_rows (batch); r++)
        {
          const SfValue *id = sf_record_batch_get_value (batch, r, sf_record_batch_find_column (batch, "Id"));
          const SfValue *v = sf_record_batch_get_value (batch, r, last_column);

          g_assert_cmpstr (v->kind == SF_VALUE_TEXT ? v->text : "NULL", ==,
                           g_hash_table_lookup (last_field, id->text));
          rows++;
        }
    }

  g_assert_cmpuint (sf_query_get_n_parts (split), >, 1);
  g_assert_cmpuint (rows, ==, g_hash_table_size (last_field));
  g_assert_cmpuint (rows, ==, 1500);
}

int
main (int   argc,
      char *argv[])
{
  const char * const args[] = {
    "--records", "Account=10000,Contact=1500",
    "--custom-fields", "800",
    NULL
  };
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  sim = sim_server_new ();
  if (!sim_server_configure (sim, args, &error) || !sim_server_start (sim, &error))
    g_error ("Cannot start the simulator: %s", error->message);
  base_url = sim_server_get_base_url (sim);

  g_test_add_data_func ("/sf/large/paging-200", GUINT_TO_POINTER (200), page_through);
  g_test_add_data_func ("/sf/large/paging-2000", GUINT_TO_POINTER (2000), page_through);
  g_test_add_func ("/sf/large/wide-split", test_wide_split);

  ret = g_test_run ();

  sim_server_stop (sim);
  g_object_unref (sim);
  return ret;
}
