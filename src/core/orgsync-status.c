/* orgsync-status.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "orgsync-format.h"
#include "orgsync-status.h"

/* The status machine of design.md §4, as a pure function over a small state struct so
 * that every transition is testable without an engine:
 *
 *   Setting Up   the first sync (or the first after a new field selection) runs
 *   Active       syncing is on and the last run succeeded
 *   Not Syncing  the person switched syncing off
 *   Error        a run cannot go on without help; the action says which help:
 *                  Reauthorize        sign-in revoked or expired, user deactivated
 *                  Check Permissions  a permission or API access is missing
 *                  Change Limit       the quota threshold is reached (resumes by itself)
 *                  Sync Now           three runs in a row failed (retried anyway)
 *
 * Transient failures only count until the third in a row. */

void
orgsync_status_state_clear (OrgsyncStatusState *state)
{
  g_clear_pointer (&state->reason, g_free);
  g_clear_pointer (&state->error_code, g_free);
  g_clear_pointer (&state->error_message, g_free);
}

void
orgsync_status_state_copy (const OrgsyncStatusState *from,
                           OrgsyncStatusState       *to)
{
  *to = *from;
  to->reason = g_strdup (from->reason);
  to->error_code = g_strdup (from->error_code);
  to->error_message = g_strdup (from->error_message);
}

/* Error states that only the person can end. */
gboolean
orgsync_status_needs_user (OrgsyncConnectionStatus status,
                           OrgsyncStatusAction     action)
{
  return status == ORGSYNC_CONNECTION_STATUS_ERROR &&
         (action == ORGSYNC_STATUS_ACTION_REAUTHORIZE ||
          action == ORGSYNC_STATUS_ACTION_CHECK_PERMISSIONS);
}

static void
set_text (char       **slot,
          const char  *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

static OrgsyncConnectionStatus
running_status (const OrgsyncStatusState *state)
{
  return state->initial_sync_done ? ORGSYNC_CONNECTION_STATUS_ACTIVE
                                  : ORGSYNC_CONNECTION_STATUS_SETTING_UP;
}

/* Back to Setting Up or Active, with no error left. */
static void
recover (OrgsyncStatusState *state)
{
  state->status = running_status (state);
  state->action = ORGSYNC_STATUS_ACTION_NONE;
  state->resume_at = 0;
  set_text (&state->reason, NULL);
  set_text (&state->error_code, NULL);
  set_text (&state->error_message, NULL);
}

static void
enter_error (OrgsyncStatusState       *state,
             const OrgsyncStatusEvent *event,
             OrgsyncStatusAction       action,
             char                     *reason)
{
  state->status = ORGSYNC_CONNECTION_STATUS_ERROR;
  state->action = action;
  g_free (state->reason);
  state->reason = reason;
  set_text (&state->error_code, event->error_code);
  set_text (&state->error_message, event->error_message);
}

static GDateTime *
date_time_of (gint64 usec)
{
  g_autoptr(GDateTime) epoch = NULL;

  if (usec <= 0)
    return NULL;

  epoch = g_date_time_new_from_unix_utc (0);

  return g_date_time_add (epoch, usec);
}

static char *
format_resume_time (const OrgsyncStatusEvent *event)
{
  g_autoptr(GDateTime) resume = date_time_of (event->resume_at);
  g_autoptr(GDateTime) at = event->at > 0 ? date_time_of (event->at) : g_date_time_new_now_utc ();

  if (resume == NULL || at == NULL)
    return g_strdup ("?");

  return orgsync_format_clock_time (resume, at);
}

static char *
quota_reason (const OrgsyncStatusEvent *event)
{
  g_autofree char *time = NULL;

  if (event->resume_at <= 0)
    return g_strdup (event->detail != NULL ? event->detail : _("API usage reached the limit set for this connection."));

  time = format_resume_time (event);
  if (event->detail == NULL)
    /* Translators: %s is a time such as "14:30" or "Tue 09:10" */
    return g_strdup_printf (_("API usage reached the limit set for this connection. Expected to resume at %s."), time);

  /* Translators: the first %s is the quota stop message, the second a time such as
   * "14:30" or "Tue 09:10" */
  return g_strdup_printf (_("%s Expected to resume at %s."), event->detail, time);
}

static void
apply_failure (OrgsyncStatusState       *state,
               const OrgsyncStatusEvent *event)
{
  const char *what = event->error_message != NULL ? event->error_message
                     : event->detail != NULL ? event->detail
                     : _("unknown error");

  if (orgsync_status_needs_user (state->status, state->action))
    return;

  state->failure_count++;

  if (state->failure_count >= ORGSYNC_STATUS_FAILURES_BEFORE_ERROR)
    {
      enter_error (state, event, ORGSYNC_STATUS_ACTION_RETRY,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Syncing failed %u time in a row (%s). Org Sync keeps trying at the usual times.",
                                                 "Syncing failed %u times in a row (%s). Org Sync keeps trying at the usual times.",
                                                 state->failure_count),
                                    state->failure_count, what));
      return;
    }

  /* Not an Error yet: say what happened while the status stays as it was. */
  if (state->status != ORGSYNC_CONNECTION_STATUS_ERROR)
    {
      g_free (state->reason);
      state->reason = g_strdup_printf (_("The last sync failed (%s). Retrying soon."), what);
      set_text (&state->error_code, event->error_code);
      set_text (&state->error_message, event->error_message);
    }
}

