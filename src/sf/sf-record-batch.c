/* sf-record-batch.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "sf-json-private.h"
#include "sf-record-batch-private.h"

struct _SfRecordBatch
{
  gatomicrefcount   ref_count;
  guint             n_columns;
  guint             n_rows;
  char            **names;
  SfFieldType      *types;
  char           ***paths;      /* names split at '.', for nested JSON objects */
  GArray           *values;     /* n_rows × n_columns SfValue */
  GStringChunk     *strings;    /* the text of every TEXT value */
};

G_DEFINE_BOXED_TYPE (SfRecordBatch, sf_record_batch, sf_record_batch_ref, sf_record_batch_unref)

SfRecordBatch *
_sf_record_batch_new (const char * const *names,
                      const SfFieldType  *types,
                      guint               n_columns)
{
  SfRecordBatch *self = g_new0 (SfRecordBatch, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->n_columns = n_columns;
  self->names = g_new0 (char *, n_columns + 1);
  self->types = g_new0 (SfFieldType, MAX (n_columns, 1));
  self->paths = g_new0 (char **, MAX (n_columns, 1));

  for (guint i = 0; i < n_columns; i++)
    {
      self->names[i] = g_strdup (names[i]);
      self->types[i] = types ? types[i] : SF_FIELD_TYPE_UNKNOWN;
      self->paths[i] = g_strsplit (names[i], ".", -1);
    }

  self->values = g_array_new (FALSE, TRUE, sizeof (SfValue));
  self->strings = g_string_chunk_new (64 * 1024);

  return self;
}

SfRecordBatch *
sf_record_batch_ref (SfRecordBatch *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sf_record_batch_unref (SfRecordBatch *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  for (guint i = 0; i < self->n_columns; i++)
    g_strfreev (self->paths[i]);
  g_free (self->paths);
  g_strfreev (self->names);
  g_free (self->types);
  g_array_unref (self->values);
  g_string_chunk_free (self->strings);
  g_free (self);
}

guint
sf_record_batch_get_n_rows (SfRecordBatch *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_rows;
}

guint
sf_record_batch_get_n_columns (SfRecordBatch *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_columns;
}

/**
 * sf_record_batch_get_column_name:
 *
 * Returns: the column's field name or relationship path (`Owner.Name`), as the
 *   caller selected it
 */
const char *
sf_record_batch_get_column_name (SfRecordBatch *self,
                                 guint          column)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);

  return self->names[column];
}

SfFieldType
sf_record_batch_get_column_type (SfRecordBatch *self,
                                 guint          column)
{
  g_return_val_if_fail (self != NULL, SF_FIELD_TYPE_UNKNOWN);
  g_return_val_if_fail (column < self->n_columns, SF_FIELD_TYPE_UNKNOWN);

  return self->types[column];
}

/**
 * sf_record_batch_find_column:
 *
 * API names are case-insensitive in Salesforce, so the lookup is too.
 *
 * Returns: the index of the column called @name, or -1
 */
int
sf_record_batch_find_column (SfRecordBatch *self,
                             const char    *name)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < self->n_columns; i++)
    if (g_ascii_strcasecmp (self->names[i], name) == 0)
      return (int) i;

  return -1;
}

/**
 * sf_record_batch_get_row:
 *
 * Returns: (array): the sf_record_batch_get_n_columns() values of @row
 */
const SfValue *
sf_record_batch_get_row (SfRecordBatch *self,
                         guint          row)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (row < self->n_rows, NULL);

  return &g_array_index (self->values, SfValue, (gsize) row * self->n_columns);
}

const SfValue *
sf_record_batch_get_value (SfRecordBatch *self,
                           guint          row,
                           guint          column)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (row < self->n_rows, NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);

  return &g_array_index (self->values, SfValue, (gsize) row * self->n_columns + column);
}

const char *
_sf_record_batch_get_text (SfRecordBatch *self,
                           guint          row,
                           guint          column)
{
  const SfValue *value = sf_record_batch_get_value (self, row, column);

  return value->kind == SF_VALUE_TEXT ? value->text : NULL;
}

/*
 * Conversion
 */

static void
set_text (SfValue      *value,
          const char   *text,
          gsize         length,
          GStringChunk *strings)
{
  value->kind = SF_VALUE_TEXT;
  value->length = (guint32) length;
  value->text = g_string_chunk_insert_len (strings, text, length);
}

static gboolean
parse_integer (const char *text,
               gint64     *out)
{
  char *end = NULL;
  gint64 v;

  errno = 0;
  v = g_ascii_strtoll (text, &end, 10);
  if (errno != 0 || end == text || *end != '\0')
    return FALSE;

  *out = v;
  return TRUE;
}

static gboolean
parse_real (const char *text,
            double     *out)
{
  char *end = NULL;
  double v;

  errno = 0;
  v = g_ascii_strtod (text, &end);
  if (errno != 0 || end == text || *end != '\0' || !isfinite (v))
    return FALSE;

  *out = v;
  return TRUE;
}

