/* sim-writer.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <math.h>
#include <string.h>

#include "sim-writer.h"
#include "sim-util.h"

void
sim_write_attributes (GString    *out,
                      SimObject  *object,
                      const char *id,
                      const char *version)
{
  g_string_append (out, "\"attributes\":{\"type\":");
  sim_json_append_string (out, object->name, -1);
  if (object->kind != SIM_OBJECT_USER_PERMISSION_ACCESS)
    {
      g_string_append (out, ",\"url\":\"/services/data/v");
      g_string_append (out, version);
      g_string_append (out, "/sobjects/");
      g_string_append (out, object->name);
      g_string_append_c (out, '/');
      g_string_append (out, id);
      g_string_append_c (out, '"');
    }
  g_string_append_c (out, '}');
}

static void
append_int (GString *out,
            gint64   value)
{
  char buf[24];
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;
  int n = sizeof buf;

  do
    {
      buf[--n] = '0' + magnitude % 10;
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    buf[--n] = '-';
  g_string_append_len (out, buf + n, sizeof buf - n);
}

static void
write_scalar_json (GString        *out,
                   SimRow         *row,
                   SimField       *field,
                   const SimValue *v,
                   const char     *version)
{
  switch (v->kind)
    {
    case SIM_VALUE_NULL:
      g_string_append_len (out, "null", 4);
      break;
    case SIM_VALUE_STRING:
      if (field->type == SIM_TYPE_BASE64)
        {
          char id[19];

          /* Salesforce returns a blob URL in query results, not the data. */
          sim_row_id (row, id);
          g_string_append_printf (out, "\"/services/data/v%s/sobjects/%s/%s/%s\"", version,
                                  row->table->object->name, id, field->name);
        }
      else
        sim_json_append_string (out, v->str, v->len);
      break;
    case SIM_VALUE_BOOL:
      if (v->i)
        g_string_append_len (out, "true", 4);
      else
        g_string_append_len (out, "false", 5);
      break;
    case SIM_VALUE_INT:
      append_int (out, v->i);
      break;
    case SIM_VALUE_DOUBLE:
      sim_append_java_double (out, v->d);
      break;
    case SIM_VALUE_DATE:
      g_string_append_c (out, '"');
      sim_append_date (out, v->i);
      g_string_append_c (out, '"');
      break;
    case SIM_VALUE_DATETIME:
      g_string_append_c (out, '"');
      sim_append_datetime (out, v->i, FALSE);
      g_string_append_c (out, '"');
      break;
    case SIM_VALUE_COMPOUND:
    default:
      g_string_append_len (out, "null", 4);
      break;
    }
}

static void
write_compound_json (GString    *out,
                     SimRow     *row,
                     SimField   *field,
                     const char *version)
{
  /* Components are Street, City, State, PostalCode, Country, Latitude,
   * Longitude, GeocodeAccuracy; the JSON keys come out alphabetically. */
  static const struct { const char *key; int component; } address_keys[] = {
    { "city", 1 }, { "country", 4 }, { "geocodeAccuracy", 7 }, { "latitude", 5 },
    { "longitude", 6 }, { "postalCode", 3 }, { "state", 2 }, { "street", 0 },
  };
  SimObject *object = row->table->object;

  g_string_append_c (out, '{');
  if (field->type == SIM_TYPE_ADDRESS)
    {
      for (guint i = 0; i < G_N_ELEMENTS (address_keys); i++)
        {
          int index = g_array_index (field->components, int, address_keys[i].component);
          SimField *component = sim_object_get_field (object, index);
          SimValue v;

          sim_row_get (row, component, &v);
          if (i > 0)
            g_string_append_c (out, ',');
          g_string_append_printf (out, "\"%s\":", address_keys[i].key);
          write_scalar_json (out, row, component, &v, version);
        }
    }
  else
    {
      static const char *keys[] = { "latitude", "longitude" };

      for (guint i = 0; i < 2; i++)
        {
          SimField *component = sim_object_get_field (object, g_array_index (field->components, int, i));
          SimValue v;

          sim_row_get (row, component, &v);
          if (i > 0)
            g_string_append_c (out, ',');
          g_string_append_printf (out, "\"%s\":", keys[i]);
          write_scalar_json (out, row, component, &v, version);
        }
    }
  g_string_append_c (out, '}');
}

void
sim_write_value_json (GString    *out,
                      SimRow     *row,
                      SimField   *field,
                      const char *version)
{
  SimValue v;

  sim_row_get (row, field, &v);
  if (v.kind == SIM_VALUE_COMPOUND)
    write_compound_json (out, row, field, version);
  else
    write_scalar_json (out, row, field, &v, version);
}