static char *
permission_reason (const OrgsyncStatusEvent *event)
{
  if (event->detail != NULL)
    /* Translators: %s names a Salesforce permission, e.g. "View Setup and Configuration" */
    return g_strdup_printf (_("The Salesforce user lacks a permission Org Sync needs: %s. Ask a "
                              "Salesforce admin to grant it, then check permissions again."),
                            event->detail);

  return g_strdup (_("The Salesforce user lacks a permission Org Sync needs. Ask a Salesforce "
                     "admin to grant it, then check permissions again."));
}

static gboolean
apply_while_paused (OrgsyncStatusState       *state,
                    const OrgsyncStatusEvent *event)
{
  if (state->sync_enabled)
    return FALSE;

  /* Paused wins over everything but resuming and a few facts worth keeping. */
  switch (event->type)
    {
    case ORGSYNC_STATUS_EVENT_SELECTION_CHANGED:
      state->initial_sync_done = FALSE;
      break;
    case ORGSYNC_STATUS_EVENT_SYNC_SUCCEEDED:
      state->last_sync = event->at;
      break;
    case ORGSYNC_STATUS_EVENT_RESUMED:
      return FALSE;
    case ORGSYNC_STATUS_EVENT_SYNC_STARTED:
    case ORGSYNC_STATUS_EVENT_SYNC_FAILED:
    case ORGSYNC_STATUS_EVENT_SYNC_CANCELLED:
    case ORGSYNC_STATUS_EVENT_AUTH_FAILED:
    case ORGSYNC_STATUS_EVENT_PERMISSION_MISSING:
    case ORGSYNC_STATUS_EVENT_API_DISABLED:
    case ORGSYNC_STATUS_EVENT_QUOTA_REACHED:
    case ORGSYNC_STATUS_EVENT_QUOTA_RECOVERED:
    case ORGSYNC_STATUS_EVENT_PAUSED:
    case ORGSYNC_STATUS_EVENT_REAUTHORIZED:
    case ORGSYNC_STATUS_EVENT_PERMISSIONS_GRANTED:
    default:
      break;
    }

  return TRUE;
}

/**
 * orgsync_status_state_apply:
 *
 * Moves @state on by @event (design.md §4).
 */
