/* orgsync-connection.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "orgsync-connection.h"
#include "orgsync-enums.h"
#include "orgsync-error.h"

/* One Salesforce connection as the GUI and the CLI see it. Every property notifies on
 * change only, so widgets can bind to it. Main thread only: the engine hands progress
 * from its worker to the main context before calling the setters. No secrets here. */
struct _OrgsyncConnection
{
  GObject                  parent_instance;

  char                    *id;
  char                    *display_name;
  char                    *login_url;
  char                    *instance_url;
  char                    *org_id;
  char                    *user_id;
  char                    *username;
  char                    *client_id;

  char                    *status_detail;
  char                    *error_code;
  char                    *error_message;
  GDateTime               *resume_at;

  GDateTime               *last_sync;
  GDateTime               *next_sync;
  GDateTime               *paused_at;

  char                    *current_object;
  guint64                  records_synced;
  guint                    objects_done;
  guint                    objects_total;

  gint64                   api_used;
  gint64                   api_max;

  /* Enums kept as guint so one notifying setter serves them all */
  guint                    status;
  guint                    status_action;
  guint                    update_frequency;
  guint                    quota_threshold;
  guint                    failure_count;

  guint                    sync_enabled : 1;
  guint                    syncing : 1;
  guint                    initial_sync_done : 1;
};

