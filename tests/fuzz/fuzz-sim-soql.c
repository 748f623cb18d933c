/* fuzz-sim-soql.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "sim-soql.h"
#include "sim-util.h"

/* orgsync-sim's SOQL parser, which reads whatever a client puts in `?q=`:
 * every statement either parses and runs over a small generated org, or
 * fails with one of Salesforce's errorCodes. */

static SimSchema *schema;
static SimStore *store;
static gint64 now_ms;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  sim_parse_datetime ("2026-06-01T00:00:00Z", &now_ms, NULL);
  schema = sim_schema_new (2, 6);
  store = sim_store_new (schema, 1, "demo@orgsync.test");

  /* Few rows: the evaluator runs on every input that parses. */
  for (guint i = 0; i < schema->objects->len; i++)
    sim_store_set_count (store, g_ptr_array_index (schema->objects, i), 12);

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(SimSoqlQuery) query = sim_soql_parse (store, text, now_ms, &error);
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) all_rows = NULL;

  if (query == NULL)
    {
      fuzz_check (fuzz_error_ok (error, SIM_SOQL_ERROR) && sim_soql_error_code (error) != NULL);
      fuzz_touch (error->message, strlen (error->message));
      return 0;
    }

  fuzz_check (error == NULL);
  rows = sim_soql_execute (query, store, FALSE);
  all_rows = sim_soql_execute (query, store, TRUE);
  fuzz_check (rows->len <= all_rows->len);

  return 0;
}
