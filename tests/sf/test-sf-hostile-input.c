/* test-sf-hostile-input.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "sf-client.h"
#include "sf-describe.h"
#include "sf-error-private.h"
#include "sf-json-private.h"
#include "sf-loopback-listener-private.h"
#include "sf-query.h"
#include "sf-test-server.h"
#include "sf-record-batch-private.h"
#include "sf-token.h"
#include "sf-url.h"
#include "sf-value.h"

/* What a broken or hostile server (or any local program, for the loopback
 * listener) can send, and what the fuzzers of tests/fuzz found: every case
 * is a clear error or a kept value, never a crash, a critical or a leak.
 * The suite runs with G_DEBUG=fatal-warnings, so a critical fails it. */

/* json-glib 1.6 recurses once per level: this crashed the process. */
static char *
deep_array (guint depth)
{
  GString *text = g_string_sized_new (2 * depth);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');

  return g_string_free (text, FALSE);
}

static void
assert_rejected (const char *json,
                 gssize      length)
{
  g_autoptr(GError) error = NULL;
  gsize n = length < 0 ? strlen (json) : (gsize) length;
  g_autoptr(JsonNode) node = _sf_json_parse (json, n, "test", &error);

  g_test_message ("rejected: %.60s", json);
  g_assert_null (node);
  g_assert_error (error, SF_ERROR, SF_ERROR_INVALID_RESPONSE);
}

static void
assert_accepted (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = _sf_json_parse (json, strlen (json), "test", &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
}

static void
test_json_check (void)
{
  g_autofree char *deep = deep_array (100000);
  g_autofree char *limit = deep_array (SF_JSON_MAX_DEPTH);
  g_autofree char *over = deep_array (SF_JSON_MAX_DEPTH + 1);
  g_autofree char *describe = g_strconcat ("{\"name\":\"Account\",\"fields\":", deep, "}", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SfSObjectDescribe) parsed = NULL;

  assert_accepted ("{\"a\":[1,-2.5e+3,true,false,null,\"\\u00e9\\ud83d\\ude00\\n\"],\"b\":{}}");
  assert_accepted ("  [ ]  ");
  assert_accepted (limit);
  assert_rejected (over, -1);
  assert_rejected (deep, -1);

  /* json-glib takes several values and keeps the last, leaking the others. */
  assert_rejected ("{\"done\":true}{\"done\":false}", -1);
  assert_rejected ("0{\"access_token\":\"x\"}", -1);
  /* json-glib leaks on a broken surrogate pair. */
  assert_rejected ("[\"\\ud800x\"]", -1);
  assert_rejected ("[\"\\udc00\"]", -1);
  assert_rejected ("[\"\\ud800\\u0041\"]", -1);
  assert_rejected ("[\"\xff\xfe\"]", -1);
  assert_rejected ("[\"a\0b\"]", 7);
  assert_rejected ("[1,]", -1);
  assert_rejected ("{\"a\" 1}", -1);
  assert_rejected ("[01]", -1);
  assert_rejected ("[\"tab\there\"]", -1);
  assert_rejected ("", -1);

  /* And through a public parser, as a describe response. */
  parsed = sf_sobject_describe_new_from_json (describe, strlen (describe), NULL, &error);
  g_assert_null (parsed);
  g_assert_error (error, SF_ERROR, SF_ERROR_INVALID_RESPONSE);
}

/* json-glib 1.6 writes 1e-05 as "1e-05.0": the describe cache could not be
 * read back, and a location near the equator was stored as broken JSON. */
static void
test_json_doubles (void)
{
  static const char describe_json[] =
    "{\"name\":\"Site__c\",\"fields\":[{\"name\":\"Id\",\"type\":\"id\"},"
    "{\"name\":\"Rate__c\",\"type\":\"double\",\"defaultValue\":1e-05,\"precision\":18.0}]}";
  static const char location[] = "{\"latitude\":1e-05,\"longitude\":-40.72258,\"n\":15000000.0}";
  g_autoptr(GError) error = NULL;
  g_autoptr(SfSObjectDescribe) describe = NULL;
  g_autoptr(SfSObjectDescribe) again = NULL;
  g_autoptr(GBytes) cache = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GStringChunk) strings = g_string_chunk_new (64);
  SfValue value = { 0 };

  describe = sf_sobject_describe_new_from_json (describe_json, strlen (describe_json), NULL, &error);
  g_assert_no_error (error);
  cache = sf_sobject_describe_to_cache (describe);
  g_assert_true (_sf_json_check (g_bytes_get_data (cache, NULL), g_bytes_get_size (cache), NULL));
  again = sf_sobject_describe_new_from_cache (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sf_sobject_describe_get_n_fields (again), ==, 2);
  g_assert_cmpuint (sf_sobject_describe_get_field (again, 1)->precision, ==, 18);

  node = _sf_json_parse (location, strlen (location), "test", &error);
  g_assert_no_error (error);
  _sf_value_from_json (&value, node, SF_FIELD_TYPE_LOCATION, strings);
  g_assert_cmpint (value.kind, ==, SF_VALUE_TEXT);
  g_assert_cmpstr (value.text, ==, "{\"latitude\":1e-05,\"longitude\":-40.72258,\"n\":15000000.0}");
}