G_DEFINE_FINAL_TYPE (OrgsyncConnection, orgsync_connection, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_API_MAX,
  PROP_API_USED,
  PROP_CLIENT_ID,
  PROP_CURRENT_OBJECT,
  PROP_DISPLAY_NAME,
  PROP_ERROR_CODE,
  PROP_ERROR_MESSAGE,
  PROP_FAILURE_COUNT,
  PROP_ID,
  PROP_INITIAL_SYNC_DONE,
  PROP_INSTANCE_URL,
  PROP_LAST_SYNC,
  PROP_LOGIN_URL,
  PROP_NEXT_SYNC,
  PROP_OBJECTS_DONE,
  PROP_OBJECTS_TOTAL,
  PROP_ORG_ID,
  PROP_PAUSED_AT,
  PROP_PROGRESS,
  PROP_QUOTA_THRESHOLD,
  PROP_RECORDS_SYNCED,
  PROP_RESUME_AT,
  PROP_STATUS,
  PROP_STATUS_ACTION,
  PROP_STATUS_DETAIL,
  PROP_SYNC_ENABLED,
  PROP_SYNCING,
  PROP_UPDATE_FREQUENCY,
  PROP_USER_ID,
  PROP_USERNAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * Auxiliary methods
 */

static void
set_string (OrgsyncConnection  *self,
            char              **slot,
            const char         *value,
            guint               prop_id)
{
  /* g_set_str() needs GLib 2.76; we target 2.74 */
  if (g_strcmp0 (*slot, value) == 0)
    return;

  g_free (*slot);
  *slot = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_date_time (OrgsyncConnection  *self,
               GDateTime         **slot,
               GDateTime          *value,
               guint               prop_id)
{
  if (*slot == value || (*slot != NULL && value != NULL && g_date_time_equal (*slot, value)))
    return;

  g_clear_pointer (slot, g_date_time_unref);
  if (value != NULL)
    *slot = g_date_time_ref (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_uint (OrgsyncConnection *self,
          guint             *slot,
          guint              value,
          guint              prop_id)
{
  if (*slot == value)
    return;

  *slot = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static GParamSpec *
string_pspec (const char *name,
              GParamFlags extra)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS | extra));
}

static GParamSpec *
date_time_pspec (const char *name)
{
  return g_param_spec_boxed (name, NULL, NULL, G_TYPE_DATE_TIME,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
}

/*
 * GObject
 */

static void
orgsync_connection_finalize (GObject *object)
{
  OrgsyncConnection *self = (OrgsyncConnection *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->login_url, g_free);
  g_clear_pointer (&self->instance_url, g_free);
  g_clear_pointer (&self->org_id, g_free);
  g_clear_pointer (&self->user_id, g_free);
  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->status_detail, g_free);
  g_clear_pointer (&self->error_code, g_free);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->current_object, g_free);
  g_clear_pointer (&self->resume_at, g_date_time_unref);
  g_clear_pointer (&self->last_sync, g_date_time_unref);
  g_clear_pointer (&self->next_sync, g_date_time_unref);
  g_clear_pointer (&self->paused_at, g_date_time_unref);

  G_OBJECT_CLASS (orgsync_connection_parent_class)->finalize (object);
}

static void
orgsync_connection_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  OrgsyncConnection *self = ORGSYNC_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_API_MAX:
      g_value_set_int64 (value, self->api_max);
      break;
    case PROP_API_USED:
      g_value_set_int64 (value, self->api_used);
      break;
    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    case PROP_CURRENT_OBJECT:
      g_value_set_string (value, self->current_object);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_ERROR_CODE:
      g_value_set_string (value, self->error_code);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_FAILURE_COUNT:
      g_value_set_uint (value, self->failure_count);
      break;
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_INITIAL_SYNC_DONE:
      g_value_set_boolean (value, self->initial_sync_done);
      break;
    case PROP_INSTANCE_URL:
      g_value_set_string (value, self->instance_url);
      break;
    case PROP_LAST_SYNC:
      g_value_set_boxed (value, self->last_sync);
      break;
    case PROP_LOGIN_URL:
      g_value_set_string (value, self->login_url);
      break;
    case PROP_NEXT_SYNC:
      g_value_set_boxed (value, self->next_sync);
      break;
    case PROP_OBJECTS_DONE:
      g_value_set_uint (value, self->objects_done);
      break;
    case PROP_OBJECTS_TOTAL:
      g_value_set_uint (value, self->objects_total);
      break;
    case PROP_ORG_ID:
      g_value_set_string (value, self->org_id);
      break;
    case PROP_PAUSED_AT:
      g_value_set_boxed (value, self->paused_at);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, orgsync_connection_get_progress (self));
      break;
    case PROP_QUOTA_THRESHOLD:
      g_value_set_uint (value, self->quota_threshold);
      break;
    case PROP_RECORDS_SYNCED:
      g_value_set_uint64 (value, self->records_synced);
      break;
    case PROP_RESUME_AT:
      g_value_set_boxed (value, self->resume_at);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_STATUS_ACTION:
      g_value_set_enum (value, self->status_action);
      break;
    case PROP_STATUS_DETAIL:
      g_value_set_string (value, self->status_detail);
      break;
    case PROP_SYNC_ENABLED:
      g_value_set_boolean (value, self->sync_enabled);
      break;
    case PROP_SYNCING:
      g_value_set_boolean (value, self->syncing);
      break;
    case PROP_UPDATE_FREQUENCY:
      g_value_set_enum (value, self->update_frequency);
      break;
    case PROP_USER_ID:
      g_value_set_string (value, self->user_id);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orgsync_connection_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  OrgsyncConnection *self = ORGSYNC_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      orgsync_connection_set_client_id (self, g_value_get_string (value));
      break;
    case PROP_DISPLAY_NAME:
      orgsync_connection_set_display_name (self, g_value_get_string (value));
      break;
    case PROP_ERROR_CODE:
      orgsync_connection_set_error_code (self, g_value_get_string (value));
      break;
    case PROP_ERROR_MESSAGE:
      orgsync_connection_set_error_message (self, g_value_get_string (value));
      break;
    case PROP_FAILURE_COUNT:
      orgsync_connection_set_failure_count (self, g_value_get_uint (value));
      break;
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_INITIAL_SYNC_DONE:
      orgsync_connection_set_initial_sync_done (self, g_value_get_boolean (value));
      break;
    case PROP_INSTANCE_URL:
      orgsync_connection_set_instance_url (self, g_value_get_string (value));
      break;
    case PROP_LAST_SYNC:
      orgsync_connection_set_last_sync (self, g_value_get_boxed (value));
      break;
    case PROP_LOGIN_URL:
      orgsync_connection_set_login_url (self, g_value_get_string (value));
      break;
    case PROP_NEXT_SYNC:
      orgsync_connection_set_next_sync (self, g_value_get_boxed (value));
      break;
    case PROP_ORG_ID:
      orgsync_connection_set_org_id (self, g_value_get_string (value));
      break;
    case PROP_PAUSED_AT:
      orgsync_connection_set_paused_at (self, g_value_get_boxed (value));
      break;
    case PROP_QUOTA_THRESHOLD:
      orgsync_connection_set_quota_threshold (self, g_value_get_uint (value));
      break;
    case PROP_RESUME_AT:
      orgsync_connection_set_resume_at (self, g_value_get_boxed (value));
      break;
    case PROP_STATUS:
      orgsync_connection_set_status (self, g_value_get_enum (value));
      break;
    case PROP_STATUS_ACTION:
      orgsync_connection_set_status_action (self, g_value_get_enum (value));
      break;
    case PROP_STATUS_DETAIL:
      orgsync_connection_set_status_detail (self, g_value_get_string (value));
      break;
    case PROP_SYNC_ENABLED:
      orgsync_connection_set_sync_enabled (self, g_value_get_boolean (value));
      break;
    case PROP_SYNCING:
      orgsync_connection_set_syncing (self, g_value_get_boolean (value));
      break;
    case PROP_UPDATE_FREQUENCY:
      orgsync_connection_set_update_frequency (self, g_value_get_enum (value));
      break;
    case PROP_USER_ID:
      orgsync_connection_set_user_id (self, g_value_get_string (value));
      break;
    case PROP_USERNAME:
      orgsync_connection_set_username (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orgsync_connection_class_init (OrgsyncConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  const GParamFlags rw = (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  object_class->finalize = orgsync_connection_finalize;
  object_class->get_property = orgsync_connection_get_property;
  object_class->set_property = orgsync_connection_set_property;

  properties[PROP_API_MAX] =
    g_param_spec_int64 ("api-max", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_API_USED] =
    g_param_spec_int64 ("api-used", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_CLIENT_ID] = string_pspec ("client-id", 0);
  properties[PROP_CURRENT_OBJECT] =
    g_param_spec_string ("current-object", NULL, NULL, NULL, ro);
  properties[PROP_DISPLAY_NAME] = string_pspec ("display-name", 0);
  properties[PROP_ERROR_CODE] = string_pspec ("error-code", 0);
  properties[PROP_ERROR_MESSAGE] = string_pspec ("error-message", 0);
  properties[PROP_FAILURE_COUNT] =
    g_param_spec_uint ("failure-count", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_INITIAL_SYNC_DONE] =
    g_param_spec_boolean ("initial-sync-done", NULL, NULL, FALSE, rw);
  properties[PROP_INSTANCE_URL] = string_pspec ("instance-url", 0);
  properties[PROP_LAST_SYNC] = date_time_pspec ("last-sync");
  properties[PROP_LOGIN_URL] = string_pspec ("login-url", 0);
  properties[PROP_NEXT_SYNC] = date_time_pspec ("next-sync");
  properties[PROP_OBJECTS_DONE] =
    g_param_spec_uint ("objects-done", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_OBJECTS_TOTAL] =
    g_param_spec_uint ("objects-total", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_ORG_ID] = string_pspec ("org-id", 0);
  properties[PROP_PAUSED_AT] = date_time_pspec ("paused-at");
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0, ro);
  properties[PROP_QUOTA_THRESHOLD] =
    g_param_spec_uint ("quota-threshold", NULL, NULL,
                       ORGSYNC_QUOTA_THRESHOLD_MIN, ORGSYNC_QUOTA_THRESHOLD_MAX,
                       ORGSYNC_QUOTA_THRESHOLD_DEFAULT, rw);
  properties[PROP_RECORDS_SYNCED] =
    g_param_spec_uint64 ("records-synced", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_RESUME_AT] = date_time_pspec ("resume-at");
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       ORGSYNC_TYPE_CONNECTION_STATUS, ORGSYNC_CONNECTION_STATUS_SETTING_UP, rw);
  properties[PROP_STATUS_ACTION] =
    g_param_spec_enum ("status-action", NULL, NULL,
                       ORGSYNC_TYPE_STATUS_ACTION, ORGSYNC_STATUS_ACTION_NONE, rw);
  properties[PROP_STATUS_DETAIL] = string_pspec ("status-detail", 0);
  properties[PROP_SYNC_ENABLED] =
    g_param_spec_boolean ("sync-enabled", NULL, NULL, TRUE, rw);
  properties[PROP_SYNCING] =
    g_param_spec_boolean ("syncing", NULL, NULL, FALSE, rw);
  properties[PROP_UPDATE_FREQUENCY] =
    g_param_spec_enum ("update-frequency", NULL, NULL,
                       ORGSYNC_TYPE_UPDATE_FREQUENCY, ORGSYNC_UPDATE_FREQUENCY_1_HOUR, rw);
  properties[PROP_USER_ID] = string_pspec ("user-id", 0);
  properties[PROP_USERNAME] = string_pspec ("username", 0);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orgsync_connection_init (OrgsyncConnection *self)
{
  self->status = ORGSYNC_CONNECTION_STATUS_SETTING_UP;
  self->status_action = ORGSYNC_STATUS_ACTION_NONE;
  self->update_frequency = ORGSYNC_UPDATE_FREQUENCY_1_HOUR;
  self->quota_threshold = ORGSYNC_QUOTA_THRESHOLD_DEFAULT;
  self->sync_enabled = TRUE;
}

/*
 * Public API
 */

/**
 * orgsync_connection_new:
 * @id: (nullable): the connection id, or %NULL for a fresh random one
 */
OrgsyncConnection *
orgsync_connection_new (const char *id)
{
  g_autofree char *generated = NULL;

  if (id == NULL)
    id = generated = orgsync_connection_generate_id ();

  return g_object_new (ORGSYNC_TYPE_CONNECTION, "id", id, NULL);
}

/* A random UUID: safe as a directory name and never reused. */
char *
orgsync_connection_generate_id (void)
{
  return g_uuid_string_random ();
}

/**
 * orgsync_connection_validate_name:
 *
 * Checks that @name can be a connection's display name: not empty, at most
 * %ORGSYNC_CONNECTION_NAME_MAX characters, valid UTF-8 without control characters.
 * Uniqueness is the list's and the database's business.
 */
gboolean
orgsync_connection_validate_name (const char  *name,
                                  GError     **error)
{
  g_autofree char *stripped = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_NAME,
                           _("The connection name is not valid text."));
      return FALSE;
    }

  stripped = g_strstrip (g_strdup (name));
  if (stripped[0] == '\0')
    {
      g_set_error_literal (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_NAME,
                           _("The connection name cannot be empty."));
      return FALSE;
    }

  if (g_utf8_strlen (name, -1) > ORGSYNC_CONNECTION_NAME_MAX)
    {
      g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_NAME,
                   _("The connection name is too long: use at most %d characters."),
                   ORGSYNC_CONNECTION_NAME_MAX);
      return FALSE;
    }

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || g_unichar_type (c) == G_UNICODE_FORMAT ||
          g_unichar_type (c) == G_UNICODE_LINE_SEPARATOR ||
          g_unichar_type (c) == G_UNICODE_PARAGRAPH_SEPARATOR)
        {
          g_set_error_literal (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_NAME,
                               _("The connection name cannot contain control characters "
                                 "such as tabs or line breaks."));
          return FALSE;
        }
    }

  if (strcmp (stripped, name) != 0)
    {
      g_set_error_literal (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_NAME,
                           _("The connection name cannot start or end with a space."));
      return FALSE;
    }

  return TRUE;
}

