/* sf-loopback-listener.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SF_TYPE_LOOPBACK_LISTENER (sf_loopback_listener_get_type ())

G_DECLARE_FINAL_TYPE (SfLoopbackListener, sf_loopback_listener, SF, LOOPBACK_LISTENER, GObject)

SfLoopbackListener *sf_loopback_listener_new         (const char          *redirect_uri,
                                                      const char          *state,
                                                      GError             **error);
guint               sf_loopback_listener_get_port    (SfLoopbackListener  *self);
void                sf_loopback_listener_wait_async  (SfLoopbackListener  *self,
                                                      guint                timeout_seconds,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
char               *sf_loopback_listener_wait_finish (SfLoopbackListener  *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
void                sf_loopback_listener_abort       (SfLoopbackListener  *self,
                                                      GError              *error);
void                sf_loopback_listener_close       (SfLoopbackListener  *self);

G_END_DECLS
