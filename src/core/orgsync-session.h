/* orgsync-session.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "orgsync-clock.h"
#include "orgsync-connection.h"
#include "orgsync-database.h"
#include "sf-client.h"

G_BEGIN_DECLS

/* A signed-in SfClient for an existing connection outside a sync run (permission
 * check, describes for the field customizer): secrets from the keyring, every call
 * through the quota governor, renewed tokens back into the keyring. */
#define ORGSYNC_TYPE_SESSION (orgsync_session_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncSession, orgsync_session, ORGSYNC, SESSION, GObject)

OrgsyncSession *orgsync_session_new          (OrgsyncDatabase     *database,
                                              OrgsyncConnection   *connection,
                                              OrgsyncClock        *clock);
void            orgsync_session_open_async   (OrgsyncDatabase     *database,
                                              OrgsyncConnection   *connection,
                                              OrgsyncClock        *clock,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
OrgsyncSession *orgsync_session_open_finish  (GAsyncResult        *result,
                                              GError             **error);
SfClient       *orgsync_session_get_client   (OrgsyncSession      *self);
void            orgsync_session_attach       (OrgsyncSession      *self,
                                              SfClient            *client);

G_END_DECLS
