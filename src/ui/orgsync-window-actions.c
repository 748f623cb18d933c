/* orgsync-window-actions.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "orgsync-application.h"
#include "orgsync-connect-dialog.h"
#include "orgsync-connection-row.h"
#include "orgsync-customize-window.h"
#include "orgsync-database.h"
#include "orgsync-demo-org.h"
#include "orgsync-error.h"
#include "orgsync-history-window.h"
#include "orgsync-permission-check.h"
#include "orgsync-settings-dialog.h"
#include "orgsync-sign-in-error.h"
#include "orgsync-toast.h"
#include "orgsync-ui-format.h"
#include "orgsync-window-private.h"

/* What the Data Sources window does to connections: every "win." action of the rows,
 * the banner and the empty state, and the dialogs they open, all through the
 * OrgsyncManager that orgsync-cli uses too. */

#define DEMO_CONNECTION_NAME N_("Demo Org")

/*
 * Auxiliary methods
 */

static OrgsyncConnection *
lookup_connection (OrgsyncWindow *self,
                   GVariant      *parameter)
{
  if (self->manager == NULL || parameter == NULL)
    return NULL;

  return orgsync_manager_lookup (self->manager, g_variant_get_string (parameter, NULL));
}

static void
toast_error (OrgsyncWindow *self,
             const GError  *error)
{
  AdwToast *toast;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  toast = adw_toast_new (error->message);
  orgsync_toast_show (self->toast_overlay, toast, 0);
}

static gboolean
ensure_manager (OrgsyncWindow *self)
{
  OrgsyncApplication *app = ORGSYNC_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  const GError *error;

  if (self->manager != NULL)
    return TRUE;

  error = app != NULL ? orgsync_application_get_manager_error (app) : NULL;
  if (error != NULL)
    toast_error (self, error);

  return FALSE;
}

static void
present_transient (OrgsyncWindow *self,
                   GtkWindow     *window)
{
  gtk_window_set_transient_for (window, GTK_WINDOW (self));
  gtk_window_set_destroy_with_parent (window, TRUE);
  gtk_window_set_application (window, gtk_window_get_application (GTK_WINDOW (self)));
  gtk_window_present (window);
}

/* Distinct objects in a committed selection ("Object.Field" strings). */
static guint
count_selected_objects (OrgsyncWindow     *self,
                        OrgsyncConnection *connection)
{
  g_autoptr(GHashTable) objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) selection = NULL;

  selection = orgsync_database_load_selection (orgsync_manager_get_database (self->manager),
                                               orgsync_connection_get_id (connection), NULL);

  for (guint i = 0; selection != NULL && selection[i] != NULL; i++)
    {
      const char *dot = strchr (selection[i], '.');

      if (dot != NULL)
        g_hash_table_add (objects, g_strndup (selection[i], dot - selection[i]));
    }

  return g_hash_table_size (objects);
}

/*
 * Sync now, pause, resume
 */

static void
sync_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(OrgsyncWindow) self = user_data;
  g_autoptr(OrgsyncSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;

  engine = orgsync_manager_sync_finish (ORGSYNC_MANAGER (object), result, &error);

  /* Outcomes are reported by the manager's "sync-finished"; here only what stopped
   * the run from starting (already syncing, paused, nothing selected). */
  if (engine == NULL && error != NULL)
    toast_error (self, error);
}

static void
start_sync (OrgsyncWindow     *self,
            OrgsyncConnection *connection)
{
  orgsync_manager_sync_async (self->manager, connection, FALSE, self->cancellable,
                              sync_cb, g_object_ref (self));
}

static void
sync_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  OrgsyncWindow *self = ORGSYNC_WINDOW (widget);
  OrgsyncConnection *connection = lookup_connection (self, parameter);

  if (connection != NULL)
    start_sync (self, connection);
}

static void
pause_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  OrgsyncWindow *self = ORGSYNC_WINDOW (widget);
  OrgsyncConnection *connection = lookup_connection (self, parameter);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (connection == NULL)
    return;

  if (g_str_equal (action_name, "win.pause-connection"))
    ok = orgsync_manager_pause (self->manager, connection, &error);
  else
    ok = orgsync_manager_resume (self->manager, connection, &error);

  if (!ok)
    toast_error (self, error);
}

