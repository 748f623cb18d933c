/* orgsync-format.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

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
