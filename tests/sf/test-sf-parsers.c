/* test-sf-parsers.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "sf-error-private.h"
#include "sf-token.h"
#include "sf-limit-info.h"
#include "sf-pkce.h"
#include "sf-record-batch-private.h"
#include "sf-redact.h"
#include "sf-soql-builder.h"
#include "sf-url.h"
#include "sf-value.h"

static void
test_limit_info (void)
{
  g_autoptr(SfLimitInfo) plain = sf_limit_info_parse ("api-usage=18/15000");
  g_autoptr(SfLimitInfo) bursts = sf_limit_info_parse ("api-usage=18/15000; api-bursts=1/750");
  g_autoptr(SfLimitInfo) per_app =
    sf_limit_info_parse ("api-usage=25/5000; per-app-api-usage=17/250(appName=sample-connected-app)");
  g_autoptr(SfLimitInfo) reversed = sf_limit_info_parse ("per-app-api-usage=3/9 ;API-USAGE = 7/100");
  g_autoptr(SfLimitInfo) copy = NULL;

  g_assert_cmpint (plain->api_used, ==, 18);
  g_assert_cmpint (plain->api_max, ==, 15000);
  g_assert_cmpint (plain->per_app_used, ==, -1);
  g_assert_null (plain->app_name);

  g_assert_cmpint (bursts->api_used, ==, 18);
  g_assert_cmpint (bursts->api_max, ==, 15000);

  g_assert_cmpint (per_app->api_used, ==, 25);
  g_assert_cmpint (per_app->per_app_used, ==, 17);
  g_assert_cmpint (per_app->per_app_max, ==, 250);
  g_assert_cmpstr (per_app->app_name, ==, "sample-connected-app");

  g_assert_cmpint (reversed->api_used, ==, 7);
  g_assert_cmpint (reversed->api_max, ==, 100);
  g_assert_cmpint (reversed->per_app_used, ==, 3);

  copy = sf_limit_info_copy (per_app);
  g_assert_cmpstr (copy->app_name, ==, "sample-connected-app");

  g_assert_null (sf_limit_info_parse (NULL));
  g_assert_null (sf_limit_info_parse (""));
  g_assert_null (sf_limit_info_parse ("api-usage=abc/def"));
  g_assert_null (sf_limit_info_parse ("api-usage=5"));
  g_assert_null (sf_limit_info_parse ("api-bursts=1/750"));
}

static void
assert_datetime (const char *in,
                 const char *expected)
{
  char out[25] = "";

  if (expected == NULL)
    {
      g_assert_false (sf_normalize_datetime (in, strlen (in), out));
      return;
    }

  g_assert_true (sf_normalize_datetime (in, strlen (in), out));
  g_assert_cmpstr (out, ==, expected);
}

static void
test_datetime_normalization (void)
{
  assert_datetime ("2024-03-15T08:30:00.000+0000", "2024-03-15T08:30:00.000Z");
  assert_datetime ("2024-03-15T08:30:00.000Z", "2024-03-15T08:30:00.000Z");
  assert_datetime ("2024-03-15T08:30:00Z", "2024-03-15T08:30:00.000Z");
  assert_datetime ("2024-03-15T08:30:00.5Z", "2024-03-15T08:30:00.500Z");
  assert_datetime ("2024-03-15T08:30:00.123456Z", "2024-03-15T08:30:00.123Z");
  assert_datetime ("2024-03-15T00:30:00.000+0100", "2024-03-14T23:30:00.000Z");
  assert_datetime ("2024-12-31T20:00:00.250-08:00", "2025-01-01T04:00:00.250Z");
  assert_datetime ("2024-03-15T08:30", "2024-03-15T08:30:00.000Z");
  assert_datetime ("2024-03-15", NULL);
  assert_datetime ("not a date", NULL);
  assert_datetime ("2024-13-15T08:30:00Z", NULL);
  assert_datetime ("2024-03-15T08:30:00.000+0000x", NULL);
}

static void
test_time_normalization (void)
{
  char out[14];

  g_assert_true (sf_normalize_time ("08:30:00.000Z", 13, out));
  g_assert_cmpstr (out, ==, "08:30:00.000Z");
  g_assert_true (sf_normalize_time ("08:30:00", 8, out));
  g_assert_cmpstr (out, ==, "08:30:00.000Z");
  g_assert_true (sf_normalize_time ("00:30:00.100+0100", 17, out));
  g_assert_cmpstr (out, ==, "23:30:00.100Z");
  g_assert_false (sf_normalize_time ("25:00:00Z", 9, out));
}

static void
test_field_types (void)
{
  g_assert_cmpint (sf_field_type_from_string ("datetime"), ==, SF_FIELD_TYPE_DATETIME);
  g_assert_cmpint (sf_field_type_from_string ("anyType"), ==, SF_FIELD_TYPE_ANYTYPE);
  g_assert_cmpint (sf_field_type_from_string ("something-new"), ==, SF_FIELD_TYPE_UNKNOWN);
  g_assert_cmpstr (sf_field_type_to_string (SF_FIELD_TYPE_MULTIPICKLIST), ==, "multipicklist");
  g_assert_false (sf_field_type_is_bulk_selectable (SF_FIELD_TYPE_ADDRESS));
  g_assert_false (sf_field_type_is_bulk_selectable (SF_FIELD_TYPE_LOCATION));
  g_assert_false (sf_field_type_is_bulk_selectable (SF_FIELD_TYPE_BASE64));
  g_assert_true (sf_field_type_is_bulk_selectable (SF_FIELD_TYPE_STRING));
  g_assert_cmpint (sf_field_type_get_value_kind (SF_FIELD_TYPE_BOOLEAN), ==, SF_VALUE_INTEGER);
  g_assert_cmpint (sf_field_type_get_value_kind (SF_FIELD_TYPE_LONG), ==, SF_VALUE_INTEGER);
  g_assert_cmpint (sf_field_type_get_value_kind (SF_FIELD_TYPE_PERCENT), ==, SF_VALUE_REAL);
  g_assert_cmpint (sf_field_type_get_value_kind (SF_FIELD_TYPE_DATE), ==, SF_VALUE_TEXT);
}

/* The record of reference §4.2, with one field of every value type. */
static const char *sample_record =
  "{\"attributes\":{\"type\":\"Account\",\"url\":\"/services/data/v61.0/sobjects/Account/0015e00000AbCdEAAV\"},"
  "\"Id\":\"0015e00000AbCdEAAV\",\"Name\":\"Acme Corporation\",\"AnnualRevenue\":1.5E7,"
  "\"NumberOfEmployees\":420,\"Probability\":10,\"IsDeleted\":false,"
  "\"BillingAddress\":{\"city\":\"San Francisco\",\"country\":\"USA\",\"geocodeAccuracy\":null},"
  "\"Owner\":{\"attributes\":{\"type\":\"User\",\"url\":\"/x\"},\"Name\":\"Jane Admin\","
  "\"Manager\":{\"attributes\":{\"type\":\"User\"},\"Email\":\"boss@example.com\"}},"
  "\"Parent\":null,\"SystemModstamp\":\"2024-05-02T13:45:10.000+0000\",\"CloseDate\":\"2024-06-30\","
  "\"Wake__c\":\"08:30:00.000Z\",\"Tags__c\":\"A;B;C\",\"Empty__c\":\"\","
  "\"Body\":\"/services/data/v61.0/sobjects/Attachment/00P5e000000AbCd/Body\"}";

