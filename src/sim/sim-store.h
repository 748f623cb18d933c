/* sim-store.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sim-schema.h"

G_BEGIN_DECLS

typedef enum
{
  SIM_VALUE_NULL,
  SIM_VALUE_STRING,
  SIM_VALUE_BOOL,
  SIM_VALUE_INT,
  SIM_VALUE_DOUBLE,
  SIM_VALUE_DATE,        /* i = days since 1970-01-01 */
  SIM_VALUE_DATETIME,    /* i = milliseconds since the epoch, UTC */
  SIM_VALUE_COMPOUND,    /* address or location: read the components */
} SimValueKind;

typedef struct
{
  SimValueKind  kind;
  int           len;
  const char   *str;
  gint64        i;
  double        d;
  char          buf[240];
} SimValue;

enum
{
  SIM_ACCESS_READ        = 1 << 0,
  SIM_ACCESS_CREATE      = 1 << 1,
  SIM_ACCESS_EDIT        = 1 << 2,
  SIM_ACCESS_DELETE      = 1 << 3,
  SIM_ACCESS_VIEW_ALL    = 1 << 4,
  SIM_ACCESS_MODIFY_ALL  = 1 << 5,
  SIM_ACCESS_ALL         = 0x3f,
};

typedef struct
{
  gboolean    api_enabled;
  gboolean    view_setup;
  gboolean    view_all_users;
  gboolean    view_all_data;
  gboolean    modify_all_data;
  GHashTable *object_access;   /* lower-case object name → access bits; absent = all */
} SimPerms;

enum
{
  SIM_OVERLAY_DELETED = 1 << 0,   /* in the recycle bin */
  SIM_OVERLAY_PURGED  = 1 << 1,   /* hard-deleted: gone for good */
};

typedef struct
{
  int           field;
  SimValueKind  kind;
  gint64        i;
  double        d;
  char         *str;
} SimOverlayValue;

typedef struct
{
  guint    flags;
  gint64   deleted_at;
  GArray  *values;               /* of SimOverlayValue */
} SimOverlay;

typedef struct
{
  SimObject   *object;
  guint64      n_generated;
  guint64      n_created;
  guint64      n_deleted;
  guint64      n_purged;
  gint64       purge_horizon_ms; /* getDeleted history is lost before this */
  GHashTable  *overlays;         /* index (guint64 *) → SimOverlay */
} SimTable;

typedef struct _SimStore SimStore;

/* One record being read: looked up once, then read field by field. */
typedef struct
{
  SimStore   *store;
  SimTable   *table;
  guint64     index;
  SimOverlay *overlay;
} SimRow;

struct _SimStore
{
  SimSchema  *schema;
  guint64     seed;
  GHashTable *tables;            /* SimObject → SimTable */
  SimTable   *users;
  SimPerms    perms;
  char       *username;
  char        org_id[19];
  guint       org_number;        /* a refreshed sandbox gets the next one */
  gint64      epoch_ms;          /* generated data is dated before this */
  GString    *scratch;
};

SimStore   *sim_store_new               (SimSchema       *schema,
                                         guint64          seed,
                                         const char      *username);
void        sim_store_set_org_number    (SimStore        *store,
                                         guint            org_number);
void        sim_store_free              (SimStore        *store);
SimTable   *sim_store_table             (SimStore        *store,
                                         SimObject       *object);
void        sim_store_set_count         (SimStore        *store,
                                         SimObject       *object,
                                         guint64          count);

guint64     sim_table_size              (SimTable        *table);
guint64     sim_table_live_count        (SimTable        *table);
SimOverlay *sim_table_overlay           (SimTable        *table,
                                         guint64          index);
SimOverlay *sim_table_ensure_overlay    (SimTable        *table,
                                         guint64          index);
gboolean    sim_table_exists            (SimTable        *table,
                                         guint64          index);
gboolean    sim_table_is_deleted        (SimTable        *table,
                                         guint64          index);
gboolean    sim_table_index_from_id     (SimTable        *table,
                                         const char      *id,
                                         guint64         *index_out);

void        sim_row_init                (SimRow          *row,
                                         SimStore        *store,
                                         SimTable        *table,
                                         guint64          index);
void        sim_row_get                 (SimRow          *row,
                                         SimField        *field,
                                         SimValue        *out);
void        sim_row_id                  (SimRow          *row,
                                         char             out[19]);

guint64     sim_store_create            (SimStore        *store,
                                         SimTable        *table,
                                         gint64           now_ms);
void        sim_store_set_value         (SimTable        *table,
                                         guint64          index,
                                         SimField        *field,
                                         const SimValue  *value);
void        sim_store_touch             (SimStore        *store,
                                         SimTable        *table,
                                         guint64          index,
                                         gint64           now_ms);
void        sim_store_delete            (SimStore        *store,
                                         SimTable        *table,
                                         guint64          index,
                                         gint64           now_ms);
void        sim_store_undelete          (SimStore        *store,
                                         SimTable        *table,
                                         guint64          index,
                                         gint64           now_ms);
void        sim_store_purge             (SimTable        *table,
                                         guint64          index);
guint       sim_store_object_access     (SimStore        *store,
                                         SimObject       *object);

void        sim_value_set_string        (SimValue        *value,
                                         const char      *str);
int         sim_value_compare           (const SimValue  *a,
                                         const SimValue  *b);

/* Implemented in sim-generator.c. */
void        sim_generator_value         (SimRow          *row,
                                         SimField        *field,
                                         SimValue        *out);

G_END_DECLS
