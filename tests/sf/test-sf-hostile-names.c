/* test-sf-hostile-names.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "orgsync-core.h"
#include "sf-client.h"
#include "sf-soql-builder.h"
#include "sf-test-server.h"

/* Object and field names come from describes, that is from the network. A
 * crafted describe (quotes, spaces, semicolons, comments, control and
 * invisible characters, look-alike letters) is served to a real SfClient;
 * neither the SOQL builder nor core's records store will use any of its
 * names, each says which name and why, and records.db holds nothing of
 * them (issue 8). Values, unlike names, are quoted literals. */

#define DATA "/services/data/v" SF_API_VERSION_MAX "/"

static const char * const hostile[] = {
  "Name' OR Name != '",
  "Name\"; DROP TABLE _orgsync_object; --",
  "Name; DELETE FROM Account",
  "Name--",
  "Name/*x*/",
  "Name) FROM User WHERE (Id",
  "Na me",
  "`Name`",
  "[Name]",
  "Name\n",
  "Name\t",
  "N\xd0\xb0me",                      /* Cyrillic a */
  "\xef\xbc\xae\xef\xbd\x81me",       /* fullwidth Na */
  "Na\xe2\x80\x8bme",                 /* zero-width space */
  "Name\xe2\x80\xae",                 /* right-to-left override */
  "Na\xcc\x88me__c",                  /* combining diaeresis */
  "sqlite_master",                    /* harmless in SOQL, reserved in SQLite */
  "_orgsync_object",
  "Owner.Name",                       /* a relationship path in SOQL, not a column */
  "Field___c",
  "Trailing_",
  "1Leading",
  "",
};

static SfTestServer *server;

static char *
describe_json (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "Account");
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  for (gint i = -2; i < (gint) G_N_ELEMENTS (hostile); i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, i == -2 ? "Id" : i == -1 ? "Name" : hostile[i]);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, i == -2 ? "id" : "string");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
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

static SfClient *
new_client (void)
{
  const char *url = sf_test_server_get_url (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(SfToken) token = sf_token_new ("00D!test", NULL, url, NULL);
  SfClient *client = sf_client_new (url, &error);

  g_assert_no_error (error);
  sf_client_set_token (client, token);
  sf_client_set_retry_policy (client, 1, 1, 1, 1000);
  return client;
}

static SfSObjectDescribe *
fetch_describe (void)
{
  g_autoptr(SfClient) client = new_client ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SfSObjectDescribe *describe;

  sf_client_describe_async (client, "Account", NULL, NULL, result_cb, &result);
  describe = sf_client_describe_finish (client, wait_for (&result), &error);
  g_assert_no_error (error);
  /* The library keeps what the server said: refusing is the users' job. */
  g_assert_cmpuint (sf_sobject_describe_get_n_fields (describe), ==, G_N_ELEMENTS (hostile) + 2);

  return describe;
}

/* Names that SOQL may use but records.db may not. */
static gboolean
soql_accepts (const char *name)
{
  return strcmp (name, "Owner.Name") == 0 || strcmp (name, "sqlite_master") == 0;
}

/* A message shows the name escaped: printable ASCII between the quotes. */
static void
assert_clear_message (const char *message,
                      const char *expected_part)
{
  const char *open = strstr (message, "“");
  const char *close = open ? strstr (open + strlen ("“"), "”") : NULL;

  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, expected_part));
  g_assert_nonnull (close);
  for (const char *p = open + strlen ("“"); p < close; p++)
    g_assert_true (g_ascii_isprint (*p));
}