static void
open_data_folder_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  OrgsyncWindow *self = ORGSYNC_WINDOW (widget);
  OrgsyncConnection *connection = lookup_connection (self, parameter);
  g_autofree char *path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;

  if (connection == NULL)
    return;

  if ((path = orgsync_manager_dup_records_path (self->manager, connection, &error)) == NULL)
    {
      toast_error (self, error);
      return;
    }

  folder = g_path_get_dirname (path);
  g_mkdir_with_parents (folder, 0700);
  uri = g_filename_to_uri (folder, NULL, NULL);
  g_app_info_launch_default_for_uri_async (uri, NULL, NULL, NULL, NULL);
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  OrgsyncWindow *self = ORGSYNC_WINDOW (widget);
  OrgsyncConnection *connection = lookup_connection (self, parameter);
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;

  if (connection == NULL)
    return;

  if ((runs = orgsync_manager_list_history (self->manager, connection, 100, &error)) == NULL)
    {
      toast_error (self, error);
      return;
    }

  present_transient (self, GTK_WINDOW (orgsync_history_window_new (orgsync_connection_get_display_name (connection),
                                                                   runs)));
}

/*
 * Remove
 */

static void
remove_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(OrgsyncWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!orgsync_manager_remove_finish (ORGSYNC_MANAGER (object), result, &error))
    toast_error (self, error);
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    OrgsyncWindow    *self)
{
  OrgsyncConnection *connection = g_object_get_data (G_OBJECT (dialog), "connection");
  GtkCheckButton *keep = GTK_CHECK_BUTTON (adw_message_dialog_get_extra_child (dialog));

  if (g_strcmp0 (response, "remove") != 0 || connection == NULL)
    return;

  orgsync_manager_remove_async (self->manager, connection,
                                gtk_check_button_get_active (keep),
                                self->cancellable, remove_cb, g_object_ref (self));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OrgsyncWindow *self = ORGSYNC_WINDOW (widget);
  OrgsyncConnection *connection = lookup_connection (self, parameter);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  GtkWidget *keep;

  if (connection == NULL)
    return;

  /* Translators: the argument is the name of a connection */
  heading = g_strdup_printf (_("Remove “%s”?"), orgsync_connection_get_display_name (connection));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("Org Sync stops syncing this org and removes its sign-in from the keyring."));
  keep = gtk_check_button_new_with_mnemonic (_("_Keep the synced data on this computer"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), keep);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "connection", g_object_ref (connection), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/*
 * Customize Fields
 */

static void
cancel_and_unref (gpointer cancellable)
{
  g_cancellable_cancel (cancellable);
  g_object_unref (cancellable);
}

static void
customize_sync_now_cb (OrgsyncCustomizeWindow *customize,
                       OrgsyncWindow          *self)
{
  OrgsyncConnection *connection = g_object_get_data (G_OBJECT (customize), "connection");
  g_autoptr(GError) error = NULL;

  if (!orgsync_manager_commit_selection (self->manager, connection,
                                         orgsync_customize_window_get_sobjects (customize), &error))
    {
      toast_error (self, error);
      return;
    }

  start_sync (self, connection);
  gtk_window_destroy (GTK_WINDOW (customize));
}

typedef struct
{
  OrgsyncWindow     *window;
  OrgsyncConnection *connection;
  AdwToast          *toast;       /* "Reading the org’s tables…", gone when done */
} Pending;

static void
pending_free (Pending *pending)
{
  if (pending->toast != NULL)
    orgsync_toast_dismiss (pending->toast);
  g_clear_object (&pending->toast);
  g_clear_object (&pending->window);
  g_clear_object (&pending->connection);
  g_free (pending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pending, pending_free)

static Pending *
pending_new (OrgsyncWindow     *window,
             OrgsyncConnection *connection)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->window = g_object_ref (window);
  pending->connection = g_object_ref (connection);

  return pending;
}

static void open_customize_with (OrgsyncWindow     *self,
                                 OrgsyncConnection *connection,
                                 GListModel        *sobjects);

/* Names of the tables never described: their fields are fetched before the window
 * opens, in /composite batches (about one API call per 25 tables, once; later opens
 * revalidate from the cache). */
