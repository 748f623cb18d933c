/* sim-schema.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SIM_TYPE_ID,
  SIM_TYPE_STRING,
  SIM_TYPE_BOOLEAN,
  SIM_TYPE_INT,
  SIM_TYPE_DOUBLE,
  SIM_TYPE_CURRENCY,
  SIM_TYPE_PERCENT,
  SIM_TYPE_DATE,
  SIM_TYPE_DATETIME,
  SIM_TYPE_REFERENCE,
  SIM_TYPE_PICKLIST,
  SIM_TYPE_MULTIPICKLIST,
  SIM_TYPE_TEXTAREA,
  SIM_TYPE_PHONE,
  SIM_TYPE_EMAIL,
  SIM_TYPE_URL,
  SIM_TYPE_BASE64,
  SIM_TYPE_ADDRESS,
  SIM_TYPE_LOCATION,
} SimFieldType;

/* How the generator fills a field; see sim-generator.c. */
typedef enum
{
  SIM_GEN_NULL,
  SIM_GEN_ID,
  SIM_GEN_FALSE,
  SIM_GEN_BOOL,
  SIM_GEN_COMPANY,
  SIM_GEN_WEBSITE,
  SIM_GEN_PHONE,
  SIM_GEN_EMAIL,
  SIM_GEN_FIRST_NAME,
  SIM_GEN_LAST_NAME,
  SIM_GEN_PERSON_NAME,
  SIM_GEN_TITLE,
  SIM_GEN_DEPARTMENT,
  SIM_GEN_STREET,
  SIM_GEN_CITY,
  SIM_GEN_STATE,
  SIM_GEN_POSTAL,
  SIM_GEN_COUNTRY,
  SIM_GEN_LATITUDE,
  SIM_GEN_LONGITUDE,
  SIM_GEN_COMPOUND,
  SIM_GEN_PICKLIST,
  SIM_GEN_MULTIPICKLIST,
  SIM_GEN_AMOUNT,
  SIM_GEN_INT,
  SIM_GEN_PERCENT,
  SIM_GEN_DOUBLE,
  SIM_GEN_DATE,
  SIM_GEN_DATETIME,
  SIM_GEN_CREATED,
  SIM_GEN_MODSTAMP,
  SIM_GEN_REFERENCE,
  SIM_GEN_OWNER,
  SIM_GEN_ADMIN,
  SIM_GEN_TEXT,
  SIM_GEN_LONG_TEXT,
  SIM_GEN_BASE64,
  SIM_GEN_DIGITS,
  SIM_GEN_TICKER,
  SIM_GEN_DEAL_NAME,
  SIM_GEN_STAGE,
  SIM_GEN_PROBABILITY,
  SIM_GEN_EXPECTED_REVENUE,
  SIM_GEN_IS_CLOSED,
  SIM_GEN_IS_WON,
  SIM_GEN_FORECAST,
  SIM_GEN_USERNAME,
  SIM_GEN_CAMPAIGN_NAME,
  SIM_GEN_CONST,
  SIM_GEN_EXTERNAL_KEY,
  SIM_GEN_PERMISSION,
  SIM_GEN_OBJECT_NAME,
  SIM_GEN_OBJECT_PERMISSION,
  SIM_GEN_CURRENT_USER,
  SIM_GEN_PERMSET,
} SimGen;

typedef enum
{
  SIM_OBJECT_DATA,
  SIM_OBJECT_USER_PERMISSION_ACCESS,
  SIM_OBJECT_OBJECT_PERMISSIONS,
  SIM_OBJECT_PERMSET_ASSIGNMENT,
  SIM_OBJECT_ORGANIZATION,
} SimObjectKind;

typedef struct _SimObject SimObject;

typedef struct
{
  char          *name;
  char          *label;
  SimFieldType   type;
  int            length;
  int            precision;
  int            scale;
  int            digits;
  guint          nillable : 1;
  guint          createable : 1;
  guint          updateable : 1;
  guint          calculated : 1;
  guint          custom : 1;
  guint          name_field : 1;
  guint          id_lookup : 1;
  guint          defaulted : 1;
  guint          unique : 1;
  guint          external_id : 1;
  guint          polymorphic : 1;
  guint          html : 1;
  char          *compound_name;
  char          *extra_type_info;
  char          *relationship_name;
  char         **reference_to;
  char         **picklist;
  char          *formula;
  char          *const_value;
  SimGen         gen;
  int            null_permille;
  double         gen_min;
  double         gen_max;
  int            index;
  GArray        *components;     /* of int: for address, location and person name */
  SimObject     *object;
  SimObject     *target;         /* references: the first target in the schema */
  guint64        salt;           /* hash of the name, for the generator */
  guint64        group_salt;     /* hash of the compound name (or the name) */
} SimField;

typedef struct
{
  char     *child_object;
  char     *field;
  char     *relationship_name;
  gboolean  cascade_delete;
} SimChildRelationship;

struct _SimObject
{
  char          *name;
  char          *label;
  char          *label_plural;
  char          *key_prefix;
  SimObjectKind  kind;
  gboolean       custom;
  gboolean       writable;
  GPtrArray     *fields;          /* of SimField */
  GHashTable    *fields_by_name;  /* lower-case name → SimField */
  GHashTable    *relationships;   /* lower-case relationship name → SimField */
  GPtrArray     *children;        /* of SimChildRelationship */
  guint64        salt;
  guint          default_records;
};

typedef struct
{
  GPtrArray  *objects;            /* of SimObject, describeGlobal order */
  GHashTable *by_name;            /* lower-case name → SimObject */
  GHashTable *by_prefix;          /* key prefix → SimObject */
} SimSchema;

SimSchema  *sim_schema_new              (guint        n_custom_objects,
                                         guint        n_custom_fields);
void        sim_schema_free             (SimSchema   *schema);
SimObject  *sim_schema_lookup           (SimSchema   *schema,
                                         const char  *name);
SimObject  *sim_schema_lookup_prefix    (SimSchema   *schema,
                                         const char  *prefix);
SimField   *sim_object_lookup_field     (SimObject   *object,
                                         const char  *name);
SimField   *sim_object_lookup_relationship (SimObject *object,
                                            const char *name);
SimField   *sim_object_get_field        (SimObject   *object,
                                         guint        index);
const char *sim_field_type_name         (SimFieldType type);
const char *sim_field_soap_type         (SimFieldType type);
gboolean    sim_field_is_compound       (SimField    *field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimSchema, sim_schema_free)

G_END_DECLS
