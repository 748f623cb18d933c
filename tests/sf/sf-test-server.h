/* sf-test-server.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A server on 127.0.0.1 that answers whatever the test says, for responses
 * orgsync-sim would never send (it is a faithful peer, not a hostile one). */
typedef struct _SfTestServer SfTestServer;

SfTestServer *sf_test_server_new        (void);
void          sf_test_server_free       (SfTestServer *self);
const char   *sf_test_server_get_url    (SfTestServer *self);
void          sf_test_server_respond    (SfTestServer *self,
                                         const char   *path,
                                         guint         status,
                                         const char   *body);
guint         sf_test_server_get_hits   (SfTestServer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfTestServer, sf_test_server_free)

G_END_DECLS
