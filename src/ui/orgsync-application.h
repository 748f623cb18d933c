/* orgsync-application.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "orgsync-demo-org.h"
#include "orgsync-manager.h"

G_BEGIN_DECLS

#define ORGSYNC_TYPE_APPLICATION (orgsync_application_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncApplication, orgsync_application, ORGSYNC, APPLICATION, AdwApplication)

OrgsyncApplication *orgsync_application_new             (void);
GSettings          *orgsync_application_get_settings    (OrgsyncApplication *self);
GListModel         *orgsync_application_get_connections (OrgsyncApplication *self);
OrgsyncManager     *orgsync_application_get_manager     (OrgsyncApplication *self);
const GError       *orgsync_application_get_manager_error (OrgsyncApplication *self);
OrgsyncDemoOrg     *orgsync_application_get_demo_org    (OrgsyncApplication *self);
gboolean            orgsync_application_take_demo_request (OrgsyncApplication *self);

G_END_DECLS