static void
set_number_from_text (SfValue      *value,
                      const char   *text,
                      gsize         length,
                      SfValueKind   kind,
                      GStringChunk *strings)
{
  double real;

  if (kind == SF_VALUE_INTEGER && parse_integer (text, &value->integer))
    {
      value->kind = SF_VALUE_INTEGER;
      return;
    }

  if (parse_real (text, &real))
    {
      /* "420.0" or "4.2E2" in an integer column is still the integer 420. */
      if (kind == SF_VALUE_INTEGER && real == floor (real) && fabs (real) < 9.0e15)
        {
          value->kind = SF_VALUE_INTEGER;
          value->integer = (gint64) real;
        }
      else
        {
          value->kind = SF_VALUE_REAL;
          value->real = real;
        }
      return;
    }

  /* Never lose data: something that is not a number stays text. */
  set_text (value, text, length, strings);
}

/**
 * _sf_value_from_text:
 * @text: a NUL-terminated value as Bulk CSV carries it
 *
 * An empty value becomes NULL: in Bulk CSV an empty string and a null cannot
 * be told apart (reference §7.4).
 */
void
_sf_value_from_text (SfValue      *value,
                     const char   *text,
                     gsize         length,
                     SfFieldType   type,
                     GStringChunk *strings)
{
  char normalized[25];

  if (length == 0)
    {
      value->kind = SF_VALUE_NULL;
      return;
    }

  switch (type)
    {
    case SF_FIELD_TYPE_BOOLEAN:
      if (g_ascii_strcasecmp (text, "true") == 0 || g_ascii_strcasecmp (text, "false") == 0)
        {
          value->kind = SF_VALUE_INTEGER;
          value->integer = (text[0] == 't' || text[0] == 'T');
        }
      else
        set_text (value, text, length, strings);
      break;

    case SF_FIELD_TYPE_INT:
    case SF_FIELD_TYPE_LONG:
    case SF_FIELD_TYPE_DOUBLE:
    case SF_FIELD_TYPE_CURRENCY:
    case SF_FIELD_TYPE_PERCENT:
      set_number_from_text (value, text, length, sf_field_type_get_value_kind (type), strings);
      break;

    case SF_FIELD_TYPE_DATETIME:
      if (sf_normalize_datetime (text, length, normalized))
        set_text (value, normalized, 24, strings);
      else
        set_text (value, text, length, strings);
      break;

    case SF_FIELD_TYPE_TIME:
      if (sf_normalize_time (text, length, normalized))
        set_text (value, normalized, 13, strings);
      else
        set_text (value, text, length, strings);
      break;

    default:
      set_text (value, text, length, strings);
      break;
    }
}

static void
set_json_text (SfValue      *value,
               JsonNode     *node,
               GStringChunk *strings)
{
  g_autofree char *json = _sf_json_to_string (node);

  set_text (value, json, strlen (json), strings);
}

static void
value_from_json_scalar (SfValue      *value,
                        JsonNode     *node,
                        SfFieldType   type,
                        GStringChunk *strings)
{
  GType vtype = json_node_get_value_type (node);
  SfValueKind kind = sf_field_type_get_value_kind (type);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (vtype == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      if (type == SF_FIELD_TYPE_UNKNOWN)
        set_text (value, text, strlen (text), strings);
      else
        _sf_value_from_text (value, text, strlen (text), type, strings);

      /* JSON tells an empty string from null, unlike CSV: keep it. */
      if (*text == '\0')
        set_text (value, "", 0, strings);
    }
  else if (vtype == G_TYPE_BOOLEAN)
    {
      if (kind == SF_VALUE_TEXT && type != SF_FIELD_TYPE_UNKNOWN)
        {
          const char *text = json_node_get_boolean (node) ? "true" : "false";

          set_text (value, text, strlen (text), strings);
        }
      else
        {
          value->kind = SF_VALUE_INTEGER;
          value->integer = json_node_get_boolean (node) ? 1 : 0;
        }
    }
  else if (vtype == G_TYPE_INT64)
    {
      gint64 v = json_node_get_int (node);

      if (kind == SF_VALUE_REAL)
        {
          value->kind = SF_VALUE_REAL;
          value->real = (double) v;
        }
      else if (kind == SF_VALUE_TEXT && type != SF_FIELD_TYPE_UNKNOWN)
        {
          g_snprintf (buffer, sizeof buffer, "%" G_GINT64_FORMAT, v);
          set_text (value, buffer, strlen (buffer), strings);
        }
      else
        {
          value->kind = SF_VALUE_INTEGER;
          value->integer = v;
        }
    }
  else if (vtype == G_TYPE_DOUBLE)
    {
      double v = json_node_get_double (node);

      if (kind == SF_VALUE_INTEGER && v == floor (v) && fabs (v) < 9.0e15)
        {
          value->kind = SF_VALUE_INTEGER;
          value->integer = (gint64) v;
        }
      else if (kind == SF_VALUE_TEXT && type != SF_FIELD_TYPE_UNKNOWN)
        {
          g_ascii_dtostr (buffer, sizeof buffer, v);
          set_text (value, buffer, strlen (buffer), strings);
        }
      else
        {
          value->kind = SF_VALUE_REAL;
          value->real = v;
        }
    }
  else
    value->kind = SF_VALUE_NULL;
}

