/* orgsync-connection.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "orgsync-types.h"

G_BEGIN_DECLS

#define ORGSYNC_QUOTA_THRESHOLD_MIN      10
#define ORGSYNC_QUOTA_THRESHOLD_MAX      95
#define ORGSYNC_QUOTA_THRESHOLD_DEFAULT  80
#define ORGSYNC_CONNECTION_NAME_MAX      80   /* characters */

#define ORGSYNC_TYPE_CONNECTION (orgsync_connection_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncConnection, orgsync_connection, ORGSYNC, CONNECTION, GObject)

OrgsyncConnection       *orgsync_connection_new                   (const char              *id);
char                    *orgsync_connection_generate_id           (void);
gboolean                 orgsync_connection_validate_name         (const char              *name,
                                                                   GError                 **error);
char                    *orgsync_connection_dup_name_key          (const char              *name);

const char              *orgsync_connection_get_id                (OrgsyncConnection       *self);
const char              *orgsync_connection_get_display_name      (OrgsyncConnection       *self);
void                     orgsync_connection_set_display_name      (OrgsyncConnection       *self,
                                                                   const char              *display_name);
const char              *orgsync_connection_get_login_url         (OrgsyncConnection       *self);
void                     orgsync_connection_set_login_url         (OrgsyncConnection       *self,
                                                                   const char              *login_url);
const char              *orgsync_connection_get_instance_url      (OrgsyncConnection       *self);
void                     orgsync_connection_set_instance_url      (OrgsyncConnection       *self,
                                                                   const char              *instance_url);
const char              *orgsync_connection_get_org_id            (OrgsyncConnection       *self);
void                     orgsync_connection_set_org_id            (OrgsyncConnection       *self,
                                                                   const char              *org_id);
const char              *orgsync_connection_get_user_id           (OrgsyncConnection       *self);
void                     orgsync_connection_set_user_id           (OrgsyncConnection       *self,
                                                                   const char              *user_id);
const char              *orgsync_connection_get_username          (OrgsyncConnection       *self);
void                     orgsync_connection_set_username          (OrgsyncConnection       *self,
                                                                   const char              *username);
const char              *orgsync_connection_get_client_id         (OrgsyncConnection       *self);
void                     orgsync_connection_set_client_id         (OrgsyncConnection       *self,
                                                                   const char              *client_id);

OrgsyncConnectionStatus  orgsync_connection_get_status            (OrgsyncConnection       *self);
void                     orgsync_connection_set_status            (OrgsyncConnection       *self,
                                                                   OrgsyncConnectionStatus  status);
const char              *orgsync_connection_get_status_detail     (OrgsyncConnection       *self);
void                     orgsync_connection_set_status_detail     (OrgsyncConnection       *self,
                                                                   const char              *detail);
OrgsyncStatusAction      orgsync_connection_get_status_action     (OrgsyncConnection       *self);
void                     orgsync_connection_set_status_action     (OrgsyncConnection       *self,
                                                                   OrgsyncStatusAction      action);
const char              *orgsync_connection_get_error_code        (OrgsyncConnection       *self);
void                     orgsync_connection_set_error_code        (OrgsyncConnection       *self,
                                                                   const char              *error_code);
const char              *orgsync_connection_get_error_message     (OrgsyncConnection       *self);
void                     orgsync_connection_set_error_message     (OrgsyncConnection       *self,
                                                                   const char              *error_message);
GDateTime               *orgsync_connection_get_resume_at         (OrgsyncConnection       *self);
void                     orgsync_connection_set_resume_at         (OrgsyncConnection       *self,
                                                                   GDateTime               *resume_at);
guint                    orgsync_connection_get_failure_count     (OrgsyncConnection       *self);
void                     orgsync_connection_set_failure_count     (OrgsyncConnection       *self,
                                                                   guint                    failure_count);
gboolean                 orgsync_connection_get_initial_sync_done (OrgsyncConnection       *self);
void                     orgsync_connection_set_initial_sync_done (OrgsyncConnection       *self,
                                                                   gboolean                 done);

gboolean                 orgsync_connection_get_sync_enabled      (OrgsyncConnection       *self);
void                     orgsync_connection_set_sync_enabled      (OrgsyncConnection       *self,
                                                                   gboolean                 sync_enabled);
OrgsyncUpdateFrequency   orgsync_connection_get_update_frequency  (OrgsyncConnection       *self);
void                     orgsync_connection_set_update_frequency  (OrgsyncConnection       *self,
                                                                   OrgsyncUpdateFrequency   frequency);
guint                    orgsync_connection_get_quota_threshold   (OrgsyncConnection       *self);
void                     orgsync_connection_set_quota_threshold   (OrgsyncConnection       *self,
                                                                   guint                    percent);
gint64                   orgsync_connection_get_api_used          (OrgsyncConnection       *self);
gint64                   orgsync_connection_get_api_max           (OrgsyncConnection       *self);
void                     orgsync_connection_set_api_usage         (OrgsyncConnection       *self,
                                                                   gint64                   used,
                                                                   gint64                   max);

GDateTime               *orgsync_connection_get_last_sync         (OrgsyncConnection       *self);
void                     orgsync_connection_set_last_sync         (OrgsyncConnection       *self,
                                                                   GDateTime               *last_sync);
GDateTime               *orgsync_connection_get_next_sync         (OrgsyncConnection       *self);
void                     orgsync_connection_set_next_sync         (OrgsyncConnection       *self,
                                                                   GDateTime               *next_sync);
GDateTime               *orgsync_connection_get_paused_at         (OrgsyncConnection       *self);
void                     orgsync_connection_set_paused_at         (OrgsyncConnection       *self,
                                                                   GDateTime               *paused_at);

gboolean                 orgsync_connection_get_syncing           (OrgsyncConnection       *self);
void                     orgsync_connection_set_syncing           (OrgsyncConnection       *self,
                                                                   gboolean                 syncing);
guint                    orgsync_connection_get_objects_done      (OrgsyncConnection       *self);
guint                    orgsync_connection_get_objects_total     (OrgsyncConnection       *self);
guint64                  orgsync_connection_get_records_synced    (OrgsyncConnection       *self);
const char              *orgsync_connection_get_current_object    (OrgsyncConnection       *self);
double                   orgsync_connection_get_progress          (OrgsyncConnection       *self);
void                     orgsync_connection_set_progress          (OrgsyncConnection       *self,
                                                                   guint                    objects_done,
                                                                   guint                    objects_total,
                                                                   guint64                  records_synced,
                                                                   const char              *current_object);
void                     orgsync_connection_clear_progress        (OrgsyncConnection       *self);

const char              *orgsync_connection_status_to_string      (OrgsyncConnectionStatus  status);
gboolean                 orgsync_connection_status_from_string    (const char              *str,
                                                                   OrgsyncConnectionStatus *status);
const char              *orgsync_connection_status_get_label      (OrgsyncConnectionStatus  status);
const char              *orgsync_status_action_to_string          (OrgsyncStatusAction      action);
const char              *orgsync_status_action_get_label          (OrgsyncStatusAction      action);
const char              *orgsync_update_frequency_to_string       (OrgsyncUpdateFrequency   frequency);
gboolean                 orgsync_update_frequency_from_string     (const char              *str,
                                                                   OrgsyncUpdateFrequency  *frequency);
const char              *orgsync_update_frequency_get_label       (OrgsyncUpdateFrequency   frequency);
gint64                   orgsync_update_frequency_get_seconds     (OrgsyncUpdateFrequency   frequency);

G_END_DECLS
