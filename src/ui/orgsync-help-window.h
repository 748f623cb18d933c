/* orgsync-help-window.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ORGSYNC_TYPE_HELP_WINDOW (orgsync_help_window_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncHelpWindow, orgsync_help_window, ORGSYNC, HELP_WINDOW, AdwWindow)

OrgsyncHelpWindow *orgsync_help_window_new        (void);
void               orgsync_help_window_show_topic (OrgsyncHelpWindow *self,
                                                   const char        *topic);
const char        *orgsync_help_window_get_topic  (OrgsyncHelpWindow *self);

G_END_DECLS