void
orgsync_status_state_apply (OrgsyncStatusState       *state,
                            const OrgsyncStatusEvent *event)
{
  g_return_if_fail (state != NULL);
  g_return_if_fail (event != NULL);

  if (apply_while_paused (state, event))
    return;

  switch (event->type)
    {
    case ORGSYNC_STATUS_EVENT_SYNC_STARTED:
      if (state->status != ORGSYNC_CONNECTION_STATUS_ERROR)
        state->status = running_status (state);
      break;

    case ORGSYNC_STATUS_EVENT_SYNC_SUCCEEDED:
      state->initial_sync_done = TRUE;
      state->failure_count = 0;
      state->last_sync = event->at;
      recover (state);
      break;

    case ORGSYNC_STATUS_EVENT_SYNC_FAILED:
      apply_failure (state, event);
      break;

    case ORGSYNC_STATUS_EVENT_SYNC_CANCELLED:
      break;

    case ORGSYNC_STATUS_EVENT_AUTH_FAILED:
      enter_error (state, event, ORGSYNC_STATUS_ACTION_REAUTHORIZE,
                   g_strdup (_("Salesforce no longer accepts this connection’s sign-in: it was "
                               "revoked or expired, or the user was deactivated. Reauthorize to "
                               "continue syncing.")));
      break;

    case ORGSYNC_STATUS_EVENT_PERMISSION_MISSING:
      enter_error (state, event, ORGSYNC_STATUS_ACTION_CHECK_PERMISSIONS, permission_reason (event));
      break;

    case ORGSYNC_STATUS_EVENT_API_DISABLED:
      enter_error (state, event, ORGSYNC_STATUS_ACTION_CHECK_PERMISSIONS,
                   g_strdup (_("API access is turned off for this Salesforce user or org. Ask a "
                               "Salesforce admin to enable “API Enabled”, then check permissions "
                               "again.")));
      break;

    case ORGSYNC_STATUS_EVENT_QUOTA_REACHED:
      enter_error (state, event, ORGSYNC_STATUS_ACTION_CHANGE_LIMIT, quota_reason (event));
      state->resume_at = event->resume_at;
      break;

    case ORGSYNC_STATUS_EVENT_QUOTA_RECOVERED:
      if (state->status == ORGSYNC_CONNECTION_STATUS_ERROR && state->action == ORGSYNC_STATUS_ACTION_CHANGE_LIMIT)
        recover (state);
      break;

    case ORGSYNC_STATUS_EVENT_PAUSED:
      state->sync_enabled = FALSE;
      state->paused_at = event->at;
      state->failure_count = 0;
      state->status = ORGSYNC_CONNECTION_STATUS_NOT_SYNCING;
      state->action = ORGSYNC_STATUS_ACTION_NONE;
      state->resume_at = 0;
      set_text (&state->reason, _("Syncing is paused. Turn on “Sync Data from Salesforce” to resume."));
      set_text (&state->error_code, NULL);
      set_text (&state->error_message, NULL);
      break;

    case ORGSYNC_STATUS_EVENT_RESUMED:
      state->sync_enabled = TRUE;
      state->paused_at = 0;
      state->failure_count = 0;
      recover (state);
      break;

    case ORGSYNC_STATUS_EVENT_SELECTION_CHANGED:
      state->initial_sync_done = FALSE;
      if (state->status != ORGSYNC_CONNECTION_STATUS_ERROR)
        state->status = ORGSYNC_CONNECTION_STATUS_SETTING_UP;
      break;

    case ORGSYNC_STATUS_EVENT_REAUTHORIZED:
      if (state->status == ORGSYNC_CONNECTION_STATUS_ERROR && state->action == ORGSYNC_STATUS_ACTION_REAUTHORIZE)
        recover (state);
      break;

    case ORGSYNC_STATUS_EVENT_PERMISSIONS_GRANTED:
      if (state->status == ORGSYNC_CONNECTION_STATUS_ERROR && state->action == ORGSYNC_STATUS_ACTION_CHECK_PERMISSIONS)
        recover (state);
      break;

    default:
      g_return_if_reached ();
    }
}

static gint64
usec_of (GDateTime *date_time)
{
  if (date_time == NULL)
    return 0;

  return g_date_time_to_unix (date_time) * G_USEC_PER_SEC + g_date_time_get_microsecond (date_time);
}

void
orgsync_status_state_from_connection (OrgsyncStatusState *state,
                                      OrgsyncConnection  *connection)
{
  g_return_if_fail (state != NULL);
  g_return_if_fail (ORGSYNC_IS_CONNECTION (connection));

  memset (state, 0, sizeof *state);
  state->status = orgsync_connection_get_status (connection);
  state->action = orgsync_connection_get_status_action (connection);
  state->reason = g_strdup (orgsync_connection_get_status_detail (connection));
  state->error_code = g_strdup (orgsync_connection_get_error_code (connection));
  state->error_message = g_strdup (orgsync_connection_get_error_message (connection));
  state->resume_at = usec_of (orgsync_connection_get_resume_at (connection));
  state->last_sync = usec_of (orgsync_connection_get_last_sync (connection));
  state->paused_at = usec_of (orgsync_connection_get_paused_at (connection));
  state->failure_count = orgsync_connection_get_failure_count (connection);
  state->initial_sync_done = orgsync_connection_get_initial_sync_done (connection);
  state->sync_enabled = orgsync_connection_get_sync_enabled (connection);
}

