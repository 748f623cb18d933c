/* fuzz-describe.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "sf-describe.h"
#include "sf-error.h"

/* describe and describeGlobal responses (reference §3), and the cache blob
 * made from them: whatever the body, the strings SfField promises are there,
 * and a describe survives the trip through the cache unchanged. */

static void
touch_strv (const char * const *strv)
{
  fuzz_check (strv != NULL);
  for (guint i = 0; strv[i] != NULL; i++)
    fuzz_touch (strv[i], strlen (strv[i]));
}

static void
check_field (const SfField *field)
{
  fuzz_check (field->name != NULL && field->label != NULL);
  fuzz_check (field->type_name != NULL && field->soap_type != NULL);
  fuzz_touch (field->name, strlen (field->name));
  fuzz_touch (field->label, strlen (field->label));
  touch_strv (field->reference_to);
  touch_strv (field->picklist_values);
}

static void
check_info (const SfSObjectInfo *info)
{
  fuzz_check (info->name != NULL && info->label != NULL && info->label_plural != NULL);
  fuzz_touch (info->label_plural, strlen (info->label_plural));
}

static void
check_sobject (SfSObjectDescribe *describe)
{
  g_auto(GStrv) unsupported = sf_sobject_describe_get_bulk_unsupported_fields (describe);
  g_autoptr(GBytes) cache = sf_sobject_describe_to_cache (describe);
  g_autoptr(SfSObjectDescribe) again = NULL;
  g_autoptr(GError) error = NULL;
  guint n = sf_sobject_describe_get_n_fields (describe);

  check_info (sf_sobject_describe_get_info (describe));
  for (guint i = 0; i < n; i++)
    {
      const SfField *field = sf_sobject_describe_get_field (describe, i);

      check_field (field);
      fuzz_check (sf_sobject_describe_find_field (describe, field->name) != NULL);
    }
  touch_strv ((const char * const *) unsupported);

  again = sf_sobject_describe_new_from_cache (cache, &error);
  fuzz_check (again != NULL);
  fuzz_check (sf_sobject_describe_get_n_fields (again) == n);
  fuzz_check (g_strcmp0 (sf_sobject_describe_get_name (again), sf_sobject_describe_get_name (describe)) == 0);
  for (guint i = 0; i < n; i++)
    fuzz_check (strcmp (sf_sobject_describe_get_field (again, i)->name,
                        sf_sobject_describe_get_field (describe, i)->name) == 0);
}

static void
check_global (SfGlobalDescribe *global)
{
  g_autoptr(GBytes) cache = sf_global_describe_to_cache (global);
  g_autoptr(SfGlobalDescribe) again = NULL;
  g_autoptr(GError) error = NULL;
  guint n = sf_global_describe_get_n_sobjects (global);

  for (guint i = 0; i < n; i++)
    {
      const SfSObjectInfo *info = sf_global_describe_get_sobject (global, i);

      check_info (info);
      fuzz_check (sf_global_describe_find_sobject (global, info->name) != NULL);
    }

  again = sf_global_describe_new_from_cache (cache, &error);
  fuzz_check (again != NULL);
  fuzz_check (sf_global_describe_get_n_sobjects (again) == n);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(SfSObjectDescribe) describe = NULL;
  g_autoptr(SfGlobalDescribe) global = NULL;
  g_autoptr(SfSObjectDescribe) from_cache = NULL;
  g_autoptr(SfGlobalDescribe) global_from_cache = NULL;
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  g_autoptr(GError) e4 = NULL;

  if ((describe = sf_sobject_describe_new_from_json ((const char *) data, size, NULL, &e1)) != NULL)
    check_sobject (describe);
  else
    fuzz_check (fuzz_error_ok (e1, SF_ERROR));

  if ((global = sf_global_describe_new_from_json ((const char *) data, size, NULL, &e2)) != NULL)
    check_global (global);
  else
    fuzz_check (fuzz_error_ok (e2, SF_ERROR));

  /* A cache blob read back from orgsync.db may be damaged too. */
  if ((from_cache = sf_sobject_describe_new_from_cache (bytes, &e3)) != NULL)
    check_sobject (from_cache);
  if ((global_from_cache = sf_global_describe_new_from_cache (bytes, &e4)) != NULL)
    check_global (global_from_cache);

  return 0;
}
