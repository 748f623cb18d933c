/* sf-record-batch.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sf-value.h"

G_BEGIN_DECLS

#define SF_TYPE_RECORD_BATCH (sf_record_batch_get_type ())

/* A page of records as a table of typed values: one query page or one Bulk
 * result chunk. There is no object per record: a sync engine walks the rows and
 * binds each SfValue to its INSERT, which is what keeps tens of thousands of
 * records a second cheap. Immutable once handed out, so it may be passed to
 * another thread. */
typedef struct _SfRecordBatch SfRecordBatch;

GType           sf_record_batch_get_type         (void) G_GNUC_CONST;
SfRecordBatch  *sf_record_batch_ref              (SfRecordBatch *self);
void            sf_record_batch_unref            (SfRecordBatch *self);
guint           sf_record_batch_get_n_rows       (SfRecordBatch *self);
guint           sf_record_batch_get_n_columns    (SfRecordBatch *self);
const char     *sf_record_batch_get_column_name  (SfRecordBatch *self,
                                                  guint          column);
SfFieldType     sf_record_batch_get_column_type  (SfRecordBatch *self,
                                                  guint          column);
int             sf_record_batch_find_column      (SfRecordBatch *self,
                                                  const char    *name);
const SfValue  *sf_record_batch_get_row          (SfRecordBatch *self,
                                                  guint          row);
const SfValue  *sf_record_batch_get_value        (SfRecordBatch *self,
                                                  guint          row,
                                                  guint          column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfRecordBatch, sf_record_batch_unref)

G_END_DECLS