static void
write_nodes (GString    *out,
             SimRow     *row,
             GPtrArray  *nodes,
             const char *version)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      SimSelectNode *node = nodes->pdata[i];

      g_string_append_c (out, ',');
      g_string_append_c (out, '"');
      g_string_append (out, node->children ? node->field->relationship_name : node->field->name);
      g_string_append_len (out, "\":", 2);

      if (node->children == NULL)
        sim_write_value_json (out, row, node->field, version);
      else
        {
          SimRow parent;

          if (!sim_soql_follow (row, node->field, node->target, &parent))
            g_string_append_len (out, "null", 4);
          else
            sim_write_record_json (out, &parent, node->children, version);
        }
    }
}

void
sim_write_record_json (GString    *out,
                       SimRow     *row,
                       GPtrArray  *select,
                       const char *version)
{
  char id[19];

  sim_row_id (row, id);
  g_string_append_c (out, '{');
  sim_write_attributes (out, row->table->object, id, version);
  write_nodes (out, row, select, version);
  g_string_append_c (out, '}');
}

void
sim_write_full_record (GString    *out,
                       SimRow     *row,
                       const char *version)
{
  SimObject *object = row->table->object;
  char id[19];

  sim_row_id (row, id);
  g_string_append_c (out, '{');
  sim_write_attributes (out, object, id, version);
  for (guint i = 0; i < object->fields->len; i++)
    {
      SimField *field = g_ptr_array_index (object->fields, i);

      g_string_append_len (out, ",\"", 2);
      g_string_append (out, field->name);
      g_string_append_len (out, "\":", 2);
      sim_write_value_json (out, row, field, version);
    }
  g_string_append_c (out, '}');
}

void
sim_write_csv_header (GString   *out,
                      GPtrArray *columns,
                      char       delimiter)
{
  for (guint i = 0; i < columns->len; i++)
    {
      SimSoqlPath *path = columns->pdata[i];

      if (i > 0)
        g_string_append_c (out, delimiter);
      sim_csv_append_string (out, path->path, -1);
    }
}

/* Bulk CSV spells numbers as plain decimals, never with an exponent: the shortest
 * digits that read back as the same double, laid out in full. */
static void
append_plain_number (GString *out,
                     double   value)
{
  char buf[64];
  char digits[32];
  gsize n_digits = 0;
  int precision, exp10;
  char *e;

  if (value == (double) (gint64) value && value > -1e15 && value < 1e15)
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) value);
      return;
    }
  if (!isfinite (value))
    {
      g_string_append (out, isnan (value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
      return;
    }

  for (precision = 1; precision <= 17; precision++)
    {
      g_snprintf (buf, sizeof buf, "%.*e", precision - 1, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  e = strchr (buf, 'e');
  exp10 = atoi (e + 1);
  *e = '\0';
  for (const char *p = buf; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      digits[n_digits++] = *p;
  while (n_digits > 1 && digits[n_digits - 1] == '0')
    n_digits--;

  if (value < 0)
    g_string_append_c (out, '-');
  if (exp10 < 0)
    {
      /* 0.000ddd */
      g_string_append (out, "0.");
      for (int i = -1; i > exp10; i--)
        g_string_append_c (out, '0');
      g_string_append_len (out, digits, n_digits);
    }
  else if ((gsize) exp10 + 1 >= n_digits)
    {
      /* ddd000 */
      g_string_append_len (out, digits, n_digits);
      for (gsize i = n_digits; i < (gsize) exp10 + 1; i++)
        g_string_append_c (out, '0');
    }
  else
    {
      /* ddd.ddd */
      g_string_append_len (out, digits, exp10 + 1);
      g_string_append_c (out, '.');
      g_string_append_len (out, digits + exp10 + 1, n_digits - exp10 - 1);
    }
}

void
sim_write_record_csv (GString    *out,
                      SimRow     *row,
                      GPtrArray  *columns,
                      char        delimiter,
                      const char *line_ending)
{
  for (guint i = 0; i < columns->len; i++)
    {
      SimSoqlPath *path = columns->pdata[i];
      SimValue v;

      if (i > 0)
        g_string_append_c (out, delimiter);

      sim_soql_path_value (path, row, &v);
      switch (v.kind)
        {
        case SIM_VALUE_STRING:
          sim_csv_append_string (out, v.str, v.len);
          break;
        case SIM_VALUE_BOOL:
          g_string_append (out, v.i ? "\"true\"" : "\"false\"");
          break;
        case SIM_VALUE_INT:
          g_string_append_c (out, '"');
          append_int (out, v.i);
          g_string_append_c (out, '"');
          break;
        case SIM_VALUE_DOUBLE:
          g_string_append_c (out, '"');
          append_plain_number (out, v.d);
          g_string_append_c (out, '"');
          break;
        case SIM_VALUE_DATE:
          g_string_append_c (out, '"');
          sim_append_date (out, v.i);
          g_string_append_c (out, '"');
          break;
        case SIM_VALUE_DATETIME:
          g_string_append_c (out, '"');
          sim_append_datetime (out, v.i, TRUE);
          g_string_append_c (out, '"');
          break;
        case SIM_VALUE_NULL:
        case SIM_VALUE_COMPOUND:
        default:
          g_string_append_len (out, "\"\"", 2);
          break;
        }
    }
  g_string_append (out, line_ending);
}
