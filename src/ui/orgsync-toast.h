/* orgsync-toast.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* libadwaita's own default */
#define ORGSYNC_TOAST_TIMEOUT 5

void orgsync_toast_show    (AdwToastOverlay *overlay,
                            AdwToast        *toast,
                            guint            timeout_seconds);
void orgsync_toast_dismiss (AdwToast        *toast);

G_END_DECLS
