/* orgsync-test-utils.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void       orgsync_test_isolate_dirs    (void);
GtkWidget *orgsync_test_find_widget     (GtkWidget  *root,
                                         GType       type,
                                         guint       skip);
void       orgsync_test_save_screenshot (GtkWidget  *widget,
                                         const char *name);

G_END_DECLS
