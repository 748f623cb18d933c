/* sf-limit-info.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "sf-limit-info.h"

G_DEFINE_BOXED_TYPE (SfLimitInfo, sf_limit_info, sf_limit_info_copy, sf_limit_info_free)

SfLimitInfo *
sf_limit_info_copy (const SfLimitInfo *self)
{
  SfLimitInfo *copy = g_memdup2 (self, sizeof *self);

  copy->app_name = g_strdup (self->app_name);
  return copy;
}

void
sf_limit_info_free (SfLimitInfo *self)
{
  if (self == NULL)
    return;

  g_free (self->app_name);
  g_free (self);
}

/* Parses `USED/MAX`, optionally followed by `(appName=NAME)` as the documented
 * per-app form has it. */
static gboolean
parse_usage (const char  *text,
             gint64      *used,
             gint64      *max,
             char       **app_name)
{
  char *end = NULL;
  gint64 u, m;

  while (g_ascii_isspace (*text))
    text++;
  if (!g_ascii_isdigit (*text))
    return FALSE;

  u = g_ascii_strtoll (text, &end, 10);
  if (end == NULL || *end != '/' || !g_ascii_isdigit (end[1]))
    return FALSE;

  m = g_ascii_strtoll (end + 1, &end, 10);
  while (g_ascii_isspace (*end))
    end++;

  if (app_name != NULL && g_str_has_prefix (end, "(appName="))
    {
      const char *close = strchr (end, ')');

      if (close != NULL)
        *app_name = g_strndup (end + strlen ("(appName="), close - end - strlen ("(appName="));
    }

  *used = u;
  *max = m;
  return TRUE;
}

/**
 * sf_limit_info_parse:
 * @header: (nullable): the value of a `Sforce-Limit-Info` header, such as
 *   `api-usage=18/15000; per-app-api-usage=17/250(appName=sample)`
 *
 * Unknown parts (such as `api-bursts`) are ignored, and so is a malformed part.
 *
 * Returns: (transfer full) (nullable): the parsed header, or %NULL if it has
 *   no usable `api-usage`
 */
SfLimitInfo *
sf_limit_info_parse (const char *header)
{
  g_autoptr(SfLimitInfo) info = NULL;
  g_auto(GStrv) parts = NULL;

  if (header == NULL)
    return NULL;

  info = g_new0 (SfLimitInfo, 1);
  info->api_used = info->api_max = -1;
  info->per_app_used = info->per_app_max = -1;

  parts = g_strsplit_set (header, ";,", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);
      char *eq = strchr (part, '=');

      if (eq == NULL)
        continue;
      *eq = '\0';

      if (g_ascii_strcasecmp (g_strstrip (part), "api-usage") == 0)
        parse_usage (eq + 1, &info->api_used, &info->api_max, NULL);
      else if (g_ascii_strcasecmp (part, "per-app-api-usage") == 0)
        {
          g_clear_pointer (&info->app_name, g_free);
          parse_usage (eq + 1, &info->per_app_used, &info->per_app_max, &info->app_name);
        }
    }

  if (info->api_used < 0)
    return NULL;

  return g_steal_pointer (&info);
}
