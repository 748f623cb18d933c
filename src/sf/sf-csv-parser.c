/* sf-csv-parser.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-csv-parser.h"
#include "sf-error.h"

/* An RFC 4180 parser that takes its input in pieces of any size, so that a
 * Bulk API result chunk is parsed while it downloads and never needs to be in
 * memory as one string. A piece may end anywhere: inside a quoted field, between
 * the two quotes of an escaped quote, between CR and LF.
 *
 * Salesforce quotes every value (reference §7.4), but unquoted fields, CRLF line
 * endings and a byte-order mark are accepted too. */

typedef enum
{
  STATE_ROW_START,     /* at the start of a row, no field begun */
  STATE_FIELD_OPEN,    /* just after a delimiter: an (empty) field is begun */
  STATE_UNQUOTED,      /* inside an unquoted field */
  STATE_QUOTED,        /* inside a quoted field */
  STATE_QUOTE,         /* just after a quote inside a quoted field */
  STATE_AFTER_CR,      /* just after a CR that ended a row */
} State;

struct _SfCsvParser
{
  GString   *buffer;      /* the fields of the current row, each NUL-terminated */
  GArray    *starts;      /* offset of each field in buffer */
  GPtrArray *pointers;    /* scratch for the callback */
  GArray    *lengths;     /* scratch for the callback */
  guint64    rows;
  guint64    line;        /* 1-based physical line, for error messages */
  State      state;
  char       delimiter;
  guint      at_start : 1;
  guint      row_open : 1;
};

/**
 * sf_csv_parser_new:
 * @delimiter: the column delimiter, `,` for Salesforce's default COMMA
 */
SfCsvParser *
sf_csv_parser_new (char delimiter)
{
  SfCsvParser *self = g_new0 (SfCsvParser, 1);

  self->buffer = g_string_sized_new (4096);
  self->starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->pointers = g_ptr_array_new ();
  self->lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->delimiter = delimiter;
  sf_csv_parser_reset (self);

  return self;
}

void
sf_csv_parser_free (SfCsvParser *self)
{
  if (self == NULL)
    return;

  g_string_free (self->buffer, TRUE);
  g_array_unref (self->starts);
  g_ptr_array_unref (self->pointers);
  g_array_unref (self->lengths);
  g_free (self);
}

/**
 * sf_csv_parser_reset:
 *
 * Forgets any partial row, for the next document (a Bulk chunk is a
 * document of its own, with its own header row).
 */
void
sf_csv_parser_reset (SfCsvParser *self)
{
  g_string_truncate (self->buffer, 0);
  g_array_set_size (self->starts, 0);
  self->state = STATE_ROW_START;
  self->rows = 0;
  self->line = 1;
  self->at_start = TRUE;
  self->row_open = FALSE;
}

guint64
sf_csv_parser_get_rows (SfCsvParser *self)
{
  return self->rows;
}

static inline void
begin_field (SfCsvParser *self)
{
  gsize start = self->buffer->len;

  g_array_append_val (self->starts, start);
  self->row_open = TRUE;
}

static inline void
end_field (SfCsvParser *self)
{
  g_string_append_c (self->buffer, '\0');
}

static gboolean
emit_row (SfCsvParser   *self,
          SfCsvRowFunc   func,
          gpointer       user_data,
          GError       **error)
{
  guint n = self->starts->len;
  gboolean ret = TRUE;

  g_ptr_array_set_size (self->pointers, n);
  g_array_set_size (self->lengths, n);

  for (guint i = 0; i < n; i++)
    {
      gsize start = g_array_index (self->starts, gsize, i);
      gsize end = (i + 1 < n) ? g_array_index (self->starts, gsize, i + 1) - 1
                              : self->buffer->len - 1;

      g_ptr_array_index (self->pointers, i) = self->buffer->str + start;
      g_array_index (self->lengths, gsize, i) = end - start;
    }

  self->rows++;
  if (func != NULL)
    ret = func ((const char * const *) self->pointers->pdata,
                (const gsize *) (gpointer) self->lengths->data, n, user_data, error);

  g_string_truncate (self->buffer, 0);
  g_array_set_size (self->starts, 0);
  self->row_open = FALSE;

  return ret;
}

static gboolean
end_row (SfCsvParser   *self,
         SfCsvRowFunc   func,
         gpointer       user_data,
         GError       **error)
{
  self->line++;

  /* An empty line carries no row (RFC 4180 would make it one empty field, but
   * no Salesforce result has a one-column row that is empty). */
  if (!self->row_open)
    return TRUE;

  return emit_row (self, func, user_data, error);
}

/* Ends the current field at @c, which is a delimiter or a line break. */
static gboolean
end_unquoted (SfCsvParser   *self,
              char           c,
              SfCsvRowFunc   func,
              gpointer       user_data,
              GError       **error)
{
  end_field (self);

  if (c == self->delimiter)
    {
      begin_field (self);
      self->state = STATE_FIELD_OPEN;
      return TRUE;
    }

  self->state = (c == '\r') ? STATE_AFTER_CR : STATE_ROW_START;
  return end_row (self, func, user_data, error);
}

