/* fuzz-query-page.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "sf-json-private.h"
#include "sf-query-private.h"
#include "sf-soql-builder.h"

/* A query or queryAll response page (reference §4.2) into typed rows: once
 * with the columns a builder would name (one of every field type, relationship
 * paths included) and once learning them from the first record, as a raw SOQL
 * query does. */

static const char * const names[] = {
  "Id", "Name", "IsDeleted", "NumberOfEmployees", "External_Number__c", "Score__c",
  "AnnualRevenue", "Discount__c", "Birthdate", "SystemModstamp", "Start_Time__c",
  "OwnerId", "Industry", "Segments__c", "Combo__c", "Description", "Phone", "Email__c",
  "Website", "Secret__c", "Contract_File__c", "BillingAddress", "Site_Location__c",
  "Any__c", "Complex__c", "Category__c", "Json__c", "Unknown__c",
  "Owner.Name", "Account.Owner.Email", "Parent.Parent.Parent.Name",
  NULL
};

static const SfFieldType types[] = {
  SF_FIELD_TYPE_ID, SF_FIELD_TYPE_STRING, SF_FIELD_TYPE_BOOLEAN, SF_FIELD_TYPE_INT,
  SF_FIELD_TYPE_LONG, SF_FIELD_TYPE_DOUBLE, SF_FIELD_TYPE_CURRENCY, SF_FIELD_TYPE_PERCENT,
  SF_FIELD_TYPE_DATE, SF_FIELD_TYPE_DATETIME, SF_FIELD_TYPE_TIME, SF_FIELD_TYPE_REFERENCE,
  SF_FIELD_TYPE_PICKLIST, SF_FIELD_TYPE_MULTIPICKLIST, SF_FIELD_TYPE_COMBOBOX,
  SF_FIELD_TYPE_TEXTAREA, SF_FIELD_TYPE_PHONE, SF_FIELD_TYPE_EMAIL, SF_FIELD_TYPE_URL,
  SF_FIELD_TYPE_ENCRYPTEDSTRING, SF_FIELD_TYPE_BASE64, SF_FIELD_TYPE_ADDRESS,
  SF_FIELD_TYPE_LOCATION, SF_FIELD_TYPE_ANYTYPE, SF_FIELD_TYPE_COMPLEXVALUE,
  SF_FIELD_TYPE_DATACATEGORYGROUPREFERENCE, SF_FIELD_TYPE_JSON, SF_FIELD_TYPE_UNKNOWN,
  SF_FIELD_TYPE_STRING, SF_FIELD_TYPE_EMAIL, SF_FIELD_TYPE_STRING,
};

G_STATIC_ASSERT (G_N_ELEMENTS (types) == G_N_ELEMENTS (names) - 1);

/* Every value must be what its kind says, and text must be NUL-terminated at
 * its length: the records store binds it as is. */
static void
check_batch (SfRecordBatch *batch)
{
  guint n_columns = sf_record_batch_get_n_columns (batch);

  for (guint c = 0; c < n_columns; c++)
    fuzz_touch (sf_record_batch_get_column_name (batch, c),
                strlen (sf_record_batch_get_column_name (batch, c)));

  for (guint r = 0; r < sf_record_batch_get_n_rows (batch); r++)
    for (guint c = 0; c < n_columns; c++)
      {
        const SfValue *value = sf_record_batch_get_value (batch, r, c);

        fuzz_check (value->kind <= SF_VALUE_TEXT);
        if (value->kind == SF_VALUE_TEXT)
          {
            fuzz_touch (value->text, value->length);
            fuzz_check (value->text[value->length] == '\0');
          }
      }
}

/* An object or array value is stored as JSON text (design.md §8): it must
 * read back. The harness looks the members up itself. */
static void
check_json_text (GBytes        *body,
                 SfRecordBatch *batch)
{
  g_autoptr(JsonNode) root = _sf_json_parse (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                             "query", NULL);
  JsonArray *records = json_object_get_array_member (json_node_get_object (root), "records");

  for (guint r = 0; r < sf_record_batch_get_n_rows (batch) && r < json_array_get_length (records); r++)
    {
      JsonNode *record = json_array_get_element (records, r);

      if (!JSON_NODE_HOLDS_OBJECT (record))
        return;   /* rows skip non-objects: no longer aligned */

      for (guint c = 0; c < sf_record_batch_get_n_columns (batch); c++)
        {
          const char *name = sf_record_batch_get_column_name (batch, c);
          JsonNode *member;

          /* Only API names are looked up (a dot separates relationship
           * names; a member named "" or "a.b" is no column Salesforce has). */
          if (!sf_soql_is_identifier (name))
            continue;

          member = json_object_get_member (json_node_get_object (record), name);
          const SfValue *value = sf_record_batch_get_value (batch, r, c);

          if (member != NULL && (JSON_NODE_HOLDS_OBJECT (member) || JSON_NODE_HOLDS_ARRAY (member)))
            fuzz_check (value->kind == SF_VALUE_TEXT && _sf_json_check (value->text, value->length, NULL));
        }
    }
}

static void
parse (GBytes             *body,
       const char * const *column_names,
       const SfFieldType  *column_types)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SfQueryPage) page = _sf_query_page_parse (body, column_names, column_types, &error);

  if (page == NULL)
    {
      fuzz_check (fuzz_error_ok (error, SF_ERROR) && error->code == SF_ERROR_INVALID_RESPONSE);
      return;
    }

  fuzz_check (error == NULL);
  fuzz_check (page->batch != NULL);
  if (column_names != NULL)
    fuzz_check (sf_record_batch_get_n_columns (page->batch) == g_strv_length ((char **) column_names));
  if (page->next_url != NULL)
    fuzz_touch (page->next_url, strlen (page->next_url));
  check_batch (page->batch);
  check_json_text (body, page->batch);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) body = g_bytes_new (data, size);

  parse (body, names, types);
  parse (body, NULL, NULL);

  return 0;
}
