/* fuzz-limit-info.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "sf-limit-info.h"

/* The `Sforce-Limit-Info` header (reference §2.6), which feeds the quota
 * governor on every response: a parsed header always has a usage it can
 * compare. */

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
  g_autofree char *header = g_strndup ((const char *) data, size);
  g_autoptr(SfLimitInfo) info = sf_limit_info_parse (header);
  g_autoptr(SfLimitInfo) copy = NULL;

  if (info == NULL)
    return 0;

  fuzz_check (info->api_used >= 0 && info->api_max >= 0);
  fuzz_check ((info->per_app_used < 0) == (info->per_app_max < 0));
  copy = sf_limit_info_copy (info);
  fuzz_check (copy->api_used == info->api_used && copy->api_max == info->api_max);
  if (info->app_name != NULL)
    fuzz_check (g_strcmp0 (copy->app_name, info->app_name) == 0);

  return 0;
}
