/* orgsync-format.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "orgsync-sync-estimate.h"

G_BEGIN_DECLS

char *orgsync_format_count      (gint64                     count);
char *orgsync_format_clock_time (GDateTime                 *time,
                                 GDateTime                 *now);
char *orgsync_format_estimate   (const OrgsyncSyncEstimate *estimate,
                                 guint                      threshold);

G_END_DECLS
