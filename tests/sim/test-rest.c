/* test-rest.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sim-test-util.h"

/* The REST surface over HTTP: versions, sessions, the API counter, query
 * paging and locators, describes, rows and composite. */

static SimServer *server;
static SoupSession *session;
static const char *base;
static char *token;

static guint
limit_used (SimTestResponse *response)
{
  const char *info = soup_message_headers_get_one (response->headers, "Sforce-Limit-Info");
  guint used = 0, max = 0;

  g_assert_nonnull (info);
  g_assert_cmpint (sscanf (info, "api-usage=%u/%u", &used, &max), ==, 2);
  return used;
}

static void
test_versions (void)
{
  g_autoptr(SimTestResponse) versions = sim_test_get (session, base, NULL, "/services/data/");
  g_autoptr(SimTestResponse) resources = sim_test_get (session, base, token, "/services/data/v61.0/");
  g_autoptr(SimTestResponse) unknown = sim_test_get (session, base, token, "/services/data/v99.0/limits");
  JsonArray *array;
  JsonObject *first;

  g_assert_cmpuint (versions->status, ==, 200);
  g_assert_null (soup_message_headers_get_one (versions->headers, "Sforce-Limit-Info"));
  array = json_node_get_array (versions->json);
  first = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "version"), ==, "31.0");
  g_assert_cmpstr (json_object_get_string_member (first, "url"), ==, "/services/data/v31.0");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 29), "label"), ==,
                   "Spring '24");

  g_assert_cmpuint (resources->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sim_test_object (resources), "query"), ==,
                   "/services/data/v61.0/query");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (sim_test_object (resources), "identity"), base));

  g_assert_cmpuint (unknown->status, ==, 404);
  g_assert_cmpstr (sim_test_error_code (unknown), ==, "NOT_FOUND");
}

static void
test_session (void)
{
  g_autoptr(SimTestResponse) none = sim_test_get (session, base, NULL, "/services/data/v61.0/limits");
  g_autoptr(SimTestResponse) bad = sim_test_get (session, base, "00Dbogus!token", "/services/data/v61.0/limits");

  g_assert_cmpuint (none->status, ==, 401);
  g_assert_cmpstr (sim_test_error_code (none), ==, "INVALID_SESSION_ID");
  g_assert_cmpstr (sim_test_error_message (none), ==, "Session expired or invalid");
  g_assert_cmpuint (bad->status, ==, 401);
}

static void
test_counter (void)
{
  g_autoptr(SimTestResponse) r1 = sim_test_get (session, base, token, "/services/data/v61.0/limits");
  g_autoptr(SimTestResponse) r2 = sim_test_get (session, base, token, "/services/data/v61.0/sobjects/");
  g_autoptr(SimTestResponse) limits = NULL;
  g_autoptr(SimTestResponse) blocked = NULL;
  g_autoptr(SimTestResponse) lagged = NULL;
  g_autoptr(SimTestResponse) aged = NULL;
  g_autoptr(SimTestResponse) state = NULL;
  guint used = limit_used (r1);
  JsonObject *daily;

  g_assert_cmpuint (limit_used (r2), ==, used + 1);
  daily = json_object_get_object_member (sim_test_object (r1), "DailyApiRequests");
  g_assert_cmpint (json_object_get_int_member (daily, "Max"), ==, 15000);
  g_assert_cmpint (json_object_get_int_member (daily, "Remaining"), ==, 15000 - used);

  /* Over the allocation every counted call is refused, and not counted. */
  g_clear_pointer (&limits, sim_test_response_free);
  limits = sim_test_control (session, base, "/limits", "{\"used\": 15000}");
  blocked = sim_test_get (session, base, token, "/services/data/v61.0/query?q=SELECT+Id+FROM+Account");
  g_assert_cmpuint (blocked->status, ==, 403);
  g_assert_cmpstr (sim_test_error_code (blocked), ==, "REQUEST_LIMIT_EXCEEDED");
  g_assert_cmpstr (sim_test_error_message (blocked), ==, "TotalRequests Limit exceeded.");
  g_assert_cmpuint (limit_used (blocked), ==, 15000);

  /* Moving the clock a day on ages every call out of the window. */
  aged = sim_test_control (session, base, "/clock", "{\"advanceSeconds\": 86401}");
  g_free (token);
  token = sim_test_login (session, base);
  g_clear_pointer (&limits, sim_test_response_free);
  limits = sim_test_control (session, base, "/limits", NULL);
  g_assert_cmpint (json_object_get_int_member (sim_test_object (limits), "used"), ==, 0);

  /* The header may lag behind the true count. */
  state = sim_test_control (session, base, "/limits", "{\"used\": 100, \"lag\": 7}");
  lagged = sim_test_get (session, base, token, "/services/data/v61.0/limits");
  g_assert_cmpuint (limit_used (lagged), ==, 101 - 7);
  g_clear_pointer (&limits, sim_test_response_free);
  limits = sim_test_control (session, base, "/limits", "{\"lag\": 0}");
  g_assert_cmpint (json_object_get_int_member (sim_test_object (limits), "used"), ==, 101);
}

