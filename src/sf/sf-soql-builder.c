/* sf-soql-builder.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-error.h"
#include "sf-soql-builder-private.h"

/* API names are at most 40 characters plus a 15-character namespace and a
 * suffix; 255 leaves room and still stops nonsense early. */
#define MAX_IDENTIFIER_LENGTH 255
/* SOQL allows five levels of parent relationships. */
#define MAX_PATH_DEPTH        6

struct _SfSoqlBuilder
{
  char        *sobject;
  GPtrArray   *fields;       /* char* paths */
  GArray      *types;        /* SfFieldType per field */
  GPtrArray   *conditions;   /* formatted SOQL, ANDed */
  GPtrArray   *order;        /* formatted ORDER BY items */
  guint        limit;
  char        *first_error;
};

G_DEFINE_BOXED_TYPE (SfSoqlBuilder, sf_soql_builder, sf_soql_builder_copy, sf_soql_builder_free)

static const char * const operators[] = {
  [SF_SOQL_EQ] = "=",
  [SF_SOQL_NE] = "!=",
  [SF_SOQL_LT] = "<",
  [SF_SOQL_LE] = "<=",
  [SF_SOQL_GT] = ">",
  [SF_SOQL_GE] = ">=",
  [SF_SOQL_LIKE] = "LIKE",
};

/**
 * sf_soql_is_identifier:
 * @name: (nullable): a candidate object or field API name
 *
 * API names start with a letter and contain letters, digits and underscores
 * (`Account`, `Custom_Field__c`, `ns__Thing__c`, `Geo__Latitude__s`). Anything
 * else—a space, a quote, a parenthesis—cannot be a name, so it is refused
 * rather than escaped.
 */
gboolean
sf_soql_is_identifier (const char *name)
{
  gsize length;

  if (name == NULL || !g_ascii_isalpha (name[0]))
    return FALSE;

  length = strlen (name);
  if (length > MAX_IDENTIFIER_LENGTH || name[length - 1] == '_' || strstr (name, "___") != NULL)
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;

  return TRUE;
}

/**
 * _sf_soql_shown_name:
 * @name: (nullable): a name that was refused
 *
 * A refused name came from a describe, that is from the network: in an
 * error message it is escaped (a newline, a right-to-left override or a
 * Cyrillic look-alike shows as the bytes it is) and cut to a readable
 * length.
 *
 * Returns: (transfer full): the name as an error message may show it
 */
char *
_sf_soql_shown_name (const char *name)
{
  /* g_strescape() leaves only printable ASCII. */
  g_autofree char *escaped = g_strescape (name ? name : "", NULL);

  if (strlen (escaped) > 80)
    strcpy (escaped + 77, "...");

  return g_steal_pointer (&escaped);
}

/**
 * sf_soql_is_field_path:
 * @path: (nullable): a field name or a relationship path such as `Owner.Name`
 */
gboolean
sf_soql_is_field_path (const char *path)
{
  g_auto(GStrv) parts = NULL;
  guint n;

  if (path == NULL || *path == '\0')
    return FALSE;

  parts = g_strsplit (path, ".", -1);
  n = g_strv_length (parts);
  if (n > MAX_PATH_DEPTH)
    return FALSE;

  for (guint i = 0; i < n; i++)
    if (!sf_soql_is_identifier (parts[i]))
      return FALSE;

  return TRUE;
}

/**
 * sf_soql_quote_string:
 * @value: any UTF-8 string
 *
 * Returns: (transfer full): @value as a SOQL string literal, with SOQL's escape
 *   sequences for quotes, backslashes and control characters
 */
char *
sf_soql_quote_string (const char *value)
{
  GString *out = g_string_sized_new (strlen (value) + 2);

  g_string_append_c (out, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\'': g_string_append (out, "\\'"); break;
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:   g_string_append_c (out, *p); break;
        }
    }
  g_string_append_c (out, '\'');

  return g_string_free (out, FALSE);
}

/**
 * sf_soql_format_datetime:
 * @value: a time
 *
 * Formats an unquoted SOQL datetime literal in UTC, to the second
 * (`2024-01-01T00:00:00Z`). Fractional seconds in literals are only partly
 * documented, so they are left out: truncating down makes a `>` filter return
 * a few rows twice, never miss one.
 *
 * Returns: (transfer full): the literal
 */
char *
sf_soql_format_datetime (GDateTime *value)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (value);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

SfSoqlBuilder *
sf_soql_builder_new (const char *sobject)
{
  SfSoqlBuilder *self = g_new0 (SfSoqlBuilder, 1);

  self->sobject = g_strdup (sobject);
  self->fields = g_ptr_array_new_null_terminated (8, g_free, TRUE);
  self->types = g_array_new (FALSE, FALSE, sizeof (SfFieldType));
  self->conditions = g_ptr_array_new_with_free_func (g_free);
  self->order = g_ptr_array_new_with_free_func (g_free);

  if (!sf_soql_is_identifier (sobject))
    {
      g_autofree char *shown = _sf_soql_shown_name (sobject);

      self->first_error = g_strdup_printf ("“%s” is not a Salesforce object name", shown);
    }

  return self;
}

