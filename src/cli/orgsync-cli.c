/* orgsync-cli.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "orgsync-cli.h"
#include "orgsync-core.h"
#include "sf-error.h"

/* orgsync-cli: every operation of the GUI on the same OrgsyncManager, for scripts and
 * tests. Documented in docs/cli.md; the --json shapes and the exit codes are a
 * contract (design.md §8). No secret is ever read from the command line: passwords
 * and client secrets come from standard input. */

typedef struct
{
  const char      *data_dir;
  OrgsyncManager  *manager;
  GMainLoop       *loop;
  GAsyncResult    *result;
  GCancellable    *cancellable;
  gboolean         interrupted;
} Cli;

typedef int (*CommandFunc) (Cli   *cli,
                            int    argc,
                            char **argv);

typedef struct
{
  const char  *name;
  const char  *args;
  const char  *summary;
  CommandFunc  func;
} Command;

/*
 * Helpers
 */

static void
got_result (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Cli *cli = user_data;

  cli->result = g_object_ref (result);
  g_main_loop_quit (cli->loop);
}

/* Runs the main loop until the pending call answers. */
static GAsyncResult *
wait_result (Cli *cli)
{
  g_clear_object (&cli->result);
  g_main_loop_run (cli->loop);
  return cli->result;
}

static int
exit_code_for (const GError *error)
{
  if (error == NULL)
    return ORGSYNC_CLI_EXIT_OK;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return ORGSYNC_CLI_EXIT_CANCELLED;

  if (error->domain == ORGSYNC_ERROR)
    switch (error->code)
      {
      case ORGSYNC_ERROR_ALREADY_SYNCING:
        return ORGSYNC_CLI_EXIT_ALREADY_SYNCING;
      case ORGSYNC_ERROR_PAUSED:
        return ORGSYNC_CLI_EXIT_PAUSED;
      case ORGSYNC_ERROR_QUOTA_THRESHOLD:
        return ORGSYNC_CLI_EXIT_QUOTA;
      case ORGSYNC_ERROR_INVALID_INPUT:
      case ORGSYNC_ERROR_INVALID_IDENTIFIER:
      case ORGSYNC_ERROR_INVALID_NAME:
      case ORGSYNC_ERROR_NAME_TAKEN:
      case ORGSYNC_ERROR_NOT_FOUND:
        return ORGSYNC_CLI_EXIT_USAGE;
      default:
        return ORGSYNC_CLI_EXIT_ERROR;
      }

  if (error->domain == SF_ERROR)
    {
      if (sf_error_needs_reauthorization (error) || error->code == SF_ERROR_INVALID_SESSION_ID)
        return ORGSYNC_CLI_EXIT_REAUTHORIZE;
      if (error->code == SF_ERROR_REQUEST_LIMIT_EXCEEDED)
        return ORGSYNC_CLI_EXIT_QUOTA;
      if (error->code == SF_ERROR_API_CURRENTLY_DISABLED || error->code == SF_ERROR_API_DISABLED_FOR_ORG ||
          error->code == SF_ERROR_INSUFFICIENT_ACCESS || error->code == SF_ERROR_INSUFFICIENT_ACCESS_OR_READONLY)
        return ORGSYNC_CLI_EXIT_PERMISSION;
    }

  return ORGSYNC_CLI_EXIT_ERROR;
}

static int
fail (const GError *error)
{
  fprintf (stderr, "orgsync-cli: %s\n", error->message);
  return exit_code_for (error);
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  fprintf (stderr, "orgsync-cli: %s\n\n%s", message, help);
  return ORGSYNC_CLI_EXIT_USAGE;
}

/* Parses a command's options; FALSE with the exit code in @status on --help or error. */
static gboolean
parse_options (GOptionContext  *context,
               int             *argc,
               char          ***argv,
               int              n_positional,
               int             *status)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_help_enabled (context, TRUE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = usage_error (context, error->message);
      return FALSE;
    }

  if (*argc - 1 != n_positional)
    {
      *status = usage_error (context, *argc - 1 < n_positional ? _("Missing arguments.")
                                                              : _("Too many arguments."));
      return FALSE;
    }

  return TRUE;
}

