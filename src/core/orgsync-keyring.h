/* orgsync-keyring.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The kinds of secret kept per connection (design.md §8). Nothing else stores them. */
typedef enum
{
  ORGSYNC_SECRET_REFRESH_TOKEN,
  ORGSYNC_SECRET_ACCESS_TOKEN,
  ORGSYNC_SECRET_CLIENT_SECRET,
} OrgsyncSecretKind;

const char *orgsync_secret_kind_to_string  (OrgsyncSecretKind     kind);

void        orgsync_keyring_store_async    (const char           *connection_id,
                                            OrgsyncSecretKind     kind,
                                            const char           *label,
                                            const char           *secret,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean    orgsync_keyring_store_finish   (GAsyncResult         *result,
                                            GError              **error);
void        orgsync_keyring_lookup_async   (const char           *connection_id,
                                            OrgsyncSecretKind     kind,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
char       *orgsync_keyring_lookup_finish  (GAsyncResult         *result,
                                            GError              **error);
void        orgsync_keyring_clear_async    (const char           *connection_id,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean    orgsync_keyring_clear_finish   (GAsyncResult         *result,
                                            GError              **error);
void        orgsync_keyring_free_secret    (char                 *secret);

G_END_DECLS
