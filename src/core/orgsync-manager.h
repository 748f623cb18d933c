/* orgsync-manager.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "orgsync-clock.h"
#include "orgsync-connection-list.h"
#include "orgsync-database.h"
#include "orgsync-scheduler.h"
#include "orgsync-sync-engine.h"
#include "orgsync-sync-estimate.h"

G_BEGIN_DECLS

typedef enum
{
  ORGSYNC_SIGN_IN_BROWSER,    /* OAuth web-server flow with PKCE */
  ORGSYNC_SIGN_IN_PASSWORD,   /* legacy username-password flow */
} OrgsyncSignInMethod;

/**
 * OrgsyncSignInOptions:
 * @name: (nullable): connect only: the display name, or %NULL for the org's name
 * @login_url: https://login.salesforce.com, https://test.salesforce.com or a My Domain
 *   (plain http only to a loopback host)
 * @password: (nullable): the password immediately followed by the security token
 * @client_id: (nullable): an External Client App's consumer key; %NULL for the default
 * @client_secret: (nullable): its secret, if it has one
 * @callback_url: (nullable): its callback; %NULL for the default
 * @allow_new_org: reauthorize only: accept a refreshed sandbox (another org id at the
 *   same My Domain) and sync it again in full
 */
typedef struct
{
  OrgsyncSignInMethod  method;
  const char          *name;
  const char          *login_url;
  const char          *username;
  const char          *password;
  const char          *client_id;
  const char          *client_secret;
  const char          *callback_url;
  gboolean             allow_new_org;
} OrgsyncSignInOptions;

/**
 * OrgsyncSelectionEdit:
 * @clear: start from nothing
 * @preset: (nullable): a preset id: the selection becomes exactly the preset's
 * @objects: (nullable): objects whose every syncable field is selected
 * @add: (nullable): "Object.Field" names to select
 * @remove: (nullable): "Object.Field" names (or "Object") to deselect
 *
 * Applied in this order; every name is checked against the org's describe first, and
 * nothing is stored when one is wrong.
 */
typedef struct
{
  gboolean             clear;
  const char          *preset;
  const char * const  *objects;
  const char * const  *add;
  const char * const  *remove;
} OrgsyncSelectionEdit;

/* One-off events the GUI turns into notifications, once per state change. */
typedef enum
{
  ORGSYNC_MANAGER_EVENT_QUOTA_STOP,
  ORGSYNC_MANAGER_EVENT_REAUTHORIZE,
  ORGSYNC_MANAGER_EVENT_PERMISSION_LOST,
  ORGSYNC_MANAGER_EVENT_REPEATED_FAILURES,
  ORGSYNC_MANAGER_EVENT_FIELDS_REPAIRED,
} OrgsyncManagerEvent;

#define ORGSYNC_TYPE_MANAGER (orgsync_manager_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncManager, orgsync_manager, ORGSYNC, MANAGER, GObject)

OrgsyncManager     *orgsync_manager_new                    (const char                 *data_dir,
                                                            OrgsyncClock               *clock,
                                                            GError                    **error);
OrgsyncDatabase    *orgsync_manager_get_database           (OrgsyncManager             *self);
OrgsyncClock       *orgsync_manager_get_clock              (OrgsyncManager             *self);
GListModel         *orgsync_manager_get_connections        (OrgsyncManager             *self);
GListModel         *orgsync_manager_get_presets            (OrgsyncManager             *self);
OrgsyncScheduler   *orgsync_manager_get_scheduler          (OrgsyncManager             *self);
OrgsyncConnection  *orgsync_manager_lookup                 (OrgsyncManager             *self,
                                                            const char                 *name_or_id);
gboolean            orgsync_manager_reload                 (OrgsyncManager             *self,
                                                            GError                    **error);
void                orgsync_manager_watch                  (OrgsyncManager             *self);
void                orgsync_manager_start_scheduling       (OrgsyncManager             *self);

void                orgsync_manager_connect_async          (OrgsyncManager             *self,
                                                            const OrgsyncSignInOptions *options,
                                                            GCancellable               *cancellable,
                                                            GAsyncReadyCallback         callback,
                                                            gpointer                    user_data);
OrgsyncConnection  *orgsync_manager_connect_finish         (OrgsyncManager             *self,
                                                            GAsyncResult               *result,
                                                            GError                    **error);
void                orgsync_manager_reauthorize_async      (OrgsyncManager             *self,
                                                            OrgsyncConnection          *connection,
                                                            const OrgsyncSignInOptions *options,
                                                            GCancellable               *cancellable,
                                                            GAsyncReadyCallback         callback,
                                                            gpointer                    user_data);
gboolean            orgsync_manager_reauthorize_finish     (OrgsyncManager             *self,
                                                            GAsyncResult               *result,
                                                            GError                    **error);
