/* orgsync-sync-estimate.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sf-client.h"

G_BEGIN_DECLS

/**
 * OrgsyncSyncEstimate:
 * @records: records the next sync fetches for the new fields and tables
 * @api_calls: API calls that sync costs
 * @api_used: API calls the org used today when estimated, -1 when not known
 * @api_max: the org's daily limit, -1 when not known
 *
 * What the first sync of a changed selection costs. Salesforce's record counts are
 * a cached snapshot, so the figures are approximate.
 */
typedef struct
{
  guint64 records;
  guint64 api_calls;
  gint64  api_used;
  gint64  api_max;
} OrgsyncSyncEstimate;

guint64              orgsync_sync_estimate_idle_run_calls (guint                 n_selected);
guint64              orgsync_sync_estimate_query_calls    (gint64                rows,
                                                           gboolean              bulk_compatible);
void                 orgsync_sync_estimate_async          (SfClient             *client,
                                                           GListModel           *sobjects,
                                                           const char           *records_path,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
OrgsyncSyncEstimate *orgsync_sync_estimate_finish         (GAsyncResult         *result,
                                                           GError              **error);

G_END_DECLS
