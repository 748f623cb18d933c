/* test-sf-csv.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "sf-csv-parser.h"
#include "sf-error.h"

/* Collects rows as "a|b|c" strings, fields joined by '|', for easy comparison. */
static gboolean
collect_row_cb (const char * const *fields,
                const gsize        *lengths,
                guint               n_fields,
                gpointer            user_data,
                GError            **error)
{
  GPtrArray *rows = user_data;
  GString *row = g_string_new (NULL);

  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (row, '|');
      g_string_append_len (row, fields[i], lengths[i]);
      g_assert_cmpuint (strlen (fields[i]), <=, lengths[i]);
    }

  g_ptr_array_add (rows, g_string_free (row, FALSE));
  return TRUE;
}

/* Feeds @input in pieces of @piece bytes (0: all at once). */
static GPtrArray *
parse (const char  *input,
       gsize        piece,
       GError     **error)
{
  g_autoptr(SfCsvParser) parser = sf_csv_parser_new (',');
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  gsize length = strlen (input);
  gsize offset = 0;

  if (piece == 0)
    piece = MAX (length, 1);

  while (offset < length)
    {
      gsize n = MIN (piece, length - offset);

      if (!sf_csv_parser_feed (parser, input + offset, n, collect_row_cb, rows, error))
        return NULL;
      offset += n;
    }

  if (!sf_csv_parser_finish (parser, collect_row_cb, rows, error))
    return NULL;

  return g_steal_pointer (&rows);
}

static void
assert_rows (const char         *input,
             const char * const *expected)
{
  /* Every split point must give the same rows: pieces may end anywhere. */
  for (gsize piece = 0; piece <= 7; piece++)
    {
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GError) error = NULL;
      guint n = g_strv_length ((char **) expected);

      rows = parse (input, piece, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, n);
      for (guint i = 0; i < n; i++)
        g_assert_cmpstr (g_ptr_array_index (rows, i), ==, expected[i]);
    }
}

static void
test_csv_salesforce_sample (void)
{
  /* Reference §7.4, verbatim. */
  const char *input =
    "\"Id\",\"Name\",\"Industry\",\"BillingCity\",\"SystemModstamp\"\n"
    "\"0015e00000AbCdEAAV\",\"Acme, \"\"The\"\" Corporation\",\"Manufacturing\",\"San Francisco\",\"2024-05-02T13:45:10.000Z\"\n"
    "\"0015e00000AbCdFAAV\",\"Globex\",\"\",\"\",\"2024-05-01T09:00:00.000Z\"\n";
  const char * const expected[] = {
    "Id|Name|Industry|BillingCity|SystemModstamp",
    "0015e00000AbCdEAAV|Acme, \"The\" Corporation|Manufacturing|San Francisco|2024-05-02T13:45:10.000Z",
    "0015e00000AbCdFAAV|Globex|||2024-05-01T09:00:00.000Z",
    NULL
  };

  assert_rows (input, expected);
}

static void
test_csv_newlines_in_quotes (void)
{
  const char *input = "\"a\",\"line 1\nline 2\r\nline 3\"\n\"b\",\"\"\"\"\n";
  const char * const expected[] = { "a|line 1\nline 2\r\nline 3", "b|\"", NULL };

  assert_rows (input, expected);
}

static void
test_csv_crlf_and_unquoted (void)
{
  const char *input = "a,b,c\r\n1,,3\r\n,,\r\nx,y,z";
  const char * const expected[] = { "a|b|c", "1||3", "||", "x|y|z", NULL };

  assert_rows (input, expected);
}

static void
test_csv_trailing_empty_field (void)
{
  const char *input = "\"a\",\"b\",\n\"c\",\"\",\"\"";
  const char * const expected[] = { "a|b|", "c||", NULL };

  assert_rows (input, expected);
}

static void
test_csv_empty_lines_and_bom (void)
{
  const char *input = "\xEF\xBB\xBF\"h\"\n\n\"v\"\n\n";
  const char * const expected[] = { "h", "v", NULL };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  /* The BOM is recognised when it arrives whole. */
  rows = parse (input, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (rows, 0), ==, expected[0]);
  g_assert_cmpstr (g_ptr_array_index (rows, 1), ==, expected[1]);
}

