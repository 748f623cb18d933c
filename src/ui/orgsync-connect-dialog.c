/* orgsync-connect-dialog.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "orgsync-connect-dialog.h"
#include "orgsync-widget-util.h"
#include "sf-error.h"
#include "sf-url.h"

/* Connect or reauthorize: choose the environment (Production, Sandbox or a My Domain
 * address, checked as it is typed), then sign in with the browser (the default) or,
 * as the legacy option, with username, password and security token; Advanced takes
 * the org's own External Client App. Then the permission checklist. The dialog only
 * collects and shows: whoever opened it runs the sign-in when it emits "sign-in" and
 * drives the pages with the show_*() functions. Secrets live in GtkPasswordEntry
 * widgets only (never readable on the accessibility tree) and are wiped after use. */
struct _OrgsyncConnectDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwExpanderRow       *advanced_expander;
  AdwStatusPage        *busy_page;
  GtkSpinner           *busy_spinner;
  AdwEntryRow          *callback_row;
  GtkButton            *check_again_button;
  AdwPreferencesGroup  *checklist_group;
  GtkButton            *client_app_help_button;
  GtkButton            *try_again_button;
  AdwEntryRow          *client_id_row;
  GtkPasswordEntry     *client_secret_entry;
  GtkButton            *continue_button;
  GtkButton            *copy_link_button;
  GtkLabel             *domain_error;
  AdwEntryRow          *domain_row;
  AdwComboRow          *environment_row;
  AdwStatusPage        *error_page;
  GtkStack             *pages;
  GtkButton            *password_button;
  GtkPasswordEntry     *password_entry;
  AdwExpanderRow       *password_expander;
  GtkPasswordEntry     *token_entry;
  AdwEntryRow          *username_row;
  GtkSpinner           *waiting_spinner;
  AdwWindowTitle       *window_title;

  /* Owned */
  GPtrArray            *check_rows;
  char                 *sign_in_link;
  guint                 n_failed_checks;
};

G_DEFINE_FINAL_TYPE (OrgsyncConnectDialog, orgsync_connect_dialog, ADW_TYPE_WINDOW)

enum {
  SIGN_IN,
  CANCEL,
  CHECK_AGAIN,
  CONTINUE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  ENVIRONMENT_PRODUCTION,
  ENVIRONMENT_SANDBOX,
  ENVIRONMENT_CUSTOM,
};

/*
 * The login URL
 */

/* A translated reason for a My Domain address that cannot be used. */
static void
explain_url_error (GError **error)
{
  g_autofree char *message = NULL;

  if (error == NULL || *error == NULL)
    return;

  if (g_error_matches (*error, SF_ERROR, SF_ERROR_INSECURE_URL))
    message = g_strdup (_("Use an https:// address. Org Sync only signs in over plain http on this computer (for the demo org)."));
  else
    message = g_strdup (_("Enter the address of your org’s My Domain, such as https://acme.my.salesforce.com — a host name only, without a path."));

  g_clear_error (error);
  g_set_error_literal (error, SF_ERROR, SF_ERROR_INVALID_ARGUMENT, message);
}

char *
orgsync_connect_dialog_dup_login_url (OrgsyncConnectDialog  *self,
                                      GError               **error)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (ORGSYNC_IS_CONNECT_DIALOG (self), NULL);

  switch (adw_combo_row_get_selected (self->environment_row))
    {
    case ENVIRONMENT_PRODUCTION:
      return g_strdup (SF_LOGIN_URL_PRODUCTION);

    case ENVIRONMENT_SANDBOX:
      return g_strdup (SF_LOGIN_URL_SANDBOX);

    case ENVIRONMENT_CUSTOM:
    default:
      url = sf_url_normalize_login (gtk_editable_get_text (GTK_EDITABLE (self->domain_row)), error);
      if (url == NULL || !sf_url_check_secure (url, error))
        {
          explain_url_error (error);
          return NULL;
        }
      return g_steal_pointer (&url);
    }
}

static void
update_sign_in_sensitivity (OrgsyncConnectDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = orgsync_connect_dialog_dup_login_url (self, &error);
  gboolean custom = adw_combo_row_get_selected (self->environment_row) == ENVIRONMENT_CUSTOM;
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->domain_row));
  gboolean show_error = custom && url == NULL && typed[0] != '\0';

  gtk_widget_set_visible (GTK_WIDGET (self->domain_row), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->domain_error), show_error);
  if (show_error)
    gtk_label_set_label (self->domain_error, error->message);

  if (show_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->domain_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->domain_row), "error");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.browser", url != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.password", url != NULL);
}

static void
environment_changed_cb (OrgsyncConnectDialog *self)
{
  update_sign_in_sensitivity (self);
}

