/* orgsync-connection-list.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "orgsync-connection-list-private.h"
#include "orgsync-error.h"

/* The connections, in the order they were added (the Data Sources list). A handful of
 * items: a GPtrArray is plenty. Names are checked here as well as in orgsync.db so that
 * the GUI can say "already taken" while the person types. */
struct _OrgsyncConnectionList
{
  GObject    parent_instance;

  GPtrArray *items;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OrgsyncConnectionList, orgsync_connection_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *model)
{
  return ORGSYNC_TYPE_CONNECTION;
}

static guint
get_n_items (GListModel *model)
{
  return ORGSYNC_CONNECTION_LIST (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  OrgsyncConnectionList *self = ORGSYNC_CONNECTION_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
items_changed (OrgsyncConnectionList *self,
               guint                  position,
               guint                  removed,
               guint                  added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
orgsync_connection_list_finalize (GObject *object)
{
  OrgsyncConnectionList *self = (OrgsyncConnectionList *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (orgsync_connection_list_parent_class)->finalize (object);
}

static void
orgsync_connection_list_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  OrgsyncConnectionList *self = ORGSYNC_CONNECTION_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orgsync_connection_list_class_init (OrgsyncConnectionListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orgsync_connection_list_finalize;
  object_class->get_property = orgsync_connection_list_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orgsync_connection_list_init (OrgsyncConnectionList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

OrgsyncConnectionList *
orgsync_connection_list_new (void)
{
  return g_object_new (ORGSYNC_TYPE_CONNECTION_LIST, NULL);
}

/**
 * orgsync_connection_list_check_name:
 * @except: (nullable): the connection being renamed, which may keep its own name
 *
 * Checks that @name is a valid display name that no other connection has (without
 * regard to case).
 */
gboolean
orgsync_connection_list_check_name (OrgsyncConnectionList  *self,
                                    const char             *name,
                                    OrgsyncConnection      *except,
                                    GError                **error)
{
  OrgsyncConnection *other;

  g_return_val_if_fail (ORGSYNC_IS_CONNECTION_LIST (self), FALSE);

  if (!orgsync_connection_validate_name (name, error))
    return FALSE;

  other = orgsync_connection_list_lookup_name (self, name);
  if (other != NULL && other != except)
    {
      g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_NAME_TAKEN,
                   _("A connection named “%s” already exists. Choose another name."),
                   orgsync_connection_get_display_name (other));
      return FALSE;
    }

  return TRUE;
}

gboolean
orgsync_connection_list_add (OrgsyncConnectionList  *self,
                             OrgsyncConnection      *connection,
                             GError                **error)
{
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION_LIST (self), FALSE);
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (orgsync_connection_list_lookup_id (self, orgsync_connection_get_id (connection)) == NULL, FALSE);

  if (!orgsync_connection_list_check_name (self, orgsync_connection_get_display_name (connection),
                                           NULL, error))
    return FALSE;

  g_ptr_array_add (self->items, g_object_ref (connection));
  items_changed (self, self->items->len - 1, 0, 1);

  return TRUE;
}

gboolean
orgsync_connection_list_remove (OrgsyncConnectionList *self,
                                OrgsyncConnection     *connection)
{
  guint position;

  g_return_val_if_fail (ORGSYNC_IS_CONNECTION_LIST (self), FALSE);
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION (connection), FALSE);

  if (!g_ptr_array_find (self->items, connection, &position))
    return FALSE;

  g_ptr_array_remove_index (self->items, position);
  items_changed (self, position, 1, 0);

  return TRUE;
}

void
orgsync_connection_list_remove_all (OrgsyncConnectionList *self)
{
  guint n_items;

  g_return_if_fail (ORGSYNC_IS_CONNECTION_LIST (self));

  n_items = self->items->len;
  if (n_items == 0)
    return;

  g_ptr_array_set_size (self->items, 0);
  items_changed (self, 0, n_items, 0);
}

gboolean
orgsync_connection_list_rename (OrgsyncConnectionList  *self,
                                OrgsyncConnection      *connection,
                                const char             *name,
                                GError                **error)
{
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION_LIST (self), FALSE);
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION (connection), FALSE);

  if (!orgsync_connection_list_check_name (self, name, connection, error))
    return FALSE;

  orgsync_connection_set_display_name (connection, name);

  return TRUE;
}

/**
 * orgsync_connection_list_lookup_id:
 *
 * Returns: (transfer none) (nullable): the connection
 */
OrgsyncConnection *
orgsync_connection_list_lookup_id (OrgsyncConnectionList *self,
                                   const char            *id)
{
  g_return_val_if_fail (ORGSYNC_IS_CONNECTION_LIST (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      OrgsyncConnection *connection = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (orgsync_connection_get_id (connection), id) == 0)
        return connection;
    }

  return NULL;
}

/**
 * orgsync_connection_list_lookup_name:
 *
 * Finds a connection by display name without regard to case, as the CLI addresses
 * connections.
 *
 * Returns: (transfer none) (nullable): the connection
 */
OrgsyncConnection *
orgsync_connection_list_lookup_name (OrgsyncConnectionList *self,
                                     const char            *name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (ORGSYNC_IS_CONNECTION_LIST (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  key = orgsync_connection_dup_name_key (name);

  for (guint i = 0; i < self->items->len; i++)
    {
      OrgsyncConnection *connection = g_ptr_array_index (self->items, i);
      const char *other = orgsync_connection_get_display_name (connection);
      g_autofree char *other_key = NULL;

      if (other == NULL)
        continue;

      other_key = orgsync_connection_dup_name_key (other);
      if (strcmp (key, other_key) == 0)
        return connection;
    }

  return NULL;
}

void
_orgsync_connection_list_append (OrgsyncConnectionList *self,
                                 OrgsyncConnection     *connection)
{
  g_ptr_array_add (self->items, g_object_ref (connection));
  items_changed (self, self->items->len - 1, 0, 1);
}