static OrgsyncConnection *
find_connection (Cli        *cli,
                 const char *name)
{
  OrgsyncConnection *c = orgsync_manager_lookup (cli->manager, name);

  if (c == NULL)
    fprintf (stderr, _("orgsync-cli: there is no connection named “%s” (see orgsync-cli list)\n"), name);

  return c;
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_int (JsonBuilder *b,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_bool (JsonBuilder *b,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

static char *
format_time (GDateTime *date_time)
{
  return date_time ? g_date_time_format_iso8601 (date_time) : NULL;
}

static char *
format_usec (gint64 usec)
{
  g_autoptr(GDateTime) dt = usec > 0 ? g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC) : NULL;

  return format_time (dt);
}

static void
add_time (JsonBuilder *b,
          const char  *name,
          GDateTime   *value)
{
  g_autofree char *text = format_time (value);

  add_string (b, name, text);
}

/* Reads one line of standard input, without its newline; NULL at the end. */
static char *
read_secret_line (void)
{
  char *line = NULL;
  size_t size = 0;
  ssize_t n = getline (&line, &size, stdin);

  if (n < 0)
    {
      free (line);
      return NULL;
    }

  while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
    line[--n] = '\0';

  {
    char *copy = g_strdup (line);

    explicit_bzero (line, size);
    free (line);
    return copy;
  }
}

static void
free_secret (char *secret)
{
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
  g_free (secret);
}


/*
 * connect, reauthorize
 */

typedef struct
{
  gboolean  web;
  char     *login_url;
  char     *username;
  gboolean  password_stdin;
  char     *client_id;
  gboolean  secret_stdin;
  char     *callback;
  gboolean  allow_new_org;
  gboolean  json;
} SignInArgs;

static void
sign_in_args_clear (SignInArgs *a)
{
  g_free (a->login_url);
  g_free (a->username);
  g_free (a->client_id);
  g_free (a->callback);
}

static GOptionContext *
sign_in_context (const char *parameter,
                 SignInArgs *a,
                 gboolean    reauthorize)
{
  GOptionContext *context = g_option_context_new (parameter);
  GOptionEntry entries[] = {
    { "login-url", 0, 0, G_OPTION_ARG_STRING, &a->login_url,
      N_("https://login.salesforce.com, https://test.salesforce.com or the org’s My Domain"), "URL" },
    { "web", 0, 0, G_OPTION_ARG_NONE, &a->web, N_("Sign in with the browser (OAuth with PKCE)"), NULL },
    { "username", 0, 0, G_OPTION_ARG_STRING, &a->username, N_("Sign in with a username (legacy)"), "USER" },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &a->password_stdin,
      N_("Read the password immediately followed by the security token from standard input"), NULL },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &a->client_id,
      N_("Consumer key of the org’s own External Client App"), "ID" },
    { "client-secret-stdin", 0, 0, G_OPTION_ARG_NONE, &a->secret_stdin,
      N_("Read the consumer secret from standard input (after the password line, if any)"), NULL },
    { "callback", 0, 0, G_OPTION_ARG_STRING, &a->callback,
      N_("The app’s callback URL (http://localhost:PORT/…)"), "URL" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &a->json, N_("Print the result as JSON"), NULL },
    { NULL },
  };
  GOptionEntry reauth_entries[] = {
    { "allow-new-org", 0, 0, G_OPTION_ARG_NONE, &a->allow_new_org,
      N_("Accept a refreshed sandbox (new org id, same My Domain) and sync it again in full"), NULL },
    { NULL },
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (reauthorize)
    g_option_context_add_main_entries (context, reauth_entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  return context;
}

/* The options as the manager wants them; secrets from standard input. */
static gboolean
sign_in_options (GOptionContext       *context,
                 SignInArgs           *a,
                 OrgsyncSignInOptions *options,
                 char                **password,
                 char                **secret,
                 int                  *status)
{
  if (a->web == (a->username != NULL) || (a->username != NULL && !a->password_stdin))
    {
      *status = usage_error (context, _("Use either --web, or --username with --password-stdin."));
      return FALSE;
    }

  if (a->password_stdin && (*password = read_secret_line ()) == NULL)
    {
      *status = usage_error (context, _("--password-stdin: no line on standard input."));
      return FALSE;
    }
  if (a->secret_stdin && (*secret = read_secret_line ()) == NULL)
    {
      *status = usage_error (context, _("--client-secret-stdin: no line on standard input."));
      return FALSE;
    }

  options->method = a->web ? ORGSYNC_SIGN_IN_BROWSER : ORGSYNC_SIGN_IN_PASSWORD;
  options->login_url = a->login_url;
  options->username = a->username;
  options->password = *password;
  options->client_id = a->client_id;
  options->client_secret = *secret;
  options->callback_url = a->callback;
  options->allow_new_org = a->allow_new_org;
  return TRUE;
}

static void
build_connection_json (JsonBuilder       *b,
                       Cli               *cli,
                       OrgsyncConnection *c,
                       gboolean           detail)
{
  json_builder_begin_object (b);
  add_string (b, "name", orgsync_connection_get_display_name (c));
  add_string (b, "id", orgsync_connection_get_id (c));
  add_string (b, "status", orgsync_connection_status_to_string (orgsync_connection_get_status (c)));
  add_string (b, "username", orgsync_connection_get_username (c));
  add_string (b, "orgId", orgsync_connection_get_org_id (c));
  add_string (b, "instanceUrl", orgsync_connection_get_instance_url (c));
  add_string (b, "loginUrl", orgsync_connection_get_login_url (c));
  add_bool (b, "syncEnabled", orgsync_connection_get_sync_enabled (c));
  add_string (b, "frequency", orgsync_update_frequency_to_string (orgsync_connection_get_update_frequency (c)));
  add_int (b, "quotaThreshold", orgsync_connection_get_quota_threshold (c));
  add_int (b, "apiUsed", orgsync_connection_get_api_used (c));
  add_int (b, "apiMax", orgsync_connection_get_api_max (c));
  add_time (b, "lastSync", orgsync_connection_get_last_sync (c));
  add_time (b, "nextSync", orgsync_connection_get_next_sync (c));
  if (detail)
    {
      g_autofree char *path = orgsync_manager_dup_records_path (cli->manager, c, NULL);

      add_string (b, "statusDetail", orgsync_connection_get_status_detail (c));
      add_string (b, "statusAction", orgsync_status_action_to_string (orgsync_connection_get_status_action (c)));
      add_string (b, "errorCode", orgsync_connection_get_error_code (c));
      add_string (b, "errorMessage", orgsync_connection_get_error_message (c));
      add_time (b, "resumeAt", orgsync_connection_get_resume_at (c));
      add_time (b, "pausedAt", orgsync_connection_get_paused_at (c));
      add_bool (b, "syncing", orgsync_connection_get_syncing (c));
      add_bool (b, "initialSyncDone", orgsync_connection_get_initial_sync_done (c));
      add_string (b, "recordsPath", path);
    }
  json_builder_end_object (b);
}

static int
cmd_connect (Cli   *cli,
             int    argc,
             char **argv)
{
  SignInArgs a = { 0, };
  g_autoptr(GOptionContext) context = sign_in_context (_("NAME — add a connection"), &a, FALSE);
  OrgsyncSignInOptions options = { 0, };
  g_autoptr(OrgsyncConnection) c = NULL;
  g_autoptr(GError) error = NULL;
  char *password = NULL, *secret = NULL;
  int status = 0;

  if (!parse_options (context, &argc, &argv, 1, &status) ||
      !sign_in_options (context, &a, &options, &password, &secret, &status))
    goto out;

  options.name = argv[1];
  orgsync_manager_connect_async (cli->manager, &options, cli->cancellable, got_result, cli);
  c = orgsync_manager_connect_finish (cli->manager, wait_result (cli), &error);
  if (c == NULL)
    {
      status = fail (error);
      goto out;
    }

  if (a.json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      build_connection_json (b, cli, c, FALSE);
      print_json (b);
    }
  else
    printf (_("Connected “%s” as %s (org %s).\nNext: orgsync-cli check “%s”, then orgsync-cli select “%s” --preset partner-overlap\n"),
            orgsync_connection_get_display_name (c), orgsync_connection_get_username (c),
            orgsync_connection_get_org_id (c), orgsync_connection_get_display_name (c),
            orgsync_connection_get_display_name (c));

out:
  free_secret (password);
  free_secret (secret);
  sign_in_args_clear (&a);
  return status;
}

static int
cmd_reauthorize (Cli   *cli,
                 int    argc,
                 char **argv)
{
  SignInArgs a = { 0, };
  g_autoptr(GOptionContext) context = sign_in_context (_("NAME — sign in again, keeping data and settings"),
                                                       &a, TRUE);
  OrgsyncSignInOptions options = { 0, };
  g_autoptr(GError) error = NULL;
  OrgsyncConnection *c;
  char *password = NULL, *secret = NULL;
  int status = 0;

  if (!parse_options (context, &argc, &argv, 1, &status) ||
      !sign_in_options (context, &a, &options, &password, &secret, &status))
    goto out;

  if ((c = find_connection (cli, argv[1])) == NULL)
    {
      status = ORGSYNC_CLI_EXIT_USAGE;
      goto out;
    }

  if (options.login_url == NULL)
    options.login_url = orgsync_connection_get_login_url (c);
  orgsync_manager_reauthorize_async (cli->manager, c, &options, cli->cancellable, got_result, cli);
  if (!orgsync_manager_reauthorize_finish (cli->manager, wait_result (cli), &error))
    {
      status = fail (error);
      if (g_error_matches (error, ORGSYNC_ERROR, ORGSYNC_ERROR_REFRESHED_SANDBOX))
        fprintf (stderr, "%s", _("To reconnect, run the same command again with --allow-new-org.\n"));
    }
  else
    printf (_("Reauthorized “%s” as %s.\n"), orgsync_connection_get_display_name (c),
            orgsync_connection_get_username (c));

out:
  free_secret (password);
  free_secret (secret);
  sign_in_args_clear (&a);
  return status;
}

/*
 * list, status, check
 */

static int
cmd_list (Cli   *cli,
          int    argc,
          char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— list the connections"));
  GListModel *list = orgsync_manager_get_connections (cli->manager);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  int status = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, 0, &status))
    return status;

  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(OrgsyncConnection) c = g_list_model_get_item (list, i);

      if (json)
        build_connection_json (b, cli, c, FALSE);
      else
        printf ("%-24s %-12s %s\n", orgsync_connection_get_display_name (c),
                orgsync_connection_status_get_label (orgsync_connection_get_status (c)),
                orgsync_connection_get_username (c) ? orgsync_connection_get_username (c) : "");
    }
  json_builder_end_array (b);

  if (json)
    print_json (b);
  return ORGSYNC_CLI_EXIT_OK;
}

