/* orgsync-window.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "orgsync-application.h"

G_BEGIN_DECLS

#define ORGSYNC_TYPE_WINDOW (orgsync_window_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncWindow, orgsync_window, ORGSYNC, WINDOW, AdwApplicationWindow)

OrgsyncWindow *orgsync_window_new        (OrgsyncApplication *application);
void           orgsync_window_show_toast (OrgsyncWindow      *self,
                                          const char         *title);

G_END_DECLS
