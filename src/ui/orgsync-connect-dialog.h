/* orgsync-connect-dialog.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "orgsync-manager.h"

G_BEGIN_DECLS

#define ORGSYNC_TYPE_CONNECT_DIALOG (orgsync_connect_dialog_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncConnectDialog, orgsync_connect_dialog, ORGSYNC, CONNECT_DIALOG, AdwWindow)

OrgsyncConnectDialog *orgsync_connect_dialog_new                 (void);
void                  orgsync_connect_dialog_set_reauthorize     (OrgsyncConnectDialog *self,
                                                                  const char           *connection_name,
                                                                  const char           *login_url);
void                  orgsync_connect_dialog_set_demo            (OrgsyncConnectDialog *self,
                                                                  const char           *login_url,
                                                                  const char           *username,
                                                                  const char           *password,
                                                                  const char           *security_token);
void                  orgsync_connect_dialog_set_login_url       (OrgsyncConnectDialog *self,
                                                                  const char           *login_url);
char                 *orgsync_connect_dialog_dup_login_url       (OrgsyncConnectDialog *self,
                                                                  GError              **error);
const char           *orgsync_connect_dialog_get_username        (OrgsyncConnectDialog *self);
const char           *orgsync_connect_dialog_get_password        (OrgsyncConnectDialog *self);
const char           *orgsync_connect_dialog_get_security_token  (OrgsyncConnectDialog *self);
const char           *orgsync_connect_dialog_get_client_id       (OrgsyncConnectDialog *self);
const char           *orgsync_connect_dialog_get_client_secret   (OrgsyncConnectDialog *self);
const char           *orgsync_connect_dialog_get_callback_url    (OrgsyncConnectDialog *self);
void                  orgsync_connect_dialog_set_credentials     (OrgsyncConnectDialog *self,
                                                                  const char           *username,
                                                                  const char           *password,
                                                                  const char           *security_token);
void                  orgsync_connect_dialog_clear_secrets       (OrgsyncConnectDialog *self);
void                  orgsync_connect_dialog_show_sign_in        (OrgsyncConnectDialog *self);
void                  orgsync_connect_dialog_show_waiting        (OrgsyncConnectDialog *self,
                                                                  const char           *sign_in_link);
void                  orgsync_connect_dialog_show_busy           (OrgsyncConnectDialog *self,
                                                                  const char           *title,
                                                                  const char           *description);
void                  orgsync_connect_dialog_clear_checks        (OrgsyncConnectDialog *self);
void                  orgsync_connect_dialog_add_check           (OrgsyncConnectDialog *self,
                                                                  const char           *title,
                                                                  gboolean              passed,
                                                                  const char           *how_to_fix);
void                  orgsync_connect_dialog_show_checklist      (OrgsyncConnectDialog *self);
void                  orgsync_connect_dialog_show_error          (OrgsyncConnectDialog *self,
                                                                  const char           *title,
                                                                  const char           *message,
                                                                  gboolean              suggest_client_app,
                                                                  const char           *retry_label);
const char           *orgsync_connect_dialog_get_page            (OrgsyncConnectDialog *self);

G_END_DECLS