/* Copies a run of ordinary bytes of an unquoted or quoted field at once: this
 * loop is where the time goes. */
static gsize
span_plain (const char *data,
            gsize       length,
            gboolean    quoted,
            char        delimiter)
{
  gsize i = 0;

  if (quoted)
    {
      while (i < length && data[i] != '"' && data[i] != '\n')
        i++;
    }
  else
    {
      while (i < length && data[i] != delimiter && data[i] != '\n' &&
             data[i] != '\r' && data[i] != '"')
        i++;
    }

  return i;
}

/**
 * sf_csv_parser_feed:
 * @self: a parser
 * @data: the next piece of input
 * @length: its length
 * @func: called for every completed row
 * @user_data: data for @func
 * @error: return location for an error
 *
 * Returns: %FALSE if the input is malformed or @func failed
 */
gboolean
sf_csv_parser_feed (SfCsvParser   *self,
                    const char    *data,
                    gsize          length,
                    SfCsvRowFunc   func,
                    gpointer       user_data,
                    GError       **error)
{
  gsize i = 0;

  if (self->at_start && length > 0)
    {
      /* A UTF-8 byte-order mark can only be recognised whole; Salesforce does
       * not send one, so a BOM split over two pieces is not worth handling. */
      if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
      self->at_start = FALSE;
    }

  while (i < length)
    {
      char c = data[i];

      switch (self->state)
        {
        case STATE_AFTER_CR:
          self->state = STATE_ROW_START;
          if (c == '\n')
            {
              i++;
              break;
            }
          G_GNUC_FALLTHROUGH;

        case STATE_ROW_START:
        case STATE_FIELD_OPEN:
          if (self->state == STATE_ROW_START && c != '\n' && c != '\r')
            begin_field (self);

          if (c == '"')
            self->state = STATE_QUOTED;
          else if (c == self->delimiter)
            {
              end_field (self);
              begin_field (self);
              self->state = STATE_FIELD_OPEN;
            }
          else if (c == '\n' || c == '\r')
            {
              if (self->state == STATE_FIELD_OPEN)
                end_field (self);
              if (!end_row (self, func, user_data, error))
                return FALSE;
              self->state = (c == '\r') ? STATE_AFTER_CR : STATE_ROW_START;
            }
          else
            {
              self->state = STATE_UNQUOTED;
              break;
            }
          i++;
          break;

        case STATE_UNQUOTED:
          {
            gsize n = span_plain (data + i, length - i, FALSE, self->delimiter);

            g_string_append_len (self->buffer, data + i, n);
            i += n;
            if (i == length)
              break;

            c = data[i++];
            if (c == '"')
              /* Not RFC 4180, but harmless: keep the quote as data. */
              g_string_append_c (self->buffer, c);
            else if (!end_unquoted (self, c, func, user_data, error))
              return FALSE;
          }
          break;

        case STATE_QUOTED:
          {
            gsize n = span_plain (data + i, length - i, TRUE, self->delimiter);

            g_string_append_len (self->buffer, data + i, n);
            i += n;
            if (i == length)
              break;

            if (data[i] == '\n')
              {
                self->line++;
                g_string_append_c (self->buffer, '\n');
              }
            else
              self->state = STATE_QUOTE;
            i++;
          }
          break;

        case STATE_QUOTE:
          if (c == '"')
            {
              g_string_append_c (self->buffer, '"');
              self->state = STATE_QUOTED;
            }
          else if (c == self->delimiter || c == '\n' || c == '\r')
            {
              if (!end_unquoted (self, c, func, user_data, error))
                return FALSE;
            }
          else
            {
              g_set_error (error, SF_ERROR, SF_ERROR_INVALID_RESPONSE,
                           "Malformed CSV on line %" G_GUINT64_FORMAT
                           ": a character follows a closing quote", self->line);
              return FALSE;
            }
          i++;
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return TRUE;
}

/**
 * sf_csv_parser_finish:
 *
 * Ends the input: emits a last row that had no line ending, and fails if the
 * input stopped inside a quoted field (a truncated download).
 */
gboolean
sf_csv_parser_finish (SfCsvParser   *self,
                      SfCsvRowFunc   func,
                      gpointer       user_data,
                      GError       **error)
{
  gboolean ret = TRUE;

  switch (self->state)
    {
    case STATE_QUOTED:
      g_set_error (error, SF_ERROR, SF_ERROR_INVALID_RESPONSE,
                   "Truncated CSV: line %" G_GUINT64_FORMAT " ends inside a quoted value",
                   self->line);
      ret = FALSE;
      break;

    case STATE_UNQUOTED:
    case STATE_QUOTE:
    case STATE_FIELD_OPEN:
      end_field (self);
      ret = emit_row (self, func, user_data, error);
      break;

    case STATE_ROW_START:
    case STATE_AFTER_CR:
    default:
      break;
    }

  self->state = STATE_ROW_START;
  return ret;
}