static int
cmd_status (Cli   *cli,
            int    argc,
            char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("NAME — the state of a connection"));
  g_autofree char *last = NULL;
  g_autofree char *resume = NULL;
  OrgsyncConnection *c;
  int status = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, 1, &status))
    return status;
  if ((c = find_connection (cli, argv[1])) == NULL)
    return ORGSYNC_CLI_EXIT_USAGE;

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      build_connection_json (b, cli, c, TRUE);
      print_json (b);
      return ORGSYNC_CLI_EXIT_OK;
    }

  last = format_time (orgsync_connection_get_last_sync (c));
  resume = format_time (orgsync_connection_get_resume_at (c));
  printf (_("Name:        %s\n"), orgsync_connection_get_display_name (c));
  printf (_("Status:      %s%s\n"), orgsync_connection_status_get_label (orgsync_connection_get_status (c)),
          orgsync_connection_get_syncing (c) ? _(" (syncing now)") : "");
  if (orgsync_connection_get_status_detail (c) != NULL)
    printf (_("Detail:      %s\n"), orgsync_connection_get_status_detail (c));
  if (orgsync_connection_get_error_code (c) != NULL)
    printf (_("Salesforce:  %s %s\n"), orgsync_connection_get_error_code (c),
            orgsync_connection_get_error_message (c) ? orgsync_connection_get_error_message (c) : "");
  if (orgsync_connection_get_status_action (c) != ORGSYNC_STATUS_ACTION_NONE)
    printf (_("Action:      %s\n"), orgsync_status_action_get_label (orgsync_connection_get_status_action (c)));
  if (resume != NULL)
    printf (_("Resumes at:  %s\n"), resume);
  printf (_("User:        %s (org %s)\n"), orgsync_connection_get_username (c), orgsync_connection_get_org_id (c));
  printf (_("Frequency:   %s\n"), orgsync_update_frequency_get_label (orgsync_connection_get_update_frequency (c)));
  printf (_("API quota:   %u%% limit; %lld of %lld calls used\n"),
          orgsync_connection_get_quota_threshold (c), (long long) orgsync_connection_get_api_used (c),
          (long long) orgsync_connection_get_api_max (c));
  printf (_("Last sync:   %s\n"), last ? last : _("never"));
  return ORGSYNC_CLI_EXIT_OK;
}

static int
cmd_check (Cli   *cli,
           int    argc,
           char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("NAME — the permission checklist"));
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  OrgsyncConnection *c;
  gboolean passed;
  int status = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, 1, &status))
    return status;
  if ((c = find_connection (cli, argv[1])) == NULL)
    return ORGSYNC_CLI_EXIT_USAGE;

  orgsync_manager_check_permissions_async (cli->manager, c, cli->cancellable, got_result, cli);
  if ((items = orgsync_manager_check_permissions_finish (cli->manager, wait_result (cli), &error)) == NULL)
    return fail (error);

  passed = orgsync_permission_check_all_passed (items);
  json_builder_begin_object (b);
  add_bool (b, "passed", passed);
  json_builder_set_member_name (b, "checks");
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(OrgsyncPermissionItem) item = g_list_model_get_item (items, i);

      json_builder_begin_object (b);
      add_string (b, "id", orgsync_permission_item_get_id (item));
      add_string (b, "title", orgsync_permission_item_get_title (item));
      add_bool (b, "passed", orgsync_permission_item_get_passed (item));
      add_string (b, "howToFix", orgsync_permission_item_get_how_to_fix (item));
      json_builder_end_object (b);

      if (!json)
        {
          printf ("%s %s\n", orgsync_permission_item_get_passed (item) ? "✓" : "✗",
                  orgsync_permission_item_get_title (item));
          if (!orgsync_permission_item_get_passed (item))
            printf ("    %s\n", orgsync_permission_item_get_how_to_fix (item));
        }
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  if (json)
    print_json (b);
  return passed ? ORGSYNC_CLI_EXIT_OK : ORGSYNC_CLI_EXIT_PERMISSION;
}

