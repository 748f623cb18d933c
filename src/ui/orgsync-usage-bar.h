/* orgsync-usage-bar.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ORGSYNC_TYPE_USAGE_BAR (orgsync_usage_bar_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncUsageBar, orgsync_usage_bar, ORGSYNC, USAGE_BAR, GtkWidget)

GtkWidget *orgsync_usage_bar_new           (void);
gint64     orgsync_usage_bar_get_used      (OrgsyncUsageBar *self);
void       orgsync_usage_bar_set_used      (OrgsyncUsageBar *self,
                                            gint64           used);
gint64     orgsync_usage_bar_get_max       (OrgsyncUsageBar *self);
void       orgsync_usage_bar_set_max       (OrgsyncUsageBar *self,
                                            gint64           max);
guint      orgsync_usage_bar_get_threshold (OrgsyncUsageBar *self);
void       orgsync_usage_bar_set_threshold (OrgsyncUsageBar *self,
                                            guint            percent);

G_END_DECLS
