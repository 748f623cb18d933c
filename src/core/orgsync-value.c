/* orgsync-value.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "orgsync-value.h"

/* Value conversions of design.md §8 that SQLite's column affinity cannot do by itself.
 * Numbers need none: a TEXT "1.5E7" bound to a REAL column is stored as 15000000.0.
 * These run once per cell on the hot path, so they avoid allocation. */

static gboolean
all_digits (const char *p,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_zero_offset (const char *zone,
                gsize       n)
{
  if (n == 1 && (zone[0] == 'Z' || zone[0] == 'z'))
    return TRUE;
  if (n == 5 && (zone[0] == '+' || zone[0] == '-') && memcmp (zone + 1, "0000", 4) == 0)
    return TRUE;
  if (n == 6 && (zone[0] == '+' || zone[0] == '-') && memcmp (zone + 1, "00:00", 5) == 0)
    return TRUE;

  return FALSE;
}

/* Slow path for an offset other than UTC; Salesforce sends UTC, so this is rare. */
static gboolean
normalize_with_offset (const char *text,
                       gsize       length,
                       char        out[ORGSYNC_DATETIME_BUFFER_SIZE])
{
  g_autofree char *copy = g_strndup (text, length);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) in_utc = NULL;
  g_autofree char *formatted = NULL;
  gsize zone_start = length;

  /* GLib wants +HH:MM; Salesforce style is +HHMM. */
  if (length >= 5 && (text[length - 5] == '+' || text[length - 5] == '-') &&
      all_digits (text + length - 4, 4))
    {
      zone_start = length - 5;
      g_free (copy);
      copy = g_strdup_printf ("%.*s%c%.2s:%.2s", (int) zone_start, text, text[zone_start],
                              text + zone_start + 1, text + zone_start + 3);
    }

  parsed = g_date_time_new_from_iso8601 (copy, NULL);
  if (parsed == NULL)
    return FALSE;

  in_utc = g_date_time_to_timezone (parsed, utc);
  formatted = g_date_time_format (in_utc, "%Y-%m-%dT%H:%M:%S");
  g_snprintf (out, ORGSYNC_DATETIME_BUFFER_SIZE, "%s.%03dZ", formatted,
              g_date_time_get_microsecond (in_utc) / 1000);

  return TRUE;
}

/**
 * orgsync_value_normalize_datetime:
 * @length: bytes of @text, or -1
 * @out: where the result goes
 *
 * Turns the datetime forms Salesforce sends (REST: "2024-03-15T08:30:00.000+0000",
 * Bulk CSV: "2024-03-15T08:30:00.000Z", with or without milliseconds) into the one
 * form records.db keeps: "2024-03-15T08:30:00.000Z", UTC, milliseconds, Z.
 *
 * Returns: %FALSE when @text is not a datetime (the caller stores it unchanged)
 */
gboolean
orgsync_value_normalize_datetime (const char *text,
                                  gssize      length,
                                  char        out[ORGSYNC_DATETIME_BUFFER_SIZE])
{
  const char *p;
  gsize n, millis_len = 0;

  g_return_val_if_fail (text != NULL, FALSE);

  n = length < 0 ? strlen (text) : (gsize) length;
  if (n < 19 || n > 40)
    return FALSE;

  /* YYYY-MM-DDTHH:MM:SS */
  if (!all_digits (text, 4) || text[4] != '-' || !all_digits (text + 5, 2) || text[7] != '-' ||
      !all_digits (text + 8, 2) || (text[10] != 'T' && text[10] != ' ') ||
      !all_digits (text + 11, 2) || text[13] != ':' || !all_digits (text + 14, 2) ||
      text[16] != ':' || !all_digits (text + 17, 2))
    return FALSE;

  p = text + 19;
  if (p < text + n && *p == '.')
    {
      p++;
      while (p + millis_len < text + n && g_ascii_isdigit (p[millis_len]))
        millis_len++;
      if (millis_len == 0)
        return FALSE;
    }

  {
    const char *zone = p + millis_len;
    gsize zone_len = (text + n) - zone;

    if (zone_len != 0 && !is_zero_offset (zone, zone_len))
      return normalize_with_offset (text, n, out);
  }

  memcpy (out, text, 19);
  out[10] = 'T';
  out[19] = '.';
  for (gsize i = 0; i < 3; i++)
    out[20 + i] = i < millis_len ? p[i] : '0';
  out[23] = 'Z';
  out[24] = '\0';

  return TRUE;
}

/**
 * orgsync_value_parse_boolean:
 *
 * Returns: 1 for "true"/"1", 0 for "false"/"0" (any case), -1 otherwise
 */
int
orgsync_value_parse_boolean (const char *text,
                             gssize      length)
{
  gsize n;

  g_return_val_if_fail (text != NULL, -1);

  n = length < 0 ? strlen (text) : (gsize) length;

  if ((n == 4 && g_ascii_strncasecmp (text, "true", 4) == 0) || (n == 1 && text[0] == '1'))
    return 1;
  if ((n == 5 && g_ascii_strncasecmp (text, "false", 5) == 0) || (n == 1 && text[0] == '0'))
    return 0;

  return -1;
}
