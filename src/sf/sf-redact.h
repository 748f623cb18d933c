/* sf-redact.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SF_REDACTED "[redacted]"

gboolean  sf_redact_is_secret_name  (const char *name);
char     *sf_redact_url             (const char *url);
char     *sf_redact_form            (const char *form);

G_END_DECLS
