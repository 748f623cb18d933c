/* sim-options.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sim-server-private.h"

/* One parser for the command line and for sim_server_configure(), so that
 * tests configure the in-process simulator exactly as users configure the
 * program. */

void
sim_config_init (SimConfig *config)
{
  memset (config, 0, sizeof *config);
  config->seed = 1;
  config->record_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  config->custom_objects = 2;
  config->custom_fields = 6;
  config->daily_limit = 15000;
  config->token_lifetime_s = 2 * 3600;
  config->bulk_delay_ms = 1500;
  config->locator_lifetime_s = 2 * 86400;
  config->id_limit = 600000;
}

void
sim_config_clear (SimConfig *config)
{
  g_clear_pointer (&config->record_counts, g_hash_table_unref);
  g_clear_pointer (&config->username, g_free);
  g_clear_pointer (&config->password, g_free);
  g_clear_pointer (&config->security_token, g_free);
  g_clear_pointer (&config->client_id, g_free);
  g_clear_pointer (&config->client_secret, g_free);
  g_clear_pointer (&config->callbacks, g_strfreev);
  g_clear_pointer (&config->tls_cert, g_free);
  g_clear_pointer (&config->tls_key, g_free);
  g_clear_pointer (&config->state_file, g_free);
}

static gboolean
parse_records_cb (const char  *option_name,
                  const char  *value,
                  gpointer     data,
                  GError     **error)
{
  SimConfig *config = data;
  g_auto(GStrv) items = g_strsplit (value, ",", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (g_strstrip (items[i]), "=", 2);
      guint64 *count;
      char *end = NULL;

      if (*items[i] == '\0')
        continue;
      if (pair[0] == NULL || pair[1] == NULL || *pair[0] == '\0')
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--records expects OBJECT=COUNT, not “%s”", items[i]);
          return FALSE;
        }
      count = g_new (guint64, 1);
      *count = g_ascii_strtoull (pair[1], &end, 10);
      if (end == pair[1] || *end != '\0')
        {
          g_free (count);
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--records: “%s” is not a number", pair[1]);
          return FALSE;
        }
      g_hash_table_insert (config->record_counts, g_strdup (pair[0]), count);
    }
  return TRUE;
}

static void
replace_string (char **field,
                char  *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = value;
}