static GStrv
dup_undescribed (GListModel *sobjects)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (sobjects); i++)
    {
      g_autoptr(OrgsyncSObject) sobject = g_list_model_get_item (sobjects, i);

      if (orgsync_sobject_get_n_fields (sobject) == 0)
        g_strv_builder_add (names, orgsync_sobject_get_name (sobject));
    }

  return g_strv_builder_end (names);
}

static void
objects_described_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(Pending) pending = user_data;
  g_autoptr(GListModel) sobjects = NULL;
  g_autoptr(GError) error = NULL;

  sobjects = orgsync_manager_load_objects_finish (ORGSYNC_MANAGER (object), result, &error);

  if (sobjects == NULL)
    toast_error (pending->window, error);
  else
    open_customize_with (pending->window, pending->connection, sobjects);
}

static void
objects_listed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Pending) pending = user_data;
  OrgsyncWindow *self = pending->window;
  OrgsyncConnection *connection;
  g_autoptr(GListModel) sobjects = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) undescribed = NULL;

  sobjects = orgsync_manager_load_objects_finish (ORGSYNC_MANAGER (object), result, &error);

  if (sobjects == NULL)
    {
      toast_error (self, error);
      return;
    }

  undescribed = dup_undescribed (sobjects);
  if (undescribed[0] == NULL)
    {
      open_customize_with (self, pending->connection, sobjects);
      return;
    }

  /* The connection is read before the pending state moves on: C leaves the order
   * of argument evaluation open. */
  connection = pending->connection;
  orgsync_manager_load_objects_async (self->manager, connection,
                                      (const char * const *) undescribed, self->cancellable,
                                      objects_described_cb, g_steal_pointer (&pending));
}

static void
estimated_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(OrgsyncCustomizeWindow) customize = user_data;
  OrgsyncConnection *connection = g_object_get_data (G_OBJECT (customize), "connection");
  g_autofree OrgsyncSyncEstimate *estimate = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  estimate = orgsync_manager_estimate_finish (ORGSYNC_MANAGER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (estimate != NULL)
    text = orgsync_format_estimate (estimate, orgsync_connection_get_quota_threshold (connection));
  else
    /* Translators: the estimate of the next sync failed; the argument says why */
    text = g_strdup_printf (_("What the next sync costs could not be estimated: %s"), error->message);

  orgsync_customize_window_set_estimate (customize, text);
}

/* The Review page asks Salesforce for the record counts of the tables to fetch (one
 * call); reviewing again while it is out cancels the earlier question. */
static void
customize_review_cb (OrgsyncCustomizeWindow *customize,
                     OrgsyncWindow          *self)
{
  OrgsyncConnection *connection = g_object_get_data (G_OBJECT (customize), "connection");
  GCancellable *cancellable = g_cancellable_new ();

  /* Replacing the data cancels the earlier estimate. */
  g_object_set_data_full (G_OBJECT (customize), "estimate", cancellable, cancel_and_unref);
  orgsync_customize_window_set_estimate (customize, _("Estimating what the next sync costs…"));
  orgsync_manager_estimate_async (self->manager, connection, orgsync_customize_window_get_sobjects (customize),
                                  cancellable, estimated_cb, g_object_ref (customize));
}

static void
open_customize_with (OrgsyncWindow     *self,
                     OrgsyncConnection *connection,
                     GListModel        *sobjects)
{
  OrgsyncCustomizeWindow *customize;

  customize = orgsync_customize_window_new (orgsync_connection_get_display_name (connection), sobjects);
  g_object_set_data_full (G_OBJECT (customize), "connection", g_object_ref (connection), g_object_unref);
  g_signal_connect_object (customize, "sync-now", G_CALLBACK (customize_sync_now_cb), self, 0);
  g_signal_connect_object (customize, "review", G_CALLBACK (customize_review_cb), self, 0);
  present_transient (self, GTK_WINDOW (customize));
}