static void
domain_changed_cb (OrgsyncConnectDialog *self)
{
  update_sign_in_sensitivity (self);
}

/*
 * Pages and actions
 */

static void
show_page (OrgsyncConnectDialog *self,
           const char           *name)
{
  gtk_stack_set_visible_child_name (self->pages, name);
  gtk_spinner_set_spinning (self->waiting_spinner, g_strcmp0 (name, "waiting") == 0);
  gtk_spinner_set_spinning (self->busy_spinner, g_strcmp0 (name, "busy") == 0);
}

static void
browser_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGN_IN], 0, ORGSYNC_SIGN_IN_BROWSER);
}

static void
password_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  OrgsyncConnectDialog *self = ORGSYNC_CONNECT_DIALOG (widget);

  if (orgsync_connect_dialog_get_username (self)[0] == '\0' ||
      orgsync_connect_dialog_get_password (self)[0] == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
      return;
    }

  g_signal_emit (widget, signals[SIGN_IN], 0, ORGSYNC_SIGN_IN_PASSWORD);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[CANCEL], 0);
  orgsync_connect_dialog_show_sign_in (ORGSYNC_CONNECT_DIALOG (widget));
}

static void
copy_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  OrgsyncConnectDialog *self = ORGSYNC_CONNECT_DIALOG (widget);

  if (self->sign_in_link != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->sign_in_link);
}

static void
check_again_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_signal_emit (widget, signals[CHECK_AGAIN], 0);
}

static void
continue_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  g_signal_emit (widget, signals[CONTINUE], 0);
}

static void
try_again_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  orgsync_connect_dialog_show_sign_in (ORGSYNC_CONNECT_DIALOG (widget));
}

/*
 * GObject overrides
 */

