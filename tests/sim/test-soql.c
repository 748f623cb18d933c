/* test-soql.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sim-soql.h"
#include "sim-util.h"

/* The SOQL subset, straight against a generated store: no HTTP. */

static SimSchema *schema;
static SimStore *store;
static gint64 now_ms;

static SimSoqlQuery *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  SimSoqlQuery *query = sim_soql_parse (store, text, now_ms, &error);

  g_assert_no_error (error);
  g_assert_nonnull (query);
  return query;
}

static void
assert_error (const char *text,
              const char *error_code,
              const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SimSoqlQuery) query = sim_soql_parse (store, text, now_ms, &error);

  g_assert_null (query);
  g_assert_nonnull (error);
  g_assert_cmpstr (sim_soql_error_code (error), ==, error_code);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

static guint
count (const char *text,
       gboolean    all_rows)
{
  g_autoptr(SimSoqlQuery) query = parse_ok (text);
  g_autoptr(GArray) rows = sim_soql_execute (query, store, all_rows);

  return rows->len;
}

/* The count the hard way: generate every record and look at one field. */
static guint
count_where_string (const char *object_name,
                    const char *field_name,
                    const char *value)
{
  SimObject *object = sim_schema_lookup (schema, object_name);
  SimField *field = sim_object_lookup_field (object, field_name);
  SimTable *table = sim_store_table (store, object);
  guint n = 0;

  for (guint64 i = 0; i < sim_table_size (table); i++)
    {
      SimRow row;
      SimValue v;

      sim_row_init (&row, store, table, i);
      sim_row_get (&row, field, &v);
      if (value == NULL ? v.kind == SIM_VALUE_NULL :
          (v.kind == SIM_VALUE_STRING && (gsize) v.len == strlen (value) && strncmp (v.str, value, v.len) == 0))
        n++;
    }
  return n;
}

static void
test_select_shapes (void)
{
  g_autoptr(SimSoqlQuery) q1 = parse_ok ("SELECT Id, Name, Owner.Name, Owner.Email, BillingAddress FROM Account");
  g_autoptr(SimSoqlQuery) q2 = parse_ok ("select count() from contact");
  g_autoptr(SimSoqlQuery) q3 = parse_ok ("SELECT Account.Owner.Name, account.name FROM Contact");
  SimSelectNode *owner;

  g_assert_cmpuint (q1->columns->len, ==, 5);
  /* Owner.Name and Owner.Email share one nested node, after Id and Name. */
  g_assert_cmpuint (q1->select->len, ==, 4);
  owner = q1->select->pdata[2];
  g_assert_nonnull (owner->children);
  g_assert_cmpuint (owner->children->len, ==, 2);
  g_assert_true (q1->has_compound);
  g_assert_true (q2->count_only);
  g_assert_cmpstr (((SimSoqlPath *) q3->columns->pdata[0])->path, ==, "Account.Owner.Name");
  g_assert_cmpstr (((SimSoqlPath *) q3->columns->pdata[1])->path, ==, "Account.Name");
}

static void
test_invalid_field_row_column (void)
{
  /* Reference §2.4, character for character. */
  assert_error ("SELECT Id, Foo__c FROM Account", "INVALID_FIELD",
                "\nSELECT Id, Foo__c FROM Account\n           ^\nERROR at Row:1:Column:12\n"
                "No such column 'Foo__c' on entity 'Account'. If you are attempting to use a custom "
                "field, be sure to append the '__c' after the custom field name. Please reference your "
                "WSDL or the describe call for the appropriate names.");

  /* Second row, fifth column. */
  assert_error ("SELECT Id\nFROM Account\nWHERE Nme = 'x'", "INVALID_FIELD",
                "\nSELECT Id\nFROM Account\nWHERE Nme = 'x'\n      ^\nERROR at Row:3:Column:7\n"
                "No such column 'Nme' on entity 'Account'. If you are attempting to use a custom "
                "field, be sure to append the '__c' after the custom field name. Please reference your "
                "WSDL or the describe call for the appropriate names.");

  assert_error ("SELECT Id, Owner.Foo FROM Account", "INVALID_FIELD", NULL);
  assert_error ("SELECT Id, Boss.Name FROM Account", "INVALID_FIELD",
                "\nSELECT Id, Boss.Name FROM Account\n           ^\nERROR at Row:1:Column:12\n"
                "Didn't understand relationship 'Boss' in field path. If you are attempting to use a "
                "custom relationship, be sure to append the '__r' after the custom relationship name. "
                "Please reference your WSDL or the describe call for the appropriate names.");
}

