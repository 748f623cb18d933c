/* test-values.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rel-util.h"

/* Data the org can hold (issue 8), put into the simulator through /_sim/data and
 * synced through REST (the first page in /composite, then query pages, then an
 * incremental queryAll) and through a Bulk API 2.0 job's CSV:
 *
 *  - 32,000-character text, ASCII and two-byte; emoji (with joiners), right-to-left
 *    text with direction marks;
 *  - quotes, commas, CR, LF, CRLF, tabs, backslashes, and text that spells escapes
 *    (\0, \u0000, %00, &#0;, \x00), control characters, U+2028, a BOM;
 *  - text that looks like something else: "null", "NULL", "00123", "1e5", "NaN",
 *    "true", SQL;
 *  - far-past and far-future dates and datetimes (1700 to 4000), the largest int,
 *    18-digit currency, doubles that need 17 digits, tiny percents;
 *  - empty text, a single space, and null.
 *
 * REST must round-trip every value exactly (doubles bit for bit, text byte for byte,
 * datetimes as design.md §8 spells them); empty text is stored as NULL, as design.md
 * §8 documents (Salesforce keeps no empty strings). Bulk must give the same bytes,
 * except that CSV cannot tell empty from null: both NULL. Typed checks read records.db
 * directly: an int is an INTEGER, a number-looking text stays TEXT. */

typedef struct
{
  const char *field;
  const char *text;     /* a string value, or NULL */
  gboolean    null;     /* JSON null */
  gboolean    is_int;
  gint64      integer;
  gboolean    is_double;
  double      real;
  gboolean    is_bool;
  gboolean    boolean;
} Value;

#define TEXT(f, t) { f, t, FALSE, FALSE, 0, FALSE, 0, FALSE, FALSE }
#define NUL(f) { f, NULL, TRUE, FALSE, 0, FALSE, 0, FALSE, FALSE }
#define INT(f, i) { f, NULL, FALSE, TRUE, i, FALSE, 0, FALSE, FALSE }
#define REAL(f, d) { f, NULL, FALSE, FALSE, 0, TRUE, d, FALSE, FALSE }
#define BOOL(f, b) { f, NULL, FALSE, FALSE, 0, FALSE, 0, TRUE, b }

static const Value record_emoji[] = {
  TEXT ("Name", "Émoji 🚀 👩‍👩‍👧‍👦 🇩🇪 and right-to-left: שלום עולם · مرحبا بالعالم"),
  TEXT ("Local_Name__c", "\u200fמשרד ראשי\u200f (RLM) \u202bمكتب\u202c"),
  TEXT ("Phone", "+972 (3) 555-0100 ext. 7"),
  BOOL ("Is_Strategic__c", TRUE),
  { NULL },
};

static const Value record_quotes[] = {
  TEXT ("Name", "He said \"hi\", then left, \"again\",, and ''quoted'' 'twice'"),
  TEXT ("Description", "Line one\nline two\r\nline three\rline four\ttabbed\n\n\"quoted\nacross lines\",\n"
                       ",leading comma\n\"\"\"\n"),
  TEXT ("Local_Name__c", "C:\\Temp\\new\\0 \\u0000 %00 &#0; \\x00 \\\\ \\\" \\n"),
  TEXT ("Phone", "\x01\x1f\x7f control"),
  TEXT ("Website", "https://example.com/a,b?c=\"d\"&e=%22f%22#g"),
  BOOL ("Is_Strategic__c", FALSE),
  { NULL },
};

static const Value record_lookalikes[] = {
  TEXT ("Name", "null"),
  TEXT ("Local_Name__c", "NULL"),
  TEXT ("Phone", "00123"),
  TEXT ("Website", "1e5"),
  TEXT ("Description", "NaN"),
  TEXT ("Industry", "true"),
  NUL ("Score__c"),
  { NULL },
};

static const Value record_sql[] = {
  TEXT ("Name", "Robert'); DROP TABLE Account;--"),
  TEXT ("Description", "\"; DELETE FROM _orgsync_object; --\n' OR '1'='1"),
  TEXT ("Local_Name__c", "\u2028line separator\u2029paragraph\ufeffBOM"),
  { NULL },
};

static const Value record_far[] = {
  TEXT ("Name", "Far dates and huge numbers"),
  TEXT ("Renewal_Date__c", "1700-01-01"),
  TEXT ("Last_Review__c", "4000-12-31T23:59:59.999Z"),
  INT ("NumberOfEmployees", 2147483647),
  REAL ("AnnualRevenue", 999999999999999999.0),
  REAL ("Seats__c", 9007199254740993.0),
  REAL ("Score__c", 0.1 + 0.2),
  REAL ("Discount__c", 0.0001),
  { NULL },
};