static void
state_to_connection (const OrgsyncStatusState *state,
                     OrgsyncConnection        *connection)
{
  g_autoptr(GDateTime) resume_at = date_time_of (state->resume_at);
  g_autoptr(GDateTime) last_sync = date_time_of (state->last_sync);
  g_autoptr(GDateTime) paused_at = date_time_of (state->paused_at);

  g_object_freeze_notify (G_OBJECT (connection));
  orgsync_connection_set_status (connection, state->status);
  orgsync_connection_set_status_action (connection, state->action);
  orgsync_connection_set_status_detail (connection, state->reason);
  orgsync_connection_set_error_code (connection, state->error_code);
  orgsync_connection_set_error_message (connection, state->error_message);
  orgsync_connection_set_resume_at (connection, resume_at);
  orgsync_connection_set_last_sync (connection, last_sync);
  orgsync_connection_set_paused_at (connection, paused_at);
  orgsync_connection_set_failure_count (connection, state->failure_count);
  orgsync_connection_set_initial_sync_done (connection, state->initial_sync_done);
  orgsync_connection_set_sync_enabled (connection, state->sync_enabled);
  g_object_thaw_notify (G_OBJECT (connection));
}

/**
 * orgsync_connection_apply_status_event:
 *
 * Runs the status machine on the connection's properties.
 *
 * Returns: %TRUE when the status or its action changed: the moment for a desktop
 *   notification ("once per state change")
 */
gboolean
orgsync_connection_apply_status_event (OrgsyncConnection        *connection,
                                       const OrgsyncStatusEvent *event)
{
  OrgsyncStatusState state;
  OrgsyncConnectionStatus old_status;
  OrgsyncStatusAction old_action;
  gboolean changed;

  g_return_val_if_fail (ORGSYNC_IS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  orgsync_status_state_from_connection (&state, connection);
  old_status = state.status;
  old_action = state.action;

  orgsync_status_state_apply (&state, event);
  changed = state.status != old_status || state.action != old_action;
  state_to_connection (&state, connection);
  orgsync_status_state_clear (&state);

  return changed;
}

/**
 * orgsync_status_event_type_for_error:
 * @error_code: (nullable): Salesforce's errorCode (REST) or error (OAuth)
 * @http_status: the response's status, 0 for a network failure
 *
 * Which event a failed call means. Anything not listed is transient.
 */
OrgsyncStatusEventType
orgsync_status_event_type_for_error (const char *error_code,
                                     guint       http_status)
{
  static const struct {
    const char             *code;
    OrgsyncStatusEventType  type;
  } codes[] = {
    { "invalid_grant", ORGSYNC_STATUS_EVENT_AUTH_FAILED },
    { "INACTIVE_USER", ORGSYNC_STATUS_EVENT_AUTH_FAILED },
    { "INACTIVE_OWNER_OR_USER", ORGSYNC_STATUS_EVENT_AUTH_FAILED },
    { "INVALID_SESSION_ID", ORGSYNC_STATUS_EVENT_AUTH_FAILED },
    { "INSUFFICIENT_ACCESS", ORGSYNC_STATUS_EVENT_PERMISSION_MISSING },
    { "INSUFFICIENT_ACCESS_OR_READONLY", ORGSYNC_STATUS_EVENT_PERMISSION_MISSING },
    { "INSUFFICIENT_PRIVILEGES", ORGSYNC_STATUS_EVENT_PERMISSION_MISSING },
    { "API_DISABLED_FOR_ORG", ORGSYNC_STATUS_EVENT_API_DISABLED },
    { "API_CURRENTLY_DISABLED", ORGSYNC_STATUS_EVENT_API_DISABLED },
    { "REQUEST_LIMIT_EXCEEDED", ORGSYNC_STATUS_EVENT_QUOTA_REACHED },
  };

  for (guint i = 0; error_code != NULL && i < G_N_ELEMENTS (codes); i++)
    {
      if (g_ascii_strcasecmp (error_code, codes[i].code) == 0)
        return codes[i].type;
    }

  return ORGSYNC_STATUS_EVENT_SYNC_FAILED;
}
