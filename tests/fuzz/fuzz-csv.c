/* fuzz-csv.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "sf-csv-parser.h"
#include "sf-record-batch-private.h"

/* The streaming Bulk CSV parser (reference §7.4). A download arrives in
 * pieces that may end anywhere, so the input is parsed whole, in pieces of
 * pseudo-random sizes chosen from the input itself, and a byte at a time:
 * the three must give the same rows and the same verdict. The rows then go
 * through the typed conversion a Bulk chunk gets, header row first. */

typedef struct
{
  GString       *rows;     /* every row, serialized with lengths */
  SfRecordBatch *batch;
  guint          n_columns;
} Sink;

static const SfFieldType cycle[] = {
  SF_FIELD_TYPE_ID, SF_FIELD_TYPE_STRING, SF_FIELD_TYPE_BOOLEAN, SF_FIELD_TYPE_INT,
  SF_FIELD_TYPE_LONG, SF_FIELD_TYPE_DOUBLE, SF_FIELD_TYPE_CURRENCY, SF_FIELD_TYPE_PERCENT,
  SF_FIELD_TYPE_DATE, SF_FIELD_TYPE_DATETIME, SF_FIELD_TYPE_TIME, SF_FIELD_TYPE_TEXTAREA,
  SF_FIELD_TYPE_UNKNOWN,
};

static void
add_to_batch (Sink               *sink,
              const char * const *fields,
              const gsize        *lengths,
              guint               n_fields)
{
  if (sink->batch == NULL)
    {
      g_autofree SfFieldType *types = g_new0 (SfFieldType, MAX (n_fields, 1));

      for (guint i = 0; i < n_fields; i++)
        types[i] = cycle[i % G_N_ELEMENTS (cycle)];
      sink->batch = _sf_record_batch_new (fields, types, n_fields);
      sink->n_columns = n_fields;
      return;
    }

  /* SfBulkJob refuses a row of another width. */
  if (n_fields == sink->n_columns)
    _sf_record_batch_add_csv_row (sink->batch, fields, lengths);
}

static gboolean
row_cb (const char * const *fields,
        const gsize        *lengths,
        guint               n_fields,
        gpointer            user_data,
        GError            **error)
{
  Sink *sink = user_data;

  fuzz_check (n_fields > 0);
  g_string_append_printf (sink->rows, "%u:", n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      fuzz_check (fields[i][lengths[i]] == '\0');
      g_string_append_printf (sink->rows, "%" G_GSIZE_FORMAT ":", lengths[i]);
      g_string_append_len (sink->rows, fields[i], lengths[i]);
    }
  g_string_append_c (sink->rows, '\n');

  add_to_batch (sink, fields, lengths, n_fields);

  return TRUE;
}

static void
sink_clear (Sink *sink)
{
  g_string_free (sink->rows, TRUE);
  g_clear_pointer (&sink->batch, sf_record_batch_unref);
}

static void
check_batch (SfRecordBatch *batch)
{
  for (guint r = 0; batch != NULL && r < sf_record_batch_get_n_rows (batch); r++)
    for (guint c = 0; c < sf_record_batch_get_n_columns (batch); c++)
      {
        const SfValue *value = sf_record_batch_get_value (batch, r, c);

        if (value->kind == SF_VALUE_TEXT)
          {
            fuzz_touch (value->text, value->length);
            fuzz_check (value->text[value->length] == '\0');
          }
      }
}

/* Feeds @data in pieces of @piece bytes, or of random sizes if @piece is 0. */
static gboolean
parse (SfCsvParser *parser,
       const char  *data,
       gsize        size,
       gsize        piece,
       Sink        *sink)
{
  g_autoptr(GRand) rand = NULL;
  guint32 seed = 5381;
  gsize offset = 0;

  /* The piece sizes depend on the input, so that the fuzzer steers them too. */
  for (gsize i = 0; i < size; i++)
    seed = seed * 33 + (guchar) data[i];
  rand = g_rand_new_with_seed (seed);

  sf_csv_parser_reset (parser);
  while (offset < size)
    {
      gsize n = piece ? piece : (gsize) g_rand_int_range (rand, 1, 64);

      /* A byte-order mark is only recognised whole (documented). */
      if (offset == 0)
        n = MAX (n, 3);
      n = MIN (n, size - offset);
      if (!sf_csv_parser_feed (parser, data + offset, n, row_cb, sink, NULL))
        return FALSE;
      offset += n;
    }

  return sf_csv_parser_finish (parser, row_cb, sink, NULL);
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
  g_autoptr(SfCsvParser) parser = sf_csv_parser_new (',');
  Sink whole = { g_string_new (NULL) };
  Sink pieces = { g_string_new (NULL) };
  Sink bytes = { g_string_new (NULL) };
  gboolean ok_whole, ok_pieces, ok_bytes;

  ok_whole = parse (parser, (const char *) data, size, MAX (size, 1), &whole);
  ok_pieces = parse (parser, (const char *) data, size, 0, &pieces);
  ok_bytes = parse (parser, (const char *) data, size, 1, &bytes);

  fuzz_check (ok_whole == ok_pieces && ok_whole == ok_bytes);
  fuzz_check (g_string_equal (whole.rows, pieces.rows));
  fuzz_check (g_string_equal (whole.rows, bytes.rows));
  check_batch (whole.batch);

  sink_clear (&whole);
  sink_clear (&pieces);
  sink_clear (&bytes);

  return 0;
}