static GPtrArray *
copy_strings (GPtrArray *array)
{
  GPtrArray *copy = g_ptr_array_new_full (array->len, g_free);

  for (guint i = 0; i < array->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (array, i)));

  return copy;
}

SfSoqlBuilder *
sf_soql_builder_copy (const SfSoqlBuilder *self)
{
  SfSoqlBuilder *copy = g_new0 (SfSoqlBuilder, 1);

  copy->sobject = g_strdup (self->sobject);
  copy->fields = g_ptr_array_new_null_terminated (self->fields->len + 1, g_free, TRUE);
  for (guint i = 0; i < self->fields->len; i++)
    g_ptr_array_add (copy->fields, g_strdup (g_ptr_array_index (self->fields, i)));
  copy->types = g_array_copy (self->types);
  copy->conditions = copy_strings (self->conditions);
  copy->order = copy_strings (self->order);
  copy->limit = self->limit;
  copy->first_error = g_strdup (self->first_error);

  return copy;
}

void
sf_soql_builder_free (SfSoqlBuilder *self)
{
  if (self == NULL)
    return;

  g_free (self->sobject);
  g_ptr_array_unref (self->fields);
  g_array_unref (self->types);
  g_ptr_array_unref (self->conditions);
  g_ptr_array_unref (self->order);
  g_free (self->first_error);
  g_free (self);
}

static gboolean
check_path (SfSoqlBuilder *self,
            const char    *path)
{
  if (sf_soql_is_field_path (path))
    return TRUE;

  if (self->first_error == NULL)
    {
      g_autofree char *shown = _sf_soql_shown_name (path);

      self->first_error = g_strdup_printf ("“%s” is not a Salesforce field name", shown);
    }
  return FALSE;
}

/**
 * sf_soql_builder_add_field:
 * @path: a field name or relationship path (`Owner.Name`)
 * @type: the field's type from its describe, or %SF_FIELD_TYPE_UNKNOWN; it
 *   decides how the column's values are typed
 *
 * A field that is already selected is not added twice.
 */
void
sf_soql_builder_add_field (SfSoqlBuilder *self,
                           const char    *path,
                           SfFieldType    type)
{
  g_return_if_fail (self != NULL);

  if (!check_path (self, path))
    return;

  for (guint i = 0; i < self->fields->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (self->fields, i), path) == 0)
      return;

  g_ptr_array_add (self->fields, g_strdup (path));
  g_array_append_val (self->types, type);
}

static void
add_condition (SfSoqlBuilder  *self,
               const char     *field,
               SfSoqlOperator  op,
               const char     *literal)
{
  if (!check_path (self, field))
    return;

  if ((guint) op >= G_N_ELEMENTS (operators))
    {
      if (self->first_error == NULL)
        self->first_error = g_strdup ("Unknown SOQL operator");
      return;
    }

  g_ptr_array_add (self->conditions,
                   g_strdup_printf ("%s %s %s", field, operators[op], literal));
}

void
sf_soql_builder_where_string (SfSoqlBuilder  *self,
                              const char     *field,
                              SfSoqlOperator  op,
                              const char     *value)
{
  g_autofree char *literal = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (value != NULL);

  literal = sf_soql_quote_string (value);
  add_condition (self, field, op, literal);
}

void
sf_soql_builder_where_string_in (SfSoqlBuilder      *self,
                                 const char         *field,
                                 const char * const *values)
{
  g_autoptr(GString) list = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (values != NULL && values[0] != NULL);

  if (!check_path (self, field))
    return;

  list = g_string_new (NULL);
  for (guint i = 0; values[i] != NULL; i++)
    {
      g_autofree char *literal = sf_soql_quote_string (values[i]);

      if (i > 0)
        g_string_append_c (list, ',');
      g_string_append (list, literal);
    }

  g_ptr_array_add (self->conditions, g_strdup_printf ("%s IN (%s)", field, list->str));
}

void
sf_soql_builder_where_boolean (SfSoqlBuilder *self,
                               const char    *field,
                               gboolean       value)
{
  g_return_if_fail (self != NULL);

  add_condition (self, field, SF_SOQL_EQ, value ? "true" : "false");
}

void
sf_soql_builder_where_datetime (SfSoqlBuilder  *self,
                                const char     *field,
                                SfSoqlOperator  op,
                                GDateTime      *value)
{
  g_autofree char *literal = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (value != NULL);

  literal = sf_soql_format_datetime (value);
  add_condition (self, field, op, literal);
}

