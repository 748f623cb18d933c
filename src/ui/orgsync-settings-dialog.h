/* orgsync-settings-dialog.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "orgsync-connection.h"

G_BEGIN_DECLS

#define ORGSYNC_TYPE_SETTINGS_DIALOG (orgsync_settings_dialog_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncSettingsDialog, orgsync_settings_dialog, ORGSYNC, SETTINGS_DIALOG, AdwWindow)

OrgsyncSettingsDialog  *orgsync_settings_dialog_new              (OrgsyncConnection      *connection,
                                                                  const char             *records_path,
                                                                  guint                   n_synced_objects);
OrgsyncConnection      *orgsync_settings_dialog_get_connection   (OrgsyncSettingsDialog  *self);
const char             *orgsync_settings_dialog_get_name         (OrgsyncSettingsDialog  *self);
gboolean                orgsync_settings_dialog_get_sync_enabled (OrgsyncSettingsDialog  *self);
OrgsyncUpdateFrequency  orgsync_settings_dialog_get_frequency    (OrgsyncSettingsDialog  *self);
guint                   orgsync_settings_dialog_get_threshold    (OrgsyncSettingsDialog  *self);
gboolean                orgsync_settings_dialog_get_has_changes  (OrgsyncSettingsDialog  *self);
void                    orgsync_settings_dialog_set_sync_enabled (OrgsyncSettingsDialog  *self,
                                                                  gboolean                enabled);
void                    orgsync_settings_dialog_set_threshold    (OrgsyncSettingsDialog  *self,
                                                                  guint                   percent);
void                    orgsync_settings_dialog_set_frequency    (OrgsyncSettingsDialog  *self,
                                                                  OrgsyncUpdateFrequency  frequency);
void                    orgsync_settings_dialog_set_name         (OrgsyncSettingsDialog  *self,
                                                                  const char             *name);
void                    orgsync_settings_dialog_focus_quota      (OrgsyncSettingsDialog  *self);
void                    orgsync_settings_dialog_show_error       (OrgsyncSettingsDialog  *self,
                                                                  const char             *message);
char                   *orgsync_settings_dialog_dup_frequency_hint (OrgsyncUpdateFrequency frequency,
                                                                    guint                  n_objects);

G_END_DECLS