static JsonObject *
parse_object (JsonParser *parser,
              const char *json)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_record_batch_json (void)
{
  const char * const names[] = {
    "Id", "name", "AnnualRevenue", "NumberOfEmployees", "Probability", "IsDeleted",
    "BillingAddress", "Owner.Name", "Owner.Manager.Email", "Parent.Name", "SystemModstamp",
    "CloseDate", "Wake__c", "Tags__c", "Empty__c", "Body", "Missing__c",
  };
  const SfFieldType types[] = {
    SF_FIELD_TYPE_ID, SF_FIELD_TYPE_STRING, SF_FIELD_TYPE_CURRENCY, SF_FIELD_TYPE_INT,
    SF_FIELD_TYPE_PERCENT, SF_FIELD_TYPE_BOOLEAN, SF_FIELD_TYPE_ADDRESS, SF_FIELD_TYPE_STRING,
    SF_FIELD_TYPE_EMAIL, SF_FIELD_TYPE_STRING, SF_FIELD_TYPE_DATETIME, SF_FIELD_TYPE_DATE,
    SF_FIELD_TYPE_TIME, SF_FIELD_TYPE_MULTIPICKLIST, SF_FIELD_TYPE_STRING, SF_FIELD_TYPE_BASE64,
    SF_FIELD_TYPE_STRING,
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SfRecordBatch) batch = NULL;
  const SfValue *row;

  batch = _sf_record_batch_new (names, types, G_N_ELEMENTS (names));
  _sf_record_batch_add_json_record (batch, parse_object (parser, sample_record));

  g_assert_cmpuint (sf_record_batch_get_n_rows (batch), ==, 1);
  g_assert_cmpuint (sf_record_batch_get_n_columns (batch), ==, G_N_ELEMENTS (names));
  g_assert_cmpint (sf_record_batch_find_column (batch, "OWNER.NAME"), ==, 7);
  g_assert_cmpint (sf_record_batch_find_column (batch, "Nope"), ==, -1);

  row = sf_record_batch_get_row (batch, 0);
  g_assert_cmpint (row[0].kind, ==, SF_VALUE_TEXT);
  g_assert_cmpstr (row[0].text, ==, "0015e00000AbCdEAAV");
  /* Field names match whatever case the caller used. */
  g_assert_cmpstr (row[1].text, ==, "Acme Corporation");
  g_assert_cmpint (row[2].kind, ==, SF_VALUE_REAL);
  g_assert_cmpfloat (row[2].real, ==, 1.5e7);
  g_assert_cmpint (row[3].kind, ==, SF_VALUE_INTEGER);
  g_assert_cmpint (row[3].integer, ==, 420);
  g_assert_cmpint (row[4].kind, ==, SF_VALUE_REAL);
  g_assert_cmpfloat (row[4].real, ==, 10.0);
  g_assert_cmpint (row[5].kind, ==, SF_VALUE_INTEGER);
  g_assert_cmpint (row[5].integer, ==, 0);
  g_assert_cmpint (row[6].kind, ==, SF_VALUE_TEXT);
  g_assert_nonnull (strstr (row[6].text, "\"city\":\"San Francisco\""));
  g_assert_cmpstr (row[7].text, ==, "Jane Admin");
  g_assert_cmpstr (row[8].text, ==, "boss@example.com");
  g_assert_cmpint (row[9].kind, ==, SF_VALUE_NULL);
  g_assert_cmpstr (row[10].text, ==, "2024-05-02T13:45:10.000Z");
  g_assert_cmpuint (row[10].length, ==, 24);
  g_assert_cmpstr (row[11].text, ==, "2024-06-30");
  g_assert_cmpstr (row[12].text, ==, "08:30:00.000Z");
  g_assert_cmpstr (row[13].text, ==, "A;B;C");
  g_assert_cmpint (row[14].kind, ==, SF_VALUE_TEXT);
  g_assert_cmpuint (row[14].length, ==, 0);
  g_assert_cmpstr (row[15].text, ==, "/services/data/v61.0/sobjects/Attachment/00P5e000000AbCd/Body");
  g_assert_cmpint (row[16].kind, ==, SF_VALUE_NULL);
}

