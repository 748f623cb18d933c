/* orgsync-history-window.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ORGSYNC_TYPE_HISTORY_WINDOW (orgsync_history_window_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncHistoryWindow, orgsync_history_window, ORGSYNC, HISTORY_WINDOW, AdwWindow)

OrgsyncHistoryWindow *orgsync_history_window_new      (const char           *connection_name,
                                                       GPtrArray            *runs);
guint                 orgsync_history_window_get_n_runs (OrgsyncHistoryWindow *self);

G_END_DECLS