static void
open_customize (OrgsyncWindow     *self,
                OrgsyncConnection *connection)
{
  Pending *pending = pending_new (self, connection);
  AdwToast *toast = adw_toast_new (_("Reading the org’s tables…"));

  pending->toast = g_object_ref (toast);
  orgsync_toast_show (self->toast_overlay, toast, 0);
  orgsync_manager_load_objects_async (self->manager, connection, NULL, self->cancellable,
                                      objects_listed_cb, pending);
}

static void
edit_data_sync_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  OrgsyncWindow *self = ORGSYNC_WINDOW (widget);
  OrgsyncConnection *connection = lookup_connection (self, parameter);

  if (connection != NULL)
    open_customize (self, connection);
}

/*
 * Connect, reauthorize, check permissions
 */

typedef enum
{
  FLOW_CONNECT,
  FLOW_REAUTHORIZE,
  FLOW_CHECK,
} FlowKind;

typedef struct
{
  OrgsyncWindow     *window;      /* weak: the dialog must not keep the window alive */
  OrgsyncManager    *manager;     /* owned */
  OrgsyncConnection *connection;  /* owned; the new one once connected */
  GCancellable      *cancellable;
  FlowKind           kind;
  gboolean           demo;
  gboolean           allow_new_org;
} Flow;

static void
flow_free (Flow *flow)
{
  g_cancellable_cancel (flow->cancellable);
  g_clear_object (&flow->cancellable);
  g_clear_object (&flow->connection);
  g_clear_object (&flow->manager);
  g_clear_weak_pointer (&flow->window);
  g_free (flow);
}

static Flow *
get_flow (OrgsyncConnectDialog *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "flow");
}

static GCancellable *
flow_restart (Flow *flow)
{
  g_cancellable_cancel (flow->cancellable);
  g_clear_object (&flow->cancellable);
  flow->cancellable = g_cancellable_new ();

  return flow->cancellable;
}

static void
show_problem (OrgsyncConnectDialog *dialog,
              const GError         *error)
{
  OrgsyncSignInProblem problem;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      orgsync_connect_dialog_show_sign_in (dialog);
      return;
    }

  /* Signing in once more confirms that a refreshed sandbox is synced again in full. */
  if (g_error_matches (error, ORGSYNC_ERROR, ORGSYNC_ERROR_REFRESHED_SANDBOX) && get_flow (dialog) != NULL)
    get_flow (dialog)->allow_new_org = TRUE;

  orgsync_sign_in_problem_explain (error, &problem);
  orgsync_connect_dialog_show_error (dialog, problem.title, problem.message, problem.suggest_client_app,
                                     problem.retry_label);
  orgsync_sign_in_problem_clear (&problem);
}

static void
permissions_checked_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(OrgsyncConnectDialog) dialog = user_data;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GError) error = NULL;

  items = orgsync_manager_check_permissions_finish (ORGSYNC_MANAGER (object), result, &error);
  if (get_flow (dialog) == NULL)
    return;

  if (items == NULL)
    {
      show_problem (dialog, error);
      return;
    }

  orgsync_connect_dialog_clear_checks (dialog);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(OrgsyncPermissionItem) item = g_list_model_get_item (items, i);

      orgsync_connect_dialog_add_check (dialog,
                                        orgsync_permission_item_get_title (item),
                                        orgsync_permission_item_get_passed (item),
                                        orgsync_permission_item_get_how_to_fix (item));
    }
  orgsync_connect_dialog_show_checklist (dialog);
}

static void
check_permissions (OrgsyncConnectDialog *dialog)
{
  Flow *flow = get_flow (dialog);

  orgsync_connect_dialog_show_busy (dialog, _("Checking Permissions…"),
                                    _("Org Sync checks that the Salesforce user may do everything syncing needs."));
  orgsync_manager_check_permissions_async (flow->manager, flow->connection,
                                           flow_restart (flow), permissions_checked_cb,
                                           g_object_ref (dialog));
}

static void
connected_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(OrgsyncConnectDialog) dialog = user_data;
  g_autoptr(OrgsyncConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  Flow *flow = get_flow (dialog);

  connection = orgsync_manager_connect_finish (ORGSYNC_MANAGER (object), result, &error);
  if (flow == NULL)
    return;

  if (connection == NULL)
    {
      show_problem (dialog, error);
      return;
    }

  g_set_object (&flow->connection, connection);
  check_permissions (dialog);
}