static void
follow_pages (const char *first_path,
              const char *batch_header,
              guint      *pages_out,
              guint      *records_out,
              guint      *total_out)
{
  g_autofree char *path = g_strdup (first_path);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  *pages_out = *records_out = 0;
  while (path != NULL)
    {
      g_autofree char *url = g_strconcat (base, path, NULL);
      g_autoptr(SimTestResponse) page = NULL;
      JsonObject *object;
      JsonArray *records;

      page = batch_header ? sim_test_request (session, "GET", url, token, NULL, NULL,
                                              "Sforce-Query-Options", batch_header, NULL)
                          : sim_test_request (session, "GET", url, token, NULL, NULL, NULL);
      g_assert_cmpuint (page->status, ==, 200);
      object = sim_test_object (page);
      records = json_object_get_array_member (object, "records");
      *total_out = json_object_get_int_member (object, "totalSize");
      for (guint i = 0; i < json_array_get_length (records); i++)
        g_hash_table_add (ids, g_strdup (json_object_get_string_member (json_array_get_object_element (records, i), "Id")));
      *records_out += json_array_get_length (records);
      (*pages_out)++;

      g_free (path);
      path = NULL;
      if (!json_object_get_boolean_member (object, "done"))
        path = g_strdup (json_object_get_string_member (object, "nextRecordsUrl"));
      else
        g_assert_false (json_object_has_member (object, "nextRecordsUrl"));
    }
  g_assert_cmpuint (g_hash_table_size (ids), ==, *records_out);
}

static void
test_paging (void)
{
  guint pages, records, total;

  follow_pages ("/services/data/v61.0/query?q=SELECT+Id,Name+FROM+Contact", NULL, &pages, &records, &total);
  g_assert_cmpuint (total, ==, 2000);
  g_assert_cmpuint (records, ==, 2000);
  g_assert_cmpuint (pages, ==, 1);

  follow_pages ("/services/data/v61.0/query?q=SELECT+Id,Name+FROM+Contact", "batchSize=500", &pages, &records, &total);
  g_assert_cmpuint (pages, ==, 4);
  g_assert_cmpuint (records, ==, 2000);

  /* Below the minimum the page size is clamped to 200. */
  follow_pages ("/services/data/v61.0/query?q=SELECT+Id+FROM+Lead", "batchSize=50", &pages, &records, &total);
  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpuint (records, ==, 500);

  /* Two long text areas cap pages at 200. */
  follow_pages ("/services/data/v61.0/query?q=SELECT+Id,Notes__c+FROM+Lead", NULL, &pages, &records, &total);
  g_assert_cmpuint (pages, ==, 1);
}

static void
test_locators (void)
{
  g_autoptr(SimTestResponse) first = NULL;
  g_autoptr(SimTestResponse) bogus = NULL;
  g_autoptr(SimTestResponse) expired = NULL;
  g_autoptr(SimTestResponse) clock = NULL;
  g_autoptr(SimTestResponse) config = NULL;
  g_autofree char *next = NULL;
  g_autofree char *url = NULL;

  url = g_strconcat (base, "/services/data/v61.0/queryAll?q=SELECT+Id+FROM+Contact", NULL);
  first = sim_test_request (session, "GET", url, token, NULL, NULL, "Sforce-Query-Options", "batchSize=1000", NULL);
  next = g_strdup (json_object_get_string_member (sim_test_object (first), "nextRecordsUrl"));
  g_assert_true (g_str_has_prefix (next, "/services/data/v61.0/queryAll/01g"));
  g_assert_true (g_str_has_suffix (next, "-1000"));

  bogus = sim_test_get (session, base, token, "/services/data/v61.0/query/01gXXXXXXXXXXXX-1000");
  g_assert_cmpuint (bogus->status, ==, 400);
  g_assert_cmpstr (sim_test_error_code (bogus), ==, "INVALID_QUERY_LOCATOR");
  g_assert_cmpstr (sim_test_error_message (bogus), ==, "invalid query locator");

  /* Locators expire after a configurable idle time on the simulated clock. */
  config = sim_test_control (session, base, "/config", "{\"locatorLifetimeSeconds\": 600}");
  clock = sim_test_control (session, base, "/clock", "{\"advanceSeconds\": 601}");
  expired = sim_test_get (session, base, token, next);
  g_assert_cmpuint (expired->status, ==, 400);
  g_assert_cmpstr (sim_test_error_code (expired), ==, "INVALID_QUERY_LOCATOR");
}