/*
 * objects, fields, presets, select
 */

static GListModel *
load_objects (Cli                *cli,
              OrgsyncConnection  *c,
              const char * const *describe,
              GError            **error)
{
  orgsync_manager_load_objects_async (cli->manager, c, describe, cli->cancellable, got_result, cli);
  return orgsync_manager_load_objects_finish (cli->manager, wait_result (cli), error);
}

static int
cmd_objects (Cli   *cli,
             int    argc,
             char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("NAME — the org’s queryable objects"));
  g_autoptr(GListModel) sobjects = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  OrgsyncConnection *c;
  int status = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, 1, &status))
    return status;
  if ((c = find_connection (cli, argv[1])) == NULL)
    return ORGSYNC_CLI_EXIT_USAGE;
  if ((sobjects = load_objects (cli, c, NULL, &error)) == NULL)
    return fail (error);

  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (sobjects); i++)
    {
      g_autoptr(OrgsyncSObject) o = g_list_model_get_item (sobjects, i);

      json_builder_begin_object (b);
      add_string (b, "name", orgsync_sobject_get_name (o));
      add_string (b, "label", orgsync_sobject_get_label (o));
      add_bool (b, "custom", orgsync_sobject_get_custom (o));
      add_int (b, "fields", orgsync_sobject_get_n_fields (o));
      add_int (b, "selectedFields", orgsync_sobject_get_n_selected (o));
      json_builder_end_object (b);
      if (!json)
        printf ("%-32s %-32s %u/%u\n", orgsync_sobject_get_name (o), orgsync_sobject_get_label (o),
                orgsync_sobject_get_n_selected (o), orgsync_sobject_get_n_fields (o));
    }
  json_builder_end_array (b);

  if (json)
    print_json (b);
  return ORGSYNC_CLI_EXIT_OK;
}

static int
cmd_fields (Cli   *cli,
            int    argc,
            char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("NAME OBJECT — the fields of an object"));
  g_autoptr(GListModel) sobjects = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  OrgsyncConnection *c;
  OrgsyncSObject *o;
  GListModel *fields;
  int status = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, 2, &status))
    return status;
  if ((c = find_connection (cli, argv[1])) == NULL)
    return ORGSYNC_CLI_EXIT_USAGE;
  if (!orgsync_api_name_validate (argv[2], &error))
    return fail (error);
  if ((sobjects = load_objects (cli, c, (const char * const []) { argv[2], NULL }, &error)) == NULL)
    return fail (error);
  if ((o = orgsync_sobject_list_lookup (sobjects, argv[2])) == NULL)
    {
      fprintf (stderr, _("orgsync-cli: the org has no object “%s”, or the user cannot read it\n"), argv[2]);
      return ORGSYNC_CLI_EXIT_USAGE;
    }

  fields = orgsync_sobject_get_fields (o);
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(OrgsyncField) f = g_list_model_get_item (fields, i);

      json_builder_begin_object (b);
      add_string (b, "name", orgsync_field_get_name (f));
      add_string (b, "label", orgsync_field_get_label (f));
      add_string (b, "type", orgsync_field_get_type_name (f));
      add_int (b, "length", orgsync_field_get_length (f));
      add_bool (b, "custom", orgsync_field_get_custom (f));
      add_bool (b, "formula", orgsync_field_get_calculated (f));
      add_string (b, "compoundParent", orgsync_field_get_compound_parent (f));
      add_bool (b, "bulkCompatible", orgsync_field_get_bulk_compatible (f));
      add_bool (b, "selected", orgsync_field_get_selected (f));
      add_bool (b, "locked", orgsync_field_get_locked (f));
      json_builder_end_object (b);
      if (!json)
        printf ("%s %-40s %-16s %s\n", orgsync_field_get_selected (f) ? "[x]" : "[ ]",
                orgsync_field_get_name (f), orgsync_field_get_type_name (f), orgsync_field_get_label (f));
    }
  json_builder_end_array (b);

  if (json)
    print_json (b);
  return ORGSYNC_CLI_EXIT_OK;
}

static int
cmd_presets (Cli   *cli,
             int    argc,
             char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— the data presets"));
  GListModel *presets = orgsync_manager_get_presets (cli->manager);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  int status = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, 0, &status))
    return status;

  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (presets); i++)
    {
      g_autoptr(OrgsyncPreset) p = g_list_model_get_item (presets, i);
      const char * const *objects = orgsync_preset_get_objects (p);

      json_builder_begin_object (b);
      add_string (b, "id", orgsync_preset_get_id (p));
      add_string (b, "name", orgsync_preset_get_name (p));
      add_string (b, "description", orgsync_preset_get_description (p));
      add_bool (b, "recommended", orgsync_preset_get_recommended (p));
      json_builder_set_member_name (b, "fields");
      json_builder_begin_object (b);
      for (guint j = 0; objects != NULL && objects[j] != NULL; j++)
        {
          const char * const *fields = orgsync_preset_get_fields (p, objects[j]);

          json_builder_set_member_name (b, objects[j]);
          json_builder_begin_array (b);
          for (guint k = 0; fields != NULL && fields[k] != NULL; k++)
            json_builder_add_string_value (b, fields[k]);
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
      json_builder_end_object (b);
      if (!json)
        printf ("%-18s %s\n%-18s %s\n", orgsync_preset_get_id (p), orgsync_preset_get_name (p), "",
                orgsync_preset_get_description (p));
    }
  json_builder_end_array (b);

  if (json)
    print_json (b);
  return ORGSYNC_CLI_EXIT_OK;
}