/**
 * sf_soql_builder_where_after:
 * @field: the datetime the query is ordered by, usually `SystemModstamp`
 * @value: the @field of the last row already stored
 * @last_id: (nullable): the Id of that row
 *
 * Resumes a query ordered by @field, Id after the last row stored: the
 * position a sync engine commits with each page, and the one to restart from
 * after INVALID_QUERY_LOCATOR. Rows at exactly @value with a greater Id are
 * included; because the literal is truncated to the second, a few rows already
 * stored may come again, but none is skipped.
 */
void
sf_soql_builder_where_after (SfSoqlBuilder *self,
                             const char    *field,
                             GDateTime     *value,
                             const char    *last_id)
{
  g_autofree char *literal = NULL;
  g_autofree char *id = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (value != NULL);

  if (!check_path (self, field))
    return;

  literal = sf_soql_format_datetime (value);
  if (last_id == NULL)
    {
      g_ptr_array_add (self->conditions, g_strdup_printf ("%s >= %s", field, literal));
      return;
    }

  id = sf_soql_quote_string (last_id);
  g_ptr_array_add (self->conditions,
                   g_strdup_printf ("(%s > %s OR (%s = %s AND Id > %s))",
                                    field, literal, field, literal, id));
}

void
sf_soql_builder_order_by (SfSoqlBuilder *self,
                          const char    *field,
                          gboolean       ascending)
{
  g_return_if_fail (self != NULL);

  if (!check_path (self, field))
    return;

  g_ptr_array_add (self->order, g_strdup_printf ("%s %s", field, ascending ? "ASC" : "DESC"));
}

/**
 * sf_soql_builder_set_limit:
 * @limit: the row limit, 0 for none
 */
void
sf_soql_builder_set_limit (SfSoqlBuilder *self,
                           guint          limit)
{
  g_return_if_fail (self != NULL);

  self->limit = limit;
}

const char *
sf_soql_builder_get_sobject (const SfSoqlBuilder *self)
{
  return self->sobject;
}

guint
sf_soql_builder_get_n_fields (const SfSoqlBuilder *self)
{
  return self->fields->len;
}

const char *
sf_soql_builder_get_field (const SfSoqlBuilder *self,
                           guint                index)
{
  g_return_val_if_fail (index < self->fields->len, NULL);

  return g_ptr_array_index (self->fields, index);
}

SfFieldType
sf_soql_builder_get_field_type (const SfSoqlBuilder *self,
                                guint                index)
{
  g_return_val_if_fail (index < self->types->len, SF_FIELD_TYPE_UNKNOWN);

  return g_array_index (self->types, SfFieldType, index);
}

static void
append_joined (GString    *out,
               GPtrArray  *items,
               const char *separator)
{
  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0)
        g_string_append (out, separator);
      g_string_append (out, g_ptr_array_index (items, i));
    }
}

/**
 * sf_soql_builder_build_with_fields:
 * @fields: the SELECT list to use instead of the builder's
 * @extra_condition: (nullable): a condition ANDed to the builder's, already
 *   formatted by this library
 * @keep_order_and_limit: whether to keep ORDER BY and LIMIT
 *
 * Used to split a SELECT that is too wide for one URL into parts.
 */
char *
sf_soql_builder_build_with_fields (const SfSoqlBuilder *self,
                                   const char * const  *fields,
                                   const char          *extra_condition,
                                   gboolean             keep_order_and_limit,
                                   GError             **error)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->first_error != NULL)
    {
      g_set_error_literal (error, SF_ERROR, SF_ERROR_INVALID_ARGUMENT, self->first_error);
      return NULL;
    }

  if (fields == NULL || fields[0] == NULL)
    {
      g_set_error (error, SF_ERROR, SF_ERROR_INVALID_ARGUMENT,
                   "A query of %s selects no fields", self->sobject);
      return NULL;
    }

  out = g_string_new ("SELECT ");
  for (guint i = 0; fields[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, fields[i]);
    }
  g_string_append_printf (out, " FROM %s", self->sobject);

  if (self->conditions->len > 0 || extra_condition != NULL)
    {
      g_string_append (out, " WHERE ");
      append_joined (out, self->conditions, " AND ");
      if (extra_condition != NULL)
        g_string_append_printf (out, "%s%s", self->conditions->len > 0 ? " AND " : "",
                                extra_condition);
    }

  if (keep_order_and_limit && self->order->len > 0)
    {
      g_string_append (out, " ORDER BY ");
      append_joined (out, self->order, ",");
    }

  if (keep_order_and_limit && self->limit > 0)
    g_string_append_printf (out, " LIMIT %u", self->limit);

  return g_string_free (out, FALSE);
}

/**
 * sf_soql_builder_build:
 *
 * Returns: (transfer full): the SOQL statement, or %NULL with @error set
 *   (%SF_ERROR_INVALID_ARGUMENT) if any part was refused
 */
char *
sf_soql_builder_build (const SfSoqlBuilder *self,
                       GError             **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  return sf_soql_builder_build_with_fields (self,
                                            (const char * const *) self->fields->pdata,
                                            NULL, TRUE, error);
}
