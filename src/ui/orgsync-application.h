/* orgsync-application.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ORGSYNC_TYPE_APPLICATION (orgsync_application_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncApplication, orgsync_application, ORGSYNC, APPLICATION, AdwApplication)

OrgsyncApplication *orgsync_application_new             (void);
GSettings          *orgsync_application_get_settings    (OrgsyncApplication *self);
GListModel         *orgsync_application_get_connections (OrgsyncApplication *self);

G_END_DECLS