static void
test_malformed (void)
{
  assert_error ("SELECT Id FORM Account", "MALFORMED_QUERY",
                "\nSELECT Id FORM Account\n          ^\nERROR at Row:1:Column:11\nunexpected token: 'FORM'");
  assert_error ("SELECT Id FROM Account WHERE", "MALFORMED_QUERY",
                "\nSELECT Id FROM Account WHERE\n                            ^\nERROR at Row:1:Column:29\n"
                "unexpected token: <EOF>");
  assert_error ("SELECT FROM Account", "MALFORMED_QUERY", NULL);
  assert_error ("SELECT Id FROM Account LIMIT x", "MALFORMED_QUERY", NULL);
  assert_error ("SELECT Id, Id FROM Account", "MALFORMED_QUERY", NULL);
  assert_error ("SELECT Id FROM Account WHERE Name = 'unterminated", "MALFORMED_QUERY", NULL);
  assert_error ("   ", "MALFORMED_QUERY", "SOQL statements cannot be empty or null");
}

static void
test_invalid_type (void)
{
  assert_error ("SELECT Id FROM Acount", "INVALID_TYPE",
                "\nSELECT Id FROM Acount\n               ^\nERROR at Row:1:Column:16\n"
                "sObject type 'Acount' is not supported. If you are attempting to use a custom object, "
                "be sure to append the '__c' after the entity name. Please reference your WSDL or the "
                "describe call for the appropriate names.");
}

static void
test_literal_types (void)
{
  g_autoptr(SimSoqlQuery) q1 = parse_ok ("SELECT Id FROM Account WHERE SystemModstamp > 2024-01-01T00:00:00Z");
  g_autoptr(SimSoqlQuery) q2 = parse_ok ("SELECT Id FROM Account WHERE SystemModstamp >= 2024-01-01T00:00:00.000+01:00");
  g_autoptr(SimSoqlQuery) q3 = parse_ok ("SELECT Id FROM Opportunity WHERE CloseDate < 2025-01-01 AND Amount >= 1000.5");
  g_autoptr(SimSoqlQuery) q4 = parse_ok ("SELECT Id FROM Contact WHERE HasOptedOutOfEmail = true");

  /* A quoted datetime is a type error, as on Salesforce. */
  assert_error ("SELECT Id FROM Account WHERE SystemModstamp > '2024-01-01T00:00:00Z'", "INVALID_FIELD", NULL);
  assert_error ("SELECT Id FROM Account WHERE Name = 42", "INVALID_FIELD", NULL);
  assert_error ("SELECT Id FROM Account WHERE BillingAddress = null", "INVALID_FIELD", NULL);
}

static void
test_where_operators (void)
{
  guint total = count ("SELECT Id FROM Account", FALSE);
  guint banking = count_where_string ("Account", "Industry", "Banking");
  guint no_industry = count_where_string ("Account", "Industry", NULL);
  guint energy = count_where_string ("Account", "Industry", "Energy");

  g_assert_cmpuint (total, ==, 1000);
  g_assert_cmpuint (banking, >, 0);
  g_assert_cmpuint (count ("SELECT Id FROM Account WHERE Industry = 'Banking'", FALSE), ==, banking);
  g_assert_cmpuint (count ("SELECT Id FROM Account WHERE Industry = 'banking'", FALSE), ==, banking);
  g_assert_cmpuint (count ("SELECT Id FROM Account WHERE Industry != 'Banking'", FALSE), ==, total - banking);
  g_assert_cmpuint (count ("SELECT Id FROM Account WHERE Industry = null", FALSE), ==, no_industry);
  g_assert_cmpuint (count ("SELECT Id FROM Account WHERE Industry IN ('Banking', 'Energy')", FALSE), ==,
                    banking + energy);
  g_assert_cmpuint (count ("SELECT Id FROM Account WHERE Industry NOT IN ('Banking')", FALSE), ==,
                    total - banking - no_industry);
  g_assert_cmpuint (count ("SELECT Id FROM Account WHERE Industry = 'Banking' OR Industry = 'Energy'", FALSE), ==,
                    banking + energy);
  g_assert_cmpuint (count ("SELECT Id FROM Account WHERE NOT (Industry = 'Banking')", FALSE), ==, total - banking);
  g_assert_cmpuint (count ("SELECT Id FROM Account WHERE Industry = 'Banking' AND Industry = 'Energy'", FALSE), ==, 0);
  g_assert_cmpuint (count ("SELECT Id FROM Account WHERE Name LIKE 'acme%'", FALSE), >, 0);
  g_assert_cmpuint (count ("SELECT Id FROM Account WHERE Name LIKE '%'", FALSE), ==, total);
  g_assert_cmpuint (count ("SELECT Id FROM Account WHERE SystemModstamp > 2000-01-01T00:00:00Z", FALSE), ==, total);
  g_assert_cmpuint (count ("SELECT Id FROM Account WHERE SystemModstamp < 2000-01-01T00:00:00Z", FALSE), ==, 0);
  g_assert_cmpuint (count ("SELECT Id FROM Account WHERE Id = '0018d0000000001'", FALSE), ==, 1);
  g_assert_cmpuint (count ("SELECT Id FROM Account WHERE Id = '0018d0000000001AAA'", FALSE), ==, 1);
  g_assert_cmpuint (count ("SELECT Id FROM Contact WHERE Account.Industry = 'Banking'", FALSE), >, 0);
  g_assert_cmpuint (count ("SELECT Id FROM Account LIMIT 10", FALSE), ==, 10);
  g_assert_cmpuint (count ("SELECT Id FROM Account LIMIT 10 OFFSET 995", FALSE), ==, 5);
}

