/* sf-pkce.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  sf_random_bytes             (guint8      *buffer,
                                       gsize        length,
                                       GError     **error);
char     *sf_base64url_encode         (const guint8 *data,
                                       gsize         length);
char     *sf_pkce_new_verifier        (GError     **error);
char     *sf_pkce_challenge           (const char  *verifier);
char     *sf_oauth_new_state          (GError     **error);

G_END_DECLS