static void
reauthorized_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(OrgsyncConnectDialog) dialog = user_data;
  g_autoptr(GError) error = NULL;

  if (!orgsync_manager_reauthorize_finish (ORGSYNC_MANAGER (object), result, &error))
    {
      if (get_flow (dialog) != NULL)
        show_problem (dialog, error);
      return;
    }

  if (get_flow (dialog) != NULL)
    check_permissions (dialog);
}

/* The password of the legacy flow is the password immediately followed by the
 * security token; the copy is wiped as soon as the request has taken it. */
static char *
dup_password_with_token (OrgsyncConnectDialog *dialog)
{
  return g_strconcat (orgsync_connect_dialog_get_password (dialog),
                      orgsync_connect_dialog_get_security_token (dialog),
                      NULL);
}

static void
wipe_free (char *secret)
{
  if (secret != NULL)
    {
      explicit_bzero (secret, strlen (secret));
      g_free (secret);
    }
}

static void
sign_in_cb (OrgsyncConnectDialog *dialog,
            int                   method,
            gpointer              user_data)
{
  Flow *flow = get_flow (dialog);
  OrgsyncManager *manager = flow->manager;
  g_autofree char *login_url = NULL;
  g_autoptr(GError) error = NULL;
  char *password = NULL;
  OrgsyncSignInOptions options = { 0 };

  if ((login_url = orgsync_connect_dialog_dup_login_url (dialog, &error)) == NULL)
    {
      orgsync_connect_dialog_show_error (dialog, _("Check the Address"), error->message, FALSE, NULL);
      return;
    }

  if (method == ORGSYNC_SIGN_IN_PASSWORD)
    password = dup_password_with_token (dialog);

  options.method = method;
  options.name = flow->demo ? _(DEMO_CONNECTION_NAME) : NULL;
  options.login_url = login_url;
  options.username = method == ORGSYNC_SIGN_IN_PASSWORD ? orgsync_connect_dialog_get_username (dialog) : NULL;
  options.password = password;
  options.client_id = orgsync_connect_dialog_get_client_id (dialog);
  options.client_secret = orgsync_connect_dialog_get_client_secret (dialog);
  options.callback_url = options.client_id != NULL ? orgsync_connect_dialog_get_callback_url (dialog) : NULL;
  options.allow_new_org = flow->allow_new_org;

  if (method == ORGSYNC_SIGN_IN_BROWSER)
    orgsync_connect_dialog_show_waiting (dialog, NULL);
  else
    orgsync_connect_dialog_show_busy (dialog, _("Signing In…"), NULL);

  if (flow->kind == FLOW_REAUTHORIZE)
    orgsync_manager_reauthorize_async (manager, flow->connection, &options, flow_restart (flow),
                                       reauthorized_cb, g_object_ref (dialog));
  else
    orgsync_manager_connect_async (manager, &options, flow_restart (flow),
                                   connected_cb, g_object_ref (dialog));

  wipe_free (password);
  orgsync_connect_dialog_clear_secrets (dialog);
}

static void
cancel_cb (OrgsyncConnectDialog *dialog,
           gpointer              user_data)
{
  Flow *flow = get_flow (dialog);

  if (flow != NULL)
    g_cancellable_cancel (flow->cancellable);
}

static void
continue_cb (OrgsyncConnectDialog *dialog,
             gpointer              user_data)
{
  Flow *flow = get_flow (dialog);
  g_autoptr(OrgsyncWindow) window = flow->window != NULL ? g_object_ref (flow->window) : NULL;
  g_autoptr(OrgsyncConnection) connection = g_object_ref (flow->connection);
  FlowKind kind = flow->kind;

  gtk_window_destroy (GTK_WINDOW (dialog));

  if (window == NULL)
    return;

  /* A new connection goes on to choosing its fields, as in the seed article. */
  if (kind == FLOW_CONNECT)
    open_customize (window, connection);
  else
    start_sync (window, connection);
}

static void
check_again_cb (OrgsyncConnectDialog *dialog,
                gpointer              user_data)
{
  check_permissions (dialog);
}

/* The flow holds the window; let go of it as soon as the dialog goes, whoever still
 * holds the dialog (a pending request does until it returns). */