/**
 * orgsync_connection_dup_name_key:
 *
 * Names are unique without regard to case (design.md §8), in every script: two
 * names clash when their keys are equal.
 *
 * Returns: (transfer full): the normalised, case-folded form of @name
 */
char *
orgsync_connection_dup_name_key (const char *name)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  normalized = g_utf8_normalize (name, -1, G_NORMALIZE_ALL);
  if (normalized == NULL)
    return g_strdup (name);

  return g_utf8_casefold (normalized, -1);
}

const char *
orgsync_connection_get_id (OrgsyncConnection *self)
{
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION (self), NULL);

  return self->id;
}

#define STRING_ACCESSORS(field, PROP)                                             \
const char *                                                                      \
orgsync_connection_get_##field (OrgsyncConnection *self)                          \
{                                                                                 \
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION (self), NULL);                      \
  return self->field;                                                             \
}                                                                                 \
                                                                                  \
void                                                                              \
orgsync_connection_set_##field (OrgsyncConnection *self,                          \
                                const char        *value)                         \
{                                                                                 \
  g_return_if_fail (ORGSYNC_IS_CONNECTION (self));                                \
  set_string (self, &self->field, value, PROP);                                   \
}

#define DATE_TIME_ACCESSORS(field, PROP)                                          \
GDateTime *                                                                       \
orgsync_connection_get_##field (OrgsyncConnection *self)                          \
{                                                                                 \
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION (self), NULL);                      \
  return self->field;                                                             \
}                                                                                 \
                                                                                  \
