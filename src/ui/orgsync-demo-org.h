/* orgsync-demo-org.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "orgsync-connection.h"

G_BEGIN_DECLS

/* Its own user name tells a demo connection from one to an orgsync-sim started by
 * hand, whose default user is demo@orgsync.test. */
#define ORGSYNC_DEMO_USERNAME       "demo@demo-org.orgsync.test"
#define ORGSYNC_DEMO_PASSWORD       "demo1234"
#define ORGSYNC_DEMO_SECURITY_TOKEN "DEMOTOKEN"

#define ORGSYNC_TYPE_DEMO_ORG (orgsync_demo_org_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncDemoOrg, orgsync_demo_org, ORGSYNC, DEMO_ORG, GObject)

OrgsyncDemoOrg *orgsync_demo_org_new             (const char         *data_dir);
gboolean        orgsync_demo_org_start           (OrgsyncDemoOrg     *self,
                                                  GError            **error);
gboolean        orgsync_demo_org_is_running      (OrgsyncDemoOrg     *self);
const char     *orgsync_demo_org_get_url         (OrgsyncDemoOrg     *self);
void            orgsync_demo_org_set_trickle     (OrgsyncDemoOrg     *self,
                                                  guint               interval_seconds);
void            orgsync_demo_org_trickle_now     (OrgsyncDemoOrg     *self);
gboolean        orgsync_demo_org_owns            (OrgsyncDemoOrg     *self,
                                                  OrgsyncConnection  *connection);
void            orgsync_demo_org_stop            (OrgsyncDemoOrg     *self);

G_END_DECLS