static void
test_soql_builder (void)
{
  g_autoptr(SfSObjectDescribe) describe = fetch_describe ();
  g_autoptr(SfSoqlBuilder) all = sf_soql_builder_new (sf_sobject_describe_get_name (describe));
  g_autoptr(SfSoqlBuilder) good = sf_soql_builder_new ("Account");
  g_autoptr(GError) error = NULL;
  g_autofree char *soql = NULL;
  g_autofree char *none = NULL;

  for (guint i = 2; i < sf_sobject_describe_get_n_fields (describe); i++)
    {
      const SfField *field = sf_sobject_describe_get_field (describe, i);
      g_autoptr(SfSoqlBuilder) builder = sf_soql_builder_new ("Account");
      g_autoptr(GError) field_error = NULL;
      g_autofree char *built = NULL;

      sf_soql_builder_add_field (builder, "Id", SF_FIELD_TYPE_ID);
      sf_soql_builder_add_field (builder, field->name, field->type);
      built = sf_soql_builder_build (builder, &field_error);

      if (soql_accepts (field->name))
        {
          g_assert_no_error (field_error);
          continue;
        }
      g_assert_null (built);
      g_assert_error (field_error, SF_ERROR, SF_ERROR_INVALID_ARGUMENT);
      assert_clear_message (field_error->message, "is not a Salesforce field name");
    }

  /* One bad name refuses the statement; it is not quietly left out. */
  for (guint i = 0; i < sf_sobject_describe_get_n_fields (describe); i++)
    sf_soql_builder_add_field (all, sf_sobject_describe_get_field (describe, i)->name, SF_FIELD_TYPE_STRING);
  none = sf_soql_builder_build (all, &error);
  g_assert_null (none);
  g_assert_error (error, SF_ERROR, SF_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* Values are literals, whatever they hold. */
  sf_soql_builder_add_field (good, "Id", SF_FIELD_TYPE_ID);
  sf_soql_builder_add_field (good, "Name", SF_FIELD_TYPE_STRING);
  sf_soql_builder_where_string (good, "Name", SF_SOQL_EQ, "x' OR Name != '");
  soql = sf_soql_builder_build (good, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (soql, ==, "SELECT Id,Name FROM Account WHERE Name = 'x\\' OR Name != \\''");
}

/* Object names from describeGlobal, or a describe that names another object
 * than was asked: never a FROM clause, never a request. */
static void
test_object_names (void)
{
  g_autoptr(SfClient) client = new_client ();

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(SfSoqlBuilder) builder = sf_soql_builder_new (hostile[i]);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(SfSObjectDescribe) describe = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *soql = NULL;
      guint hits = sf_test_server_get_hits (server);

      if (soql_accepts (hostile[i]))
        continue;

      sf_soql_builder_add_field (builder, "Id", SF_FIELD_TYPE_ID);
      soql = sf_soql_builder_build (builder, &error);
      g_assert_null (soql);
      g_assert_error (error, SF_ERROR, SF_ERROR_INVALID_ARGUMENT);
      assert_clear_message (error->message, "is not a Salesforce object name");
      g_clear_error (&error);

      sf_client_describe_async (client, hostile[i], NULL, NULL, result_cb, &result);
      describe = sf_client_describe_finish (client, wait_for (&result), &error);
      g_assert_null (describe);
      g_assert_error (error, SF_ERROR, SF_ERROR_INVALID_ARGUMENT);
      g_assert_cmpuint (sf_test_server_get_hits (server), ==, hits);
    }
}

static char **
table_names (const char *path)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (names, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_strv_builder_end (names);
}

/* Core's records store: no table, no column, nothing in its bookkeeping. */
static void
test_records_store (void)
{
  g_autoptr(SfSObjectDescribe) describe = fetch_describe ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("orgsync-hostile-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "records.db", NULL);
  g_autoptr(OrgsyncRecordsStore) store = NULL;
  g_auto(GStrv) objects = NULL;
  g_auto(GStrv) columns = NULL;
  g_auto(GStrv) tables = NULL;
  OrgsyncColumnSpec good[] = { { "Id", ORGSYNC_FIELD_TYPE_ID }, { "Name", ORGSYNC_FIELD_TYPE_STRING } };

  g_assert_no_error (error);
  store = orgsync_records_store_open (path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      OrgsyncColumnSpec as_table[] = { { "Id", ORGSYNC_FIELD_TYPE_ID } };

      g_assert_false (orgsync_api_name_validate (hostile[i], NULL));
      g_assert_false (orgsync_records_store_sync_schema (store, hostile[i], as_table, 1, NULL, &error));
      g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_IDENTIFIER);
      assert_clear_message (error->message, "is not a valid Salesforce API name");
      g_clear_error (&error);
    }

  /* Every field of the crafted describe, as a sync of all of them would ask. */
  {
    guint n = sf_sobject_describe_get_n_fields (describe);
    g_autofree OrgsyncColumnSpec *specs = g_new0 (OrgsyncColumnSpec, n);

    for (guint i = 0; i < n; i++)
      {
        specs[i].name = sf_sobject_describe_get_field (describe, i)->name;
        specs[i].type = i == 0 ? ORGSYNC_FIELD_TYPE_ID : ORGSYNC_FIELD_TYPE_STRING;
      }
    g_assert_false (orgsync_records_store_sync_schema (store, "Account", specs, n, NULL, &error));
    g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_IDENTIFIER);
    g_clear_error (&error);
  }

  objects = orgsync_records_store_list_objects (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (objects), ==, 0);

  /* The good fields make a table; a bad one added later, or written to,
   * changes nothing. */
  g_assert_true (orgsync_records_store_sync_schema (store, "Account", good, 2, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      OrgsyncColumnSpec more[] = { good[0], good[1], { hostile[i], ORGSYNC_FIELD_TYPE_STRING } };
      const char * const names[] = { "Id", hostile[i] };
      OrgsyncPageWriter *writer;

      g_assert_false (orgsync_records_store_sync_schema (store, "Account", more, 3, NULL, &error));
      g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_IDENTIFIER);
      g_clear_error (&error);

      writer = orgsync_records_store_prepare_writer (store, "Account", names, 2, ORGSYNC_WRITE_UPSERT, &error);
      g_assert_null (writer);
      g_assert_nonnull (error);
      g_clear_error (&error);
    }

  columns = orgsync_records_store_list_columns (store, "Account", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (columns), ==, 2);
  g_assert_cmpint (orgsync_records_store_count_rows (store, "Account", &error), ==, 0);
  g_clear_object (&store);

  /* And the file itself, as any SQLite tool sees it. */
  tables = table_names (path);
  for (guint i = 0; tables[i] != NULL; i++)
    {
      g_test_message ("table %s", tables[i]);
      g_assert_true (g_str_has_prefix (tables[i], "_orgsync_") || strcmp (tables[i], "Account") == 0);
    }

  for (const char * const *suffix = (const char * const []) { "", "-wal", "-shm", NULL }; *suffix; suffix++)
    {
      g_autofree char *file = g_strconcat (path, *suffix, NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *describe = describe_json ();
  int ret;

  g_test_init (&argc, &argv, NULL);
  server = sf_test_server_new ();
  sf_test_server_respond (server, DATA "sobjects/Account/describe/", 200, describe);

  g_test_add_func ("/sf/hostile-names/soql-builder", test_soql_builder);
  g_test_add_func ("/sf/hostile-names/object-names", test_object_names);
  g_test_add_func ("/sf/hostile-names/records-store", test_records_store);

  ret = g_test_run ();
  sf_test_server_free (server);
  return ret;
}
