/* orgsync-format.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *orgsync_format_count      (gint64     count);
char *orgsync_format_clock_time (GDateTime *time,
                                 GDateTime *now);

G_END_DECLS