static void
connect_dialog_destroyed_cb (OrgsyncConnectDialog *dialog,
                             gpointer              user_data)
{
  g_object_set_data (G_OBJECT (dialog), "flow", NULL);
}

static OrgsyncConnectDialog *
open_connect_dialog (OrgsyncWindow     *self,
                     FlowKind           kind,
                     OrgsyncConnection *connection)
{
  OrgsyncConnectDialog *dialog = orgsync_connect_dialog_new ();
  Flow *flow = g_new0 (Flow, 1);

  g_set_weak_pointer (&flow->window, self);
  flow->manager = g_object_ref (self->manager);
  flow->connection = connection != NULL ? g_object_ref (connection) : NULL;
  flow->cancellable = g_cancellable_new ();
  flow->kind = kind;
  g_object_set_data_full (G_OBJECT (dialog), "flow", flow, (GDestroyNotify) flow_free);

  if (connection != NULL)
    orgsync_connect_dialog_set_reauthorize (dialog, orgsync_connection_get_display_name (connection),
                                            orgsync_connection_get_login_url (connection));

  g_signal_connect (dialog, "sign-in", G_CALLBACK (sign_in_cb), NULL);
  g_signal_connect (dialog, "cancel", G_CALLBACK (cancel_cb), NULL);
  g_signal_connect (dialog, "continue", G_CALLBACK (continue_cb), NULL);
  g_signal_connect (dialog, "check-again", G_CALLBACK (check_again_cb), NULL);
  g_signal_connect (dialog, "destroy", G_CALLBACK (connect_dialog_destroyed_cb), NULL);
  present_transient (self, GTK_WINDOW (dialog));

  if (kind == FLOW_CHECK)
    check_permissions (dialog);

  return dialog;
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  OrgsyncWindow *self = ORGSYNC_WINDOW (widget);

  if (ensure_manager (self))
    open_connect_dialog (self, FLOW_CONNECT, NULL);
}

static void
reauthorize_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  OrgsyncWindow *self = ORGSYNC_WINDOW (widget);
  OrgsyncConnection *connection = lookup_connection (self, parameter);

  if (connection != NULL)
    open_connect_dialog (self, FLOW_REAUTHORIZE, connection);
}

static void
check_permissions_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  OrgsyncWindow *self = ORGSYNC_WINDOW (widget);
  OrgsyncConnection *connection = lookup_connection (self, parameter);

  if (connection != NULL)
    open_connect_dialog (self, FLOW_CHECK, connection);
}

/*
 * The demo org
 */

static OrgsyncConnection *
find_demo_connection (OrgsyncWindow  *self,
                      OrgsyncDemoOrg *demo)
{
  for (guint i = 0; i < g_list_model_get_n_items (self->connections); i++)
    {
      g_autoptr(OrgsyncConnection) connection = g_list_model_get_item (self->connections, i);

      if (orgsync_demo_org_owns (demo, connection))
        return connection;
    }

  return NULL;
}

/* The demo goes through the same sign-in, permission check and field choice as a
 * real org; the dialog only comes prefilled with the demo org's address and its
 * user's password, ready for Sign In. */
static void
demo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OrgsyncWindow *self = ORGSYNC_WINDOW (widget);
  OrgsyncApplication *app = ORGSYNC_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  OrgsyncDemoOrg *demo = orgsync_application_get_demo_org (app);
  OrgsyncConnectDialog *dialog;
  g_autoptr(GError) error = NULL;
  OrgsyncConnection *existing;

  if (!ensure_manager (self))
    return;

  if (!orgsync_demo_org_start (demo, &error))
    {
      toast_error (self, error);
      return;
    }

  if ((existing = find_demo_connection (self, demo)) != NULL)
    {
      g_autofree char *title = NULL;

      /* Translators: the argument is the name of the demo connection */
      title = g_strdup_printf (_("The demo org is connected as “%s”"), orgsync_connection_get_display_name (existing));
      orgsync_toast_show (self->toast_overlay, adw_toast_new (title), ORGSYNC_TOAST_TIMEOUT);
      return;
    }

  dialog = open_connect_dialog (self, FLOW_CONNECT, NULL);
  get_flow (dialog)->demo = TRUE;
  orgsync_connect_dialog_set_demo (dialog, orgsync_demo_org_get_url (demo), ORGSYNC_DEMO_USERNAME,
                                   ORGSYNC_DEMO_PASSWORD, ORGSYNC_DEMO_SECURITY_TOKEN);
}