/* select --dry-run: what the edit would cost, nothing stored. */
static int
print_estimate (Cli                        *cli,
                OrgsyncConnection          *c,
                const OrgsyncSelectionEdit *edit,
                gboolean                    json)
{
  g_autofree OrgsyncSyncEstimate *estimate = NULL;
  g_autoptr(GError) error = NULL;

  orgsync_manager_estimate_edit_async (cli->manager, c, edit, cli->cancellable, got_result, cli);
  if ((estimate = orgsync_manager_estimate_edit_finish (cli->manager, wait_result (cli), &error)) == NULL)
    return fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      add_int (b, "records", estimate->records);
      add_int (b, "apiCalls", estimate->api_calls);
      add_int (b, "apiUsed", estimate->api_used);
      add_int (b, "apiMax", estimate->api_max);
      add_int (b, "quotaThreshold", orgsync_connection_get_quota_threshold (c));
      json_builder_end_object (b);
      print_json (b);
    }
  else
    {
      g_autofree char *text = orgsync_format_estimate (estimate, orgsync_connection_get_quota_threshold (c));

      printf ("%s\n%s", text, _("Nothing was saved (--dry-run).\n"));
    }

  return ORGSYNC_CLI_EXIT_OK;
}

static int
cmd_select (Cli   *cli,
            int    argc,
            char **argv)
{
  g_autofree char *preset = NULL;
  g_auto(GStrv) objects = NULL;
  g_auto(GStrv) add = NULL;
  g_auto(GStrv) remove = NULL;
  gboolean clear = FALSE, dry_run = FALSE, json = FALSE;
  GOptionEntry entries[] = {
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset, N_("Make the selection exactly a preset’s"), "ID" },
    { "object", 0, 0, G_OPTION_ARG_STRING_ARRAY, &objects, N_("Select every field of an object"), "OBJ" },
    { "add", 0, 0, G_OPTION_ARG_STRING_ARRAY, &add, N_("Select a field"), "OBJ.FIELD" },
    { "remove", 0, 0, G_OPTION_ARG_STRING_ARRAY, &remove, N_("Deselect a field (or OBJ: an object)"), "OBJ.FIELD" },
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear, N_("Start from an empty selection"), NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Save nothing; estimate what the next sync would fetch and cost (one API call)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the estimate of --dry-run as JSON"), NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("NAME — choose the objects and fields to sync"));
  OrgsyncSelectionEdit edit = { 0, };
  g_auto(GStrv) skipped = NULL;
  g_autoptr(GError) error = NULL;
  OrgsyncConnection *c;
  int status = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, 1, &status))
    return status;
  if (!clear && preset == NULL && objects == NULL && add == NULL && remove == NULL && !dry_run)
    return usage_error (context, _("Nothing to do: give --preset, --object, --add, --remove or --clear."));
  if ((c = find_connection (cli, argv[1])) == NULL)
    return ORGSYNC_CLI_EXIT_USAGE;

  edit.clear = clear;
  edit.preset = preset;
  edit.objects = (const char * const *) objects;
  edit.add = (const char * const *) add;
  edit.remove = (const char * const *) remove;
  if (dry_run)
    return print_estimate (cli, c, &edit, json);

  orgsync_manager_select_async (cli->manager, c, &edit, cli->cancellable, got_result, cli);
  if ((skipped = orgsync_manager_select_finish (cli->manager, wait_result (cli), &error)) == NULL)
    return fail (error);

  for (guint i = 0; skipped[i] != NULL; i++)
    printf (_("Skipped %s: the org does not have it.\n"), skipped[i]);
  printf (_("The selection of “%s” is saved; the next sync fetches it.\n"), orgsync_connection_get_display_name (c));
  return ORGSYNC_CLI_EXIT_OK;
}

/*
 * sync
 */

static void
progress_cb (OrgsyncConnection *c,
             GParamSpec        *pspec,
             gpointer           user_data)
{
  const char *object = orgsync_connection_get_current_object (c);

  fprintf (stderr, _("\r\033[KSyncing %s: object %u of %u%s%s, %llu records"),
           orgsync_connection_get_display_name (c), MIN (orgsync_connection_get_objects_done (c) + 1,
                                                         orgsync_connection_get_objects_total (c)),
           orgsync_connection_get_objects_total (c), object ? " " : "", object ? object : "",
           (unsigned long long) orgsync_connection_get_records_synced (c));
  fflush (stderr);
}

static gboolean
interrupt_cb (gpointer user_data)
{
  Cli *cli = user_data;

  cli->interrupted = TRUE;
  g_cancellable_cancel (cli->cancellable);
  return G_SOURCE_CONTINUE;
}

static const char *
outcome_to_string (OrgsyncSyncOutcome outcome)
{
  static const char * const names[] = {
    "succeeded", "partial", "failed", "quota", "reauthorize", "permission", "cancelled",
  };

  return outcome < G_N_ELEMENTS (names) ? names[outcome] : "failed";
}

static int
exit_code_for_outcome (OrgsyncSyncOutcome outcome)
{
  switch (outcome)
    {
    case ORGSYNC_SYNC_OUTCOME_SUCCEEDED:
      return ORGSYNC_CLI_EXIT_OK;
    case ORGSYNC_SYNC_OUTCOME_QUOTA:
      return ORGSYNC_CLI_EXIT_QUOTA;
    case ORGSYNC_SYNC_OUTCOME_REAUTHORIZE:
      return ORGSYNC_CLI_EXIT_REAUTHORIZE;
    case ORGSYNC_SYNC_OUTCOME_PERMISSION:
      return ORGSYNC_CLI_EXIT_PERMISSION;
    case ORGSYNC_SYNC_OUTCOME_CANCELLED:
      return ORGSYNC_CLI_EXIT_CANCELLED;
    case ORGSYNC_SYNC_OUTCOME_PARTIAL:
    case ORGSYNC_SYNC_OUTCOME_FAILED:
    default:
      return ORGSYNC_CLI_EXIT_ERROR;
    }
}

