/* orgsync-identifier.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ORGSYNC_API_NAME_MAX 120

gboolean  orgsync_api_name_validate        (const char  *name,
                                            GError     **error);
char     *orgsync_sql_quote_identifier     (const char  *name);

G_END_DECLS