static void
test_uri_too_long (void)
{
  g_autoptr(GString) path = g_string_new ("/services/data/v61.0/query?q=SELECT+Id");
  g_autoptr(SimTestResponse) response = NULL;

  while (path->len < 17000)
    g_string_append (path, ",Name");
  g_string_append (path, "+FROM+Account");
  response = sim_test_get (session, base, token, path->str);
  g_assert_cmpuint (response->status, ==, 414);
}

static void
test_describe (void)
{
  g_autoptr(SimTestResponse) global = sim_test_get (session, base, token, "/services/data/v61.0/sobjects/");
  g_autoptr(SimTestResponse) account = sim_test_get (session, base, token, "/services/data/v61.0/sobjects/Account/describe");
  g_autoptr(SimTestResponse) fresh = NULL;
  g_autoptr(SimTestResponse) stale = NULL;
  g_autoptr(SimTestResponse) unknown = sim_test_get (session, base, token, "/services/data/v61.0/sobjects/Nope/describe");
  JsonArray *fields = json_object_get_array_member (sim_test_object (account), "fields");
  gboolean seen_address = FALSE, seen_formula = FALSE, seen_geo = FALSE, seen_base64 = FALSE;
  char url[512];

  g_assert_cmpint (json_object_get_int_member (sim_test_object (global), "maxBatchSize"), ==, 200);
  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonObject *field = json_array_get_object_element (fields, i);
      const char *type = json_object_get_string_member (field, "type");

      /* Every attribute is there on every field. */
      g_assert_cmpuint (json_object_get_size (field), ==, 57);
      seen_address |= g_str_equal (type, "address");
      seen_geo |= g_str_equal (type, "location");
      seen_base64 |= g_str_equal (type, "base64");
      if (g_str_equal (json_object_get_string_member (field, "name"), "Industry"))
        g_assert_cmpuint (json_array_get_length (json_object_get_array_member (field, "picklistValues")), ==, 32);
    }
  g_assert_true (seen_address && seen_geo && seen_base64);

  {
    g_autoptr(SimTestResponse) opp = sim_test_get (session, base, token,
                                                   "/services/data/v61.0/sobjects/Opportunity/describe");
    JsonArray *opp_fields = json_object_get_array_member (sim_test_object (opp), "fields");

    for (guint i = 0; i < json_array_get_length (opp_fields); i++)
      {
        JsonObject *field = json_array_get_object_element (opp_fields, i);

        if (g_str_equal (json_object_get_string_member (field, "name"), "ExpectedRevenue"))
          seen_formula = json_object_get_boolean_member (field, "calculated");
      }
    g_assert_true (seen_formula);
  }

  g_snprintf (url, sizeof url, "%s/services/data/v61.0/sobjects/Account/describe", base);
  fresh = sim_test_request (session, "GET", url, token, NULL, NULL,
                            "If-Modified-Since", "Wed, 01 Jan 2031 00:00:00 GMT", NULL);
  g_assert_cmpuint (fresh->status, ==, 304);
  g_assert_cmpuint (g_bytes_get_size (fresh->body), ==, 0);
  stale = sim_test_request (session, "GET", url, token, NULL, NULL,
                            "If-Modified-Since", "Mon, 01 Jan 2024 00:00:00 GMT", NULL);
  g_assert_cmpuint (stale->status, ==, 200);

  g_assert_cmpuint (unknown->status, ==, 404);
  g_assert_cmpstr (sim_test_error_code (unknown), ==, "NOT_FOUND");
}

