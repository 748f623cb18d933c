/* orgsync-status.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "orgsync-connection.h"
#include "orgsync-types.h"

G_BEGIN_DECLS

#define ORGSYNC_STATUS_FAILURES_BEFORE_ERROR 3

/* What happened to a connection; the status machine turns it into a status. */
typedef enum
{
  ORGSYNC_STATUS_EVENT_SYNC_STARTED,
  ORGSYNC_STATUS_EVENT_SYNC_SUCCEEDED,
  ORGSYNC_STATUS_EVENT_SYNC_FAILED,          /* transient: network, 5xx, timeout */
  ORGSYNC_STATUS_EVENT_SYNC_CANCELLED,
  ORGSYNC_STATUS_EVENT_AUTH_FAILED,          /* token revoked or expired, user deactivated */
  ORGSYNC_STATUS_EVENT_PERMISSION_MISSING,
  ORGSYNC_STATUS_EVENT_API_DISABLED,
  ORGSYNC_STATUS_EVENT_QUOTA_REACHED,
  ORGSYNC_STATUS_EVENT_QUOTA_RECOVERED,
  ORGSYNC_STATUS_EVENT_PAUSED,
  ORGSYNC_STATUS_EVENT_RESUMED,
  ORGSYNC_STATUS_EVENT_SELECTION_CHANGED,    /* a new field selection was committed */
  ORGSYNC_STATUS_EVENT_REAUTHORIZED,
  ORGSYNC_STATUS_EVENT_PERMISSIONS_GRANTED,  /* the permission check passed again */
} OrgsyncStatusEventType;

typedef struct
{
  OrgsyncStatusEventType  type;
  gint64                  at;             /* µs since the Unix epoch */
  const char             *error_code;     /* Salesforce's errorCode, or NULL */
  const char             *error_message;  /* Salesforce's message, or NULL */
  const char             *detail;         /* the missing permission, the quota stop message, … */
  gint64                  resume_at;      /* QUOTA_REACHED: expected resume time, 0 if unknown */
} OrgsyncStatusEvent;

/* The part of a connection the status machine owns. */
typedef struct
{
  OrgsyncConnectionStatus  status;
  OrgsyncStatusAction      action;
  char                    *reason;
  char                    *error_code;
  char                    *error_message;
  gint64                   resume_at;
  gint64                   last_sync;
  gint64                   paused_at;
  guint                    failure_count;
  gboolean                 initial_sync_done;
  gboolean                 sync_enabled;
} OrgsyncStatusState;

void                    orgsync_status_state_clear           (OrgsyncStatusState       *state);
void                    orgsync_status_state_copy            (const OrgsyncStatusState *from,
                                                              OrgsyncStatusState       *to);
void                    orgsync_status_state_apply           (OrgsyncStatusState       *state,
                                                              const OrgsyncStatusEvent *event);
void                    orgsync_status_state_from_connection (OrgsyncStatusState       *state,
                                                              OrgsyncConnection        *connection);
gboolean                orgsync_connection_apply_status_event (OrgsyncConnection       *connection,
                                                              const OrgsyncStatusEvent *event);
OrgsyncStatusEventType  orgsync_status_event_type_for_error  (const char               *error_code,
                                                              guint                     http_status);
gboolean                orgsync_status_needs_user            (OrgsyncConnectionStatus   status,
                                                              OrgsyncStatusAction       action);

G_END_DECLS
