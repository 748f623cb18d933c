/* sf-query.h
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

#define SF_TYPE_QUERY (sf_query_get_type ())

G_DECLARE_FINAL_TYPE (SfQuery, sf_query, SF, QUERY, GObject)

typedef enum
{
  SF_QUERY_FLAGS_NONE       = 0,
  SF_QUERY_FLAGS_ALL        = 1 << 0,  /* queryAll: include deleted and archived rows */
  SF_QUERY_FLAGS_SPLIT_WIDE = 1 << 1,  /* split a SELECT too wide for one URL */
} SfQueryFlags;

/* The most a query URL may be: Salesforce refuses URI + headers above 16 KB
 * (reference §2.3), and the headers need some of that. */
#define SF_QUERY_MAX_URL_LENGTH 15000

/**
 * SfQueryResumeFunc:
 * @query: the query whose locator expired
 * @user_data: closure data
 *
 * Called after INVALID_QUERY_LOCATOR to learn where to start again: usually
 * the caller's last committed position, with sf_soql_builder_where_after().
 *
 * Returns: (transfer full) (nullable): the query to continue with, or %NULL
 *   to fail with the INVALID_QUERY_LOCATOR error
 */
typedef SfSoqlBuilder *(*SfQueryResumeFunc) (SfQuery  *query,
                                             gpointer  user_data);

SfQuery        *sf_query_new                  (SfClient             *client,
                                               const SfSoqlBuilder  *builder,
                                               SfQueryFlags          flags);
SfQuery        *sf_query_new_for_soql         (SfClient             *client,
                                               const char           *soql,
                                               SfQueryFlags          flags);
void            sf_query_set_batch_size       (SfQuery              *self,
                                               guint                 batch_size);
void            sf_query_set_column_types     (SfQuery              *self,
                                               const char * const   *names,
                                               const SfFieldType    *types);
void            sf_query_set_resume_func      (SfQuery              *self,
                                               SfQueryResumeFunc     func,
                                               gpointer              user_data,
                                               GDestroyNotify        destroy);
void            sf_query_restart              (SfQuery              *self,
                                               const SfSoqlBuilder  *builder);
void            sf_query_next_page_async      (SfQuery              *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
SfRecordBatch  *sf_query_next_page_finish     (SfQuery              *self,
                                               GAsyncResult         *result,
                                               GError              **error);
gint64          sf_query_get_total_size       (SfQuery              *self);
gboolean        sf_query_get_done             (SfQuery              *self);
guint64         sf_query_get_records_received (SfQuery              *self);
guint           sf_query_get_restarts         (SfQuery              *self);
guint           sf_query_get_n_parts          (SfQuery              *self);

G_END_DECLS