void                                                                              \
orgsync_connection_set_##field (OrgsyncConnection *self,                          \
                                GDateTime         *value)                         \
{                                                                                 \
  g_return_if_fail (ORGSYNC_IS_CONNECTION (self));                                \
  set_date_time (self, &self->field, value, PROP);                                \
}

STRING_ACCESSORS (display_name, PROP_DISPLAY_NAME)
STRING_ACCESSORS (login_url, PROP_LOGIN_URL)
STRING_ACCESSORS (instance_url, PROP_INSTANCE_URL)
STRING_ACCESSORS (org_id, PROP_ORG_ID)
STRING_ACCESSORS (user_id, PROP_USER_ID)
STRING_ACCESSORS (username, PROP_USERNAME)
STRING_ACCESSORS (client_id, PROP_CLIENT_ID)
STRING_ACCESSORS (status_detail, PROP_STATUS_DETAIL)
STRING_ACCESSORS (error_code, PROP_ERROR_CODE)
STRING_ACCESSORS (error_message, PROP_ERROR_MESSAGE)

/* (nullable) (transfer none): the getters of these return borrowed values. */
DATE_TIME_ACCESSORS (resume_at, PROP_RESUME_AT)
DATE_TIME_ACCESSORS (last_sync, PROP_LAST_SYNC)
DATE_TIME_ACCESSORS (next_sync, PROP_NEXT_SYNC)
DATE_TIME_ACCESSORS (paused_at, PROP_PAUSED_AT)