static void
test_order_by (void)
{
  g_autoptr(SimSoqlQuery) query = parse_ok ("SELECT Id, Name FROM Account ORDER BY Name DESC NULLS LAST, Id");
  g_autoptr(GArray) rows = sim_soql_execute (query, store, FALSE);
  SimTable *table = sim_store_table (store, query->object);
  SimField *name = sim_object_lookup_field (query->object, "Name");
  g_autofree char *previous = NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      SimRow row;
      SimValue v;

      sim_row_init (&row, store, table, g_array_index (rows, guint32, i));
      sim_row_get (&row, name, &v);
      if (previous != NULL)
        g_assert_cmpint (g_ascii_strncasecmp (previous, v.str, MAX ((gsize) v.len, strlen (previous))), >=, 0);
      g_free (previous);
      previous = g_strndup (v.str, v.len);
    }
}

static void
test_deleted_rows (void)
{
  SimObject *lead = sim_schema_lookup (schema, "Lead");
  SimTable *table = sim_store_table (store, lead);
  guint before = count ("SELECT Id FROM Lead", FALSE);

  sim_store_delete (store, table, 3, now_ms);
  sim_store_delete (store, table, 4, now_ms);
  sim_store_purge (table, 5);

  g_assert_cmpuint (count ("SELECT Id FROM Lead", FALSE), ==, before - 3);
  g_assert_cmpuint (count ("SELECT Id FROM Lead", TRUE), ==, before - 1);
  g_assert_cmpuint (count ("SELECT Id FROM Lead WHERE IsDeleted = true", TRUE), ==, 2);
  g_assert_cmpuint (count ("SELECT Id FROM Lead WHERE IsDeleted = true", FALSE), ==, 0);
}

static void
test_semi_join (void)
{
  /* The shape of the permission check in reference §9.2. */
  g_assert_cmpuint (count ("SELECT SobjectType, PermissionsRead FROM ObjectPermissions "
                           "WHERE SobjectType IN ('Lead','Account','Contact','Opportunity') "
                           "AND ParentId IN (SELECT PermissionSetId FROM PermissionSetAssignment "
                           "WHERE AssigneeId = '0058d0000000001')", FALSE), ==, 4);
  g_assert_cmpuint (count ("SELECT PermissionsApiEnabled FROM UserPermissionAccess", FALSE), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  sim_parse_datetime ("2026-06-01T00:00:00Z", &now_ms, NULL);
  schema = sim_schema_new (2, 6);
  store = sim_store_new (schema, 1, "demo@orgsync.test");

  g_test_add_func ("/sim/soql/select-shapes", test_select_shapes);
  g_test_add_func ("/sim/soql/invalid-field", test_invalid_field_row_column);
  g_test_add_func ("/sim/soql/malformed", test_malformed);
  g_test_add_func ("/sim/soql/invalid-type", test_invalid_type);
  g_test_add_func ("/sim/soql/literal-types", test_literal_types);
  g_test_add_func ("/sim/soql/where", test_where_operators);
  g_test_add_func ("/sim/soql/order-by", test_order_by);
  g_test_add_func ("/sim/soql/deleted-rows", test_deleted_rows);
  g_test_add_func ("/sim/soql/semi-join", test_semi_join);

  ret = g_test_run ();
  sim_store_free (store);
  sim_schema_free (schema);
  return ret;
}
