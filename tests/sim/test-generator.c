/* test-generator.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sim-util.h"
#include "sim-writer.h"

/* The same seed gives the same org; values look like real data. */

static char *
dump (SimStore   *store,
      const char *object_name,
      guint64     index)
{
  SimObject *object = sim_schema_lookup (store->schema, object_name);
  GString *out = g_string_new (NULL);
  SimRow row;

  sim_row_init (&row, store, sim_store_table (store, object), index);
  sim_write_full_record (out, &row, "61.0");
  return g_string_free (out, FALSE);
}

static void
test_determinism (void)
{
  g_autoptr(SimSchema) schema_a = sim_schema_new (2, 8);
  g_autoptr(SimSchema) schema_b = sim_schema_new (2, 8);
  SimStore *a = sim_store_new (schema_a, 7, "demo@orgsync.test");
  SimStore *b = sim_store_new (schema_b, 7, "demo@orgsync.test");
  SimStore *c = sim_store_new (schema_b, 8, "demo@orgsync.test");
  static const char *objects[] = { "Account", "Contact", "Lead", "Opportunity", "User", "Campaign",
                                   "Project__c", "Invoice__c" };
  guint differ = 0;

  for (guint o = 0; o < G_N_ELEMENTS (objects); o++)
    for (guint64 i = 0; i < 20; i++)
      {
        g_autofree char *x = dump (a, objects[o], i * 7);
        g_autofree char *y = dump (b, objects[o], i * 7);
        g_autofree char *z = dump (c, objects[o], i * 7);

        g_assert_cmpstr (x, ==, y);
        differ += g_strcmp0 (x, z) != 0;
      }
  /* A different seed gives a different org. */
  g_assert_cmpuint (differ, >, 100);

  sim_store_free (a);
  sim_store_free (b);
  sim_store_free (c);
}

static void
test_ids (void)
{
  char id[19];
  char prefix[4];
  char suffix[3];
  guint64 number;

  /* A well-known pair from Salesforce's own documentation of the suffix. */
  sim_id_checksum ("001A0000006Vm9r", suffix);
  g_assert_cmpmem (suffix, 3, "IAC", 3);

  for (guint64 n = 1; n < 5000000; n = n * 3 + 7)
    {
      sim_make_id (id, "003", n);
      g_assert_cmpuint (strlen (id), ==, 18);
      g_assert_true (sim_parse_id (id, prefix, &number));
      g_assert_cmpstr (prefix, ==, "003");
      g_assert_cmpuint (number, ==, n);
      id[15] = '\0';
      g_assert_true (sim_parse_id (id, prefix, &number));
      g_assert_cmpuint (number, ==, n);
    }
  g_assert_false (sim_parse_id ("001", prefix, &number));
  g_assert_false (sim_parse_id ("0018d0000000001ZZZ", prefix, &number));
}

static void
test_realistic_values (void)
{
  g_autoptr(SimSchema) schema = sim_schema_new (2, 6);
  SimStore *store = sim_store_new (schema, 1, "demo@orgsync.test");
  SimObject *account = sim_schema_lookup (schema, "Account");
  SimObject *contact = sim_schema_lookup (schema, "Contact");
  SimTable *accounts = sim_store_table (store, account);
  SimTable *contacts = sim_store_table (store, contact);
  SimField *name = sim_object_lookup_field (account, "Name");
  SimField *description = sim_object_lookup_field (account, "Description");
  SimField *website = sim_object_lookup_field (account, "Website");
  SimField *created = sim_object_lookup_field (account, "CreatedDate");
  SimField *stamp = sim_object_lookup_field (account, "SystemModstamp");
  SimField *account_id = sim_object_lookup_field (contact, "AccountId");
  guint nulls = 0, non_ascii = 0, quotes = 0, newlines = 0, commas = 0;

  for (guint64 i = 0; i < sim_table_size (accounts); i++)
    {
      SimRow row;
      SimValue v, c, s;

      sim_row_init (&row, store, accounts, i);
      sim_row_get (&row, name, &v);
      g_assert_cmpint (v.kind, ==, SIM_VALUE_STRING);
      g_assert_true (g_utf8_validate (v.str, v.len, NULL));
      for (int k = 0; k < v.len; k++)
        non_ascii += ((guchar) v.str[k]) >= 0x80;
      quotes += memchr (v.str, '"', v.len) != NULL;
      commas += memchr (v.str, ',', v.len) != NULL;

      sim_row_get (&row, description, &v);
      nulls += v.kind == SIM_VALUE_NULL;
      if (v.kind == SIM_VALUE_STRING)
        newlines += memchr (v.str, '\n', v.len) != NULL;

      sim_row_get (&row, website, &v);
      if (v.kind == SIM_VALUE_STRING)
        g_assert_true (g_str_has_prefix (v.str, "https://www."));

      sim_row_get (&row, created, &c);
      sim_row_get (&row, stamp, &s);
      g_assert_cmpint (s.i, >=, c.i);
    }
  g_assert_cmpuint (nulls, >, 100);
  g_assert_cmpuint (non_ascii, >, 0);
  g_assert_cmpuint (quotes, >, 0);
  g_assert_cmpuint (commas, >, 0);
  g_assert_cmpuint (newlines, >, 0);

  /* Lookups point at records that exist. */
  for (guint64 i = 0; i < sim_table_size (contacts); i++)
    {
      SimRow row;
      SimValue v;
      guint64 index;
      char id[19];

      sim_row_init (&row, store, contacts, i);
      sim_row_get (&row, account_id, &v);
      if (v.kind == SIM_VALUE_NULL)
        continue;
      memcpy (id, v.str, 18);
      id[18] = '\0';
      g_assert_true (sim_table_index_from_id (accounts, id, &index));
      g_assert_true (sim_table_exists (accounts, index));
    }

  sim_store_free (store);
}

