/* orgsync-describe-cache.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "orgsync-describe-cache.h"

/* sf's describes in orgsync.db: the compact field rows for the customizer, and sf's
 * own cache blob (which keeps the fetch time for If-Modified-Since) for the engine.
 * Objects that describeGlobal listed but nobody described yet have a row without
 * fields and without a blob. */

static OrgsyncFieldFlags
field_flags (const SfField *field)
{
  OrgsyncFieldFlags flags = ORGSYNC_FIELD_FLAG_NONE;

  if (field->custom)
    flags |= ORGSYNC_FIELD_FLAG_CUSTOM;
  if (field->calculated)
    flags |= ORGSYNC_FIELD_FLAG_CALCULATED;

  return flags;
}

gboolean
orgsync_describe_cache_store (OrgsyncDatabase    *database,
                              const char         *connection_id,
                              SfSObjectDescribe  *describe,
                              GError            **error)
{
  const SfSObjectInfo *info = sf_sobject_describe_get_info (describe);
  guint n = sf_sobject_describe_get_n_fields (describe);
  g_autofree OrgsyncFieldInfo *fields = g_new0 (OrgsyncFieldInfo, MAX (n, 1));
  g_autoptr(GBytes) blob = sf_sobject_describe_to_cache (describe);
  g_autofree char *raw = g_strndup (g_bytes_get_data (blob, NULL), g_bytes_get_size (blob));
  OrgsyncSObjectInfo object = { info->name, info->label, info->custom, info->queryable };

  for (guint i = 0; i < n; i++)
    {
      const SfField *field = sf_sobject_describe_get_field (describe, i);

      fields[i].name = field->name;
      fields[i].label = field->label;
      fields[i].type = field->type_name;
      fields[i].length = field->length;
      fields[i].flags = field_flags (field);
      fields[i].compound_field_name = field->compound_field_name;
    }

  return orgsync_database_store_describe (database, connection_id, &object, fields, n, NULL, raw, error);
}

/* Returns: (transfer full) (nullable): the cached describe, or %NULL (without an error
 *   when there is none) */
SfSObjectDescribe *
orgsync_describe_cache_load (OrgsyncDatabase  *database,
                             const char       *connection_id,
                             const char       *object,
                             GError          **error)
{
  g_autofree char *raw = NULL;
  g_autoptr(GBytes) blob = NULL;
  g_autoptr(GError) local_error = NULL;
  SfSObjectDescribe *describe;

  if (!orgsync_database_lookup_describe (database, connection_id, object, NULL, &raw, error) || raw == NULL)
    return NULL;

  blob = g_bytes_new (raw, strlen (raw));
  describe = sf_sobject_describe_new_from_cache (blob, &local_error);
  if (describe == NULL)
    g_debug ("Ignoring the cached describe of %s: %s", object, local_error->message);

  return describe;
}

/* Lists the org's queryable objects, keeping the fields of those already described. */
gboolean
orgsync_describe_cache_store_global (OrgsyncDatabase   *database,
                                     const char        *connection_id,
                                     SfGlobalDescribe  *global,
                                     GError           **error)
{
  for (guint i = 0; i < sf_global_describe_get_n_sobjects (global); i++)
    {
      const SfSObjectInfo *info = sf_global_describe_get_sobject (global, i);
      OrgsyncSObjectInfo object = { info->name, info->label, info->custom, info->queryable };

      if (!info->queryable || info->deprecated_and_hidden ||
          orgsync_database_lookup_describe (database, connection_id, info->name, NULL, NULL, NULL))
        continue;

      if (!orgsync_database_store_describe (database, connection_id, &object, NULL, 0, NULL, NULL, error))
        return FALSE;
    }

  return TRUE;
}
