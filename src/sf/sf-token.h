/* sf-token.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SF_TYPE_TOKEN (sf_token_get_type ())

/* The session an OAuth token response grants (reference §1.3). Immutable; a
 * refresh produces a new SfToken. It has no to-string and never appears in a
 * log line: the access and refresh tokens are credentials. */
typedef struct _SfToken SfToken;

GType        sf_token_get_type              (void) G_GNUC_CONST;
SfToken     *sf_token_new                   (const char  *access_token,
                                             const char  *refresh_token,
                                             const char  *instance_url,
                                             const char  *id_url);
SfToken     *sf_token_new_from_json         (const char  *data,
                                             gsize        length,
                                             const char  *previous_refresh_token,
                                             GError     **error);
SfToken     *sf_token_ref                   (SfToken     *self);
void         sf_token_unref                 (SfToken     *self);
const char  *sf_token_get_access_token      (SfToken     *self);
const char  *sf_token_get_refresh_token     (SfToken     *self);
const char  *sf_token_get_instance_url      (SfToken     *self);
const char  *sf_token_get_id_url            (SfToken     *self);
const char  *sf_token_get_org_id            (SfToken     *self);
const char  *sf_token_get_user_id           (SfToken     *self);
const char  *sf_token_get_scope             (SfToken     *self);
gint64       sf_token_get_issued_at         (SfToken     *self);
gboolean     sf_token_get_refresh_rotated   (SfToken     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfToken, sf_token_unref)

G_END_DECLS
