/* orgsync-error.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ORGSYNC_ERROR (orgsync_error_quark ())

/* New codes are appended only: the CLI maps some of them to exit codes. */
typedef enum
{
  ORGSYNC_ERROR_FAILED,
  ORGSYNC_ERROR_KEYRING_UNAVAILABLE,  /* no Secret Service on the session bus */
  ORGSYNC_ERROR_KEYRING_LOCKED,       /* the default collection is locked or missing */
  ORGSYNC_ERROR_INVALID_NAME,         /* a connection name that cannot be used */
  ORGSYNC_ERROR_NAME_TAKEN,           /* another connection already has that name */
  ORGSYNC_ERROR_NOT_FOUND,            /* no such connection, object or preset */
  ORGSYNC_ERROR_INVALID_IDENTIFIER,   /* not a Salesforce API name: never reaches SQL */
  ORGSYNC_ERROR_DATABASE,             /* SQLite failed; the message says how */
  ORGSYNC_ERROR_DISK_FULL,            /* SQLITE_FULL: nothing of the failed write is kept */
  ORGSYNC_ERROR_DATABASE_TOO_NEW,     /* written by a newer Org Sync */
  ORGSYNC_ERROR_ALREADY_SYNCING,      /* another process or window holds the sync lock */
  ORGSYNC_ERROR_QUOTA_THRESHOLD,      /* one more call would take the org over the threshold */
  ORGSYNC_ERROR_INVALID_DATA,         /* a data file (presets) or a value could not be read */
  ORGSYNC_ERROR_PAUSED,               /* syncing is switched off for this connection */
  ORGSYNC_ERROR_OTHER_ORG,            /* reauthorizing signed in to another org */
  ORGSYNC_ERROR_NOTHING_SELECTED,     /* a sync with no field selected */
  ORGSYNC_ERROR_INVALID_INPUT,        /* something a person typed: a URL, a frequency, a field */
  ORGSYNC_ERROR_REFRESHED_SANDBOX,    /* reauthorizing found a new org id at the same My Domain */
} OrgsyncError;

GQuark orgsync_error_quark (void) G_GNUC_CONST;

G_END_DECLS
