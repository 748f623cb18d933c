/* orgsync-session.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "orgsync-keyring.h"
#include "orgsync-quota-governor.h"
#include "orgsync-session.h"

/* The secrets are looked up in the order of their kinds. */
G_STATIC_ASSERT (ORGSYNC_SECRET_REFRESH_TOKEN == 0 && ORGSYNC_SECRET_ACCESS_TOKEN == 1 &&
                 ORGSYNC_SECRET_CLIENT_SECRET == 2);

struct _OrgsyncSession
{
  GObject               parent_instance;

  OrgsyncDatabase      *database;
  OrgsyncConnection    *connection;
  OrgsyncQuotaGovernor *governor;
  SfClient             *client;
  char                 *secrets[3];   /* refresh, access, client secret */
  guint                 n_looked_up;
};

G_DEFINE_FINAL_TYPE (OrgsyncSession, orgsync_session, G_TYPE_OBJECT)

static void
orgsync_session_finalize (GObject *object)
{
  OrgsyncSession *self = (OrgsyncSession *)object;

  if (self->client != NULL)
    sf_client_set_request_filter (self->client, NULL, NULL, NULL);
  g_clear_object (&self->client);
  g_clear_object (&self->governor);
  g_clear_object (&self->connection);
  g_clear_object (&self->database);
  for (guint i = 0; i < G_N_ELEMENTS (self->secrets); i++)
    g_clear_pointer (&self->secrets[i], orgsync_keyring_free_secret);

  G_OBJECT_CLASS (orgsync_session_parent_class)->finalize (object);
}

static void
orgsync_session_class_init (OrgsyncSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = orgsync_session_finalize;
}

static void
orgsync_session_init (OrgsyncSession *self)
{
}

static gboolean
filter_cb (SfClient             *client,
           const SfRequestInfo  *info,
           gpointer              user_data,
           GError              **error)
{
  OrgsyncSession *self = user_data;

  return info->api_calls == 0 || orgsync_quota_governor_try_acquire (self->governor, error);
}

static void
usage_cb (SfClient       *client,
          SfLimitInfo    *info,
          OrgsyncSession *self)
{
  if (info == NULL || info->api_used < 0 || info->api_max <= 0)
    return;

  orgsync_quota_governor_record_usage (self->governor, info->api_used, info->api_max, "header", NULL);
  orgsync_connection_set_api_usage (self->connection, info->api_used, info->api_max);
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!orgsync_keyring_store_finish (result, &error))
    g_warning ("Could not keep the renewed sign-in in the keyring: %s", error->message);
}

static void
refreshed_cb (SfClient       *client,
              SfToken        *token,
              OrgsyncSession *self)
{
  const char *id = orgsync_connection_get_id (self->connection);

  orgsync_keyring_store_async (id, ORGSYNC_SECRET_ACCESS_TOKEN, "Org Sync access token",
                               sf_token_get_access_token (token), NULL, stored_cb, NULL);
  if (sf_token_get_refresh_rotated (token) && sf_token_get_refresh_token (token) != NULL)
    orgsync_keyring_store_async (id, ORGSYNC_SECRET_REFRESH_TOKEN, "Org Sync refresh token",
                                 sf_token_get_refresh_token (token), NULL, stored_cb, NULL);
}

/* Routes @client's calls through this session's governor and keyring. */
void
orgsync_session_attach (OrgsyncSession *self,
                        SfClient       *client)
{
  g_set_object (&self->client, client);
  sf_client_set_request_filter (client, filter_cb, self, NULL);
  g_signal_connect_object (client, "usage-changed", G_CALLBACK (usage_cb), self, 0);
  g_signal_connect_object (client, "token-refreshed", G_CALLBACK (refreshed_cb), self, 0);
}

static void
version_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autofree char *version = NULL;
  GError *error = NULL;

  if ((version = sf_client_negotiate_api_version_finish (SF_CLIENT (object), result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  sf_client_set_api_version (SF_CLIENT (object), version);
  g_task_return_pointer (task, g_object_ref (g_task_get_task_data (task)), g_object_unref);
}

static void
start_client (GTask *task)
{
  OrgsyncSession *self = g_task_get_task_data (task);
  OrgsyncConnection *c = self->connection;
  g_autoptr(SfClient) client = NULL;
  g_autoptr(SfToken) token = NULL;
  const char *client_id = orgsync_connection_get_client_id (c);
  GError *error = NULL;

  if ((self->secrets[0] == NULL && self->secrets[1] == NULL) || orgsync_connection_get_instance_url (c) == NULL)
    {
      g_task_return_new_error (task, SF_ERROR, SF_ERROR_REAUTHORIZATION_REQUIRED,
                               _("The sign-in of “%s” is missing from the keyring. Reauthorize it."),
                               orgsync_connection_get_display_name (c));
      return;
    }

  if ((client = sf_client_new (orgsync_connection_get_login_url (c), &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (client_id != NULL && g_strcmp0 (client_id, SF_DEFAULT_CLIENT_ID) != 0)
    sf_client_set_oauth_app (client, client_id, self->secrets[2], NULL);
  token = sf_token_new (self->secrets[1] ? self->secrets[1] : "expired", self->secrets[0],
                        orgsync_connection_get_instance_url (c), NULL);
  sf_client_set_token (client, token);
  orgsync_session_attach (self, client);

  sf_client_negotiate_api_version_async (client, g_task_get_cancellable (task), version_cb, g_object_ref (task));
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OrgsyncSession *self = g_task_get_task_data (task);
  GError *error = NULL;
  char *secret = orgsync_keyring_lookup_finish (result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  self->secrets[self->n_looked_up++] = secret;
  if (self->n_looked_up < G_N_ELEMENTS (self->secrets))
    {
      orgsync_keyring_lookup_async (orgsync_connection_get_id (self->connection), self->n_looked_up,
                                    g_task_get_cancellable (task), lookup_cb, g_object_ref (task));
      return;
    }

  start_client (task);
}

/* A session whose client comes later (orgsync_session_attach()): sign-in. */
OrgsyncSession *
orgsync_session_new (OrgsyncDatabase   *database,
                     OrgsyncConnection *connection,
                     OrgsyncClock      *clock)
{
  OrgsyncSession *self = g_object_new (ORGSYNC_TYPE_SESSION, NULL);

  self->database = g_object_ref (database);
  self->connection = g_object_ref (connection);
  self->governor = orgsync_quota_governor_new (database, clock, orgsync_connection_get_org_id (connection),
                                               orgsync_connection_get_id (connection));
  orgsync_quota_governor_set_threshold (self->governor, orgsync_connection_get_quota_threshold (connection));

  return self;
}

void
orgsync_session_open_async (OrgsyncDatabase     *database,
                            OrgsyncConnection   *connection,
                            OrgsyncClock        *clock,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  OrgsyncSession *self = orgsync_session_new (database, connection, clock);

  g_task_set_task_data (task, self, g_object_unref);
  g_task_set_source_tag (task, orgsync_session_open_async);

  orgsync_keyring_lookup_async (orgsync_connection_get_id (connection), ORGSYNC_SECRET_REFRESH_TOKEN,
                                cancellable, lookup_cb, g_steal_pointer (&task));
}

OrgsyncSession *
orgsync_session_open_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

SfClient *
orgsync_session_get_client (OrgsyncSession *self)
{
  g_return_val_if_fail (ORGSYNC_IS_SESSION (self), NULL);

  return self->client;
}
