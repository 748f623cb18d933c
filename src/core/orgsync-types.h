/* orgsync-types.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The four states of design.md §4. */
typedef enum
{
  ORGSYNC_CONNECTION_STATUS_SETTING_UP,
  ORGSYNC_CONNECTION_STATUS_ACTIVE,
  ORGSYNC_CONNECTION_STATUS_NOT_SYNCING,
  ORGSYNC_CONNECTION_STATUS_ERROR,
} OrgsyncConnectionStatus;

/* The one thing a person can do to get out of Error. */
typedef enum
{
  ORGSYNC_STATUS_ACTION_NONE,
  ORGSYNC_STATUS_ACTION_REAUTHORIZE,
  ORGSYNC_STATUS_ACTION_CHECK_PERMISSIONS,
  ORGSYNC_STATUS_ACTION_CHANGE_LIMIT,
  ORGSYNC_STATUS_ACTION_RETRY,
} OrgsyncStatusAction;

/* Update Frequency choices; the order is the order of the GUI's combo row. */
typedef enum
{
  ORGSYNC_UPDATE_FREQUENCY_15_MINUTES,
  ORGSYNC_UPDATE_FREQUENCY_30_MINUTES,
  ORGSYNC_UPDATE_FREQUENCY_1_HOUR,
  ORGSYNC_UPDATE_FREQUENCY_3_HOURS,
  ORGSYNC_UPDATE_FREQUENCY_6_HOURS,
  ORGSYNC_UPDATE_FREQUENCY_12_HOURS,
  ORGSYNC_UPDATE_FREQUENCY_24_HOURS,
  ORGSYNC_UPDATE_FREQUENCY_MANUAL,
} OrgsyncUpdateFrequency;

/* Salesforce describe field types (Schema.DisplayType), reference §3.3. */
typedef enum
{
  ORGSYNC_FIELD_TYPE_OTHER,
  ORGSYNC_FIELD_TYPE_ID,
  ORGSYNC_FIELD_TYPE_STRING,
  ORGSYNC_FIELD_TYPE_BOOLEAN,
  ORGSYNC_FIELD_TYPE_INT,
  ORGSYNC_FIELD_TYPE_LONG,
  ORGSYNC_FIELD_TYPE_DOUBLE,
  ORGSYNC_FIELD_TYPE_CURRENCY,
  ORGSYNC_FIELD_TYPE_PERCENT,
  ORGSYNC_FIELD_TYPE_DATE,
  ORGSYNC_FIELD_TYPE_DATETIME,
  ORGSYNC_FIELD_TYPE_TIME,
  ORGSYNC_FIELD_TYPE_REFERENCE,
  ORGSYNC_FIELD_TYPE_PICKLIST,
  ORGSYNC_FIELD_TYPE_MULTIPICKLIST,
  ORGSYNC_FIELD_TYPE_COMBOBOX,
  ORGSYNC_FIELD_TYPE_TEXTAREA,
  ORGSYNC_FIELD_TYPE_PHONE,
  ORGSYNC_FIELD_TYPE_EMAIL,
  ORGSYNC_FIELD_TYPE_URL,
  ORGSYNC_FIELD_TYPE_ENCRYPTEDSTRING,
  ORGSYNC_FIELD_TYPE_BASE64,
  ORGSYNC_FIELD_TYPE_ADDRESS,
  ORGSYNC_FIELD_TYPE_LOCATION,
  ORGSYNC_FIELD_TYPE_ANYTYPE,
  ORGSYNC_FIELD_TYPE_COMPLEXVALUE,
  ORGSYNC_FIELD_TYPE_JSON,
} OrgsyncFieldType;

/* How records.db stores a field (design.md §8). */
typedef enum
{
  ORGSYNC_COLUMN_TEXT,
  ORGSYNC_COLUMN_INTEGER,
  ORGSYNC_COLUMN_REAL,
  ORGSYNC_COLUMN_BOOLEAN,   /* INTEGER 0/1 */
  ORGSYNC_COLUMN_DATETIME,  /* TEXT, ISO 8601 UTC with milliseconds and Z */
} OrgsyncColumnType;

typedef struct _OrgsyncClock           OrgsyncClock;
typedef struct _OrgsyncConnection      OrgsyncConnection;
typedef struct _OrgsyncConnectionList  OrgsyncConnectionList;
typedef struct _OrgsyncDatabase        OrgsyncDatabase;
typedef struct _OrgsyncField           OrgsyncField;
typedef struct _OrgsyncPreset          OrgsyncPreset;
typedef struct _OrgsyncQuotaGovernor   OrgsyncQuotaGovernor;
typedef struct _OrgsyncRecordsStore    OrgsyncRecordsStore;
typedef struct _OrgsyncScheduler       OrgsyncScheduler;
typedef struct _OrgsyncSObject         OrgsyncSObject;

G_END_DECLS
