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

/* A share of the daily limit that stays readable when it is small: "0.1%", "12%". */
static char *
format_share (guint64 calls,
              gint64  max)
{
  double percent = 100.0 * calls / max;

  if (percent < 0.1)
    /* Translators: a tiny share of the daily API limit */
    return g_strdup (_("less than 0.1%"));
  if (percent < 10)
    return g_strdup_printf ("%.1f%%", percent);
  return g_strdup_printf ("%.0f%%", percent);
}

/**
 * orgsync_format_estimate:
 * @threshold: the connection's quota threshold in percent
 *
 * The Review page's sentence on what the next sync costs, with a warning when it
 * would not fit under the threshold today.
 */
char *
orgsync_format_estimate (const OrgsyncSyncEstimate *estimate,
                         guint                      threshold)
{
  g_autofree char *records = orgsync_format_count (estimate->records);
  g_autofree char *count = orgsync_format_count (estimate->api_calls);
  g_autofree char *calls = NULL;
  g_autofree char *cost = NULL;
  g_autofree char *share = NULL;
  g_autofree char *max = NULL;
  gint64 allowed;

  /* Translators: a part of the sentences below */
  calls = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "about %s API call", "about %s API calls",
                                        estimate->api_calls),
                           count);
  if (estimate->records > 0)
    /* Translators: the second argument is "about 14 API calls" */
    cost = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Syncing the added fields fetches about %s record with %s",
                                         "Syncing the added fields fetches about %s records with %s",
                                         estimate->records),
                            records, calls);
  else
    /* Translators: the argument is "about 3 API calls" */
    cost = g_strdup_printf (_("The next sync costs %s"), calls);

  if (estimate->api_max <= 0)
    /* Translators: the sentence above, ended */
    return g_strdup_printf (_("%s."), cost);

  share = format_share (estimate->api_calls, estimate->api_max);
  max = orgsync_format_count (estimate->api_max);
  allowed = estimate->api_max * threshold / 100;

  if (estimate->api_used >= 0 && estimate->api_used + (gint64) estimate->api_calls > allowed)
    /* Translators: the sentence above, the share of the daily limit, the limit, the threshold */
    return g_strdup_printf (_("%s, %s of the org’s daily limit of %s. That is more than is left today under "
                              "the %u%% limit: syncing stops there and goes on when usage falls."),
                            cost, share, max, threshold);

  /* Translators: the sentence above, the share of the daily limit, the limit */
  return g_strdup_printf (_("%s, %s of the org’s daily limit of %s."), cost, share, max);
}