static const Value record_past[] = {
  TEXT ("Name", "Far past"),
  TEXT ("Renewal_Date__c", "4000-12-31"),
  TEXT ("Last_Review__c", "1700-01-01T00:00:00.000Z"),
  INT ("NumberOfEmployees", -2147483647 - 1),
  REAL ("AnnualRevenue", -123456789012.34),
  REAL ("Score__c", 1.7976931348623157e308),
  REAL ("Discount__c", 4.9e-324),
  { NULL },
};

static const Value record_empty[] = {
  TEXT ("Name", " "),
  TEXT ("Phone", ""),
  NUL ("Website"),
  TEXT ("Description", ""),
  TEXT ("Local_Name__c", "  two spaces  "),
  NUL ("Industry"),
  INT ("NumberOfEmployees", 0),
  REAL ("AnnualRevenue", 0.0),
  NUL ("Renewal_Date__c"),
  NUL ("Last_Review__c"),
  { NULL },
};

typedef struct
{
  const char  *what;
  const Value *values;
} Special;

static const Special specials[] = {
  { "emoji and right-to-left", record_emoji },
  { "quotes, newlines and escapes", record_quotes },
  { "text that looks like other types", record_lookalikes },
  { "SQL and separators", record_sql },
  { "far dates, huge numbers", record_far },
  { "far past, extreme doubles", record_past },
  { "empty, space and null", record_empty },
  { "32,000 characters", NULL },
  { "32,000 two-byte characters", NULL },
};

static const char * const fields[] = {
  "Name", "Description", "Local_Name__c", "Phone", "Website", "Industry", "NumberOfEmployees",
  "AnnualRevenue", "Seats__c", "Score__c", "Discount__c", "Renewal_Date__c", "Last_Review__c",
  "Is_Strategic__c", NULL,
};

typedef struct
{
  CliEnv  env;
  char   *ids[G_N_ELEMENTS (specials)];
} Values;

static Values values;

static char *
long_text (const char *unit,
           guint       characters)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < characters; i++)
    g_string_append (text, unit);

  return g_string_free (text, FALSE);
}

static void
append_string (GString    *out,
               const char *text)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autofree char *quoted = NULL;

  json_node_set_string (node, text);
  quoted = json_to_string (node, FALSE);
  g_string_append (out, quoted);
}

/* The JSON is written by hand: json-glib 1.6 writes 1e+18 as "1e+18.0", which is not
 * JSON. */
static void
put_values (guint        index,
            const Value *list,
            const char  *description)
{
  g_autoptr(GString) json = g_string_new ("{\"action\":\"update\",\"ids\":[");
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  append_string (json, values.ids[index]);
  g_string_append (json, "],\"fields\":{");
  for (guint i = 0; list != NULL && list[i].field != NULL; i++)
    {
      const Value *v = &list[i];

      if (i > 0)
        g_string_append_c (json, ',');
      append_string (json, v->field);
      g_string_append_c (json, ':');
      if (v->null)
        g_string_append (json, "null");
      else if (v->is_int)
        g_string_append_printf (json, "%" G_GINT64_FORMAT, v->integer);
      else if (v->is_double)
        g_string_append (json, g_ascii_dtostr (number, sizeof number, v->real));
      else if (v->is_bool)
        g_string_append (json, v->boolean ? "true" : "false");
      else
        append_string (json, v->text);
    }
  if (description != NULL)
    {
      if (list != NULL)
        g_string_append_c (json, ',');
      g_string_append (json, "\"Description\":");
      append_string (json, description);
    }
  g_string_append (json, "}}");

  rel_sim_post (&values.env, "/_sim/data/Account", json->str);
}

static void
put_all (const char *suffix)
{
  for (guint i = 0; i < G_N_ELEMENTS (specials); i++)
    {
      g_autofree char *description = NULL;

      if (specials[i].values == NULL)
        {
          g_autofree char *text = long_text (i == 7 ? "a" : "é", 32000 - strlen (suffix));

          description = g_strconcat (text, suffix, NULL);
        }
      put_values (i, specials[i].values, description);
    }
}

static void
connect_and_select (const char *name,
                    const char *bulk_min_rows)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;

  cli_connect (&values.env, name);
  g_ptr_array_add (args, g_strdup ("select"));
  g_ptr_array_add (args, g_strdup (name));
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_ptr_array_add (args, g_strdup ("--add"));
      g_ptr_array_add (args, g_strdup_printf ("Account.%s", fields[i]));
    }
  g_ptr_array_add (args, NULL);
  process = rel_spawnv (&values.env, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, (const char * const *) args->pdata);
  g_assert_cmpint (cli_wait (process), ==, 0);
  cli_env_setenv (&values.env, "ORGSYNC_BULK_MIN_ROWS", bulk_min_rows);
}

static sqlite3_stmt *
select_row (sqlite3    *db,
            const char *id,
            const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT \"%s\", typeof(\"%s\") FROM Account WHERE Id = ?", column, column);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return stmt;
}