/* json-glib's *_member_with_default() log criticals for an object or array
 * where a value was expected. */
static void
test_member_types (void)
{
  static const char token_json[] =
    "{\"access_token\":\"00D!x\",\"instance_url\":\"https://acme.my.salesforce.com\","
    "\"id\":{},\"refresh_token\":[],\"scope\":5,\"issued_at\":{\"ms\":1}}";
  static const char rest_error[] = "[{\"errorCode\":{},\"message\":[\"x\"]}]";
  static const char oauth_error[] = "{\"error\":[1],\"error_description\":{}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(SfToken) token = sf_token_new_from_json (token_json, strlen (token_json), "R1", &error);
  g_autoptr(GError) e1 = _sf_error_new_from_response (400, "Bad Request", "application/json",
                                                      rest_error, strlen (rest_error));
  g_autoptr(GError) e2 = _sf_error_new_from_response (400, "Bad Request", "application/json",
                                                      oauth_error, strlen (oauth_error));

  g_assert_no_error (error);
  g_assert_null (sf_token_get_id_url (token));
  g_assert_cmpstr (sf_token_get_refresh_token (token), ==, "R1");
  g_assert_null (sf_token_get_scope (token));
  g_assert_cmpint (sf_token_get_issued_at (token), ==, 0);

  /* Not Salesforce errors: the status speaks. */
  g_assert_error (e1, SF_ERROR, SF_ERROR_HTTP);
  g_assert_error (e2, SF_ERROR, SF_ERROR_HTTP);
}

static void
test_status_line_not_utf8 (void)
{
  g_autoptr(GError) error = _sf_error_new_from_response (502, "Bad \xff\xfe Gateway", NULL, NULL, 0);

  g_assert_error (error, SF_ERROR, SF_ERROR_SERVER_ERROR);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_true (g_str_has_prefix (error->message, "HTTP 502 Bad "));
}

/* 9999-12-31T23:30-01:00 is in the year 10000, beyond GDateTime. */
static void
test_datetime_out_of_range (void)
{
  char out[25] = "unchanged";

  g_assert_false (sf_normalize_datetime ("9999-12-31T23:30:00.000-0100", 28, out));
  g_assert_false (sf_normalize_datetime ("0001-01-01T00:30:00.000+0100", 28, out));
  g_assert_cmpstr (out, ==, "unchanged");
  g_assert_true (sf_normalize_datetime ("9999-12-31T22:30:00.000-0100", 28, out));
  g_assert_cmpstr (out, ==, "9999-12-31T23:30:00.000Z");
}

/* Any program on the machine can call the listener: its text must be safe
 * to show. */
static void
test_redirect_not_utf8 (void)
{
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  SfRedirectVerdict verdict;

  g_hash_table_insert (query, (char *) "state", (char *) "s1");
  g_hash_table_insert (query, (char *) "error", (char *) "access_denied");
  g_hash_table_insert (query, (char *) "error_description", (char *) "end-user \xff denied");
  verdict = _sf_redirect_check ("GET", "/OauthRedirect", query, "/OauthRedirect", "s1", &code, &error);

  g_assert_cmpint (verdict, ==, SF_REDIRECT_ERROR);
  g_assert_error (error, SF_ERROR, SF_ERROR_ACCESS_DENIED);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_null (code);
}

static void
test_urls_not_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autofree char *url = sf_url_normalize_login ("https://\xff\xfe.example", &error);

  g_assert_null (url);
  g_assert_error (error, SF_ERROR, SF_ERROR_INVALID_ARGUMENT);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_false (sf_url_check_secure ("https://\xff.example", &error2));
  g_assert_true (g_utf8_validate (error2->message, -1, NULL));
}

/*
 * Through a client, from a server that answers whatever the test says
 */

static SfTestServer *server;

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
  g_autoptr(GError) error = NULL;
  g_autoptr(SfToken) token = NULL;
  const char *base_url = sf_test_server_get_url (server);
  SfClient *client = sf_client_new (base_url, &error);

  g_assert_no_error (error);
  token = sf_token_new ("00D!test", NULL, base_url, NULL);
  sf_client_set_token (client, token);
  /* One attempt: a broken body is retried like a transport error. */
  sf_client_set_retry_policy (client, 1, 1, 1, 1000);
  return client;
}

