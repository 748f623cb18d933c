/* sf-value.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "sf-value.h"

static const char * const type_names[] = {
  [SF_FIELD_TYPE_UNKNOWN] = "unknown",
  [SF_FIELD_TYPE_ID] = "id",
  [SF_FIELD_TYPE_STRING] = "string",
  [SF_FIELD_TYPE_BOOLEAN] = "boolean",
  [SF_FIELD_TYPE_INT] = "int",
  [SF_FIELD_TYPE_LONG] = "long",
  [SF_FIELD_TYPE_DOUBLE] = "double",
  [SF_FIELD_TYPE_CURRENCY] = "currency",
  [SF_FIELD_TYPE_PERCENT] = "percent",
  [SF_FIELD_TYPE_DATE] = "date",
  [SF_FIELD_TYPE_DATETIME] = "datetime",
  [SF_FIELD_TYPE_TIME] = "time",
  [SF_FIELD_TYPE_REFERENCE] = "reference",
  [SF_FIELD_TYPE_PICKLIST] = "picklist",
  [SF_FIELD_TYPE_MULTIPICKLIST] = "multipicklist",
  [SF_FIELD_TYPE_COMBOBOX] = "combobox",
  [SF_FIELD_TYPE_TEXTAREA] = "textarea",
  [SF_FIELD_TYPE_PHONE] = "phone",
  [SF_FIELD_TYPE_EMAIL] = "email",
  [SF_FIELD_TYPE_URL] = "url",
  [SF_FIELD_TYPE_ENCRYPTEDSTRING] = "encryptedstring",
  [SF_FIELD_TYPE_BASE64] = "base64",
  [SF_FIELD_TYPE_ADDRESS] = "address",
  [SF_FIELD_TYPE_LOCATION] = "location",
  [SF_FIELD_TYPE_ANYTYPE] = "anyType",
  [SF_FIELD_TYPE_COMPLEXVALUE] = "complexvalue",
  [SF_FIELD_TYPE_DATACATEGORYGROUPREFERENCE] = "datacategorygroupreference",
  [SF_FIELD_TYPE_JSON] = "json",
};

/**
 * sf_field_type_from_string:
 * @type: (nullable): the `type` of a describe field
 *
 * Returns: the type, or %SF_FIELD_TYPE_UNKNOWN for a type this library does
 *   not know (its values are then stored as they come)
 */
SfFieldType
sf_field_type_from_string (const char *type)
{
  if (type == NULL)
    return SF_FIELD_TYPE_UNKNOWN;

  for (guint i = 1; i < G_N_ELEMENTS (type_names); i++)
    if (g_ascii_strcasecmp (type_names[i], type) == 0)
      return (SfFieldType) i;

  return SF_FIELD_TYPE_UNKNOWN;
}

const char *
sf_field_type_to_string (SfFieldType type)
{
  if ((guint) type >= G_N_ELEMENTS (type_names))
    return "unknown";

  return type_names[type];
}

/**
 * sf_field_type_is_bulk_selectable:
 *
 * Bulk API queries reject compound address and location fields ("Selecting
 * compound data not supported in Bulk Query") and cannot carry base64 blobs
 * (reference §3.3, §7.5): select the component fields, or use REST for those.
 */
gboolean
sf_field_type_is_bulk_selectable (SfFieldType type)
{
  switch (type)
    {
    case SF_FIELD_TYPE_ADDRESS:
    case SF_FIELD_TYPE_LOCATION:
    case SF_FIELD_TYPE_BASE64:
      return FALSE;
    default:
      return TRUE;
    }
}

/**
 * sf_field_type_get_value_kind:
 *
 * Returns: the column type records.db uses for @type (design.md §8); NULL
 *   values are possible in every column
 */
SfValueKind
sf_field_type_get_value_kind (SfFieldType type)
{
  switch (type)
    {
    case SF_FIELD_TYPE_BOOLEAN:
    case SF_FIELD_TYPE_INT:
    case SF_FIELD_TYPE_LONG:
      return SF_VALUE_INTEGER;
    case SF_FIELD_TYPE_DOUBLE:
    case SF_FIELD_TYPE_CURRENCY:
    case SF_FIELD_TYPE_PERCENT:
      return SF_VALUE_REAL;
    default:
      return SF_VALUE_TEXT;
    }
}

/* Writes @value as @count digits: snprintf is most of the cost of a
 * datetime column otherwise. */
static char *
write_digits (char *out,
              int   value,
              guint count)
{
  for (guint i = count; i > 0; i--)
    {
      out[i - 1] = (char) ('0' + value % 10);
      value /= 10;
    }

  return out + count;
}

static gboolean
read_digits (const char **p,
             const char  *end,
             guint        count,
             int         *out)
{
  int value = 0;

  if ((gsize) (end - *p) < count)
    return FALSE;

  for (guint i = 0; i < count; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      value = value * 10 + ((*p)[i] - '0');
    }

  *p += count;
  *out = value;
  return TRUE;
}

static gboolean
expect (const char **p,
        const char  *end,
        char         c)
{
  if (*p >= end || **p != c)
    return FALSE;

  (*p)++;
  return TRUE;
}

