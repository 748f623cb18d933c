/* orgsync-records-writer.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "orgsync-records-store.h"

G_BEGIN_DECLS

/* Runs on the writer thread with the thread's own store. */
typedef gboolean (*OrgsyncRecordsWriterFunc) (OrgsyncRecordsStore  *store,
                                              gpointer              data,
                                              GError              **error);

#define ORGSYNC_TYPE_RECORDS_WRITER (orgsync_records_writer_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncRecordsWriter, orgsync_records_writer, ORGSYNC, RECORDS_WRITER, GObject)

OrgsyncRecordsWriter *orgsync_records_writer_new          (const char                *records_path);
void                  orgsync_records_writer_call_async   (OrgsyncRecordsWriter      *self,
                                                           OrgsyncRecordsWriterFunc   func,
                                                           gpointer                   data,
                                                           GDestroyNotify             destroy,
                                                           GCancellable              *cancellable,
                                                           GAsyncReadyCallback        callback,
                                                           gpointer                   user_data);
gboolean              orgsync_records_writer_call_finish  (OrgsyncRecordsWriter      *self,
                                                           GAsyncResult              *result,
                                                           GError                   **error);
guint                 orgsync_records_writer_get_pending  (OrgsyncRecordsWriter      *self);

G_END_DECLS
