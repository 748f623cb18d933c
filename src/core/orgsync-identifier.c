/* orgsync-identifier.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "orgsync-error.h"
#include "orgsync-identifier.h"

/**
 * orgsync_api_name_validate:
 *
 * Table and column names of records.db come from describe results, and describe
 * results come from the network. Before any of them reaches SQL it must look like a
 * Salesforce API name: an ASCII letter, then letters, digits and underscores, no
 * trailing underscore, no run of three underscores ("ns__Name__c" has two), at most
 * %ORGSYNC_API_NAME_MAX characters, and not SQLite's reserved "sqlite_" prefix. Quotes,
 * spaces, dots, semicolons and non-ASCII letters are all refused, and the name is
 * still always double-quoted.
 */
gboolean
orgsync_api_name_validate (const char  *name,
                           GError     **error)
{
  gsize len;
  guint underscores = 0;

  if (name == NULL || name[0] == '\0')
    goto invalid;

  len = strlen (name);
  if (len > ORGSYNC_API_NAME_MAX || !g_ascii_isalpha (name[0]) || name[len - 1] == '_')
    goto invalid;

  if (g_ascii_strncasecmp (name, "sqlite_", 7) == 0)
    goto invalid;

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (++underscores > 2)
            goto invalid;
        }
      else if (g_ascii_isalnum (*p))
        underscores = 0;
      else
        goto invalid;
    }

  return TRUE;

invalid:
  {
    g_autofree char *shown = name != NULL ? g_strescape (name, NULL) : g_strdup ("(null)");

    g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_IDENTIFIER,
                 _("“%s” is not a valid Salesforce API name; it was not used."), shown);
    return FALSE;
  }
}

/* Double quotes for SQL, with any inner quote doubled (validated names have none, but
 * the quoting does not rely on that). */
char *
orgsync_sql_quote_identifier (const char *name)
{
  GString *quoted;

  g_return_val_if_fail (name != NULL, NULL);

  quoted = g_string_sized_new (strlen (name) + 2);
  g_string_append_c (quoted, '"');
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (quoted, '"');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');

  return g_string_free (quoted, FALSE);
}