static gboolean
orgsync_connect_dialog_close_request (GtkWindow *window)
{
  OrgsyncConnectDialog *self = ORGSYNC_CONNECT_DIALOG (window);

  /* Closing while the browser sign-in waits cancels it, which closes the listener. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->pages), "waiting") == 0 ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->pages), "busy") == 0)
    g_signal_emit (self, signals[CANCEL], 0);

  orgsync_connect_dialog_clear_secrets (self);

  return GTK_WINDOW_CLASS (orgsync_connect_dialog_parent_class)->close_request (window);
}

static void
orgsync_connect_dialog_dispose (GObject *object)
{
  OrgsyncConnectDialog *self = ORGSYNC_CONNECT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ORGSYNC_TYPE_CONNECT_DIALOG);
  g_clear_pointer (&self->check_rows, g_ptr_array_unref);
  g_clear_pointer (&self->sign_in_link, g_free);

  G_OBJECT_CLASS (orgsync_connect_dialog_parent_class)->dispose (object);
}

static void
orgsync_connect_dialog_class_init (OrgsyncConnectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = orgsync_connect_dialog_dispose;
  window_class->close_request = orgsync_connect_dialog_close_request;

  /**
   * OrgsyncConnectDialog::sign-in:
   * @method: an #OrgsyncSignInMethod
   *
   * Run the sign-in with what the person entered (the getters), then drive the
   * dialog: show_waiting() for the browser, show_busy() while checking,
   * show_checklist() or show_error().
   */
  signals[SIGN_IN] =
    g_signal_new ("sign-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[CANCEL] =
    g_signal_new ("cancel", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CHECK_AGAIN] =
    g_signal_new ("check-again", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CONTINUE] =
    g_signal_new ("continue", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/orgsync-connect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectDialog, advanced_expander);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectDialog, busy_page);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectDialog, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectDialog, callback_row);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectDialog, check_again_button);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectDialog, checklist_group);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectDialog, client_app_help_button);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectDialog, try_again_button);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectDialog, client_id_row);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectDialog, client_secret_entry);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectDialog, continue_button);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectDialog, copy_link_button);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectDialog, domain_error);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectDialog, domain_row);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectDialog, environment_row);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectDialog, pages);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectDialog, password_button);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectDialog, password_entry);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectDialog, password_expander);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectDialog, token_entry);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectDialog, username_row);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectDialog, waiting_spinner);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncConnectDialog, window_title);
  gtk_widget_class_bind_template_callback (widget_class, domain_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, environment_changed_cb);

  gtk_widget_class_install_action (widget_class, "connect.browser", NULL, browser_action);
  gtk_widget_class_install_action (widget_class, "connect.password", NULL, password_action);
  gtk_widget_class_install_action (widget_class, "connect.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "connect.copy-link", NULL, copy_link_action);
  gtk_widget_class_install_action (widget_class, "connect.check-again", NULL, check_again_action);
  gtk_widget_class_install_action (widget_class, "connect.continue", NULL, continue_action);
  gtk_widget_class_install_action (widget_class, "connect.try-again", NULL, try_again_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
orgsync_connect_dialog_init (OrgsyncConnectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->check_rows = g_ptr_array_new ();
  update_sign_in_sensitivity (self);
}

OrgsyncConnectDialog *
orgsync_connect_dialog_new (void)
{
  return g_object_new (ORGSYNC_TYPE_CONNECT_DIALOG, NULL);
}

/* Reauthorize an existing connection: same environment preselected. */
void
orgsync_connect_dialog_set_reauthorize (OrgsyncConnectDialog *self,
                                        const char           *connection_name,
                                        const char           *login_url)
{
  g_return_if_fail (ORGSYNC_IS_CONNECT_DIALOG (self));

  gtk_window_set_title (GTK_WINDOW (self), _("Reauthorize"));
  adw_window_title_set_title (self->window_title, _("Reauthorize"));
  adw_window_title_set_subtitle (self->window_title, connection_name);
  if (login_url != NULL)
    orgsync_connect_dialog_set_login_url (self, login_url);
}

/* The demo org: a simulated org on this computer, its user filled in. */
void
orgsync_connect_dialog_set_demo (OrgsyncConnectDialog *self,
                                 const char           *login_url,
                                 const char           *username,
                                 const char           *password,
                                 const char           *security_token)
{
  g_return_if_fail (ORGSYNC_IS_CONNECT_DIALOG (self));

  gtk_window_set_title (GTK_WINDOW (self), _("Try the Demo Org"));
  adw_window_title_set_title (self->window_title, _("Try the Demo Org"));
  adw_window_title_set_subtitle (self->window_title, _("A simulated Salesforce org on this computer"));
  orgsync_connect_dialog_set_login_url (self, login_url);
  orgsync_connect_dialog_set_credentials (self, username, password, security_token);
  gtk_widget_grab_focus (GTK_WIDGET (self->password_button));
}

void
orgsync_connect_dialog_set_login_url (OrgsyncConnectDialog *self,
                                      const char           *login_url)
{
  g_return_if_fail (ORGSYNC_IS_CONNECT_DIALOG (self));
  g_return_if_fail (login_url != NULL);

  if (g_strcmp0 (login_url, SF_LOGIN_URL_PRODUCTION) == 0)
    adw_combo_row_set_selected (self->environment_row, ENVIRONMENT_PRODUCTION);
  else if (g_strcmp0 (login_url, SF_LOGIN_URL_SANDBOX) == 0)
    adw_combo_row_set_selected (self->environment_row, ENVIRONMENT_SANDBOX);
  else
    {
      adw_combo_row_set_selected (self->environment_row, ENVIRONMENT_CUSTOM);
      gtk_editable_set_text (GTK_EDITABLE (self->domain_row), login_url);
    }

  update_sign_in_sensitivity (self);
}

const char *
orgsync_connect_dialog_get_username (OrgsyncConnectDialog *self)
{
  g_return_val_if_fail (ORGSYNC_IS_CONNECT_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->username_row));
}

const char *
orgsync_connect_dialog_get_password (OrgsyncConnectDialog *self)
{
  g_return_val_if_fail (ORGSYNC_IS_CONNECT_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->password_entry));
}

const char *
orgsync_connect_dialog_get_security_token (OrgsyncConnectDialog *self)
{
  g_return_val_if_fail (ORGSYNC_IS_CONNECT_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->token_entry));
}

static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

/* %NULL unless the person entered their own External Client App. */
const char *
orgsync_connect_dialog_get_client_id (OrgsyncConnectDialog *self)
{
  g_return_val_if_fail (ORGSYNC_IS_CONNECT_DIALOG (self), NULL);

  return nonempty (gtk_editable_get_text (GTK_EDITABLE (self->client_id_row)));
}

const char *
orgsync_connect_dialog_get_client_secret (OrgsyncConnectDialog *self)
{
  g_return_val_if_fail (ORGSYNC_IS_CONNECT_DIALOG (self), NULL);

  return nonempty (gtk_editable_get_text (GTK_EDITABLE (self->client_secret_entry)));
}

const char *
orgsync_connect_dialog_get_callback_url (OrgsyncConnectDialog *self)
{
  g_return_val_if_fail (ORGSYNC_IS_CONNECT_DIALOG (self), NULL);

  return nonempty (gtk_editable_get_text (GTK_EDITABLE (self->callback_row)));
}

/* Fills the password sign-in (tests; the demo org). */
void
orgsync_connect_dialog_set_credentials (OrgsyncConnectDialog *self,
                                        const char           *username,
                                        const char           *password,
                                        const char           *security_token)
{
  g_return_if_fail (ORGSYNC_IS_CONNECT_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->username_row), username != NULL ? username : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), password != NULL ? password : "");
  gtk_editable_set_text (GTK_EDITABLE (self->token_entry), security_token != NULL ? security_token : "");
  adw_expander_row_set_expanded (self->password_expander, TRUE);
}