static void
test_rows (void)
{
  g_autofree char *url = g_strconcat (base, "/services/data/v61.0/sobjects/Lead", NULL);
  g_autoptr(SimTestResponse) created = NULL;
  g_autoptr(SimTestResponse) missing = NULL;
  g_autoptr(SimTestResponse) readonly = NULL;
  g_autoptr(SimTestResponse) updated = NULL;
  g_autoptr(SimTestResponse) fetched = NULL;
  g_autoptr(SimTestResponse) deleted = NULL;
  g_autoptr(SimTestResponse) gone = NULL;
  g_autoptr(SimTestResponse) all = NULL;
  g_autofree char *row_url = NULL;
  g_autofree char *query = NULL;
  const char *id;

  created = sim_test_request (session, "POST", url, token, NULL,
                              "{\"LastName\":\"Lovelace\",\"Company\":\"Analytical, \\\"Engines\\\" Ltd\"}", NULL);
  g_assert_cmpuint (created->status, ==, 201);
  g_assert_true (json_object_get_boolean_member (sim_test_object (created), "success"));
  id = json_object_get_string_member (sim_test_object (created), "id");
  g_assert_true (g_str_has_prefix (id, "00Q"));
  row_url = g_strconcat (url, "/", id, NULL);

  missing = sim_test_request (session, "POST", url, token, NULL, "{\"FirstName\":\"Ada\"}", NULL);
  g_assert_cmpuint (missing->status, ==, 400);
  g_assert_cmpstr (sim_test_error_code (missing), ==, "REQUIRED_FIELD_MISSING");

  readonly = sim_test_request (session, "PATCH", row_url, token, NULL, "{\"IsConverted\":true}", NULL);
  g_assert_cmpstr (sim_test_error_code (readonly), ==, "INVALID_FIELD_FOR_INSERT_UPDATE");

  updated = sim_test_request (session, "PATCH", row_url, token, NULL, "{\"FirstName\":\"Ada\"}", NULL);
  g_assert_cmpuint (updated->status, ==, 204);
  fetched = sim_test_get (session, base, token, strstr (row_url, "/services"));
  g_assert_cmpstr (json_object_get_string_member (sim_test_object (fetched), "Name"), ==, "Ada Lovelace");
  g_assert_cmpstr (json_object_get_string_member (sim_test_object (fetched), "Company"), ==,
                   "Analytical, \"Engines\" Ltd");

  deleted = sim_test_request (session, "DELETE", row_url, token, NULL, NULL, NULL);
  g_assert_cmpuint (deleted->status, ==, 204);
  gone = sim_test_get (session, base, token, strstr (row_url, "/services"));
  g_assert_cmpuint (gone->status, ==, 404);

  query = g_strdup_printf ("/services/data/v61.0/queryAll?q=SELECT+Id,IsDeleted+FROM+Lead+WHERE+Id='%s'", id);
  all = sim_test_get (session, base, token, query);
  g_assert_cmpint (json_object_get_int_member (sim_test_object (all), "totalSize"), ==, 1);
}

static void
test_query_errors_over_http (void)
{
  g_autoptr(SimTestResponse) field = sim_test_get (session, base, token,
                                                   "/services/data/v61.0/query?q=SELECT+Id,+Foo__c+FROM+Account");
  g_autoptr(SimTestResponse) type = sim_test_get (session, base, token, "/services/data/v61.0/query?q=SELECT+Id+FROM+Leed");
  g_autoptr(SimTestResponse) count = sim_test_get (session, base, token, "/services/data/v61.0/query?q=SELECT+COUNT()+FROM+Lead");

  g_assert_cmpuint (field->status, ==, 400);
  g_assert_cmpstr (sim_test_error_code (field), ==, "INVALID_FIELD");
  g_assert_nonnull (strstr (sim_test_error_message (field), "ERROR at Row:1:Column:12"));
  g_assert_cmpstr (sim_test_error_code (type), ==, "INVALID_TYPE");
  g_assert_cmpint (json_object_get_int_member (sim_test_object (count), "totalSize"), >, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sim_test_object (count), "records")), ==, 0);
}