OrgsyncConnectionStatus
orgsync_connection_get_status (OrgsyncConnection *self)
{
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION (self), ORGSYNC_CONNECTION_STATUS_ERROR);

  return self->status;
}

void
orgsync_connection_set_status (OrgsyncConnection       *self,
                               OrgsyncConnectionStatus  status)
{
  g_return_if_fail (ORGSYNC_IS_CONNECTION (self));

  set_uint (self, &self->status, status, PROP_STATUS);
}

OrgsyncStatusAction
orgsync_connection_get_status_action (OrgsyncConnection *self)
{
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION (self), ORGSYNC_STATUS_ACTION_NONE);

  return self->status_action;
}

void
orgsync_connection_set_status_action (OrgsyncConnection   *self,
                                      OrgsyncStatusAction  action)
{
  g_return_if_fail (ORGSYNC_IS_CONNECTION (self));

  set_uint (self, &self->status_action, action, PROP_STATUS_ACTION);
}

/* Failed runs in a row; the status machine turns the third into Error. */
guint
orgsync_connection_get_failure_count (OrgsyncConnection *self)
{
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION (self), 0);

  return self->failure_count;
}

void
orgsync_connection_set_failure_count (OrgsyncConnection *self,
                                      guint              failure_count)
{
  g_return_if_fail (ORGSYNC_IS_CONNECTION (self));

  set_uint (self, &self->failure_count, failure_count, PROP_FAILURE_COUNT);
}