/* A query page nested a hundred thousand levels deep, end to end. */
static void
test_server_deep_page (void)
{
  g_autofree char *deep = deep_array (100000);
  g_autofree char *body = g_strconcat ("{\"totalSize\":1,\"done\":true,\"records\":[{\"Id\":", deep, "}]}", NULL);
  g_autoptr(SfClient) client = new_client ();
  g_autoptr(SfQuery) query = sf_query_new_for_soql (client, "SELECT Id FROM Account", 0);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SfRecordBatch) batch = NULL;
  g_autoptr(GError) error = NULL;

  sf_test_server_respond (server, NULL, 200, body);
  sf_query_next_page_async (query, NULL, result_cb, &result);
  batch = sf_query_next_page_finish (query, wait_for (&result), &error);

  g_assert_null (batch);
  g_assert_error (error, SF_ERROR, SF_ERROR_INVALID_RESPONSE);
}

/* getDeleted with members of the wrong type: a NULL deletedDate reached
 * strlen(), and a numeric id cut the id list short. */
static void
test_server_deleted_types (void)
{
  static const char body[] =
    "{\"deletedRecords\":[{\"id\":\"001A\",\"deletedDate\":5},{\"id\":7,\"deletedDate\":\"2026-01-01T00:00:00.000+0000\"},"
    "{\"id\":\"001B\",\"deletedDate\":\"2026-01-02T00:00:00.000+0000\"},{\"deletedDate\":{}}],"
    "\"earliestDateAvailable\":[],\"latestDateCovered\":\"2026-01-03T00:00:00.000+0000\"}";
  g_autoptr(SfClient) client = new_client ();
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_new_utc (2026, 1, 3, 0, 0, 0);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SfChangedRecords) changed = NULL;
  g_autoptr(GError) error = NULL;

  sf_test_server_respond (server, NULL, 200, body);
  sf_client_get_deleted_async (client, "Account", start, end, NULL, result_cb, &result);
  changed = sf_client_get_deleted_finish (client, wait_for (&result), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (changed->ids), ==, 2);
  g_assert_cmpuint (g_strv_length (changed->deleted_dates), ==, 2);
  g_assert_cmpstr (changed->ids[0], ==, "001A");
  g_assert_cmpstr (changed->deleted_dates[0], ==, "");
  g_assert_cmpstr (changed->ids[1], ==, "001B");
  g_assert_cmpstr (changed->deleted_dates[1], ==, "2026-01-02T00:00:00.000Z");
  g_assert_null (changed->earliest_date_available);
  g_assert_nonnull (changed->latest_date_covered);
}

/* Two documents glued together are not a response. */
static void
test_server_two_documents (void)
{
  static const char body[] = "{\"totalSize\":0,\"done\":true,\"records\":[]}"
                             "{\"totalSize\":1,\"done\":true,\"records\":[{\"Id\":\"001\"}]}";
  g_autoptr(SfClient) client = new_client ();
  g_autoptr(SfQuery) query = sf_query_new_for_soql (client, "SELECT Id FROM Account", 0);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SfRecordBatch) batch = NULL;
  g_autoptr(GError) error = NULL;

  sf_test_server_respond (server, NULL, 200, body);
  sf_query_next_page_async (query, NULL, result_cb, &result);
  batch = sf_query_next_page_finish (query, wait_for (&result), &error);

  g_assert_null (batch);
  g_assert_error (error, SF_ERROR, SF_ERROR_INVALID_RESPONSE);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  server = sf_test_server_new ();

  g_test_add_func ("/sf/hostile-input/json-check", test_json_check);
  g_test_add_func ("/sf/hostile-input/json-doubles", test_json_doubles);
  g_test_add_func ("/sf/hostile-input/member-types", test_member_types);
  g_test_add_func ("/sf/hostile-input/status-line-not-utf8", test_status_line_not_utf8);
  g_test_add_func ("/sf/hostile-input/datetime-out-of-range", test_datetime_out_of_range);
  g_test_add_func ("/sf/hostile-input/redirect-not-utf8", test_redirect_not_utf8);
  g_test_add_func ("/sf/hostile-input/urls-not-utf8", test_urls_not_utf8);
  g_test_add_func ("/sf/hostile-input/server/deep-page", test_server_deep_page);
  g_test_add_func ("/sf/hostile-input/server/deleted-member-types", test_server_deleted_types);
  g_test_add_func ("/sf/hostile-input/server/two-documents", test_server_two_documents);

  ret = g_test_run ();
  sf_test_server_free (server);
  return ret;
}
