/* sf-soql-builder.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sf-value.h"

G_BEGIN_DECLS

#define SF_TYPE_SOQL_BUILDER (sf_soql_builder_get_type ())

typedef enum
{
  SF_SOQL_EQ,
  SF_SOQL_NE,
  SF_SOQL_LT,
  SF_SOQL_LE,
  SF_SOQL_GT,
  SF_SOQL_GE,
  SF_SOQL_LIKE,
} SfSoqlOperator;

/* Builds a SELECT statement from parts that are checked one by one: names must
 * look like Salesforce API names and values are always quoted literals, so no
 * caller input can change the statement's shape. The first mistake is kept and
 * reported by sf_soql_builder_build(). */
typedef struct _SfSoqlBuilder SfSoqlBuilder;

GType           sf_soql_builder_get_type          (void) G_GNUC_CONST;
SfSoqlBuilder  *sf_soql_builder_new               (const char          *sobject);
SfSoqlBuilder  *sf_soql_builder_copy              (const SfSoqlBuilder *self);
void            sf_soql_builder_free              (SfSoqlBuilder       *self);
void            sf_soql_builder_add_field         (SfSoqlBuilder       *self,
                                                   const char          *path,
                                                   SfFieldType          type);
void            sf_soql_builder_where_string      (SfSoqlBuilder       *self,
                                                   const char          *field,
                                                   SfSoqlOperator       op,
                                                   const char          *value);
void            sf_soql_builder_where_string_in   (SfSoqlBuilder       *self,
                                                   const char          *field,
                                                   const char * const  *values);
void            sf_soql_builder_where_boolean     (SfSoqlBuilder       *self,
                                                   const char          *field,
                                                   gboolean             value);
void            sf_soql_builder_where_datetime    (SfSoqlBuilder       *self,
                                                   const char          *field,
                                                   SfSoqlOperator       op,
                                                   GDateTime           *value);
void            sf_soql_builder_where_after       (SfSoqlBuilder       *self,
                                                   const char          *field,
                                                   GDateTime           *value,
                                                   const char          *last_id);
void            sf_soql_builder_order_by          (SfSoqlBuilder       *self,
                                                   const char          *field,
                                                   gboolean             ascending);
void            sf_soql_builder_set_limit         (SfSoqlBuilder       *self,
                                                   guint                limit);
char           *sf_soql_builder_build             (const SfSoqlBuilder *self,
                                                   GError             **error);
const char     *sf_soql_builder_get_sobject       (const SfSoqlBuilder *self);
guint           sf_soql_builder_get_n_fields      (const SfSoqlBuilder *self);
const char     *sf_soql_builder_get_field         (const SfSoqlBuilder *self,
                                                   guint                index);
SfFieldType     sf_soql_builder_get_field_type    (const SfSoqlBuilder *self,
                                                   guint                index);
char           *sf_soql_builder_build_with_fields (const SfSoqlBuilder *self,
                                                   const char * const  *fields,
                                                   const char          *extra_condition,
                                                   gboolean             keep_order_and_limit,
                                                   GError             **error);

gboolean        sf_soql_is_identifier             (const char          *name);
gboolean        sf_soql_is_field_path             (const char          *path);
char           *sf_soql_quote_string              (const char          *value);
char           *sf_soql_format_datetime           (GDateTime           *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfSoqlBuilder, sf_soql_builder_free)

G_END_DECLS
