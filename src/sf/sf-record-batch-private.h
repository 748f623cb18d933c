/* sf-record-batch-private.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sf-record-batch.h"

G_BEGIN_DECLS

SfRecordBatch  *_sf_record_batch_new              (const char * const *names,
                                                   const SfFieldType  *types,
                                                   guint               n_columns);
void            _sf_record_batch_add_json_record  (SfRecordBatch      *self,
                                                   JsonObject         *record);
void            _sf_record_batch_add_csv_row      (SfRecordBatch      *self,
                                                   const char * const *fields,
                                                   const gsize        *lengths);
void            _sf_record_batch_append_row       (SfRecordBatch      *self,
                                                   const SfValue      *values);
const char     *_sf_record_batch_get_text         (SfRecordBatch      *self,
                                                   guint               row,
                                                   guint               column);
GStrv           _sf_json_record_get_columns       (JsonObject         *record);
void            _sf_value_from_json               (SfValue            *value,
                                                   JsonNode           *node,
                                                   SfFieldType         type,
                                                   GStringChunk       *strings);
void            _sf_value_from_text               (SfValue            *value,
                                                   const char         *text,
                                                   gsize               length,
                                                   SfFieldType         type,
                                                   GStringChunk       *strings);

G_END_DECLS
