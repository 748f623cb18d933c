/* orgsync-ui-format.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "orgsync-format.h"
#include "orgsync-ui-format.h"

/* Short texts shared by the windows. Each takes "now" from the caller, so that a
 * list refreshes every row against one instant and tests can fix the clock. */

char *
orgsync_format_api_usage (gint64 used,
                          gint64 max,
                          guint  threshold)
{
  g_autofree char *used_text = NULL;
  g_autofree char *max_text = NULL;

  if (max <= 0)
    return g_strdup (_("API usage not known yet"));

  used_text = orgsync_format_count (used);
  max_text = orgsync_format_count (max);

  /* Translators: "1,234 of 15,000 API calls today · limit 80%" */
  return g_strdup_printf (_("%s of %s API calls today · limit %u%%"),
                          used_text, max_text, threshold);
}

char *
orgsync_format_last_sync (GDateTime *last_sync,
                          GDateTime *now)
{
  GTimeSpan ago;
  gint64 minutes;
  gint64 hours;
  gint64 days;

  if (last_sync == NULL)
    return g_strdup (_("Not synced yet"));

  ago = MAX (0, g_date_time_difference (now, last_sync));
  minutes = ago / G_TIME_SPAN_MINUTE;
  hours = ago / G_TIME_SPAN_HOUR;
  days = ago / G_TIME_SPAN_DAY;

  if (minutes < 1)
    return g_strdup (_("Last synced just now"));
  if (hours < 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last synced %d minute ago",
                                         "Last synced %d minutes ago", minutes),
                            (int) minutes);
  if (days < 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last synced %d hour ago",
                                         "Last synced %d hours ago", hours),
                            (int) hours);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last synced %d day ago",
                                       "Last synced %d days ago", days),
                          (int) days);
}

char *
orgsync_format_next_sync (GDateTime *next_sync,
                          GDateTime *now)
{
  g_autofree char *clock = NULL;

  if (next_sync == NULL)
    return NULL;

  if (g_date_time_compare (next_sync, now) <= 0)
    return g_strdup (_("Next sync due now"));

  clock = orgsync_format_clock_time (next_sync, now);

  /* Translators: the argument is a time such as "14:00" or "Tue 14:00" */
  return g_strdup_printf (_("Next sync at %s"), clock);
}