/* Whether the current field selection has been synced in full once: until then the
 * connection is Setting Up. */
gboolean
orgsync_connection_get_initial_sync_done (OrgsyncConnection *self)
{
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION (self), FALSE);

  return self->initial_sync_done;
}

void
orgsync_connection_set_initial_sync_done (OrgsyncConnection *self,
                                          gboolean           done)
{
  g_return_if_fail (ORGSYNC_IS_CONNECTION (self));

  done = !!done;
  if (self->initial_sync_done == (guint) done)
    return;

  self->initial_sync_done = done;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INITIAL_SYNC_DONE]);
}

gboolean
orgsync_connection_get_sync_enabled (OrgsyncConnection *self)
{
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION (self), FALSE);

  return self->sync_enabled;
}

void
orgsync_connection_set_sync_enabled (OrgsyncConnection *self,
                                     gboolean           sync_enabled)
{
  g_return_if_fail (ORGSYNC_IS_CONNECTION (self));

  sync_enabled = !!sync_enabled;
  if (self->sync_enabled == (guint) sync_enabled)
    return;

  self->sync_enabled = sync_enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_ENABLED]);
}

OrgsyncUpdateFrequency
orgsync_connection_get_update_frequency (OrgsyncConnection *self)
{
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION (self), ORGSYNC_UPDATE_FREQUENCY_1_HOUR);

  return self->update_frequency;
}

void
orgsync_connection_set_update_frequency (OrgsyncConnection      *self,
                                         OrgsyncUpdateFrequency  frequency)
{
  g_return_if_fail (ORGSYNC_IS_CONNECTION (self));
  g_return_if_fail (frequency <= ORGSYNC_UPDATE_FREQUENCY_MANUAL);

  set_uint (self, &self->update_frequency, frequency, PROP_UPDATE_FREQUENCY);
}

guint
orgsync_connection_get_quota_threshold (OrgsyncConnection *self)
{
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION (self), ORGSYNC_QUOTA_THRESHOLD_DEFAULT);

  return self->quota_threshold;
}

/* Clamped to 10–95 %: callers that take user input check the range themselves to
 * say so (the CLI answers a usage error). */
void
orgsync_connection_set_quota_threshold (OrgsyncConnection *self,
                                        guint              percent)
{
  g_return_if_fail (ORGSYNC_IS_CONNECTION (self));

  percent = CLAMP (percent, ORGSYNC_QUOTA_THRESHOLD_MIN, ORGSYNC_QUOTA_THRESHOLD_MAX);
  set_uint (self, &self->quota_threshold, percent, PROP_QUOTA_THRESHOLD);
}

gint64
orgsync_connection_get_api_used (OrgsyncConnection *self)
{
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION (self), 0);

  return self->api_used;
}

gint64
orgsync_connection_get_api_max (OrgsyncConnection *self)
{
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION (self), 0);

  return self->api_max;
}

/* The org's usage over the rolling 24 hours, as the quota governor last saw it. */
void
orgsync_connection_set_api_usage (OrgsyncConnection *self,
                                  gint64             used,
                                  gint64             max)
{
  g_return_if_fail (ORGSYNC_IS_CONNECTION (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->api_used != MAX (used, 0))
    {
      self->api_used = MAX (used, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_API_USED]);
    }
  if (self->api_max != MAX (max, 0))
    {
      self->api_max = MAX (max, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_API_MAX]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* Whether a run is in progress right now (in this process). */
gboolean
orgsync_connection_get_syncing (OrgsyncConnection *self)
{
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION (self), FALSE);

  return self->syncing;
}

void
orgsync_connection_set_syncing (OrgsyncConnection *self,
                                gboolean           syncing)
{
  g_return_if_fail (ORGSYNC_IS_CONNECTION (self));

  syncing = !!syncing;
  if (self->syncing == (guint) syncing)
    return;

  self->syncing = syncing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
}

guint
orgsync_connection_get_objects_done (OrgsyncConnection *self)
{
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION (self), 0);

  return self->objects_done;
}