static void
test_overlays (void)
{
  g_autoptr(SimSchema) schema = sim_schema_new (0, 0);
  SimStore *store = sim_store_new (schema, 1, "demo@orgsync.test");
  SimObject *contact = sim_schema_lookup (schema, "Contact");
  SimTable *table = sim_store_table (store, contact);
  SimField *first = sim_object_lookup_field (contact, "FirstName");
  SimField *last = sim_object_lookup_field (contact, "LastName");
  SimField *name = sim_object_lookup_field (contact, "Name");
  SimField *stamp = sim_object_lookup_field (contact, "SystemModstamp");
  SimValue value = { 0 };
  SimRow row;
  SimValue v;
  guint64 index;

  sim_value_set_string (&value, "Grace");
  sim_store_set_value (table, 10, first, &value);
  sim_value_set_string (&value, "Hopper");
  sim_store_set_value (table, 10, last, &value);
  sim_store_touch (store, table, 10, store->epoch_ms + 86400000);

  sim_row_init (&row, store, table, 10);
  sim_row_get (&row, name, &v);
  g_assert_cmpint (v.len, ==, 12);
  g_assert_cmpmem (v.str, v.len, "Grace Hopper", 12);
  sim_row_get (&row, stamp, &v);
  g_assert_cmpint (v.i, ==, store->epoch_ms + 86400000);

  /* Created records have only what was written to them. */
  index = sim_store_create (store, table, store->epoch_ms);
  g_assert_cmpuint (index, ==, 2000);
  sim_row_init (&row, store, table, index);
  sim_row_get (&row, first, &v);
  g_assert_cmpint (v.kind, ==, SIM_VALUE_NULL);
  g_assert_cmpuint (sim_table_live_count (table), ==, 2001);

  sim_store_free (store);
}

static void
test_formatting (void)
{
  static const struct { double value; const char *text; } doubles[] = {
    { 250000.0, "250000.0" }, { 1.5e7, "1.5E7" }, { 0.5, "0.5" }, { 1234.56, "1234.56" },
    { 1e-4, "1.0E-4" }, { -42.0, "-42.0" }, { 9999999.0, "9999999.0" }, { 10000000.0, "1.0E7" },
    { 0.001, "0.001" }, { 0.0015, "0.0015" }, { 123.456, "123.456" }, { 2328981000.0, "2.328981E9" },
    { 12345678.9, "1.23456789E7" }, { -0.5, "-0.5" }, { 0.1 + 0.2, "0.30000000000000004" },
    { 1e20, "1.0E20" }, { 3.0, "3.0" }, { 48.04328, "48.04328" }, { -122.3752, "-122.3752" },
    { 1.5e-7, "1.5E-7" }, { 0.000123, "1.23E-4" },
  };
  g_autoptr(GString) out = g_string_new (NULL);
  gint64 ms;

  for (guint i = 0; i < G_N_ELEMENTS (doubles); i++)
    {
      g_string_truncate (out, 0);
      sim_append_java_double (out, doubles[i].value);
      g_assert_cmpstr (out->str, ==, doubles[i].text);
    }

  g_assert_true (sim_parse_datetime ("2024-03-15T08:30:00.000+0100", &ms, NULL));
  g_string_truncate (out, 0);
  sim_append_datetime (out, ms, FALSE);
  g_assert_cmpstr (out->str, ==, "2024-03-15T07:30:00.000+0000");
  g_string_truncate (out, 0);
  sim_append_datetime (out, ms, TRUE);
  g_assert_cmpstr (out->str, ==, "2024-03-15T07:30:00.000Z");

  g_string_truncate (out, 0);
  sim_csv_append_string (out, "say \"hi\", ok", -1);
  g_assert_cmpstr (out->str, ==, "\"say \"\"hi\"\", ok\"");
  g_string_truncate (out, 0);
  sim_json_append_string (out, "a\"b\\c\nd\x01", -1);
  g_assert_cmpstr (out->str, ==, "\"a\\\"b\\\\c\\nd\\u0001\"");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim/generator/determinism", test_determinism);
  g_test_add_func ("/sim/generator/ids", test_ids);
  g_test_add_func ("/sim/generator/realistic", test_realistic_values);
  g_test_add_func ("/sim/generator/overlays", test_overlays);
  g_test_add_func ("/sim/generator/formatting", test_formatting);

  return g_test_run ();
}