/* The stored value, read from records.db itself, against what was put in. */
static void
assert_stored (sqlite3     *db,
               const char  *id,
               const Value *v,
               gboolean     bulk)
{
  sqlite3_stmt *stmt = select_row (db, id, v->field);
  const char *type = (const char *) sqlite3_column_text (stmt, 1);

  if (v->null || (v->text != NULL && *v->text == '\0'))
    g_assert_cmpstr (type, ==, "null");
  else if (v->is_int)
    {
      g_assert_cmpstr (type, ==, "integer");
      g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, v->integer);
    }
  else if (v->is_double)
    {
      g_assert_cmpstr (type, ==, "real");
      if (sqlite3_column_double (stmt, 0) != v->real)
        g_error ("%s: stored %.17g instead of %.17g%s", v->field, sqlite3_column_double (stmt, 0), v->real,
                 bulk ? " (Bulk)" : "");
    }
  else if (v->is_bool)
    {
      g_assert_cmpstr (type, ==, "integer");
      g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, v->boolean ? 1 : 0);
    }
  else
    {
      const char *have = (const char *) sqlite3_column_text (stmt, 0);
      gsize want_len = strlen (v->text);

      g_assert_cmpstr (type, ==, "text");
      if ((gsize) sqlite3_column_bytes (stmt, 0) != want_len || memcmp (have, v->text, want_len) != 0)
        g_error ("%s: stored “%s” instead of “%s”%s", v->field, have, v->text, bulk ? " (Bulk)" : "");
    }

  sqlite3_finalize (stmt);
}

static void
assert_specials (const char *name,
                 const char *suffix,
                 gboolean    bulk)
{
  g_autofree char *records = cli_records_path (&values.env, name);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (records, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (specials); i++)
    {
      if (specials[i].values != NULL)
        {
          for (guint j = 0; specials[i].values[j].field != NULL; j++)
            assert_stored (db, values.ids[i], &specials[i].values[j], bulk);
        }
      else
        {
          g_autofree char *text = long_text (i == 7 ? "a" : "é", 32000 - strlen (suffix));
          g_autofree char *full = g_strconcat (text, suffix, NULL);
          Value v = TEXT ("Description", full);

          assert_stored (db, values.ids[i], &v, bulk);
          g_assert_cmpint (g_utf8_strlen (full, -1), ==, 32000);
        }
    }
  sqlite3_close (db);

  /* And every other row and value as the simulator has it, bit for bit. */
  g_assert_cmpuint (rel_compare (&values.env, records, "Account", REL_COMPARE_EXACT, REL_VALUES_EXACT, NULL), ==,
                    rel_sim_live_count (&values.env, "Account"));
}

static void
test_rest (void)
{
  connect_and_select ("Rest", "1000000000");
  g_assert_cmpint (cli_run (&values.env, NULL, NULL, "sync", "Rest", NULL), ==, 0);
  assert_specials ("Rest", " (first)", FALSE);

  /* The same records changed again: an incremental queryAll brings the new values. */
  put_all (" (second)");
  g_assert_cmpint (cli_run (&values.env, NULL, NULL, "sync", "Rest", NULL), ==, 0);
  assert_specials ("Rest", " (second)", FALSE);
  put_all (" (first)");
}

static void
test_bulk (void)
{
  connect_and_select ("Bulk", "0");
  g_assert_cmpint (cli_run (&values.env, NULL, NULL, "sync", "Bulk", NULL), ==, 0);
  assert_specials ("Bulk", " (first)", TRUE);
}

int
main (int   argc,
      char *argv[])
{
  const char *sim_args[] = { "--records", "Account=2600,Contact=10,Lead=10,Opportunity=10,Campaign=1",
                             "--custom-objects", "0", "--custom-fields", "14", "--bulk-delay", "100", NULL };
  g_autoptr(JsonNode) first = NULL;
  int status;

  rel_test_init (&argc, &argv);
  cli_env_start (&values.env, sim_args);

  /* The special records, spread over the table; changed ones come last by
   * SystemModstamp, so that Bulk's run gets them after its first REST page. */
  first = rel_sim_get (&values.env, "/_sim/records/Account?limit=2600");
  for (guint i = 0; i < G_N_ELEMENTS (specials); i++)
    values.ids[i] = g_strdup (json_object_get_string_member (
                                json_array_get_object_element (json_node_get_array (first), i * 277 + 5), "Id"));
  put_all (" (first)");

  g_test_add_func ("/values/rest", test_rest);
  g_test_add_func ("/values/bulk", test_bulk);
  status = g_test_run ();

  cli_env_stop (&values.env);
  for (guint i = 0; i < G_N_ELEMENTS (specials); i++)
    g_free (values.ids[i]);
  return status;
}