/**
 * _sf_value_from_json:
 * @node: (nullable): the member of a record, %NULL if it is absent
 *
 * Objects (address, location, a relationship selected whole, a child
 * subquery) become compact JSON text.
 */
void
_sf_value_from_json (SfValue      *value,
                     JsonNode     *node,
                     SfFieldType   type,
                     GStringChunk *strings)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    value->kind = SF_VALUE_NULL;
  else if (JSON_NODE_HOLDS_VALUE (node))
    value_from_json_scalar (value, node, type, strings);
  else
    set_json_text (value, node, strings);
}

/* Salesforce returns member names in the case of its schema, which may differ
 * from the case the caller typed in the SELECT list. */
static JsonNode *
get_member_any_case (JsonObject *object,
                     const char *name)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  if ((node = json_object_get_member (object, name)) != NULL)
    return node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &member, &node))
    if (g_ascii_strcasecmp (member, name) == 0)
      return node;

  return NULL;
}

static JsonNode *
lookup_path (JsonObject *record,
             char      **path)
{
  JsonObject *object = record;
  JsonNode *node = NULL;

  for (guint i = 0; path[i] != NULL; i++)
    {
      if (object == NULL)
        return NULL;

      node = get_member_any_case (object, path[i]);
      if (node == NULL || path[i + 1] == NULL)
        break;

      /* A null parent (an empty lookup) makes every path below it null. */
      object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      node = NULL;
    }

  return node;
}

void
_sf_record_batch_add_json_record (SfRecordBatch *self,
                                  JsonObject    *record)
{
  gsize base = self->values->len;

  g_array_set_size (self->values, base + self->n_columns);

  for (guint i = 0; i < self->n_columns; i++)
    {
      SfValue *value = &g_array_index (self->values, SfValue, base + i);

      _sf_value_from_json (value, lookup_path (record, self->paths[i]),
                           self->types[i], self->strings);
    }

  self->n_rows++;
}

/**
 * _sf_record_batch_add_csv_row:
 * @fields: exactly sf_record_batch_get_n_columns() NUL-terminated fields
 */
void
_sf_record_batch_add_csv_row (SfRecordBatch      *self,
                              const char * const *fields,
                              const gsize        *lengths)
{
  gsize base = self->values->len;

  g_array_set_size (self->values, base + self->n_columns);

  for (guint i = 0; i < self->n_columns; i++)
    {
      SfValue *value = &g_array_index (self->values, SfValue, base + i);

      _sf_value_from_text (value, fields[i], lengths[i], self->types[i], self->strings);
    }

  self->n_rows++;
}

static void
collect_columns (JsonObject *object,
                 const char *prefix,
                 GPtrArray  *columns)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &member, &node))
    {
      g_autofree char *name = NULL;

      if (strcmp (member, "attributes") == 0)
        continue;

      name = prefix ? g_strconcat (prefix, ".", member, NULL) : g_strdup (member);

      /* A parent relationship is an object with its own attributes; address
       * and location objects have none and stay one column. */
      if (JSON_NODE_HOLDS_OBJECT (node) &&
          json_object_has_member (json_node_get_object (node), "attributes"))
        collect_columns (json_node_get_object (node), name, columns);
      else
        g_ptr_array_add (columns, g_steal_pointer (&name));
    }
}

/**
 * _sf_json_record_get_columns:
 * @record: the first record of a query result
 *
 * Used when the caller did not say which columns a raw SOQL statement
 * selects: the columns are the record's members in order, relationship
 * objects flattened to paths.
 */
GStrv
_sf_json_record_get_columns (JsonObject *record)
{
  GPtrArray *columns = g_ptr_array_new ();

  collect_columns (record, NULL, columns);
  g_ptr_array_add (columns, NULL);

  return (GStrv) g_ptr_array_free (columns, FALSE);
}

/**
 * _sf_record_batch_append_row:
 * @values: n_columns values, possibly pointing into other batches
 *
 * Copies a row, text included, from other batches (the parts of a split
 * query).
 */
void
_sf_record_batch_append_row (SfRecordBatch *self,
                             const SfValue *values)
{
  gsize base = self->values->len;

  g_array_set_size (self->values, base + self->n_columns);

  for (guint i = 0; i < self->n_columns; i++)
    {
      SfValue *value = &g_array_index (self->values, SfValue, base + i);

      *value = values[i];
      if (value->kind == SF_VALUE_TEXT)
        value->text = g_string_chunk_insert_len (self->strings, values[i].text, values[i].length);
    }

  self->n_rows++;
}