guint
orgsync_connection_get_objects_total (OrgsyncConnection *self)
{
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION (self), 0);

  return self->objects_total;
}

guint64
orgsync_connection_get_records_synced (OrgsyncConnection *self)
{
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION (self), 0);

  return self->records_synced;
}

const char *
orgsync_connection_get_current_object (OrgsyncConnection *self)
{
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION (self), NULL);

  return self->current_object;
}

/* Objects done as a fraction, for a GtkProgressBar. */
double
orgsync_connection_get_progress (OrgsyncConnection *self)
{
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION (self), 0.0);

  if (self->objects_total == 0)
    return 0.0;

  return CLAMP ((double) self->objects_done / (double) self->objects_total, 0.0, 1.0);
}

/* One call per progress step, so that bound widgets see one batch of notifications. */
void
orgsync_connection_set_progress (OrgsyncConnection *self,
                                 guint              objects_done,
                                 guint              objects_total,
                                 guint64            records_synced,
                                 const char        *current_object)
{
  double old_progress;

  g_return_if_fail (ORGSYNC_IS_CONNECTION (self));

  old_progress = orgsync_connection_get_progress (self);

  g_object_freeze_notify (G_OBJECT (self));
  set_uint (self, &self->objects_done, objects_done, PROP_OBJECTS_DONE);
  set_uint (self, &self->objects_total, objects_total, PROP_OBJECTS_TOTAL);
  if (self->records_synced != records_synced)
    {
      self->records_synced = records_synced;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORDS_SYNCED]);
    }
  set_string (self, &self->current_object, current_object, PROP_CURRENT_OBJECT);
  if (old_progress != orgsync_connection_get_progress (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
orgsync_connection_clear_progress (OrgsyncConnection *self)
{
  g_return_if_fail (ORGSYNC_IS_CONNECTION (self));

  orgsync_connection_set_progress (self, 0, 0, 0, NULL);
}

/*
 * Enumerations: stable strings for orgsync.db and --json, labels for people
 */

static const char * const status_strings[] = {
  [ORGSYNC_CONNECTION_STATUS_SETTING_UP] = "setting-up",
  [ORGSYNC_CONNECTION_STATUS_ACTIVE] = "active",
  [ORGSYNC_CONNECTION_STATUS_NOT_SYNCING] = "not-syncing",
  [ORGSYNC_CONNECTION_STATUS_ERROR] = "error",
};

const char *
orgsync_connection_status_to_string (OrgsyncConnectionStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_strings), NULL);

  return status_strings[status];
}