gboolean
sim_config_parse (SimConfig   *config,
                  int         *argc,
                  char      ***argv,
                  gboolean     help,
                  GError     **error)
{
  gint port = config->port;
  gint64 seed = config->seed;
  gint custom_objects = config->custom_objects;
  gint custom_fields = config->custom_fields;
  gint64 daily_limit = config->daily_limit;
  gint64 token_lifetime = config->token_lifetime_s;
  gint bulk_delay = config->bulk_delay_ms;
  gint64 locator_lifetime = config->locator_lifetime_s;
  gint64 id_limit = config->id_limit;
  char *username = NULL, *password = NULL, *token = NULL, *client_id = NULL;
  char *client_secret = NULL, *tls_cert = NULL, *tls_key = NULL, *state_file = NULL;
  char **callbacks = NULL;
  gboolean any_loopback = FALSE, no_password = FALSE, count_oauth = FALSE;
  const GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port,
      "Port to listen on at 127.0.0.1 (default: an ephemeral port)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      "Seed of the data generator: the same seed gives the same org (default: 1)", "S" },
    { "records", 0, 0, G_OPTION_ARG_CALLBACK, parse_records_cb,
      "Record counts, e.g. Account=1000,Contact=2000 (defaults: Account=1000, Contact=2000, "
      "Lead=500, Opportunity=800, Campaign=30, User=25, custom objects 200); repeatable", "OBJ=N,..." },
    { "custom-objects", 0, 0, G_OPTION_ARG_INT, &custom_objects,
      "Number of generated custom objects (default: 2)", "N" },
    { "custom-fields", 0, 0, G_OPTION_ARG_INT, &custom_fields,
      "Custom fields per object; the first six include long text, base64 and geolocation "
      "(default: 6)", "N" },
    { "daily-limit", 0, 0, G_OPTION_ARG_INT64, &daily_limit,
      "Daily API request allocation (default: 15000, a Developer Edition org)", "N" },
    { "username", 0, 0, G_OPTION_ARG_STRING, &username,
      "The simulated user's username (default: demo@orgsync.test)", "U" },
    { "password", 0, 0, G_OPTION_ARG_STRING, &password,
      "The user's password (default: demo1234)", "P" },
    { "security-token", 0, 0, G_OPTION_ARG_STRING, &token,
      "The user's security token, appended to the password in the password grant "
      "(default: DEMOTOKEN)", "T" },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &client_id,
      "Register an OAuth client besides the public PlatformCLI client", "ID" },
    { "client-secret", 0, 0, G_OPTION_ARG_STRING, &client_secret,
      "Secret of the client registered with --client-id (default: none, a public client)", "S" },
    { "callback", 0, 0, G_OPTION_ARG_STRING_ARRAY, &callbacks,
      "Callback URL of the client registered with --client-id; repeatable", "URI" },
    { "callback-any-loopback", 0, 0, G_OPTION_ARG_NONE, &any_loopback,
      "The --client-id client (or PlatformCLI when there is none) also accepts any "
      "http://127.0.0.1:PORT/... or http://localhost:PORT/... redirect_uri", NULL },
    { "token-lifetime", 0, 0, G_OPTION_ARG_INT64, &token_lifetime,
      "Access token lifetime in seconds (default: 7200)", "SECONDS" },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert,
      "Serve HTTPS with this PEM certificate (needs --tls-key)", "FILE" },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key,
      "PEM private key for --tls-cert", "FILE" },
    { "state-file", 0, 0, G_OPTION_ARG_FILENAME, &state_file,
      "Keep the org's changes, API counter and tokens in FILE across restarts", "FILE" },
    { "no-password-grant", 0, 0, G_OPTION_ARG_NONE, &no_password,
      "Block the OAuth username-password flow, as orgs created since Summer '23 do", NULL },
    { "bulk-delay", 0, 0, G_OPTION_ARG_INT, &bulk_delay,
      "Bulk API 2.0 query job processing time in milliseconds (default: 1500)", "MS" },
    { "locator-lifetime", 0, 0, G_OPTION_ARG_INT64, &locator_lifetime,
      "Seconds a query locator (nextRecordsUrl) stays valid after its last use "
      "(default: 172800, two days)", "SECONDS" },
    { "count-oauth", 0, 0, G_OPTION_ARG_NONE, &count_oauth,
      "Count OAuth token, userinfo and identity requests against the daily limit", NULL },
    { "id-limit", 0, 0, G_OPTION_ARG_INT64, &id_limit,
      "Most ids that sobjects/X/updated returns before EXCEEDED_ID_LIMIT (default: 600000)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  GOptionGroup *group;
  gboolean ok;

  context = g_option_context_new ("- a simulated Salesforce org on loopback");
  g_option_context_set_summary (context,
    "Serves the Salesforce REST, OAuth 2.0 and Bulk API 2.0 endpoints on 127.0.0.1 and prints\n"
    "its base URL on one line of standard output when ready. A control API under /_sim/\n"
    "(see docs/simulator.md) changes the org, the clock, permissions and injects faults.\n"
    "Default login: demo@orgsync.test / demo1234 + DEMOTOKEN; OAuth client PlatformCLI\n"
    "(public, callback http://localhost:1717/OauthRedirect).");
  g_option_context_set_help_enabled (context, help);
  group = g_option_group_new ("sim", "Simulator options", "Simulator options", config, NULL);
  g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (context, group);

  ok = g_option_context_parse (context, argc, argv, error);
  if (ok && *argc > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION,
                   "Unexpected argument “%s”", (*argv)[1]);
      ok = FALSE;
    }
  if (ok && (port < 0 || port > 65535 || custom_objects < 0 || custom_fields < 0 ||
             daily_limit < 0 || token_lifetime <= 0 || bulk_delay < 0 || locator_lifetime <= 0))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "A numeric option is out of range");
      ok = FALSE;
    }
  if (ok && ((tls_cert == NULL) != (tls_key == NULL)))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--tls-cert and --tls-key go together");
      ok = FALSE;
    }

  if (ok)
    {
      config->port = port;
      config->seed = seed;
      config->custom_objects = custom_objects;
      config->custom_fields = custom_fields;
      config->daily_limit = daily_limit;
      config->token_lifetime_s = token_lifetime;
      config->bulk_delay_ms = bulk_delay;
      config->locator_lifetime_s = locator_lifetime;
      config->id_limit = id_limit;
      config->any_loopback |= any_loopback;
      config->no_password_grant |= no_password;
      config->count_oauth |= count_oauth;
      replace_string (&config->username, g_steal_pointer (&username));
      replace_string (&config->password, g_steal_pointer (&password));
      replace_string (&config->security_token, g_steal_pointer (&token));
      replace_string (&config->client_id, g_steal_pointer (&client_id));
      replace_string (&config->client_secret, g_steal_pointer (&client_secret));
      replace_string (&config->tls_cert, g_steal_pointer (&tls_cert));
      replace_string (&config->tls_key, g_steal_pointer (&tls_key));
      replace_string (&config->state_file, g_steal_pointer (&state_file));
      if (callbacks != NULL)
        {
          g_strfreev (config->callbacks);
          config->callbacks = g_steal_pointer (&callbacks);
        }
    }

  g_free (username);
  g_free (password);
  g_free (token);
  g_free (client_id);
  g_free (client_secret);
  g_free (tls_cert);
  g_free (tls_key);
  g_free (state_file);
  g_strfreev (callbacks);
  return ok;
}
