/* orgsync-window-private.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "orgsync-banner.h"
#include "orgsync-manager.h"
#include "orgsync-window.h"

G_BEGIN_DECLS

struct _OrgsyncWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  GtkListBox           *connections_list;
  AdwStatusPage        *empty_page;
  GtkStack             *main_stack;
  OrgsyncBanner        *quota_banner;
  AdwToastOverlay      *toast_overlay;

  /* Owned references */
  GListModel           *connections;
  OrgsyncManager       *manager;        /* NULL when the data folder could not be opened */
  GSettings            *settings;
  GCancellable         *cancellable;    /* cancelled when the window goes */
  char                 *quota_connection_id;
  AdwToast             *sync_toast;     /* the last "synced" toast */

  guint                 refresh_times_id;
};

void _orgsync_window_class_actions_init (GtkWidgetClass *widget_class);
void _orgsync_window_actions_init       (OrgsyncWindow  *self);

G_END_DECLS