static void
print_summary (OrgsyncSyncEngine *engine,
               const GError      *error,
               gboolean           json)
{
  const OrgsyncSyncRun *run = orgsync_sync_engine_get_run (engine);
  const char * const *warnings = orgsync_sync_engine_get_warnings (engine);
  gint64 duration = (run->finished_at - run->started_at) / 1000;
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_string (b, "result", orgsync_run_result_to_string (run->result));
  add_string (b, "outcome", outcome_to_string (orgsync_sync_engine_get_outcome (engine)));
  add_string (b, "message", error ? error->message : NULL);
  add_string (b, "errorCode", run->error_code);
  add_int (b, "apiCalls", run->api_calls);
  add_int (b, "durationMs", duration);
  json_builder_set_member_name (b, "objects");
  json_builder_begin_array (b);
  for (guint i = 0; i < run->objects->len; i++)
    {
      const OrgsyncSyncRunObject *o = &g_array_index (run->objects, OrgsyncSyncRunObject, i);

      json_builder_begin_object (b);
      add_string (b, "name", o->object);
      add_int (b, "added", o->added);
      add_int (b, "updated", o->updated);
      add_int (b, "deleted", o->deleted);
      json_builder_end_object (b);
      if (!json)
        printf (_("%-24s %8llu added %8llu updated %8llu deleted\n"), o->object,
                (unsigned long long) o->added, (unsigned long long) o->updated,
                (unsigned long long) o->deleted);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; warnings[i] != NULL; i++)
    {
      json_builder_add_string_value (b, warnings[i]);
      if (!json)
        printf (_("Note: %s\n"), warnings[i]);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  if (json)
    print_json (b);
  else
    printf (g_dngettext (GETTEXT_PACKAGE, "%llu API call used in %.1f s.\n",
                         "%llu API calls used in %.1f s.\n", run->api_calls),
            (unsigned long long) run->api_calls, duration / 1000.0);
}

static int
cmd_sync (Cli   *cli,
          int    argc,
          char **argv)
{
  gboolean json = FALSE, full = FALSE;
  GOptionEntry entries[] = {
    { "full", 0, 0, G_OPTION_ARG_NONE, &full, N_("Fetch everything again"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the summary as JSON"), NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("NAME — sync now"));
  g_autoptr(OrgsyncSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  OrgsyncConnection *c;
  gulong handler = 0;
  guint sigint, sigterm;
  int status = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, 1, &status))
    return status;
  if ((c = find_connection (cli, argv[1])) == NULL)
    return ORGSYNC_CLI_EXIT_USAGE;

  if (isatty (STDERR_FILENO))
    handler = g_signal_connect (c, "notify::records-synced", G_CALLBACK (progress_cb), NULL);
  sigint = g_unix_signal_add (SIGINT, interrupt_cb, cli);
  sigterm = g_unix_signal_add (SIGTERM, interrupt_cb, cli);

  orgsync_manager_sync_async (cli->manager, c, full, cli->cancellable, got_result, cli);
  engine = orgsync_manager_sync_finish (cli->manager, wait_result (cli), &error);

  g_source_remove (sigint);
  g_source_remove (sigterm);
  g_clear_signal_handler (&handler, c);
  if (isatty (STDERR_FILENO))
    fprintf (stderr, "\r\033[K");

  if (engine == NULL && (error->domain != ORGSYNC_ERROR || (error->code != ORGSYNC_ERROR_ALREADY_SYNCING &&
                                                           error->code != ORGSYNC_ERROR_PAUSED &&
                                                           error->code != ORGSYNC_ERROR_NOTHING_SELECTED)))
    {
      /* The run happened and stopped: its summary still tells what it did. */
      OrgsyncSyncEngine *finished = g_object_get_data (G_OBJECT (cli->manager), "orgsync-cli-last-engine");

      if (finished != NULL)
        print_summary (finished, error, json);
      fprintf (stderr, "orgsync-cli: %s\n", error->message);
      return finished ? exit_code_for_outcome (orgsync_sync_engine_get_outcome (finished)) : exit_code_for (error);
    }
  if (engine == NULL)
    return fail (error);

  print_summary (engine, NULL, json);
  return ORGSYNC_CLI_EXIT_OK;
}

static void
sync_finished_cb (OrgsyncManager    *manager,
                  OrgsyncConnection *connection,
                  OrgsyncSyncEngine *engine,
                  gpointer           user_data)
{
  g_object_set_data_full (G_OBJECT (manager), "orgsync-cli-last-engine", g_object_ref (engine), g_object_unref);
}

/*
 * pause, resume, set, rename, history, db-path, remove, daemon
 */

typedef gboolean (*SimpleOp) (OrgsyncManager     *manager,
                              OrgsyncConnection  *connection,
                              GError            **error);

static int
simple_command (Cli                *cli,
                int                 argc,
                char              **argv,
                const char         *parameter,
                SimpleOp            op,
                OrgsyncConnection **done)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);
  g_autoptr(GError) error = NULL;
  OrgsyncConnection *c;
  int status = 0;

  if (!parse_options (context, &argc, &argv, 1, &status))
    return status;
  if ((c = find_connection (cli, argv[1])) == NULL)
    return ORGSYNC_CLI_EXIT_USAGE;
  if (!op (cli->manager, c, &error))
    return fail (error);

  *done = c;
  return ORGSYNC_CLI_EXIT_OK;
}

static int
cmd_pause (Cli   *cli,
           int    argc,
           char **argv)
{
  OrgsyncConnection *c = NULL;
  int status = simple_command (cli, argc, argv, _("NAME — stop syncing"), orgsync_manager_pause, &c);

  if (c != NULL)
    printf (_("Syncing “%s” is paused.\n"), orgsync_connection_get_display_name (c));
  return status;
}

static int
cmd_resume (Cli   *cli,
            int    argc,
            char **argv)
{
  OrgsyncConnection *c = NULL;
  int status = simple_command (cli, argc, argv, _("NAME — sync again"), orgsync_manager_resume, &c);

  if (c != NULL)
    printf (_("Syncing “%s” is on again.\n"), orgsync_connection_get_display_name (c));
  return status;
}

static int
cmd_set (Cli   *cli,
         int    argc,
         char **argv)
{
  g_autofree char *frequency = NULL;
  int threshold = -1;
  GOptionEntry entries[] = {
    { "frequency", 0, 0, G_OPTION_ARG_STRING, &frequency, N_("15m, 30m, 1h, 3h, 6h, 12h, 24h or manual"), "F" },
    { "quota-threshold", 0, 0, G_OPTION_ARG_INT, &threshold, N_("Stop at this percentage of the daily API limit (10–95)"), "PCT" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("NAME — change settings"));
  g_autoptr(GError) error = NULL;
  OrgsyncUpdateFrequency value;
  OrgsyncConnection *c;
  int status = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, 1, &status))
    return status;
  if (frequency == NULL && threshold < 0)
    return usage_error (context, _("Nothing to do: give --frequency or --quota-threshold."));
  if (frequency != NULL && !orgsync_update_frequency_from_string (frequency, &value))
    return usage_error (context, _("--frequency must be 15m, 30m, 1h, 3h, 6h, 12h, 24h or manual."));
  if ((c = find_connection (cli, argv[1])) == NULL)
    return ORGSYNC_CLI_EXIT_USAGE;

  if ((frequency != NULL && !orgsync_manager_set_update_frequency (cli->manager, c, value, &error)) ||
      (threshold >= 0 && !orgsync_manager_set_quota_threshold (cli->manager, c, threshold, &error)))
    return fail (error);

  return ORGSYNC_CLI_EXIT_OK;
}

