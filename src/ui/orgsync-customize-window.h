/* orgsync-customize-window.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ORGSYNC_TYPE_CUSTOMIZE_WINDOW (orgsync_customize_window_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncCustomizeWindow, orgsync_customize_window, ORGSYNC, CUSTOMIZE_WINDOW, AdwWindow)

OrgsyncCustomizeWindow  *orgsync_customize_window_new            (const char             *connection_name,
                                                                  GListModel             *sobjects);
GListModel              *orgsync_customize_window_get_sobjects   (OrgsyncCustomizeWindow *self);
char                   **orgsync_customize_window_dup_added      (OrgsyncCustomizeWindow *self);
char                   **orgsync_customize_window_dup_removed    (OrgsyncCustomizeWindow *self);
void                     orgsync_customize_window_set_search     (OrgsyncCustomizeWindow *self,
                                                                  const char             *text);
guint                    orgsync_customize_window_get_n_rows     (OrgsyncCustomizeWindow *self);
void                     orgsync_customize_window_set_estimate   (OrgsyncCustomizeWindow *self,
                                                                  const char             *estimate);
const char              *orgsync_customize_window_get_estimate   (OrgsyncCustomizeWindow *self);
void                     orgsync_customize_window_show_review    (OrgsyncCustomizeWindow *self);

G_END_DECLS
