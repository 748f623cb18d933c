/* sf-limit-info.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SF_TYPE_LIMIT_INFO (sf_limit_info_get_type ())

/**
 * SfLimitInfo:
 * @api_used: requests used in the org's rolling 24 hours, or -1 if not reported
 * @api_max: the org's allocation, or -1 if not reported
 * @per_app_used: requests of the connected app, or -1 without `per-app-api-usage`
 * @per_app_max: the app's own allocation, or -1
 * @app_name: (nullable): the app named in `per-app-api-usage`, if any
 *
 * One parsed `Sforce-Limit-Info` response header (reference §2.6). Salesforce
 * computes it asynchronously, so it can lag behind the true count a little.
 */
typedef struct
{
  gint64  api_used;
  gint64  api_max;
  gint64  per_app_used;
  gint64  per_app_max;
  char   *app_name;
} SfLimitInfo;

GType        sf_limit_info_get_type (void) G_GNUC_CONST;
SfLimitInfo *sf_limit_info_parse    (const char        *header);
SfLimitInfo *sf_limit_info_copy     (const SfLimitInfo *self);
void         sf_limit_info_free     (SfLimitInfo       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfLimitInfo, sf_limit_info_free)

G_END_DECLS