static void
test_record_columns_from_json (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) columns = _sf_json_record_get_columns (parse_object (parser, sample_record));
  g_autoptr(SfRecordBatch) batch = NULL;
  const SfValue *row;

  g_assert_cmpstr (columns[0], ==, "Id");
  g_assert_true (g_strv_contains ((const char * const *) columns, "BillingAddress"));
  g_assert_true (g_strv_contains ((const char * const *) columns, "Owner.Name"));
  g_assert_true (g_strv_contains ((const char * const *) columns, "Owner.Manager.Email"));
  g_assert_true (g_strv_contains ((const char * const *) columns, "Parent"));
  g_assert_false (g_strv_contains ((const char * const *) columns, "attributes"));

  /* Without types, JSON's own types decide. */
  batch = _sf_record_batch_new ((const char * const *) columns, NULL, g_strv_length (columns));
  _sf_record_batch_add_json_record (batch, parse_object (parser, sample_record));
  row = sf_record_batch_get_row (batch, 0);
  g_assert_cmpint (row[sf_record_batch_find_column (batch, "NumberOfEmployees")].kind, ==, SF_VALUE_INTEGER);
  g_assert_cmpint (row[sf_record_batch_find_column (batch, "AnnualRevenue")].kind, ==, SF_VALUE_REAL);
  g_assert_cmpint (row[sf_record_batch_find_column (batch, "IsDeleted")].kind, ==, SF_VALUE_INTEGER);
}

static void
test_record_batch_csv (void)
{
  const char * const names[] = { "Id", "IsWon", "Amount", "Employees", "CloseDate", "SystemModstamp", "Wake__c", "Name" };
  const SfFieldType types[] = {
    SF_FIELD_TYPE_ID, SF_FIELD_TYPE_BOOLEAN, SF_FIELD_TYPE_CURRENCY, SF_FIELD_TYPE_INT,
    SF_FIELD_TYPE_DATE, SF_FIELD_TYPE_DATETIME, SF_FIELD_TYPE_TIME, SF_FIELD_TYPE_STRING,
  };
  const char * const fields1[] = { "006A", "true", "250000.0", "420.0", "2024-06-30", "2024-05-02T13:45:10.000Z", "08:30:00.000Z", "Acme, \"The\"" };
  const char * const fields2[] = { "006B", "false", "1.5E7", "12", "", "", "", "" };
  const char * const fields3[] = { "006C", "maybe", "n/a", "4.5", "x", "later", "soon", "Zed" };
  gsize lengths[8];
  g_autoptr(SfRecordBatch) batch = _sf_record_batch_new (names, types, 8);
  const SfValue *row;

  for (guint r = 0; r < 3; r++)
    {
      const char * const *fields = r == 0 ? fields1 : r == 1 ? fields2 : fields3;

      for (guint i = 0; i < 8; i++)
        lengths[i] = strlen (fields[i]);
      _sf_record_batch_add_csv_row (batch, fields, lengths);
    }

  row = sf_record_batch_get_row (batch, 0);
  g_assert_cmpint (row[1].kind, ==, SF_VALUE_INTEGER);
  g_assert_cmpint (row[1].integer, ==, 1);
  g_assert_cmpfloat (row[2].real, ==, 250000.0);
  g_assert_cmpint (row[3].kind, ==, SF_VALUE_INTEGER);
  g_assert_cmpint (row[3].integer, ==, 420);
  g_assert_cmpstr (row[4].text, ==, "2024-06-30");
  g_assert_cmpstr (row[5].text, ==, "2024-05-02T13:45:10.000Z");
  g_assert_cmpstr (row[6].text, ==, "08:30:00.000Z");
  g_assert_cmpstr (row[7].text, ==, "Acme, \"The\"");

  row = sf_record_batch_get_row (batch, 1);
  g_assert_cmpint (row[1].integer, ==, 0);
  g_assert_cmpfloat (row[2].real, ==, 1.5e7);
  g_assert_cmpint (row[3].integer, ==, 12);
  /* Empty in CSV is NULL (design.md §8). */
  for (guint i = 4; i < 8; i++)
    g_assert_cmpint (row[i].kind, ==, SF_VALUE_NULL);

  /* Values that do not fit their type are kept as text, never dropped. */
  row = sf_record_batch_get_row (batch, 2);
  g_assert_cmpint (row[1].kind, ==, SF_VALUE_TEXT);
  g_assert_cmpstr (row[2].text, ==, "n/a");
  g_assert_cmpint (row[3].kind, ==, SF_VALUE_REAL);
  g_assert_cmpstr (row[5].text, ==, "later");
}

