/* sf-describe.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sf-value.h"

G_BEGIN_DECLS

#define SF_TYPE_SOBJECT_DESCRIBE (sf_sobject_describe_get_type ())
#define SF_TYPE_GLOBAL_DESCRIBE  (sf_global_describe_get_type ())

/**
 * SfField:
 *
 * One element of a describe's `fields[]` (reference §3.3), with the attributes
 * a sync client needs. Owned by its #SfSObjectDescribe; strings are never
 * %NULL except where marked.
 */
typedef struct
{
  const char          *name;
  const char          *label;
  const char          *type_name;          /* as Salesforce sent it */
  SfFieldType          type;
  const char          *soap_type;
  const char          *relationship_name;  /* nullable */
  const char          *compound_field_name;/* nullable */
  const char          *extra_type_info;    /* nullable */
  const char * const  *reference_to;       /* NULL-terminated, may be empty */
  const char * const  *picklist_values;    /* active values, NULL-terminated */
  guint                length;
  guint                byte_length;
  guint                precision;
  guint                scale;
  guint                digits;
  guint                nillable : 1;
  guint                calculated : 1;
  guint                custom : 1;
  guint                filterable : 1;
  guint                sortable : 1;
  guint                createable : 1;
  guint                updateable : 1;
  guint                id_lookup : 1;
  guint                name_field : 1;
  guint                external_id : 1;
  guint                unique : 1;
  guint                deprecated_and_hidden : 1;
  guint                html_formatted : 1;
  guint                encrypted : 1;
  guint                polymorphic : 1;
} SfField;

/**
 * SfSObjectInfo:
 *
 * One entry of describeGlobal (reference §3.1).
 */
typedef struct
{
  const char  *name;
  const char  *label;
  const char  *label_plural;
  const char  *key_prefix;        /* nullable */
  guint        custom : 1;
  guint        custom_setting : 1;
  guint        queryable : 1;
  guint        retrieveable : 1;
  guint        replicateable : 1;
  guint        searchable : 1;
  guint        createable : 1;
  guint        updateable : 1;
  guint        deletable : 1;
  guint        deprecated_and_hidden : 1;
} SfSObjectInfo;

typedef struct _SfSObjectDescribe SfSObjectDescribe;
typedef struct _SfGlobalDescribe  SfGlobalDescribe;

GType               sf_sobject_describe_get_type          (void) G_GNUC_CONST;
SfSObjectDescribe  *sf_sobject_describe_new_from_json     (const char         *data,
                                                           gsize               length,
                                                           GDateTime          *fetched_at,
                                                           GError            **error);
SfSObjectDescribe  *sf_sobject_describe_new_from_cache    (GBytes             *cache,
                                                           GError            **error);
GBytes             *sf_sobject_describe_to_cache          (SfSObjectDescribe  *self);
SfSObjectDescribe  *sf_sobject_describe_ref               (SfSObjectDescribe  *self);
void                sf_sobject_describe_unref             (SfSObjectDescribe  *self);
const SfSObjectInfo *sf_sobject_describe_get_info         (SfSObjectDescribe  *self);
const char         *sf_sobject_describe_get_name          (SfSObjectDescribe  *self);
GDateTime          *sf_sobject_describe_get_fetched_at    (SfSObjectDescribe  *self);
guint               sf_sobject_describe_get_n_fields      (SfSObjectDescribe  *self);
const SfField      *sf_sobject_describe_get_field         (SfSObjectDescribe  *self,
                                                           guint               index);
const SfField      *sf_sobject_describe_find_field        (SfSObjectDescribe  *self,
                                                           const char         *name);
GStrv               sf_sobject_describe_get_bulk_unsupported_fields
                                                          (SfSObjectDescribe  *self);

GType               sf_global_describe_get_type           (void) G_GNUC_CONST;
SfGlobalDescribe   *sf_global_describe_new_from_json      (const char         *data,
                                                           gsize               length,
                                                           GDateTime          *fetched_at,
                                                           GError            **error);
SfGlobalDescribe   *sf_global_describe_new_from_cache     (GBytes             *cache,
                                                           GError            **error);
GBytes             *sf_global_describe_to_cache           (SfGlobalDescribe   *self);
SfGlobalDescribe   *sf_global_describe_ref                (SfGlobalDescribe   *self);
void                sf_global_describe_unref              (SfGlobalDescribe   *self);
GDateTime          *sf_global_describe_get_fetched_at     (SfGlobalDescribe   *self);
guint               sf_global_describe_get_n_sobjects     (SfGlobalDescribe   *self);
const SfSObjectInfo *sf_global_describe_get_sobject       (SfGlobalDescribe   *self,
                                                           guint               index);
const SfSObjectInfo *sf_global_describe_find_sobject      (SfGlobalDescribe   *self,
                                                           const char         *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfSObjectDescribe, sf_sobject_describe_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfGlobalDescribe, sf_global_describe_unref)

G_END_DECLS