static int
cmd_rename (Cli   *cli,
            int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("NAME NEW_NAME — rename a connection"));
  g_autoptr(GError) error = NULL;
  OrgsyncConnection *c;
  int status = 0;

  if (!parse_options (context, &argc, &argv, 2, &status))
    return status;
  if ((c = find_connection (cli, argv[1])) == NULL)
    return ORGSYNC_CLI_EXIT_USAGE;
  if (!orgsync_manager_rename (cli->manager, c, argv[2], &error))
    return fail (error);

  return ORGSYNC_CLI_EXIT_OK;
}

static int
cmd_history (Cli   *cli,
             int    argc,
             char **argv)
{
  gboolean json = FALSE;
  int limit = 20;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("How many runs (20)"), "N" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("NAME — the sync history"));
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  OrgsyncConnection *c;
  int status = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, 1, &status))
    return status;
  if ((c = find_connection (cli, argv[1])) == NULL)
    return ORGSYNC_CLI_EXIT_USAGE;
  if ((runs = orgsync_manager_list_history (cli->manager, c, MAX (limit, 1), &error)) == NULL)
    return fail (error);

  json_builder_begin_array (b);
  for (guint i = 0; i < runs->len; i++)
    {
      OrgsyncSyncRun *run = g_ptr_array_index (runs, i);
      g_autofree char *started = format_usec (run->started_at);
      g_autofree char *finished = format_usec (run->finished_at);

      json_builder_begin_object (b);
      add_int (b, "id", run->id);
      add_string (b, "startedAt", started);
      add_string (b, "finishedAt", finished);
      add_string (b, "result", orgsync_run_result_to_string (run->result));
      add_string (b, "message", run->message);
      add_string (b, "errorCode", run->error_code);
      add_int (b, "apiCalls", run->api_calls);
      add_bool (b, "full", run->full);
      json_builder_set_member_name (b, "objects");
      json_builder_begin_array (b);
      for (guint j = 0; run->objects != NULL && j < run->objects->len; j++)
        {
          const OrgsyncSyncRunObject *o = &g_array_index (run->objects, OrgsyncSyncRunObject, j);

          json_builder_begin_object (b);
          add_string (b, "name", o->object);
          add_int (b, "added", o->added);
          add_int (b, "updated", o->updated);
          add_int (b, "deleted", o->deleted);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      if (!json)
        printf ("%s  %-14s %4" G_GUINT64_FORMAT " API calls  %s\n", started, orgsync_run_result_to_string (run->result),
                run->api_calls, run->message ? run->message : "");
    }
  json_builder_end_array (b);

  if (json)
    print_json (b);
  return ORGSYNC_CLI_EXIT_OK;
}

static int
cmd_db_path (Cli   *cli,
             int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("NAME — where the synced data is"));
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  OrgsyncConnection *c;
  int status = 0;

  if (!parse_options (context, &argc, &argv, 1, &status))
    return status;
  if ((c = find_connection (cli, argv[1])) == NULL)
    return ORGSYNC_CLI_EXIT_USAGE;
  if ((path = orgsync_manager_dup_records_path (cli->manager, c, &error)) == NULL)
    return fail (error);

  printf ("%s\n", path);
  return ORGSYNC_CLI_EXIT_OK;
}

static int
cmd_remove (Cli   *cli,
            int    argc,
            char **argv)
{
  gboolean keep_data = FALSE;
  GOptionEntry entries[] = {
    { "keep-data", 0, 0, G_OPTION_ARG_NONE, &keep_data, N_("Keep the synced data (records.db)"), NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("NAME — remove a connection and its secrets"));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  OrgsyncConnection *c;
  int status = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, 1, &status))
    return status;
  if ((c = find_connection (cli, argv[1])) == NULL)
    return ORGSYNC_CLI_EXIT_USAGE;

  name = g_strdup (orgsync_connection_get_display_name (c));
  orgsync_manager_remove_async (cli->manager, c, keep_data, cli->cancellable, got_result, cli);
  if (!orgsync_manager_remove_finish (cli->manager, wait_result (cli), &error))
    return fail (error);

  printf (_("Removed “%s”.\n"), name);
  return ORGSYNC_CLI_EXIT_OK;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static void
event_cb (OrgsyncManager    *manager,
          OrgsyncConnection *connection,
          int                event,
          const char        *message,
          gpointer           user_data)
{
  printf ("%s: %s\n", orgsync_connection_get_display_name (connection), message ? message : "");
  fflush (stdout);
}

