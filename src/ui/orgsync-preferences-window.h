/* orgsync-preferences-window.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ORGSYNC_TYPE_PREFERENCES_WINDOW (orgsync_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncPreferencesWindow, orgsync_preferences_window, ORGSYNC, PREFERENCES_WINDOW, AdwPreferencesWindow)

OrgsyncPreferencesWindow *orgsync_preferences_window_new (GSettings *settings);

G_END_DECLS