static void
test_csv_unicode (void)
{
  const char *input = "\"Zürich\",\"東京, 日本\",\"😀\"\n";
  const char * const expected[] = { "Zürich|東京, 日本|😀", NULL };

  assert_rows (input, expected);
}

static void
test_csv_truncated (void)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = parse ("\"a\",\"b\"\n\"c\",\"unterminated", 3, &error);
  g_assert_error (error, SF_ERROR, SF_ERROR_INVALID_RESPONSE);
  g_assert_null (rows);
  g_assert_nonnull (strstr (error->message, "Truncated"));
}

static void
test_csv_garbage_after_quote (void)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = parse ("\"a\"x,\"b\"\n", 0, &error);
  g_assert_error (error, SF_ERROR, SF_ERROR_INVALID_RESPONSE);
  g_assert_null (rows);
}

static gboolean
stop_row_cb (const char * const *fields,
             const gsize        *lengths,
             guint               n_fields,
             gpointer            user_data,
             GError            **error)
{
  guint *count = user_data;

  if (++(*count) == 2)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "stop");
      return FALSE;
    }

  return TRUE;
}

static void
test_csv_callback_stops (void)
{
  g_autoptr(SfCsvParser) parser = sf_csv_parser_new (',');
  g_autoptr(GError) error = NULL;
  const char *input = "a\nb\nc\n";
  guint count = 0;

  g_assert_false (sf_csv_parser_feed (parser, input, strlen (input), stop_row_cb, &count, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count, ==, 2);
}

static void
test_csv_other_delimiter (void)
{
  g_autoptr(SfCsvParser) parser = sf_csv_parser_new ('|');
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *input = "\"a|b\"|c\n";

  g_assert_true (sf_csv_parser_feed (parser, input, strlen (input), collect_row_cb, rows, &error));
  g_assert_true (sf_csv_parser_finish (parser, collect_row_cb, rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (rows, 0), ==, "a|b|c");
}

static void
test_csv_large_streamed (void)
{
  g_autoptr(SfCsvParser) parser = sf_csv_parser_new (',');
  g_autoptr(GString) input = g_string_new ("\"Id\",\"Text\"\n");
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (input, "\"%u\",\"row, \"\"%u\"\"\nend\"\n", i, i);

  /* Odd-sized pieces, like network reads. */
  for (gsize offset = 0; offset < input->len; offset += 4093)
    g_assert_true (sf_csv_parser_feed (parser, input->str + offset,
                                       MIN (4093, input->len - offset),
                                       collect_row_cb, rows, &error));
  g_assert_true (sf_csv_parser_finish (parser, collect_row_cb, rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 5001);
  g_assert_cmpstr (g_ptr_array_index (rows, 4000), ==, "3999|row, \"3999\"\nend");
  g_assert_cmpuint (sf_csv_parser_get_rows (parser), ==, 5001);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sf/csv/salesforce-sample", test_csv_salesforce_sample);
  g_test_add_func ("/sf/csv/newlines-in-quotes", test_csv_newlines_in_quotes);
  g_test_add_func ("/sf/csv/crlf-and-unquoted", test_csv_crlf_and_unquoted);
  g_test_add_func ("/sf/csv/trailing-empty-field", test_csv_trailing_empty_field);
  g_test_add_func ("/sf/csv/empty-lines-and-bom", test_csv_empty_lines_and_bom);
  g_test_add_func ("/sf/csv/unicode", test_csv_unicode);
  g_test_add_func ("/sf/csv/truncated", test_csv_truncated);
  g_test_add_func ("/sf/csv/garbage-after-quote", test_csv_garbage_after_quote);
  g_test_add_func ("/sf/csv/callback-stops", test_csv_callback_stops);
  g_test_add_func ("/sf/csv/other-delimiter", test_csv_other_delimiter);
  g_test_add_func ("/sf/csv/large-streamed", test_csv_large_streamed);

  return g_test_run ();
}
