/* orgsync-records-store.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "orgsync-types.h"
#include "orgsync-value.h"

G_BEGIN_DECLS

/* A connection's records.db (design.md §5). One store is one SQLite connection: use it
 * from one thread only (the engine's writer thread), and open another store on any
 * other thread. A page of records, its deletions and its checkpoint are written in one
 * transaction; see orgsync_records_store_write_page(). */

/* One column of an object's table: a selected field as describe reported it. */
typedef struct
{
  const char       *name;
  OrgsyncFieldType  type;
} OrgsyncColumnSpec;

typedef enum
{
  ORGSYNC_WRITE_UPSERT,       /* full and incremental pages: insert or update by Id */
  ORGSYNC_WRITE_UPDATE_ONLY,  /* backfill pages of new columns: rows not kept locally are skipped */
} OrgsyncWriteMode;

/* What the page moves the object's checkpoint to; it commits with the page. */
typedef struct
{
  const char *high_water_mark;  /* replication-key value after this page, or NULL to keep */
  const char *position;         /* where an unfinished full sync / backfill resumes; NULL clears */
  gboolean    complete;         /* this page finishes the full sync / backfill */
  const char *deletes_covered;  /* getDeleted's latestDateCovered, or NULL to keep (UPSERT only) */
} OrgsyncCheckpoint;

typedef struct
{
  guint64 added;
  guint64 updated;
  guint64 deleted;
  guint64 skipped;    /* UPDATE_ONLY rows whose Id is not kept locally */
  guint64 unchanged;  /* UPSERT rows identical to the stored row (a lookback fetched them again) */
} OrgsyncPageStats;

/* The bookkeeping of one object (the _orgsync_object row). */
typedef struct
{
  char     *object;
  char     *field_signature;
  char     *high_water_mark;
  char     *full_sync_position;
  gboolean  full_sync_complete;
  gint64    updated_at;           /* µs since the Unix epoch */
  char     *deletes_covered;      /* where the next getDeleted starts (server time), or NULL */
  gboolean  reconcile_needed;     /* deletion history was lost: list Salesforce's Ids */
} OrgsyncObjectState;

typedef struct _OrgsyncPageWriter OrgsyncPageWriter;

#define ORGSYNC_TYPE_RECORDS_STORE (orgsync_records_store_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncRecordsStore, orgsync_records_store, ORGSYNC, RECORDS_STORE, GObject)

OrgsyncRecordsStore *orgsync_records_store_open               (const char               *path,
                                                               GError                  **error);
const char          *orgsync_records_store_get_path           (OrgsyncRecordsStore      *self);

gboolean             orgsync_records_store_sync_schema        (OrgsyncRecordsStore      *self,
                                                               const char               *object,
                                                               const OrgsyncColumnSpec  *columns,
                                                               guint                     n_columns,
                                                               GPtrArray                *added_columns,
                                                               GError                  **error);
gboolean             orgsync_records_store_drop_object        (OrgsyncRecordsStore      *self,
                                                               const char               *object,
                                                               GError                  **error);
char               **orgsync_records_store_list_objects       (OrgsyncRecordsStore      *self,
                                                               GError                  **error);
char               **orgsync_records_store_list_columns       (OrgsyncRecordsStore      *self,
                                                               const char               *object,
                                                               GError                  **error);
char               **orgsync_records_store_list_backfills     (OrgsyncRecordsStore      *self,
                                                               const char               *object,
                                                               GError                  **error);
OrgsyncObjectState  *orgsync_records_store_get_object_state   (OrgsyncRecordsStore      *self,
                                                               const char               *object,
                                                               GError                  **error);
gboolean             orgsync_records_store_reset_object       (OrgsyncRecordsStore      *self,
                                                               const char               *object,
                                                               GError                  **error);
gboolean             orgsync_records_store_set_reconcile_needed (OrgsyncRecordsStore    *self,
                                                               const char               *object,
                                                               gboolean                  needed,
                                                               GError                  **error);
gint64               orgsync_records_store_count_rows         (OrgsyncRecordsStore      *self,
                                                               const char               *object,
                                                               GError                  **error);

OrgsyncPageWriter   *orgsync_records_store_prepare_writer     (OrgsyncRecordsStore      *self,
                                                               const char               *object,
                                                               const char * const       *columns,
                                                               guint                     n_columns,
                                                               OrgsyncWriteMode          mode,
                                                               GError                  **error);
guint                orgsync_page_writer_get_n_columns        (OrgsyncPageWriter        *writer);
gboolean             orgsync_records_store_write_page         (OrgsyncRecordsStore      *self,
                                                               OrgsyncPageWriter        *writer,
                                                               const OrgsyncValue       *values,
                                                               guint                     n_rows,
                                                               const char * const       *deleted_ids,
                                                               guint                     n_deleted,
                                                               const OrgsyncCheckpoint  *checkpoint,
                                                               OrgsyncPageStats         *stats,
                                                               GError                  **error);
gboolean             orgsync_records_store_write_text_page    (OrgsyncRecordsStore      *self,
                                                               OrgsyncPageWriter        *writer,
                                                               const char * const       *cells,
                                                               guint                     n_rows,
                                                               const char * const       *deleted_ids,
                                                               guint                     n_deleted,
                                                               const OrgsyncCheckpoint  *checkpoint,
                                                               OrgsyncPageStats         *stats,
                                                               GError                  **error);

void                 orgsync_records_store_set_group_commit   (OrgsyncRecordsStore      *self,
                                                               guint                     rows,
                                                               guint                     max_ms);
void                 orgsync_records_store_set_cache_size     (OrgsyncRecordsStore      *self,
                                                               guint                     kib);
gboolean             orgsync_records_store_commit_pages       (OrgsyncRecordsStore      *self,
                                                               OrgsyncPageStats         *stats,
                                                               GError                  **error);
gboolean             orgsync_records_store_reconcile_begin    (OrgsyncRecordsStore      *self,
                                                               const char               *object,
                                                               GError                  **error);
gboolean             orgsync_records_store_reconcile_add_ids  (OrgsyncRecordsStore      *self,
                                                               const char * const       *ids,
                                                               guint                     n_ids,
                                                               GError                  **error);
gboolean             orgsync_records_store_reconcile_finish   (OrgsyncRecordsStore      *self,
                                                               guint64                  *deleted,
                                                               GError                  **error);
void                 orgsync_records_store_reconcile_abort    (OrgsyncRecordsStore      *self);

void                 orgsync_object_state_free                (OrgsyncObjectState       *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrgsyncObjectState, orgsync_object_state_free)

G_END_DECLS
