/* orgsync-sync-object.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "orgsync-records-store.h"
#include "sf-describe.h"
#include "sf-record-batch.h"
#include "sf-soql-builder.h"

G_BEGIN_DECLS

/* One selected object during one run: which columns it syncs (from the committed
 * selection and its describe), where it stands, and what it did. Plain data owned by
 * the engine on the main thread; the writer thread only reads the column plan while a
 * write of this object is queued. */

typedef enum
{
  ORGSYNC_SYNC_MODE_FULL,
  ORGSYNC_SYNC_MODE_INCREMENTAL,
} OrgsyncSyncMode;

typedef struct
{
  char                *name;
  SfSObjectDescribe   *describe;
  gboolean             describe_cached;  /* from orgsync.db: revalidate it */
  gboolean             describe_fresh;   /* fetched in this run */
  gboolean             failed;

  GPtrArray           *columns;          /* char *: Id first, then the rest */
  GArray              *specs;            /* OrgsyncColumnSpec over columns */
  GArray              *sf_types;         /* SfFieldType per column */
  const char          *replication_key;  /* SystemModstamp or LastModifiedDate, or NULL */
  gboolean             has_is_deleted;
  gboolean             bulk_compatible;
  GPtrArray           *missing;          /* selected names the describe does not have */

  OrgsyncObjectState  *state;
  GStrv                backfills;
  gint64               local_rows;
  char                *covered_after_reconcile;
  OrgsyncSyncMode      mode;

  OrgsyncPageStats     stats;
  char                *error_message;
  char                *error_code;
} OrgsyncSyncObject;

/* What a page moves the checkpoint to: which bookkeeping it writes. */
typedef enum
{
  ORGSYNC_PAGE_FULL,          /* position "stamp|Id"; complete on the last */
  ORGSYNC_PAGE_INCREMENTAL,   /* high-water mark; IsDeleted rows are deletions */
  ORGSYNC_PAGE_BACKFILL,      /* UPDATE_ONLY of some columns, position = last Id */
  ORGSYNC_PAGE_IDS,           /* Ids for a reconciliation */
  ORGSYNC_PAGE_DELETIONS,     /* getDeleted's Ids and position only */
} OrgsyncPageKind;

/* One page on its way to the writer thread. */
typedef struct
{
  char             *object;
  OrgsyncPageKind   kind;
  GStrv             columns;          /* the writer's columns */
  char             *replication_key;  /* nullable */
  gboolean          deleted_column;   /* IsDeleted is selected: true rows are deletions */
  gboolean          complete;         /* the last page: finish the full sync / backfill */
  gboolean          grouped;          /* may share a transaction with the next pages */
  gboolean          flush;            /* no rows: commit the pages of the open group */

  JsonNode         *json;             /* a query page from /composite, or */
  SfRecordBatch    *batch;            /* a page or Bulk chunk from sf */
  GStrv             deleted_ids;      /* from getDeleted */
  char             *deletes_covered;
  char             *keep_position;    /* DELETIONS: the full sync's position stays */

  /* Results, read on the main thread after the write */
  OrgsyncPageStats  stats;
  guint             n_rows;
  char             *last_stamp;
  char             *last_id;
} OrgsyncSyncPage;

OrgsyncSyncObject *orgsync_sync_object_new            (const char          *name);
void               orgsync_sync_object_free           (OrgsyncSyncObject   *self);
gboolean           orgsync_sync_object_plan_columns   (OrgsyncSyncObject   *self,
                                                       const char * const  *selected,
                                                       GError             **error);
SfSoqlBuilder     *orgsync_sync_object_new_builder    (OrgsyncSyncObject   *self,
                                                       const char * const  *only_columns);
char              *orgsync_sync_object_dup_position   (OrgsyncSyncObject   *self,
                                                       char               **last_id);
void               orgsync_sync_object_set_error      (OrgsyncSyncObject   *self,
                                                       const GError        *error);

OrgsyncSyncPage   *orgsync_sync_page_new              (OrgsyncSyncObject   *object,
                                                       OrgsyncPageKind      kind,
                                                       const char * const  *columns);
void               orgsync_sync_page_free             (OrgsyncSyncPage     *page);
gboolean           orgsync_sync_page_write            (OrgsyncRecordsStore *store,
                                                       gpointer             page,
                                                       GError             **error);

gboolean           orgsync_sync_prepare_schema        (OrgsyncRecordsStore *store,
                                                       gpointer             object,
                                                       GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrgsyncSyncObject, orgsync_sync_object_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrgsyncSyncPage, orgsync_sync_page_free)

G_END_DECLS
