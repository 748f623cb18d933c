/* sim-soql.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sim-store.h"

G_BEGIN_DECLS

#define SIM_SOQL_ERROR (sim_soql_error_quark ())

/* The codes name Salesforce's errorCode strings. */
typedef enum
{
  SIM_SOQL_ERROR_MALFORMED_QUERY,
  SIM_SOQL_ERROR_INVALID_FIELD,
  SIM_SOQL_ERROR_INVALID_TYPE,
} SimSoqlError;

typedef struct _SimSoqlExpr SimSoqlExpr;

/* A SELECT item, grouped by relationship: Owner.Name and Owner.Email
 * become one "Owner" node with two leaves, as Salesforce nests them. */
typedef struct _SimSelectNode SimSelectNode;
struct _SimSelectNode
{
  SimField   *field;        /* a leaf's field, or the relationship's reference field */
  SimObject  *target;       /* relationship nodes only */
  char       *path;         /* "Owner.Name" in schema spelling, for CSV headers */
  GPtrArray  *children;     /* of SimSelectNode; NULL for a leaf */
};

typedef struct
{
  GPtrArray *chain;         /* of SimField: reference fields followed, then the final field */
  char      *path;
} SimSoqlPath;

typedef struct
{
  SimSoqlPath *path;
  gboolean     descending;
  gboolean     nulls_last;
} SimSoqlOrder;

typedef struct
{
  char        *text;
  SimObject   *object;
  gboolean     count_only;
  GPtrArray   *columns;     /* of SimSoqlPath, SELECT order */
  GPtrArray   *select;      /* of SimSelectNode */
  SimSoqlExpr *where;
  GPtrArray   *order;       /* of SimSoqlOrder */
  gint64       limit;       /* -1: none */
  gint64       offset;
  guint        n_long_text; /* long text areas selected: pages shrink to 200 */
  gboolean     has_compound;
  gboolean     has_base64;
  GArray      *tokens;      /* owns the text that string literals point into */
} SimSoqlQuery;

GQuark        sim_soql_error_quark       (void);
const char   *sim_soql_error_code        (const GError   *error);

SimSoqlQuery *sim_soql_parse             (SimStore       *store,
                                          const char     *text,
                                          gint64          now_ms,
                                          GError        **error);
void          sim_soql_query_free        (SimSoqlQuery   *query);

gboolean      sim_soql_matches           (SimSoqlQuery   *query,
                                          SimRow         *row);
void          sim_soql_path_value        (SimSoqlPath    *path,
                                          SimRow         *row,
                                          SimValue       *out);
GArray       *sim_soql_execute           (SimSoqlQuery   *query,
                                          SimStore       *store,
                                          gboolean        all_rows);
gboolean      sim_soql_follow            (SimRow         *row,
                                          SimField       *reference,
                                          SimObject      *target,
                                          SimRow         *parent);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimSoqlQuery, sim_soql_query_free)

G_END_DECLS