/*
 * Settings
 */

static gboolean
settings_save_cb (OrgsyncSettingsDialog *dialog,
                  OrgsyncWindow         *self)
{
  OrgsyncConnection *connection = orgsync_settings_dialog_get_connection (dialog);
  g_autoptr(GError) error = NULL;
  gboolean enabled = orgsync_settings_dialog_get_sync_enabled (dialog);

  if ((g_strcmp0 (orgsync_settings_dialog_get_name (dialog), orgsync_connection_get_display_name (connection)) != 0 &&
       !orgsync_manager_rename (self->manager, connection, orgsync_settings_dialog_get_name (dialog), &error)) ||
      !orgsync_manager_set_update_frequency (self->manager, connection,
                                             orgsync_settings_dialog_get_frequency (dialog), &error) ||
      !orgsync_manager_set_quota_threshold (self->manager, connection,
                                            orgsync_settings_dialog_get_threshold (dialog), &error) ||
      (enabled != orgsync_connection_get_sync_enabled (connection) &&
       !(enabled ? orgsync_manager_resume (self->manager, connection, &error)
                 : orgsync_manager_pause (self->manager, connection, &error))))
    {
      orgsync_settings_dialog_show_error (dialog, error->message);
      return FALSE;
    }

  return TRUE;
}

static void
settings_reauthorize_cb (OrgsyncSettingsDialog *dialog,
                         OrgsyncWindow         *self)
{
  OrgsyncConnectDialog *connect;

  connect = open_connect_dialog (self, FLOW_REAUTHORIZE, orgsync_settings_dialog_get_connection (dialog));
  gtk_window_set_transient_for (GTK_WINDOW (connect), GTK_WINDOW (dialog));
}

static void
settings_edit_data_sync_cb (OrgsyncSettingsDialog *dialog,
                            OrgsyncWindow         *self)
{
  open_customize (self, orgsync_settings_dialog_get_connection (dialog));
}

static OrgsyncSettingsDialog *
open_settings (OrgsyncWindow     *self,
               OrgsyncConnection *connection)
{
  g_autofree char *records_path = NULL;
  g_autoptr(GError) error = NULL;
  OrgsyncSettingsDialog *dialog;

  if ((records_path = orgsync_manager_dup_records_path (self->manager, connection, &error)) == NULL)
    {
      toast_error (self, error);
      return NULL;
    }

  dialog = orgsync_settings_dialog_new (connection, records_path, count_selected_objects (self, connection));
  g_signal_connect_object (dialog, "save", G_CALLBACK (settings_save_cb), self, 0);
  g_signal_connect_object (dialog, "reauthorize", G_CALLBACK (settings_reauthorize_cb), self, 0);
  g_signal_connect_object (dialog, "edit-data-sync", G_CALLBACK (settings_edit_data_sync_cb), self, 0);
  present_transient (self, GTK_WINDOW (dialog));

  return dialog;
}

static void
settings_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  OrgsyncWindow *self = ORGSYNC_WINDOW (widget);
  OrgsyncConnection *connection = lookup_connection (self, parameter);
  OrgsyncSettingsDialog *dialog;

  if (connection == NULL || (dialog = open_settings (self, connection)) == NULL)
    return;

  if (g_str_equal (action_name, "win.change-limit"))
    orgsync_settings_dialog_focus_quota (dialog);
}

/*
 * Keyboard shortcuts on "the selected connection": the row with the focus, or the
 * only one there is.
 */

static OrgsyncConnection *
focused_connection (OrgsyncWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, ORGSYNC_TYPE_CONNECTION_ROW) : NULL;

  if (row != NULL)
    return orgsync_connection_row_get_connection (ORGSYNC_CONNECTION_ROW (row));

  if (g_list_model_get_n_items (self->connections) == 1)
    {
      g_autoptr(OrgsyncConnection) only = g_list_model_get_item (self->connections, 0);

      return only;
    }

  return NULL;
}