static int
cmd_daemon (Cli   *cli,
            int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— sync every connection on its schedule until stopped"));
  guint sigint, sigterm;
  int status = 0;

  if (!parse_options (context, &argc, &argv, 0, &status))
    return status;

  g_signal_connect (cli->manager, "event", G_CALLBACK (event_cb), NULL);
  orgsync_manager_watch (cli->manager);
  orgsync_manager_start_scheduling (cli->manager);
  sigint = g_unix_signal_add (SIGINT, quit_cb, cli->loop);
  sigterm = g_unix_signal_add (SIGTERM, quit_cb, cli->loop);
  g_main_loop_run (cli->loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);

  return ORGSYNC_CLI_EXIT_OK;
}

/*
 * Dispatch
 */

static const Command commands[] = {
  { "connect", N_("NAME --login-url URL (--web | --username USER --password-stdin)"), N_("Add a connection"), cmd_connect },
  { "list", "[--json]", N_("List the connections"), cmd_list },
  { "status", N_("NAME [--json]"), N_("Show a connection’s state"), cmd_status },
  { "check", N_("NAME [--json]"), N_("Run the permission checklist"), cmd_check },
  { "objects", N_("NAME [--json]"), N_("List the org’s objects"), cmd_objects },
  { "fields", N_("NAME OBJECT [--json]"), N_("List an object’s fields"), cmd_fields },
  { "presets", "[--json]", N_("List the data presets"), cmd_presets },
  { "select", N_("NAME [--preset ID] [--object OBJ] [--add OBJ.FIELD] [--remove OBJ.FIELD] [--clear] [--dry-run]"),
    N_("Choose what to sync"), cmd_select },
  { "sync", N_("NAME [--full] [--json]"), N_("Sync now"), cmd_sync },
  { "pause", N_("NAME"), N_("Stop syncing a connection"), cmd_pause },
  { "resume", N_("NAME"), N_("Sync a paused connection again"), cmd_resume },
  { "set", N_("NAME [--frequency F] [--quota-threshold PCT]"), N_("Change settings"), cmd_set },
  { "reauthorize", N_("NAME (--web | --username USER --password-stdin)"), N_("Sign in again"), cmd_reauthorize },
  { "history", N_("NAME [--json]"), N_("Show the sync history"), cmd_history },
  { "rename", N_("NAME NEW_NAME"), N_("Rename a connection"), cmd_rename },
  { "db-path", N_("NAME"), N_("Print the path of the synced data"), cmd_db_path },
  { "remove", N_("NAME [--keep-data]"), N_("Remove a connection"), cmd_remove },
  { "daemon", "", N_("Sync every connection on its schedule"), cmd_daemon },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s",
           _("Usage: orgsync-cli [--data-dir DIR] COMMAND [ARGUMENTS…]\n"
             "\n"
             "Keeps a local SQLite copy of Salesforce data current.\n"
             "\n"
             "Options:\n"
             "  --data-dir DIR  Use DIR instead of $XDG_DATA_HOME/orgsync\n"
             "  --help          Show this help (COMMAND --help for a command’s)\n"
             "  --version       Show the version\n"
             "\n"
             "Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-12s %s\n  %-12s   %s\n", commands[i].name, _(commands[i].summary), "",
             commands[i].args[0] ? _(commands[i].args) : "");
  fprintf (stream, "%s", _("\nExit codes: 0 success, 1 error, 2 quota threshold reached, 3 reauthorization needed,\n"
                           "4 permission missing, 5 paused, 6 already syncing, 64 usage error, 130 cancelled.\n"));
}

static int
run_command (Cli           *cli,
             const Command *command,
             int            argc,
             char         **argv)
{
  g_autoptr(GError) error = NULL;
  gboolean help = FALSE;

  for (int i = 1; i < argc; i++)
    help |= g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h");

  /* --help needs no database. */
  if (!help)
    {
      cli->manager = orgsync_manager_new (cli->data_dir, NULL, &error);
      if (cli->manager == NULL)
        return fail (error);
      g_signal_connect (cli->manager, "sync-finished", G_CALLBACK (sync_finished_cb), NULL);
    }

  return command->func (cli, argc, argv);
}

int
orgsync_cli_run (int    argc,
                 char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *prgname = NULL;
  Cli cli = { 0, };
  int first = 1;
  int status;

  while (first < argc && g_str_has_prefix (argv[first], "--data-dir"))
    {
      if (g_str_has_prefix (argv[first], "--data-dir="))
        data_dir = g_strdup (argv[first] + strlen ("--data-dir="));
      else if (first + 1 < argc)
        data_dir = g_strdup (argv[++first]);
      else
        {
          print_usage (stderr);
          return ORGSYNC_CLI_EXIT_USAGE;
        }
      first++;
    }

  if (first >= argc)
    {
      print_usage (stderr);
      return ORGSYNC_CLI_EXIT_USAGE;
    }

  if (g_str_equal (argv[first], "--help") || g_str_equal (argv[first], "help"))
    {
      print_usage (stdout);
      return ORGSYNC_CLI_EXIT_OK;
    }

  if (g_str_equal (argv[first], "--version"))
    {
      printf ("orgsync-cli %s\n", PACKAGE_VERSION);
      return ORGSYNC_CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (!g_str_equal (argv[first], commands[i].name))
        continue;

      prgname = g_strdup_printf ("orgsync-cli %s", commands[i].name);
      g_set_prgname (prgname);
      cli.data_dir = data_dir;
      cli.loop = g_main_loop_new (NULL, FALSE);
      cli.cancellable = g_cancellable_new ();
      status = run_command (&cli, &commands[i], argc - first, argv + first);
      g_clear_object (&cli.result);
      g_clear_object (&cli.manager);
      g_clear_object (&cli.cancellable);
      g_main_loop_unref (cli.loop);
      return status;
    }

  fprintf (stderr, _("orgsync-cli: unknown command “%s”\n"), argv[first]);
  print_usage (stderr);
  return ORGSYNC_CLI_EXIT_USAGE;
}