/* Parses `HH:MM[:SS[.fff…]]`, leaving *p after it. */
static gboolean
read_clock (const char **p,
            const char  *end,
            int         *hour,
            int         *minute,
            int         *second,
            int         *millis)
{
  *second = *millis = 0;

  if (!read_digits (p, end, 2, hour) || !expect (p, end, ':') ||
      !read_digits (p, end, 2, minute))
    return FALSE;

  if (*p < end && **p == ':')
    {
      (*p)++;
      if (!read_digits (p, end, 2, second))
        return FALSE;

      if (*p < end && **p == '.')
        {
          int scale = 100;

          (*p)++;
          if (*p >= end || !g_ascii_isdigit (**p))
            return FALSE;
          for (; *p < end && g_ascii_isdigit (**p); (*p)++, scale /= 10)
            *millis += (**p - '0') * scale;
        }
    }

  return *hour < 24 && *minute < 60 && *second < 61;
}

/* Parses `Z`, `+hhmm`, `+hh:mm`, `-…` or nothing (UTC) up to the end. */
static gboolean
read_zone (const char **p,
           const char  *end,
           int         *offset_minutes)
{
  int sign, hours, minutes = 0;

  *offset_minutes = 0;
  if (*p == end)
    return TRUE;

  if (**p == 'Z' || **p == 'z')
    return ++(*p) == end;

  if (**p != '+' && **p != '-')
    return FALSE;

  sign = (**p == '-') ? -1 : 1;
  (*p)++;
  if (!read_digits (p, end, 2, &hours))
    return FALSE;
  if (*p < end && **p == ':')
    (*p)++;
  if (*p < end && !read_digits (p, end, 2, &minutes))
    return FALSE;

  *offset_minutes = sign * (hours * 60 + minutes);
  return *p == end;
}

/**
 * sf_normalize_datetime:
 * @text: a datetime as REST (`2024-03-15T08:30:00.000+0000`) or Bulk
 *   (`2024-03-15T08:30:00.000Z`) sends it, or with any other offset
 * @length: its length
 * @out: (out caller-allocates): receives `2024-03-15T08:30:00.000Z`
 *
 * Returns: %FALSE if @text is not a datetime; @out is then unchanged
 */
gboolean
sf_normalize_datetime (const char *text,
                       gsize       length,
                       char        out[25])
{
  const char *p = text;
  const char *end = text + length;
  int year, month, day, hour, minute, second, millis, offset;

  if (!read_digits (&p, end, 4, &year) || !expect (&p, end, '-') ||
      !read_digits (&p, end, 2, &month) || !expect (&p, end, '-') ||
      !read_digits (&p, end, 2, &day) ||
      (!expect (&p, end, 'T') && !expect (&p, end, ' ')) ||
      !read_clock (&p, end, &hour, &minute, &second, &millis) ||
      !read_zone (&p, end, &offset))
    return FALSE;

  if (month < 1 || month > 12 || day < 1 || day > 31)
    return FALSE;

  if (offset != 0)
    {
      g_autoptr(GDateTime) local = NULL;
      g_autoptr(GDateTime) utc = NULL;

      local = g_date_time_new_utc (year, month, day, hour, minute, second);
      if (local == NULL)
        return FALSE;
      /* 9999-12-31T23:30-01:00 is in the year 10000, which GDateTime refuses. */
      utc = g_date_time_add_minutes (local, -offset);
      if (utc == NULL)
        return FALSE;
      year = g_date_time_get_year (utc);
      month = g_date_time_get_month (utc);
      day = g_date_time_get_day_of_month (utc);
      hour = g_date_time_get_hour (utc);
      minute = g_date_time_get_minute (utc);
      second = g_date_time_get_second (utc);
    }

  {
    char *p_out = out;

    p_out = write_digits (p_out, year, 4);
    *p_out++ = '-';
    p_out = write_digits (p_out, month, 2);
    *p_out++ = '-';
    p_out = write_digits (p_out, day, 2);
    *p_out++ = 'T';
    p_out = write_digits (p_out, hour, 2);
    *p_out++ = ':';
    p_out = write_digits (p_out, minute, 2);
    *p_out++ = ':';
    p_out = write_digits (p_out, second, 2);
    *p_out++ = '.';
    p_out = write_digits (p_out, millis, 3);
    *p_out++ = 'Z';
    *p_out = '\0';
  }
  return TRUE;
}

/**
 * sf_normalize_time:
 * @text: a time such as `08:30:00.000Z`
 * @length: its length
 * @out: (out caller-allocates): receives `08:30:00.000Z`
 *
 * Returns: %FALSE if @text is not a time
 */
gboolean
sf_normalize_time (const char *text,
                   gsize       length,
                   char        out[14])
{
  const char *p = text;
  const char *end = text + length;
  int hour, minute, second, millis, offset;

  if (!read_clock (&p, end, &hour, &minute, &second, &millis) ||
      !read_zone (&p, end, &offset))
    return FALSE;

  if (offset != 0)
    {
      int total = ((hour * 60 + minute - offset) % 1440 + 1440) % 1440;

      hour = total / 60;
      minute = total % 60;
    }

  g_snprintf (out, 14, "%02d:%02d:%02d.%03dZ", hour, minute, second, millis);
  return TRUE;
}