void                orgsync_manager_check_permissions_async (OrgsyncManager            *self,
                                                            OrgsyncConnection          *connection,
                                                            GCancellable               *cancellable,
                                                            GAsyncReadyCallback         callback,
                                                            gpointer                    user_data);
GListModel         *orgsync_manager_check_permissions_finish (OrgsyncManager           *self,
                                                            GAsyncResult               *result,
                                                            GError                    **error);
void                orgsync_manager_load_objects_async     (OrgsyncManager             *self,
                                                            OrgsyncConnection          *connection,
                                                            const char * const         *describe,
                                                            GCancellable               *cancellable,
                                                            GAsyncReadyCallback         callback,
                                                            gpointer                    user_data);
GListModel         *orgsync_manager_load_objects_finish    (OrgsyncManager             *self,
                                                            GAsyncResult               *result,
                                                            GError                    **error);
void                orgsync_manager_estimate_async         (OrgsyncManager             *self,
                                                            OrgsyncConnection          *connection,
                                                            GListModel                 *sobjects,
                                                            GCancellable               *cancellable,
                                                            GAsyncReadyCallback         callback,
                                                            gpointer                    user_data);
OrgsyncSyncEstimate *orgsync_manager_estimate_finish       (OrgsyncManager             *self,
                                                            GAsyncResult               *result,
                                                            GError                    **error);
void                orgsync_manager_select_async           (OrgsyncManager             *self,
                                                            OrgsyncConnection          *connection,
                                                            const OrgsyncSelectionEdit *edit,
                                                            GCancellable               *cancellable,
                                                            GAsyncReadyCallback         callback,
                                                            gpointer                    user_data);
GStrv               orgsync_manager_select_finish          (OrgsyncManager             *self,
                                                            GAsyncResult               *result,
                                                            GError                    **error);
void                orgsync_manager_estimate_edit_async    (OrgsyncManager             *self,
                                                            OrgsyncConnection          *connection,
                                                            const OrgsyncSelectionEdit *edit,
                                                            GCancellable               *cancellable,
                                                            GAsyncReadyCallback         callback,
                                                            gpointer                    user_data);
OrgsyncSyncEstimate *orgsync_manager_estimate_edit_finish  (OrgsyncManager             *self,
                                                            GAsyncResult               *result,
                                                            GError                    **error);
gboolean            orgsync_manager_commit_selection       (OrgsyncManager             *self,
                                                            OrgsyncConnection          *connection,
                                                            GListModel                 *sobjects,
                                                            GError                    **error);
void                orgsync_manager_sync_async             (OrgsyncManager             *self,
                                                            OrgsyncConnection          *connection,
                                                            gboolean                    full,
                                                            GCancellable               *cancellable,
                                                            GAsyncReadyCallback         callback,
                                                            gpointer                    user_data);
OrgsyncSyncEngine  *orgsync_manager_sync_finish            (OrgsyncManager             *self,
                                                            GAsyncResult               *result,
                                                            GError                    **error);
gboolean            orgsync_manager_cancel_sync            (OrgsyncManager             *self,
                                                            OrgsyncConnection          *connection);
gboolean            orgsync_manager_pause                  (OrgsyncManager             *self,
                                                            OrgsyncConnection          *connection,
                                                            GError                    **error);
gboolean            orgsync_manager_resume                 (OrgsyncManager             *self,
                                                            OrgsyncConnection          *connection,
                                                            GError                    **error);
gboolean            orgsync_manager_set_update_frequency   (OrgsyncManager             *self,
                                                            OrgsyncConnection          *connection,
                                                            OrgsyncUpdateFrequency      frequency,
                                                            GError                    **error);
gboolean            orgsync_manager_set_quota_threshold    (OrgsyncManager             *self,
                                                            OrgsyncConnection          *connection,
                                                            guint                       percent,
                                                            GError                    **error);
gboolean            orgsync_manager_rename                 (OrgsyncManager             *self,
                                                            OrgsyncConnection          *connection,
                                                            const char                 *name,
                                                            GError                    **error);
gboolean            orgsync_manager_move                   (OrgsyncManager             *self,
                                                            OrgsyncConnection          *connection,
                                                            const char                 *url,
                                                            GError                    **error);
void                orgsync_manager_remove_async           (OrgsyncManager             *self,
                                                            OrgsyncConnection          *connection,
                                                            gboolean                    keep_data,
                                                            GCancellable               *cancellable,
                                                            GAsyncReadyCallback         callback,
                                                            gpointer                    user_data);
gboolean            orgsync_manager_remove_finish          (OrgsyncManager             *self,
                                                            GAsyncResult               *result,
                                                            GError                    **error);
GPtrArray          *orgsync_manager_list_history           (OrgsyncManager             *self,
                                                            OrgsyncConnection          *connection,
                                                            guint                       limit,
                                                            GError                    **error);
char               *orgsync_manager_dup_records_path       (OrgsyncManager             *self,
                                                            OrgsyncConnection          *connection,
                                                            GError                    **error);

G_END_DECLS