static void
sync_selected_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  OrgsyncWindow *self = ORGSYNC_WINDOW (widget);
  OrgsyncConnection *connection = focused_connection (self);

  if (connection != NULL)
    start_sync (self, connection);
}

static void
settings_selected_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  OrgsyncWindow *self = ORGSYNC_WINDOW (widget);
  OrgsyncConnection *connection = focused_connection (self);

  if (connection != NULL)
    open_settings (self, connection);
  else
    gtk_widget_activate_action (widget, "app.preferences", NULL);
}

/*
 * Events of the manager
 */

static void
sync_toast_dismissed_cb (OrgsyncWindow *self,
                         AdwToast      *toast)
{
  if (self->sync_toast == toast)
    g_clear_object (&self->sync_toast);
}

static void
sync_finished_cb (OrgsyncWindow     *self,
                  OrgsyncConnection *connection,
                  OrgsyncSyncEngine *engine,
                  OrgsyncManager    *manager)
{
  const OrgsyncSyncRun *run = orgsync_sync_engine_get_run (engine);
  guint64 changed = 0;
  g_autofree char *count = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (orgsync_sync_engine_get_outcome (engine) != ORGSYNC_SYNC_OUTCOME_SUCCEEDED || run == NULL)
    return;  /* the row shows why; notifications say what needs the person */

  for (guint i = 0; run->objects != NULL && i < run->objects->len; i++)
    {
      const OrgsyncSyncRunObject *object = &g_array_index (run->objects, OrgsyncSyncRunObject, i);

      changed += object->added + object->updated + object->deleted;
    }

  /* A run that found nothing new is not news. */
  if (changed == 0)
    return;

  count = orgsync_format_count ((gint64) changed);
  /* Translators: a connection's name and how many records changed */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "“%s” synced: %s record changed",
                                        "“%s” synced: %s records changed",
                                        changed),
                           orgsync_connection_get_display_name (connection), count);

  /* A newer result replaces the text of the toast still on screen instead of
   * queueing behind it. */
  if (self->sync_toast != NULL)
    {
      adw_toast_set_title (self->sync_toast, title);
      return;
    }
  toast = adw_toast_new (title);
  self->sync_toast = g_object_ref (toast);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (sync_toast_dismissed_cb), self, G_CONNECT_SWAPPED);
  orgsync_toast_show (self->toast_overlay, toast, ORGSYNC_TOAST_TIMEOUT);
}

/*
 * Setup
 */

void
_orgsync_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "win.demo", NULL, demo_action);
  gtk_widget_class_install_action (widget_class, "win.connection-settings", "s", settings_action);
  gtk_widget_class_install_action (widget_class, "win.change-limit", "s", settings_action);
  gtk_widget_class_install_action (widget_class, "win.sync-now", "s", sync_now_action);
  gtk_widget_class_install_action (widget_class, "win.pause-connection", "s", pause_action);
  gtk_widget_class_install_action (widget_class, "win.resume-connection", "s", pause_action);
  gtk_widget_class_install_action (widget_class, "win.open-data-folder", "s", open_data_folder_action);
  gtk_widget_class_install_action (widget_class, "win.remove-connection", "s", remove_action);
  gtk_widget_class_install_action (widget_class, "win.sync-history", "s", history_action);
  gtk_widget_class_install_action (widget_class, "win.reauthorize", "s", reauthorize_action);
  gtk_widget_class_install_action (widget_class, "win.check-permissions", "s", check_permissions_action);
  gtk_widget_class_install_action (widget_class, "win.edit-data-sync", "s", edit_data_sync_action);
  gtk_widget_class_install_action (widget_class, "win.sync-selected", NULL, sync_selected_action);
  gtk_widget_class_install_action (widget_class, "win.settings-selected", NULL, settings_selected_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.connect", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.sync-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.settings-selected", NULL);
}

void
_orgsync_window_actions_init (OrgsyncWindow *self)
{
  if (self->manager != NULL)
    g_signal_connect_object (self->manager, "sync-finished", G_CALLBACK (sync_finished_cb), self,
                             G_CONNECT_SWAPPED);
}