void
orgsync_connect_dialog_clear_secrets (OrgsyncConnectDialog *self)
{
  g_return_if_fail (ORGSYNC_IS_CONNECT_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->token_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->client_secret_entry), "");
}

void
orgsync_connect_dialog_show_sign_in (OrgsyncConnectDialog *self)
{
  g_return_if_fail (ORGSYNC_IS_CONNECT_DIALOG (self));

  show_page (self, "sign-in");
}

/**
 * orgsync_connect_dialog_show_waiting:
 * @sign_in_link: (nullable): the authorize URL, for "Copy Sign-In Link"
 */
void
orgsync_connect_dialog_show_waiting (OrgsyncConnectDialog *self,
                                     const char           *sign_in_link)
{
  g_return_if_fail (ORGSYNC_IS_CONNECT_DIALOG (self));

  g_free (self->sign_in_link);
  self->sign_in_link = g_strdup (sign_in_link);
  gtk_widget_set_visible (GTK_WIDGET (self->copy_link_button), sign_in_link != NULL);
  show_page (self, "waiting");
}

void
orgsync_connect_dialog_show_busy (OrgsyncConnectDialog *self,
                                  const char           *title,
                                  const char           *description)
{
  g_return_if_fail (ORGSYNC_IS_CONNECT_DIALOG (self));

  adw_status_page_set_title (self->busy_page, title);
  adw_status_page_set_description (self->busy_page, description);
  show_page (self, "busy");
}

void
orgsync_connect_dialog_clear_checks (OrgsyncConnectDialog *self)
{
  g_return_if_fail (ORGSYNC_IS_CONNECT_DIALOG (self));

  for (guint i = 0; i < self->check_rows->len; i++)
    adw_preferences_group_remove (self->checklist_group, g_ptr_array_index (self->check_rows, i));
  g_ptr_array_set_size (self->check_rows, 0);
  self->n_failed_checks = 0;
}

/**
 * orgsync_connect_dialog_add_check:
 * @how_to_fix: (nullable): how an admin grants it, shown when it failed
 */
void
orgsync_connect_dialog_add_check (OrgsyncConnectDialog *self,
                                  const char           *title,
                                  gboolean              passed,
                                  const char           *how_to_fix)
{
  GtkWidget *row;
  GtkWidget *icon;

  g_return_if_fail (ORGSYNC_IS_CONNECT_DIALOG (self));
  g_return_if_fail (title != NULL);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (!passed && how_to_fix != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), how_to_fix);

  icon = gtk_image_new_from_icon_name (passed ? "object-select-symbolic" : "window-close-symbolic");
  gtk_widget_add_css_class (icon, passed ? "success" : "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, passed ? _("Granted") : _("Missing"),
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  adw_preferences_group_add (self->checklist_group, row);
  g_ptr_array_add (self->check_rows, row);
  if (!passed)
    self->n_failed_checks++;
}

/* A failed check keeps Continue off: the dialog never pretends success. */
void
orgsync_connect_dialog_show_checklist (OrgsyncConnectDialog *self)
{
  g_return_if_fail (ORGSYNC_IS_CONNECT_DIALOG (self));

  if (self->n_failed_checks == 0)
    adw_preferences_group_set_description (self->checklist_group,
                                           _("The Salesforce user has every permission Org Sync needs."));
  else
    adw_preferences_group_set_description (self->checklist_group,
                                           _("The Salesforce user lacks permissions that Org Sync needs. Ask a Salesforce admin to grant them as described, then check again."));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.continue", self->n_failed_checks == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->check_again_button), self->n_failed_checks > 0);
  show_page (self, "checklist");
}

/**
 * orgsync_connect_dialog_show_error:
 * @retry_label: (nullable): the mnemonic label of the button that goes back to
 *   signing in, when it means more than "Try Again"
 */
void
orgsync_connect_dialog_show_error (OrgsyncConnectDialog *self,
                                   const char           *title,
                                   const char           *message,
                                   gboolean              suggest_client_app,
                                   const char           *retry_label)
{
  g_return_if_fail (ORGSYNC_IS_CONNECT_DIALOG (self));


  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, message);
  gtk_widget_set_visible (GTK_WIDGET (self->client_app_help_button), suggest_client_app);
  orgsync_button_set_mnemonic_label (self->try_again_button, retry_label ? retry_label : _("_Try Again"));
  show_page (self, "error");
}

const char *
orgsync_connect_dialog_get_page (OrgsyncConnectDialog *self)
{
  g_return_val_if_fail (ORGSYNC_IS_CONNECT_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->pages);
}
