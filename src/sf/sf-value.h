/* sf-value.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A field's `type` in a describe (reference §3.3). */
typedef enum
{
  SF_FIELD_TYPE_UNKNOWN,
  SF_FIELD_TYPE_ID,
  SF_FIELD_TYPE_STRING,
  SF_FIELD_TYPE_BOOLEAN,
  SF_FIELD_TYPE_INT,
  SF_FIELD_TYPE_LONG,
  SF_FIELD_TYPE_DOUBLE,
  SF_FIELD_TYPE_CURRENCY,
  SF_FIELD_TYPE_PERCENT,
  SF_FIELD_TYPE_DATE,
  SF_FIELD_TYPE_DATETIME,
  SF_FIELD_TYPE_TIME,
  SF_FIELD_TYPE_REFERENCE,
  SF_FIELD_TYPE_PICKLIST,
  SF_FIELD_TYPE_MULTIPICKLIST,
  SF_FIELD_TYPE_COMBOBOX,
  SF_FIELD_TYPE_TEXTAREA,
  SF_FIELD_TYPE_PHONE,
  SF_FIELD_TYPE_EMAIL,
  SF_FIELD_TYPE_URL,
  SF_FIELD_TYPE_ENCRYPTEDSTRING,
  SF_FIELD_TYPE_BASE64,
  SF_FIELD_TYPE_ADDRESS,
  SF_FIELD_TYPE_LOCATION,
  SF_FIELD_TYPE_ANYTYPE,
  SF_FIELD_TYPE_COMPLEXVALUE,
  SF_FIELD_TYPE_DATACATEGORYGROUPREFERENCE,
  SF_FIELD_TYPE_JSON,
} SfFieldType;

/* The storage class a value gets in records.db (design.md §8): these are
 * SQLite's own, so the caller binds them without looking at the field type. */
typedef enum
{
  SF_VALUE_NULL,
  SF_VALUE_INTEGER,
  SF_VALUE_REAL,
  SF_VALUE_TEXT,
} SfValueKind;

/**
 * SfValue:
 * @kind: the storage class
 * @length: for %SF_VALUE_TEXT, the length of @text in bytes
 * @integer: the value of an %SF_VALUE_INTEGER (booleans are 0 or 1)
 * @real: the value of an %SF_VALUE_REAL
 * @text: the NUL-terminated value of an %SF_VALUE_TEXT, owned by its batch
 *
 * One typed field value, converted by the design.md §8 contract: datetimes
 * are `2024-03-15T08:30:00.000Z` whichever API delivered them, times
 * `08:30:00.000Z`, dates `2024-03-15`; address and location objects are
 * compact JSON text; a base64 field is the URL path of its blob.
 */
typedef struct
{
  SfValueKind  kind;
  guint32      length;
  union
  {
    gint64      integer;
    double      real;
    const char *text;
  };
} SfValue;

SfFieldType  sf_field_type_from_string          (const char  *type);
const char  *sf_field_type_to_string            (SfFieldType  type);
gboolean     sf_field_type_is_bulk_selectable   (SfFieldType  type);
SfValueKind  sf_field_type_get_value_kind       (SfFieldType  type);
gboolean     sf_normalize_datetime              (const char  *text,
                                                 gsize        length,
                                                 char         out[25]);
gboolean     sf_normalize_time                  (const char  *text,
                                                 gsize        length,
                                                 char         out[14]);

G_END_DECLS
