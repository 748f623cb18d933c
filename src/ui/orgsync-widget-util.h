/* orgsync-widget-util.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void orgsync_button_set_mnemonic_label (GtkButton  *button,
                                        const char *label);

G_END_DECLS