static void
test_soql_identifiers (void)
{
  g_assert_true (sf_soql_is_identifier ("Account"));
  g_assert_true (sf_soql_is_identifier ("Custom_Field__c"));
  g_assert_true (sf_soql_is_identifier ("ns__Thing__c"));
  g_assert_true (sf_soql_is_identifier ("Geo__Latitude__s"));
  g_assert_false (sf_soql_is_identifier (NULL));
  g_assert_false (sf_soql_is_identifier (""));
  g_assert_false (sf_soql_is_identifier ("1Account"));
  g_assert_false (sf_soql_is_identifier ("_Account"));
  g_assert_false (sf_soql_is_identifier ("Account_"));
  g_assert_false (sf_soql_is_identifier ("Name'"));
  g_assert_false (sf_soql_is_identifier ("Name FROM User"));
  g_assert_false (sf_soql_is_identifier ("Na___me"));
  g_assert_false (sf_soql_is_identifier ("Nämé"));
  g_assert_true (sf_soql_is_field_path ("Owner.Name"));
  g_assert_true (sf_soql_is_field_path ("Account.Owner.Manager.Name"));
  g_assert_false (sf_soql_is_field_path ("Owner..Name"));
  g_assert_false (sf_soql_is_field_path ("Owner."));
  g_assert_false (sf_soql_is_field_path ("A.B.C.D.E.F.G"));
}

static void
test_soql_quoting (void)
{
  g_autofree char *plain = sf_soql_quote_string ("Acme");
  g_autofree char *tricky = sf_soql_quote_string ("O'Brien \\ \"x\"\n' OR Name != '");

  g_assert_cmpstr (plain, ==, "'Acme'");
  g_assert_cmpstr (tricky, ==, "'O\\'Brien \\\\ \\\"x\\\"\\n\\' OR Name != \\''");
}

static void
test_soql_builder (void)
{
  g_autoptr(SfSoqlBuilder) builder = sf_soql_builder_new ("Account");
  g_autoptr(SfSoqlBuilder) copy = NULL;
  g_autoptr(GDateTime) since = g_date_time_new_utc (2024, 1, 1, 0, 0, 0.75);
  g_autoptr(GError) error = NULL;
  g_autofree char *soql = NULL;
  g_autofree char *soql2 = NULL;
  const char * const in_values[] = { "Lead", "Account", NULL };

  sf_soql_builder_add_field (builder, "Id", SF_FIELD_TYPE_ID);
  sf_soql_builder_add_field (builder, "Name", SF_FIELD_TYPE_STRING);
  sf_soql_builder_add_field (builder, "Owner.Name", SF_FIELD_TYPE_STRING);
  sf_soql_builder_add_field (builder, "name", SF_FIELD_TYPE_STRING);
  sf_soql_builder_where_after (builder, "SystemModstamp", since, "001000000000001AAA");
  sf_soql_builder_where_string (builder, "Name", SF_SOQL_NE, "O'Brien");
  sf_soql_builder_where_string_in (builder, "Type", in_values);
  sf_soql_builder_where_boolean (builder, "IsDeleted", TRUE);
  sf_soql_builder_where_datetime (builder, "CreatedDate", SF_SOQL_LT, since);
  sf_soql_builder_order_by (builder, "SystemModstamp", TRUE);
  sf_soql_builder_order_by (builder, "Id", TRUE);
  sf_soql_builder_set_limit (builder, 500);

  soql = sf_soql_builder_build (builder, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (soql, ==,
                   "SELECT Id,Name,Owner.Name FROM Account WHERE "
                   "(SystemModstamp > 2024-01-01T00:00:00Z OR (SystemModstamp = 2024-01-01T00:00:00Z "
                   "AND Id > '001000000000001AAA')) AND Name != 'O\\'Brien' AND Type IN ('Lead','Account') "
                   "AND IsDeleted = true AND CreatedDate < 2024-01-01T00:00:00Z "
                   "ORDER BY SystemModstamp ASC,Id ASC LIMIT 500");
  g_assert_cmpuint (sf_soql_builder_get_n_fields (builder), ==, 3);
  g_assert_cmpint (sf_soql_builder_get_field_type (builder, 2), ==, SF_FIELD_TYPE_STRING);

  copy = sf_soql_builder_copy (builder);
  soql2 = sf_soql_builder_build (copy, &error);
  g_assert_cmpstr (soql, ==, soql2);
}

static void
test_soql_builder_rejects (void)
{
  const char *bad_fields[] = { "Name, (SELECT Id FROM Contacts)", "Name FROM User --", "", "a b" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_fields); i++)
    {
      g_autoptr(SfSoqlBuilder) builder = sf_soql_builder_new ("Account");
      g_autoptr(GError) error = NULL;
      g_autofree char *soql = NULL;

      sf_soql_builder_add_field (builder, "Id", SF_FIELD_TYPE_ID);
      sf_soql_builder_add_field (builder, bad_fields[i], SF_FIELD_TYPE_STRING);
      soql = sf_soql_builder_build (builder, &error);
      g_assert_error (error, SF_ERROR, SF_ERROR_INVALID_ARGUMENT);
      g_assert_null (soql);
    }

  {
    g_autoptr(SfSoqlBuilder) builder = sf_soql_builder_new ("Account WHERE");
    g_autoptr(GError) error = NULL;
    g_autofree char *soql = NULL;

    sf_soql_builder_add_field (builder, "Id", SF_FIELD_TYPE_ID);
    soql = sf_soql_builder_build (builder, &error);
    g_assert_error (error, SF_ERROR, SF_ERROR_INVALID_ARGUMENT);
  }

  {
    g_autoptr(SfSoqlBuilder) builder = sf_soql_builder_new ("Account");
    g_autoptr(GError) error = NULL;
    g_autofree char *soql = NULL;

    sf_soql_builder_add_field (builder, "Id", SF_FIELD_TYPE_ID);
    sf_soql_builder_where_string (builder, "Name = 'x' OR Name", SF_SOQL_EQ, "y");
    soql = sf_soql_builder_build (builder, &error);
    g_assert_error (error, SF_ERROR, SF_ERROR_INVALID_ARGUMENT);
  }

  {
    g_autoptr(SfSoqlBuilder) builder = sf_soql_builder_new ("Account");
    g_autoptr(GError) error = NULL;
    g_autofree char *soql = sf_soql_builder_build (builder, &error);

    g_assert_error (error, SF_ERROR, SF_ERROR_INVALID_ARGUMENT);
  }
}

