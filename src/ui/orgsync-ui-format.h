/* orgsync-ui-format.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "orgsync-format.h"

G_BEGIN_DECLS

char *orgsync_format_api_usage   (gint64     used,
                                  gint64     max,
                                  guint      threshold);
char *orgsync_format_last_sync   (GDateTime *last_sync,
                                  GDateTime *now);
char *orgsync_format_next_sync   (GDateTime *next_sync,
                                  GDateTime *now);

G_END_DECLS
