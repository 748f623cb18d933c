/* orgsync-banner.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ORGSYNC_TYPE_BANNER (orgsync_banner_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncBanner, orgsync_banner, ORGSYNC, BANNER, GtkWidget)

GtkWidget  *orgsync_banner_new              (void);
const char *orgsync_banner_get_title        (OrgsyncBanner *self);
void        orgsync_banner_set_title        (OrgsyncBanner *self,
                                             const char    *title);
const char *orgsync_banner_get_button_label (OrgsyncBanner *self);
void        orgsync_banner_set_button_label (OrgsyncBanner *self,
                                             const char    *label);
gboolean    orgsync_banner_get_revealed     (OrgsyncBanner *self);
void        orgsync_banner_set_revealed     (OrgsyncBanner *self,
                                             gboolean       revealed);

G_END_DECLS