static void
test_login_urls (void)
{
  struct { const char *in; const char *out; int code; } cases[] = {
    { "https://login.salesforce.com", "https://login.salesforce.com", -1 },
    { "https://login.salesforce.com/", "https://login.salesforce.com", -1 },
    { "  test.salesforce.com ", "https://test.salesforce.com", -1 },
    { "HTTPS://Acme.My.Salesforce.com", "https://acme.my.salesforce.com", -1 },
    { "https://acme--dev.sandbox.my.salesforce.com:8443", "https://acme--dev.sandbox.my.salesforce.com:8443", -1 },
    { "http://127.0.0.1:8080", "http://127.0.0.1:8080", -1 },
    { "http://127.12.0.1:8080/", "http://127.12.0.1:8080", -1 },
    { "http://localhost:1717", "http://localhost:1717", -1 },
    { "http://[::1]:9000", "http://[::1]:9000", -1 },
    { "http://login.salesforce.com", NULL, SF_ERROR_INSECURE_URL },
    { "http://10.0.0.1", NULL, SF_ERROR_INSECURE_URL },
    { "http://localhost.evil.com", NULL, SF_ERROR_INSECURE_URL },
    { "http://128.0.0.1", NULL, SF_ERROR_INSECURE_URL },
    { "ftp://login.salesforce.com", NULL, SF_ERROR_INVALID_ARGUMENT },
    { "https://login.salesforce.com/services/oauth2", NULL, SF_ERROR_INVALID_ARGUMENT },
    { "https://user:pw@login.salesforce.com", NULL, SF_ERROR_INVALID_ARGUMENT },
    { "https://login.salesforce.com?x=1", NULL, SF_ERROR_INVALID_ARGUMENT },
    { "", NULL, SF_ERROR_INVALID_ARGUMENT },
    { "https://", NULL, SF_ERROR_INVALID_ARGUMENT },
    { "https://exa mple.com", NULL, SF_ERROR_INVALID_ARGUMENT },
    { "javascript:alert(1)", NULL, SF_ERROR_INVALID_ARGUMENT },
    { "https://b\xc3\xbc" "cher.example", NULL, SF_ERROR_INVALID_ARGUMENT },
    /* A Cyrillic "o" in login.salesforce.com */
    { "https://l\xd0\xbe" "gin.salesforce.com", NULL, SF_ERROR_INVALID_ARGUMENT },
    { "https://login.salesforce.com:99999", NULL, SF_ERROR_INVALID_ARGUMENT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = sf_url_normalize_login (cases[i].in, &error);

      g_test_message ("login URL “%s”", cases[i].in);
      if (cases[i].out != NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (out, ==, cases[i].out);
        }
      else
        {
          g_assert_null (out);
          g_assert_error (error, SF_ERROR, cases[i].code);
        }
    }

  g_assert_true (sf_url_host_is_loopback ("127.0.0.1"));
  g_assert_true (sf_url_host_is_loopback ("127.255.255.254"));
  g_assert_true (sf_url_host_is_loopback ("::1"));
  g_assert_true (sf_url_host_is_loopback ("LocalHost"));
  g_assert_false (sf_url_host_is_loopback ("10.1.1.1"));
  g_assert_false (sf_url_host_is_loopback ("::2"));
  g_assert_false (sf_url_host_is_loopback (NULL));

  g_assert_true (sf_url_check_secure ("https://acme.my.salesforce.com", NULL));
  g_assert_true (sf_url_check_secure ("http://127.0.0.1:3000", NULL));
  g_assert_false (sf_url_check_secure ("http://acme.my.salesforce.com", NULL));
  g_assert_false (sf_url_check_secure ("garbage", NULL));
}

static void
test_pkce (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *v1 = sf_pkce_new_verifier (&error);
  g_autofree char *v2 = sf_pkce_new_verifier (&error);
  g_autofree char *state = sf_oauth_new_state (&error);
  g_autofree char *challenge = NULL;
  gsize len;

  g_assert_no_error (error);
  len = strlen (v1);
  g_assert_cmpuint (len, >=, 43);
  g_assert_cmpuint (len, <=, 128);
  g_assert_cmpstr (v1, !=, v2);
  for (const char *p = v1; *p; p++)
    g_assert_true (g_ascii_isalnum (*p) || *p == '-' || *p == '_');
  g_assert_cmpuint (strlen (state), >=, 16);

  /* RFC 7636 appendix B. */
  challenge = sf_pkce_challenge ("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
  g_assert_cmpstr (challenge, ==, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

static void
test_redaction (void)
{
  g_autofree char *url = sf_redact_url ("http://localhost:1717/OauthRedirect?code=aPrx%3D%3D&state=abc&x=1");
  g_autofree char *url2 = sf_redact_url ("https://u:p@host/path?q=SELECT+Id#access_token=00D!xyz&scope=api");
  g_autofree char *url3 = sf_redact_url ("https://host/services/oauth2/revoke?token=5Aep");
  g_autofree char *form = sf_redact_form ("grant_type=password&client_id=abc&username=u%40x&password=secretTOKEN&client_secret=s");

  g_assert_cmpstr (url, ==, "http://localhost:1717/OauthRedirect?code=" SF_REDACTED "&state=" SF_REDACTED "&x=1");
  g_assert_cmpstr (url2, ==, "https://" SF_REDACTED "@host/path?q=SELECT+Id#access_token=" SF_REDACTED "&scope=api");
  g_assert_cmpstr (url3, ==, "https://host/services/oauth2/revoke?token=" SF_REDACTED);
  g_assert_cmpstr (form, ==, "grant_type=password&client_id=abc&username=u%40x&password=" SF_REDACTED
                   "&client_secret=" SF_REDACTED);
  g_assert_true (sf_redact_is_secret_name ("Authorization"));
  g_assert_true (sf_redact_is_secret_name ("refresh_token"));
  g_assert_false (sf_redact_is_secret_name ("q"));
}

/* Every errorCode of reference §2.5, §7.5 and §8.2 and every OAuth error of
 * §1.3 and §1.5 maps to its own code, whose name is Salesforce's. */
static void
test_error_mapping (void)
{
  const char * const api_codes[] = {
    "INVALID_SESSION_ID", "INVALID_AUTH_HEADER", "REQUEST_LIMIT_EXCEEDED", "API_DISABLED_FOR_ORG",
    "API_CURRENTLY_DISABLED", "INSUFFICIENT_ACCESS_OR_READONLY", "INSUFFICIENT_ACCESS",
    "INVALID_FIELD", "MALFORMED_QUERY", "INVALID_TYPE", "INVALID_QUERY_FILTER_OPERATOR",
    "INVALID_QUERY_LOCATOR", "QUERY_TIMEOUT", "QUERY_TOO_COMPLICATED", "NUMBER_OUTSIDE_VALID_RANGE",
    "EXCEEDED_ID_LIMIT", "INVALID_REPLICATION_DATE", "NOT_FOUND", "METHOD_NOT_ALLOWED",
    "UNSUPPORTED_API_VERSION", "SERVER_UNAVAILABLE", "UNKNOWN_EXCEPTION", "BATCH_PROCESSING_HALTED",
    "API_ERROR", "INVALIDJOB", "INVALIDENTITY",
  };
  const char * const oauth_errors[] = {
    "invalid_grant", "invalid_client_id", "invalid_client", "redirect_uri_mismatch",
    "unsupported_grant_type", "invalid_request", "invalid_app_access", "OAUTH_APP_BLOCKED",
    "invalid_scope", "access_denied", "unsupported_token_type", "invalid_token",
  };
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (api_codes); i++)
    {
      SfError code = sf_error_code_from_api_error_code (api_codes[i], "x");

      g_assert_cmpint (code, !=, SF_ERROR_FAILED);
      g_assert_false (g_hash_table_contains (seen, GINT_TO_POINTER (code)));
      g_hash_table_add (seen, GINT_TO_POINTER (code));
      g_assert_cmpstr (sf_error_code_to_string (code), ==, api_codes[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (oauth_errors); i++)
    {
      SfError code = sf_error_code_from_oauth_error (oauth_errors[i], "x");

      g_assert_cmpint (code, !=, SF_ERROR_FAILED);
      g_assert_false (g_hash_table_contains (seen, GINT_TO_POINTER (code)));
      g_hash_table_add (seen, GINT_TO_POINTER (code));
      g_assert_cmpstr (sf_error_code_to_string (code), ==, oauth_errors[i]);
    }

  g_assert_cmpint (sf_error_code_from_api_error_code ("REQUEST_LIMIT_EXCEEDED",
                                                      "ConcurrentPerOrgLongTxn Limit exceeded."),
                   ==, SF_ERROR_CONCURRENT_REQUEST_LIMIT);
  g_assert_cmpint (sf_error_code_from_api_error_code ("REQUEST_LIMIT_EXCEEDED",
                                                      "TotalRequests Limit exceeded."),
                   ==, SF_ERROR_REQUEST_LIMIT_EXCEEDED);
  g_assert_cmpint (sf_error_code_from_api_error_code ("SOMETHING_NEW", "x"), ==, SF_ERROR_FAILED);
  g_assert_cmpint (sf_error_code_from_api_error_code (NULL, NULL), ==, SF_ERROR_FAILED);
  g_assert_cmpint (sf_error_code_from_oauth_error ("invalid_grant", "authentication failure"),
                   ==, SF_ERROR_AUTHENTICATION_FAILURE);
  g_assert_cmpint (sf_error_code_from_oauth_error ("invalid_grant", "expired authorization code"),
                   ==, SF_ERROR_INVALID_GRANT);
  g_assert_cmpint (sf_error_code_from_oauth_error ("whatever", "app blocked"), ==, SF_ERROR_APP_BLOCKED);

  g_assert_cmpint (sf_error_code_from_http_status (429), ==, SF_ERROR_RATE_LIMITED);
  g_assert_cmpint (sf_error_code_from_http_status (420), ==, SF_ERROR_RATE_LIMITED);
  g_assert_cmpint (sf_error_code_from_http_status (502), ==, SF_ERROR_SERVER_ERROR);
  g_assert_cmpint (sf_error_code_from_http_status (503), ==, SF_ERROR_SERVER_UNAVAILABLE);
  g_assert_cmpint (sf_error_code_from_http_status (414), ==, SF_ERROR_URI_TOO_LONG);
  g_assert_cmpint (sf_error_code_from_http_status (431), ==, SF_ERROR_URI_TOO_LONG);
  g_assert_cmpint (sf_error_code_from_http_status (409), ==, SF_ERROR_CONFLICT);
  g_assert_cmpint (sf_error_code_from_http_status (418), ==, SF_ERROR_HTTP);

  {
    g_autoptr(GError) reauth = g_error_new_literal (SF_ERROR, SF_ERROR_REAUTHORIZATION_REQUIRED, "x");
    g_autoptr(GError) limit = g_error_new_literal (SF_ERROR, SF_ERROR_REQUEST_LIMIT_EXCEEDED, "x");
    g_autoptr(GError) unavailable = g_error_new_literal (SF_ERROR, SF_ERROR_SERVER_UNAVAILABLE, "x");
    g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "x");

    g_assert_true (sf_error_needs_reauthorization (reauth));
    g_assert_false (sf_error_needs_reauthorization (limit));
    g_assert_false (sf_error_is_transient (limit));
    g_assert_true (sf_error_is_transient (unavailable));
    g_assert_false (sf_error_is_transient (cancelled));
  }
}

static void
test_error_from_response (void)
{
  static const char html[] = "<html><body><h1>Down for maintenance</h1></body></html>";
  static const char rest[] = "[{\"message\":\"invalid query locator\",\"errorCode\":\"INVALID_QUERY_LOCATOR\"}]";
  static const char bulk[] = "[{\"errorCode\":\"INVALIDJOB\",\"message\":\"Bad job\"}]";
  static const char oauth[] = "{\"error\":\"invalid_grant\",\"error_description\":\"expired access/refresh token\"}";
  static const char unknown[] = "[{\"message\":\"Something new\",\"errorCode\":\"BRAND_NEW_CODE\"}]";
  static const char truncated[] = "[{\"message\":\"Session exp";
  g_autoptr(GError) e1 = _sf_error_new_from_response (503, "Service Unavailable", "text/html", html, strlen (html));
  g_autoptr(GError) e2 = _sf_error_new_from_response (400, "Bad Request", "application/json;charset=UTF-8", rest, strlen (rest));
  g_autoptr(GError) e3 = _sf_error_new_from_response (400, NULL, "application/json", bulk, strlen (bulk));
  g_autoptr(GError) e4 = _sf_error_new_from_response (400, NULL, "application/json", oauth, strlen (oauth));
  g_autoptr(GError) e5 = _sf_error_new_from_response (400, NULL, "application/json", unknown, strlen (unknown));
  g_autoptr(GError) e6 = _sf_error_new_from_response (401, "Unauthorized", "application/json", truncated, strlen (truncated));
  g_autoptr(GError) e7 = _sf_error_new_from_response (502, "Bad Gateway", NULL, NULL, 0);

  g_assert_error (e1, SF_ERROR, SF_ERROR_SERVER_UNAVAILABLE);
  g_assert_nonnull (strstr (e1->message, "web page"));
  g_assert_error (e2, SF_ERROR, SF_ERROR_INVALID_QUERY_LOCATOR);
  g_assert_cmpstr (e2->message, ==, "invalid query locator");
  g_assert_error (e3, SF_ERROR, SF_ERROR_BULK_INVALID_JOB);
  g_assert_cmpstr (e3->message, ==, "Bad job");
  g_assert_error (e4, SF_ERROR, SF_ERROR_INVALID_GRANT);
  g_assert_cmpstr (e4->message, ==, "expired access/refresh token");
  g_assert_error (e5, SF_ERROR, SF_ERROR_FAILED);
  g_assert_cmpstr (e5->message, ==, "BRAND_NEW_CODE: Something new");
  g_assert_error (e6, SF_ERROR, SF_ERROR_INVALID_SESSION_ID);
  g_assert_error (e7, SF_ERROR, SF_ERROR_SERVER_ERROR);
}

static void
test_token_parsing (void)
{
  /* Reference §1.9, verbatim. */
  static const char full[] =
    "{\"access_token\":\"00D5e000000AbCd!AQ0AQHt2n8cV1yYbq3k3ZlJrK0lZ1pTz8xv0jQmR7oPbYc9wFhXk_5uNn0gS2rT6aE1dLmQ\","
    "\"refresh_token\":\"5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJrlCcOKFbA3Xm9qk2Z8ZPp1yCzR0wQ\","
    "\"signature\":\"pJq1bS8k3v0mXh2Gf7Yc5dL9wR4tZ6uE1nA0oKiQxVs=\",\"scope\":\"refresh_token web api\","
    "\"instance_url\":\"https://acme-dev-ed.develop.my.salesforce.com\","
    "\"id\":\"https://login.salesforce.com/id/00D5e000000AbCdEAK/0055e000001XyZqAAK\","
    "\"token_type\":\"Bearer\",\"issued_at\":\"1718030400000\"}";
  static const char refreshed[] =
    "{\"access_token\":\"00D!new\",\"instance_url\":\"https://acme.my.salesforce.com/\",\"issued_at\":\"1\"}";
  static const char rotated[] =
    "{\"access_token\":\"00D!new\",\"refresh_token\":\"R2\",\"instance_url\":\"https://acme.my.salesforce.com\"}";
  static const char insecure[] = "{\"access_token\":\"00D!x\",\"instance_url\":\"http://na1.example.com\"}";
  static const char missing[] = "{\"instance_url\":\"https://acme.my.salesforce.com\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(SfToken) t1 = sf_token_new_from_json (full, strlen (full), NULL, &error);
  g_autoptr(SfToken) t2 = sf_token_new_from_json (refreshed, strlen (refreshed), "R1", &error);
  g_autoptr(SfToken) t3 = sf_token_new_from_json (rotated, strlen (rotated), "R1", &error);
  g_autoptr(SfToken) t4 = NULL;
  g_autoptr(SfToken) t5 = NULL;
  g_autoptr(SfToken) t6 = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (sf_token_get_instance_url (t1), ==, "https://acme-dev-ed.develop.my.salesforce.com");
  g_assert_cmpstr (sf_token_get_org_id (t1), ==, "00D5e000000AbCdEAK");
  g_assert_cmpstr (sf_token_get_user_id (t1), ==, "0055e000001XyZqAAK");
  g_assert_cmpstr (sf_token_get_scope (t1), ==, "refresh_token web api");
  g_assert_cmpint (sf_token_get_issued_at (t1), ==, G_GINT64_CONSTANT (1718030400000));
  g_assert_false (sf_token_get_refresh_rotated (t1));

  /* A refresh without rotation keeps the refresh token it used. */
  g_assert_cmpstr (sf_token_get_refresh_token (t2), ==, "R1");
  g_assert_cmpstr (sf_token_get_instance_url (t2), ==, "https://acme.my.salesforce.com");
  g_assert_false (sf_token_get_refresh_rotated (t2));
  g_assert_cmpstr (sf_token_get_refresh_token (t3), ==, "R2");
  g_assert_true (sf_token_get_refresh_rotated (t3));

  t4 = sf_token_new_from_json (insecure, strlen (insecure), NULL, &error);
  g_assert_error (error, SF_ERROR, SF_ERROR_INSECURE_URL);
  g_assert_null (t4);
  g_clear_error (&error);
  t5 = sf_token_new_from_json (missing, strlen (missing), NULL, &error);
  g_assert_error (error, SF_ERROR, SF_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);
  t6 = sf_token_new_from_json ("<html>", 6, NULL, &error);
  g_assert_error (error, SF_ERROR, SF_ERROR_INVALID_RESPONSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sf/limit-info", test_limit_info);
  g_test_add_func ("/sf/value/datetime", test_datetime_normalization);
  g_test_add_func ("/sf/value/time", test_time_normalization);
  g_test_add_func ("/sf/value/field-types", test_field_types);
  g_test_add_func ("/sf/record-batch/json", test_record_batch_json);
  g_test_add_func ("/sf/record-batch/json-columns", test_record_columns_from_json);
  g_test_add_func ("/sf/record-batch/csv", test_record_batch_csv);
  g_test_add_func ("/sf/soql/identifiers", test_soql_identifiers);
  g_test_add_func ("/sf/soql/quoting", test_soql_quoting);
  g_test_add_func ("/sf/soql/builder", test_soql_builder);
  g_test_add_func ("/sf/soql/builder-rejects", test_soql_builder_rejects);
  g_test_add_func ("/sf/url/login", test_login_urls);
  g_test_add_func ("/sf/pkce", test_pkce);
  g_test_add_func ("/sf/redaction", test_redaction);
  g_test_add_func ("/sf/error-mapping", test_error_mapping);
  g_test_add_func ("/sf/error-from-response", test_error_from_response);
  g_test_add_func ("/sf/token", test_token_parsing);

  return g_test_run ();
}
