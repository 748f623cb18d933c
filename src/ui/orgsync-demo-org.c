/* orgsync-demo-org.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <libsoup/soup.h>

#include "orgsync-demo-org.h"
#include "sim-server.h"

/* The demo org: Org Sync's own Salesforce simulator, started inside the app on
 * loopback with a realistic seeded org, so that a newcomer can try everything —
 * sign-in, permission check, Customize Fields, syncing — without a real org. Its
 * state (changes, API counter, tokens) is kept in the data folder, so the demo
 * connection survives restarts. A trickle of changes every few minutes gives the
 * incremental syncs something to show. It serves 127.0.0.1 only. */

/* A fixed port keeps the demo connection's address the same across restarts; when
 * it is taken the simulator takes any free port and the address moves. */
#define DEMO_PORT "47017"
#define DEFAULT_TRICKLE_SECONDS (3 * 60)

struct _OrgsyncDemoOrg
{
  GObject      parent_instance;

  char        *data_dir;
  SimServer   *server;
  SoupSession *session;
  guint        trickle_id;
};

G_DEFINE_FINAL_TYPE (OrgsyncDemoOrg, orgsync_demo_org, G_TYPE_OBJECT)

static gboolean
start_server (OrgsyncDemoOrg  *self,
              const char      *port,
              GError         **error)
{
  g_autofree char *state_dir = g_build_filename (self->data_dir, "demo", NULL);
  g_autofree char *state_file = g_build_filename (state_dir, "org-state.json", NULL);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  if (g_mkdir_with_parents (state_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot create %s: %s", state_dir, g_strerror (saved_errno));
      return FALSE;
    }

  g_ptr_array_add (args, (char *) "--seed");
  g_ptr_array_add (args, (char *) "42");
  g_ptr_array_add (args, (char *) "--username");
  g_ptr_array_add (args, (char *) ORGSYNC_DEMO_USERNAME);
  g_ptr_array_add (args, (char *) "--records");
  g_ptr_array_add (args, (char *) "Account=2500,Contact=6000,Lead=1800,Opportunity=3200,Campaign=40,User=30");
  g_ptr_array_add (args, (char *) "--custom-objects");
  g_ptr_array_add (args, (char *) "3");
  g_ptr_array_add (args, (char *) "--state-file");
  g_ptr_array_add (args, state_file);
  if (port != NULL)
    {
      g_ptr_array_add (args, (char *) "--port");
      g_ptr_array_add (args, (char *) port);
    }
  g_ptr_array_add (args, NULL);

  g_clear_object (&self->server);
  self->server = sim_server_new ();

  return sim_server_configure (self->server, (const char * const *) args->pdata, error) &&
         sim_server_start (self->server, error);
}

static void
post_change (OrgsyncDemoOrg *self,
             const char     *object,
             const char     *body)
{
  g_autofree char *url = g_strdup_printf ("%s/_sim/data/%s", orgsync_demo_org_get_url (self), object);
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  if (message == NULL)
    return;

  soup_message_set_request_body_from_bytes (message, "application/json", bytes);
  soup_session_send_and_read_async (self->session, message, G_PRIORITY_LOW, NULL, NULL, NULL);
}

/* What a small sales team changes in a few minutes. */
void
orgsync_demo_org_trickle_now (OrgsyncDemoOrg *self)
{
  g_return_if_fail (ORGSYNC_IS_DEMO_ORG (self));

  if (!orgsync_demo_org_is_running (self))
    return;

  post_change (self, "Account", "{\"action\": \"update\", \"count\": 4}");
  post_change (self, "Contact", "{\"action\": \"update\", \"count\": 7}");
  post_change (self, "Opportunity", "{\"action\": \"update\", \"count\": 3}");
  post_change (self, "Lead", "{\"action\": \"create\", \"count\": 2}");
}

static gboolean
trickle_cb (gpointer user_data)
{
  orgsync_demo_org_trickle_now (user_data);

  return G_SOURCE_CONTINUE;
}

static void
orgsync_demo_org_dispose (GObject *object)
{
  OrgsyncDemoOrg *self = ORGSYNC_DEMO_ORG (object);

  orgsync_demo_org_stop (self);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (orgsync_demo_org_parent_class)->dispose (object);
}

static void
orgsync_demo_org_finalize (GObject *object)
{
  OrgsyncDemoOrg *self = ORGSYNC_DEMO_ORG (object);

  g_clear_pointer (&self->data_dir, g_free);

  G_OBJECT_CLASS (orgsync_demo_org_parent_class)->finalize (object);
}

static void
orgsync_demo_org_class_init (OrgsyncDemoOrgClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = orgsync_demo_org_dispose;
  object_class->finalize = orgsync_demo_org_finalize;
}

static void
orgsync_demo_org_init (OrgsyncDemoOrg *self)
{
  self->session = soup_session_new ();
}

OrgsyncDemoOrg *
orgsync_demo_org_new (const char *data_dir)
{
  OrgsyncDemoOrg *self;

  g_return_val_if_fail (data_dir != NULL, NULL);

  self = g_object_new (ORGSYNC_TYPE_DEMO_ORG, NULL);
  self->data_dir = g_strdup (data_dir);

  return self;
}

/* Starts the simulator, on its usual port when it is free. Idempotent. */
gboolean
orgsync_demo_org_start (OrgsyncDemoOrg  *self,
                        GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (ORGSYNC_IS_DEMO_ORG (self), FALSE);

  if (orgsync_demo_org_is_running (self))
    return TRUE;

  if (!start_server (self, DEMO_PORT, &local_error))
    {
      g_debug ("The demo org's usual port is not available (%s); taking another", local_error->message);
      if (!start_server (self, NULL, error))
        {
          g_clear_object (&self->server);
          return FALSE;
        }
    }

  orgsync_demo_org_set_trickle (self, DEFAULT_TRICKLE_SECONDS);

  return TRUE;
}

gboolean
orgsync_demo_org_is_running (OrgsyncDemoOrg *self)
{
  g_return_val_if_fail (ORGSYNC_IS_DEMO_ORG (self), FALSE);

  return self->server != NULL && sim_server_get_base_url (self->server) != NULL;
}

/**
 * orgsync_demo_org_get_url:
 *
 * Returns: (nullable): the login and instance URL, such as http://127.0.0.1:47017
 */
const char *
orgsync_demo_org_get_url (OrgsyncDemoOrg *self)
{
  g_return_val_if_fail (ORGSYNC_IS_DEMO_ORG (self), NULL);

  return self->server != NULL ? sim_server_get_base_url (self->server) : NULL;
}

/* 0 stops the trickle (tests, screenshots). */
void
orgsync_demo_org_set_trickle (OrgsyncDemoOrg *self,
                              guint           interval_seconds)
{
  g_return_if_fail (ORGSYNC_IS_DEMO_ORG (self));

  g_clear_handle_id (&self->trickle_id, g_source_remove);
  if (interval_seconds > 0)
    self->trickle_id = g_timeout_add_seconds (interval_seconds, trickle_cb, self);
}

/* Whether @connection syncs the demo org: its address now, or the demo org's own
 * user on a loopback address (the port moves when the usual one is taken). */
gboolean
orgsync_demo_org_owns (OrgsyncDemoOrg    *self,
                       OrgsyncConnection *connection)
{
  const char *url;

  g_return_val_if_fail (ORGSYNC_IS_DEMO_ORG (self), FALSE);
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION (connection), FALSE);

  if ((url = orgsync_connection_get_login_url (connection)) == NULL)
    return FALSE;

  return g_strcmp0 (url, orgsync_demo_org_get_url (self)) == 0 ||
         (g_str_has_prefix (url, "http://127.0.0.1:") &&
          g_strcmp0 (orgsync_connection_get_username (connection), ORGSYNC_DEMO_USERNAME) == 0);
}

void
orgsync_demo_org_stop (OrgsyncDemoOrg *self)
{
  g_return_if_fail (ORGSYNC_IS_DEMO_ORG (self));

  g_clear_handle_id (&self->trickle_id, g_source_remove);
  if (self->server != NULL)
    sim_server_stop (self->server);
  g_clear_object (&self->server);
}