gboolean
orgsync_connection_status_from_string (const char              *str,
                                       OrgsyncConnectionStatus *status)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (status_strings); i++)
    {
      if (strcmp (str, status_strings[i]) == 0)
        {
          *status = (OrgsyncConnectionStatus) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
orgsync_connection_status_get_label (OrgsyncConnectionStatus status)
{
  switch (status)
    {
    case ORGSYNC_CONNECTION_STATUS_SETTING_UP:
      return _("Setting Up");
    case ORGSYNC_CONNECTION_STATUS_ACTIVE:
      return _("Active");
    case ORGSYNC_CONNECTION_STATUS_NOT_SYNCING:
      return _("Not Syncing");
    case ORGSYNC_CONNECTION_STATUS_ERROR:
      return _("Error");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
orgsync_status_action_to_string (OrgsyncStatusAction action)
{
  switch (action)
    {
    case ORGSYNC_STATUS_ACTION_NONE:
      return "none";
    case ORGSYNC_STATUS_ACTION_REAUTHORIZE:
      return "reauthorize";
    case ORGSYNC_STATUS_ACTION_CHECK_PERMISSIONS:
      return "check-permissions";
    case ORGSYNC_STATUS_ACTION_CHANGE_LIMIT:
      return "change-limit";
    case ORGSYNC_STATUS_ACTION_RETRY:
      return "retry";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The label of the button that fixes the problem. */
const char *
orgsync_status_action_get_label (OrgsyncStatusAction action)
{
  switch (action)
    {
    case ORGSYNC_STATUS_ACTION_NONE:
      return NULL;
    case ORGSYNC_STATUS_ACTION_REAUTHORIZE:
      return _("Reauthorize");
    case ORGSYNC_STATUS_ACTION_CHECK_PERMISSIONS:
      return _("Check Permissions");
    case ORGSYNC_STATUS_ACTION_CHANGE_LIMIT:
      return _("Change Limit");
    case ORGSYNC_STATUS_ACTION_RETRY:
      return _("Sync Now");
    default:
      g_return_val_if_reached (NULL);
    }
}

static const struct {
  const char *str;
  gint64      seconds;
} frequencies[] = {
  [ORGSYNC_UPDATE_FREQUENCY_15_MINUTES] = { "15m", 15 * 60 },
  [ORGSYNC_UPDATE_FREQUENCY_30_MINUTES] = { "30m", 30 * 60 },
  [ORGSYNC_UPDATE_FREQUENCY_1_HOUR] = { "1h", 60 * 60 },
  [ORGSYNC_UPDATE_FREQUENCY_3_HOURS] = { "3h", 3 * 60 * 60 },
  [ORGSYNC_UPDATE_FREQUENCY_6_HOURS] = { "6h", 6 * 60 * 60 },
  [ORGSYNC_UPDATE_FREQUENCY_12_HOURS] = { "12h", 12 * 60 * 60 },
  [ORGSYNC_UPDATE_FREQUENCY_24_HOURS] = { "24h", 24 * 60 * 60 },
  [ORGSYNC_UPDATE_FREQUENCY_MANUAL] = { "manual", 0 },
};

/* The CLI's spelling: 15m, 30m, 1h, 3h, 6h, 12h, 24h, manual. */
const char *
orgsync_update_frequency_to_string (OrgsyncUpdateFrequency frequency)
{
  g_return_val_if_fail ((guint) frequency < G_N_ELEMENTS (frequencies), NULL);

  return frequencies[frequency].str;
}

gboolean
orgsync_update_frequency_from_string (const char             *str,
                                      OrgsyncUpdateFrequency *frequency)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (frequencies); i++)
    {
      if (g_ascii_strcasecmp (str, frequencies[i].str) == 0)
        {
          *frequency = (OrgsyncUpdateFrequency) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
orgsync_update_frequency_get_label (OrgsyncUpdateFrequency frequency)
{
  switch (frequency)
    {
    case ORGSYNC_UPDATE_FREQUENCY_15_MINUTES:
      return _("Every 15 minutes");
    case ORGSYNC_UPDATE_FREQUENCY_30_MINUTES:
      return _("Every 30 minutes");
    case ORGSYNC_UPDATE_FREQUENCY_1_HOUR:
      return _("Every hour");
    case ORGSYNC_UPDATE_FREQUENCY_3_HOURS:
      return _("Every 3 hours");
    case ORGSYNC_UPDATE_FREQUENCY_6_HOURS:
      return _("Every 6 hours");
    case ORGSYNC_UPDATE_FREQUENCY_12_HOURS:
      return _("Every 12 hours");
    case ORGSYNC_UPDATE_FREQUENCY_24_HOURS:
      return _("Every 24 hours");
    case ORGSYNC_UPDATE_FREQUENCY_MANUAL:
      return _("Manually only");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The interval in seconds; 0 for manual. */
gint64
orgsync_update_frequency_get_seconds (OrgsyncUpdateFrequency frequency)
{
  g_return_val_if_fail ((guint) frequency < G_N_ELEMENTS (frequencies), 0);

  return frequencies[frequency].seconds;
}
