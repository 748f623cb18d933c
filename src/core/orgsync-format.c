/* orgsync-format.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "orgsync-format.h"

/**
 * orgsync_format_count:
 *
 * Formats a count with the locale's thousands separator ("12,000" in English,
 * "12.000" in German). The C locale has none; it gets the English comma, which is
 * what people expect to read in a message.
 *
 * Returns: (transfer full): the formatted number
 */
char *
orgsync_format_count (gint64 count)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                             count < 0 ? (guint64) -(count + 1) + 1 : (guint64) count);
  const char *separator = localeconv ()->thousands_sep;
  GString *out = g_string_new (count < 0 ? "-" : "");
  gsize len = strlen (digits);

  if (separator == NULL || separator[0] == '\0')
    separator = ",";

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, separator);
      g_string_append_c (out, digits[i]);
    }

  return g_string_free (out, FALSE);
}

/**
 * orgsync_format_clock_time:
 * @time: the time to show
 * @now: the time the text is written at
 *
 * "14:00" for a time of the same day as @now, "Tue 14:00" within a week, a date beyond,
 * all in local time. A text that is kept (a status detail) stays right on later days.
 *
 * Returns: (transfer full): the formatted time
 */
char *
orgsync_format_clock_time (GDateTime *time,
                           GDateTime *now)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);
  g_autoptr(GDateTime) local_now = g_date_time_to_local (now);
  GTimeSpan distance = g_date_time_difference (local, local_now);

  if (g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (local_now) &&
      g_date_time_get_year (local) == g_date_time_get_year (local_now))
    /* Translators: a time of today, see the strftime(3) manual */
    return g_date_time_format (local, _("%H:%M"));

  if (ABS (distance) < 6 * G_TIME_SPAN_DAY)
    /* Translators: a weekday and time, see the strftime(3) manual */
    return g_date_time_format (local, _("%a %H:%M"));

  /* Translators: a date and time, see the strftime(3) manual */
  return g_date_time_format (local, _("%e %b %Y %H:%M"));
}
