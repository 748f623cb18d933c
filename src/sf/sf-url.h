/* sf-url.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The login hosts Salesforce documents (reference §1.1). */
#define SF_LOGIN_URL_PRODUCTION "https://login.salesforce.com"
#define SF_LOGIN_URL_SANDBOX    "https://test.salesforce.com"

gboolean  sf_url_host_is_loopback   (const char  *host);
char     *sf_url_normalize_login    (const char  *url,
                                     GError     **error);
gboolean  sf_url_check_secure       (const char  *url,
                                     GError     **error);

G_END_DECLS