static void
test_composite (void)
{
  g_autofree char *url = g_strconcat (base, "/services/data/v61.0/composite", NULL);
  g_autofree char *batch_url = g_strconcat (base, "/services/data/v61.0/composite/batch", NULL);
  g_autoptr(GString) many = g_string_new ("{\"compositeRequest\":[");
  g_autoptr(GString) queries = g_string_new ("{\"compositeRequest\":[");
  g_autoptr(SimTestResponse) too_many = NULL;
  g_autoptr(SimTestResponse) too_many_queries = NULL;
  g_autoptr(SimTestResponse) ok = NULL;
  g_autoptr(SimTestResponse) batch = NULL;
  g_autoptr(SimTestResponse) before = NULL;
  g_autoptr(SimTestResponse) after = NULL;
  JsonArray *responses;

  for (guint i = 0; i < 26; i++)
    g_string_append_printf (many, "%s{\"method\":\"GET\",\"url\":\"/services/data/v61.0/limits\",\"referenceId\":\"r%u\"}",
                            i ? "," : "", i);
  g_string_append (many, "]}");
  too_many = sim_test_request (session, "POST", url, token, NULL, many->str, NULL);
  g_assert_cmpuint (too_many->status, ==, 400);

  for (guint i = 0; i < 6; i++)
    g_string_append_printf (queries, "%s{\"method\":\"GET\",\"url\":\"/services/data/v61.0/query?q=SELECT+Id+FROM+Lead\","
                            "\"referenceId\":\"q%u\"}", i ? "," : "", i);
  g_string_append (queries, "]}");
  too_many_queries = sim_test_request (session, "POST", url, token, NULL, queries->str, NULL);
  g_assert_cmpuint (too_many_queries->status, ==, 400);

  before = sim_test_control (session, base, "/limits", NULL);
  ok = sim_test_request (session, "POST", url, token, NULL,
                         "{\"compositeRequest\":["
                         "{\"method\":\"GET\",\"url\":\"/services/data/v61.0/sobjects/Account/describe\",\"referenceId\":\"d\"},"
                         "{\"method\":\"GET\",\"url\":\"/services/data/v61.0/sobjects/Nope/describe\",\"referenceId\":\"n\"},"
                         "{\"method\":\"GET\",\"url\":\"/services/data/v61.0/query?q=SELECT+Id+FROM+User+LIMIT+1\",\"referenceId\":\"u\"},"
                         "{\"method\":\"GET\",\"url\":\"/services/data/v61.0/sobjects/User/@{u.records[0].Id}\",\"referenceId\":\"me\"}]}",
                         NULL);
  g_assert_cmpuint (ok->status, ==, 200);
  responses = json_object_get_array_member (sim_test_object (ok), "compositeResponse");
  g_assert_cmpuint (json_array_get_length (responses), ==, 4);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (responses, 0), "httpStatusCode"), ==, 200);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (responses, 1), "httpStatusCode"), ==, 404);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (responses, 3), "httpStatusCode"), ==, 200);

  batch = sim_test_request (session, "POST", batch_url, token, NULL,
                            "{\"batchRequests\":[{\"method\":\"GET\",\"url\":\"v61.0/limits\"},"
                            "{\"method\":\"GET\",\"url\":\"v61.0/sobjects/Lead/describe\"},"
                            "{\"method\":\"GET\",\"url\":\"v61.0/sobjects/Contact/describe\"}]}", NULL);
  g_assert_cmpuint (batch->status, ==, 200);
  g_assert_false (json_object_get_boolean_member (sim_test_object (batch), "hasErrors"));

  {
    /* allOrNone: after a failure the rest is not run. */
    g_autoptr(SimTestResponse) halted = sim_test_request (session, "POST", url, token, NULL,
                                                          "{\"allOrNone\":true,\"compositeRequest\":["
                                                          "{\"method\":\"GET\",\"url\":\"/services/data/v61.0/sobjects/Nope\",\"referenceId\":\"a\"},"
                                                          "{\"method\":\"GET\",\"url\":\"/services/data/v61.0/limits\",\"referenceId\":\"b\"}]}",
                                                          NULL);
    JsonArray *parts = json_object_get_array_member (sim_test_object (halted), "compositeResponse");
    JsonObject *second = json_array_get_object_element (parts, 1);
    JsonObject *error = json_array_get_object_element (json_object_get_array_member (second, "body"), 0);

    g_assert_cmpint (json_object_get_int_member (second, "httpStatusCode"), ==, 400);
    g_assert_cmpstr (json_object_get_string_member (error, "errorCode"), ==, "PROCESSING_HALTED");
  }

  /* /composite counts once (twice with the allOrNone request above),
   * /composite/batch once per subrequest. */
  after = sim_test_control (session, base, "/limits", NULL);
  g_assert_cmpint (json_object_get_int_member (sim_test_object (after), "used"), ==,
                   json_object_get_int_member (sim_test_object (before), "used") + 1 + 3 + 1);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  server = sim_test_start_server ("--custom-fields", "6", NULL);
  session = sim_test_session ();
  base = sim_server_get_base_url (server);
  token = sim_test_login (session, base);

  g_test_add_func ("/sim/rest/versions", test_versions);
  g_test_add_func ("/sim/rest/session", test_session);
  g_test_add_func ("/sim/rest/counter", test_counter);
  g_test_add_func ("/sim/rest/paging", test_paging);
  g_test_add_func ("/sim/rest/locators", test_locators);
  g_test_add_func ("/sim/rest/uri-too-long", test_uri_too_long);
  g_test_add_func ("/sim/rest/describe", test_describe);
  g_test_add_func ("/sim/rest/rows", test_rows);
  g_test_add_func ("/sim/rest/query-errors", test_query_errors_over_http);
  g_test_add_func ("/sim/rest/composite", test_composite);

  ret = g_test_run ();
  g_free (token);
  g_object_unref (session);
  g_object_unref (server);
  return ret;
}
