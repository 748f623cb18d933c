/* sf-bulk-job.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sf-client.h"
#include "sf-record-batch.h"
#include "sf-soql-builder.h"

G_BEGIN_DECLS

#define SF_TYPE_BULK_JOB (sf_bulk_job_get_type ())

G_DECLARE_FINAL_TYPE (SfBulkJob, sf_bulk_job, SF, BULK_JOB, GObject)

void            sf_bulk_job_create_async        (SfClient             *client,
                                                 const SfSoqlBuilder  *builder,
                                                 gboolean              query_all,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
SfBulkJob      *sf_bulk_job_create_finish       (GAsyncResult         *result,
                                                 GError              **error);
const char     *sf_bulk_job_get_id              (SfBulkJob            *self);
const char     *sf_bulk_job_get_state           (SfBulkJob            *self);
const char     *sf_bulk_job_get_error_message   (SfBulkJob            *self);
gint64          sf_bulk_job_get_records_processed (SfBulkJob          *self);
guint64         sf_bulk_job_get_records_received (SfBulkJob           *self);
void            sf_bulk_job_set_poll_interval   (SfBulkJob            *self,
                                                 guint                 initial_ms,
                                                 guint                 max_ms);
void            sf_bulk_job_wait_async          (SfBulkJob            *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean        sf_bulk_job_wait_finish         (SfBulkJob            *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
void            sf_bulk_job_next_batch_async    (SfBulkJob            *self,
                                                 guint                 max_records,
                                                 guint                 max_rows,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
SfRecordBatch  *sf_bulk_job_next_batch_finish   (SfBulkJob            *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
void            sf_bulk_job_next_chunk_async    (SfBulkJob            *self,
                                                 guint                 max_records,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
SfRecordBatch  *sf_bulk_job_next_chunk_finish   (SfBulkJob            *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
void            sf_bulk_job_abort_async         (SfBulkJob            *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean        sf_bulk_job_abort_finish        (SfBulkJob            *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
void            sf_bulk_job_delete_async        (SfBulkJob            *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean        sf_bulk_job_delete_finish       (SfBulkJob            *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

GStrv           sf_soql_builder_get_bulk_unsupported_fields (const SfSoqlBuilder *builder);

G_END_DECLS
