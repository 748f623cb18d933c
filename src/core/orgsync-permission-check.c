/* orgsync-permission-check.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "orgsync-permission-check.h"

/* The seven checks of the seed's requirements, in one /composite call (one API call):
 * the user's effective system permissions from UserPermissionAccess, one query per
 * permission as the reference advises, and object read access from describeGlobal,
 * which lists only the objects the user can read. If the call fails with
 * API_CURRENTLY_DISABLED, "API Enabled" is what failed, and the other checks cannot be
 * known: they are shown as failed with that reason.
 *
 * UserPermissionAccess is documented only by its use ([P] in the reference). Should
 * one of its queries fail (INVALID_TYPE, INVALID_FIELD), that check is not known and
 * does not hold the connection back: a failed check stops syncing until an admin acts,
 * and telling an admin to grant what the user may well have helps nobody. A permission
 * that is really missing then shows as the error of whatever needs it. */

struct _OrgsyncPermissionItem
{
  GObject   parent_instance;

  char     *id;
  char     *title;
  char     *how_to_fix;
  gboolean  passed;
};

G_DEFINE_FINAL_TYPE (OrgsyncPermissionItem, orgsync_permission_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_PASSED,
  PROP_HOW_TO_FIX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
orgsync_permission_item_finalize (GObject *object)
{
  OrgsyncPermissionItem *self = (OrgsyncPermissionItem *)object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->how_to_fix);

  G_OBJECT_CLASS (orgsync_permission_item_parent_class)->finalize (object);
}

static void
orgsync_permission_item_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  OrgsyncPermissionItem *self = ORGSYNC_PERMISSION_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_PASSED:
      g_value_set_boolean (value, self->passed);
      break;
    case PROP_HOW_TO_FIX:
      g_value_set_string (value, self->how_to_fix);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orgsync_permission_item_class_init (OrgsyncPermissionItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = orgsync_permission_item_finalize;
  object_class->get_property = orgsync_permission_item_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  properties[PROP_PASSED] = g_param_spec_boolean ("passed", NULL, NULL, FALSE, ro);
  properties[PROP_HOW_TO_FIX] = g_param_spec_string ("how-to-fix", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orgsync_permission_item_init (OrgsyncPermissionItem *self)
{
}

const char *
orgsync_permission_item_get_id (OrgsyncPermissionItem *self)
{
  g_return_val_if_fail (ORGSYNC_IS_PERMISSION_ITEM (self), NULL);
  return self->id;
}

const char *
orgsync_permission_item_get_title (OrgsyncPermissionItem *self)
{
  g_return_val_if_fail (ORGSYNC_IS_PERMISSION_ITEM (self), NULL);
  return self->title;
}

gboolean
orgsync_permission_item_get_passed (OrgsyncPermissionItem *self)
{
  g_return_val_if_fail (ORGSYNC_IS_PERMISSION_ITEM (self), FALSE);
  return self->passed;
}

/* NULL when the check passed. */
const char *
orgsync_permission_item_get_how_to_fix (OrgsyncPermissionItem *self)
{
  g_return_val_if_fail (ORGSYNC_IS_PERMISSION_ITEM (self), NULL);
  return self->passed ? NULL : self->how_to_fix;
}

static void
add_item (GListStore *store,
          const char *id,
          const char *title,
          gboolean    passed,
          char       *how_to_fix)
{
  g_autoptr(OrgsyncPermissionItem) item = g_object_new (ORGSYNC_TYPE_PERMISSION_ITEM, NULL);

  item->id = g_strdup (id);
  item->title = g_strdup (title);
  item->passed = passed;
  item->how_to_fix = how_to_fix;
  g_list_store_append (store, item);
}

static gboolean
permission_of (SfSubresponse *response,
               const char    *name)
{
  JsonNode *body = response != NULL ? response->body : NULL;
  JsonObject *root = body && JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body) : NULL;
  JsonNode *records = root ? json_object_get_member (root, "records") : NULL;
  JsonArray *array = records && JSON_NODE_HOLDS_ARRAY (records) ? json_node_get_array (records) : NULL;
  JsonNode *first = array && json_array_get_length (array) > 0 ? json_array_get_element (array, 0) : NULL;

  if (response != NULL && response->status >= 400)
    {
      g_message ("Could not check %s (%s): not holding the connection back", name,
                 response->error != NULL ? response->error->message : "no details");
      return TRUE;
    }

  if (first == NULL || !JSON_NODE_HOLDS_OBJECT (first))
    return FALSE;

  return json_object_get_boolean_member_with_default (json_node_get_object (first), name, FALSE);
}

static gboolean
object_readable (JsonNode   *body,
                 const char *name)
{
  JsonObject *root = body && JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body) : NULL;
  JsonNode *sobjects = root ? json_object_get_member (root, "sobjects") : NULL;
  JsonArray *array = sobjects && JSON_NODE_HOLDS_ARRAY (sobjects) ? json_node_get_array (sobjects) : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;

      if (object != NULL && g_strcmp0 (json_object_get_string_member_with_default (object, "name", NULL), name) == 0)
        return json_object_get_boolean_member_with_default (object, "queryable", FALSE);
    }

  return FALSE;
}

static GListModel *
build_items (SfSubresponse *view_setup,
             SfSubresponse *view_all_users,
             JsonNode      *global,
             gboolean       api_enabled)
{
  GListStore *store = g_list_store_new (ORGSYNC_TYPE_PERMISSION_ITEM);
  const char * const objects[] = { "Lead", "Account", "Contact", "Opportunity" };
  const char *unknown = _("Unknown until “API Enabled” is granted.");

  add_item (store, "api-enabled", _("API Enabled"), api_enabled,
            g_strdup (_("Ask a Salesforce admin to enable the “API Enabled” system permission in the "
                        "user’s profile or in a permission set assigned to the user.")));
  add_item (store, "view-setup", _("View Setup and Configuration"),
            api_enabled && permission_of (view_setup, "PermissionsViewSetup"),
            g_strdup (api_enabled ? _("Ask a Salesforce admin to enable “View Setup and Configuration” in a "
                                      "permission set assigned to the user. Org Sync needs it to read the "
                                      "org’s API limits and object permissions.") : unknown));
  add_item (store, "view-all-users", _("View All Users"),
            api_enabled && permission_of (view_all_users, "PermissionsViewAllUsers"),
            g_strdup (api_enabled ? _("Ask a Salesforce admin to enable “View All Users” in a permission "
                                      "set assigned to the user.") : unknown));

  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      g_autofree char *id = g_ascii_strdown (objects[i], -1);
      g_autofree char *check_id = g_strdup_printf ("read-%s", id);
      /* Translators: %s is a Salesforce object, e.g. "Lead" */
      g_autofree char *title = g_strdup_printf (_("Read on %s"), objects[i]);

      add_item (store, check_id, title, api_enabled && object_readable (global, objects[i]),
                api_enabled ? g_strdup_printf (_("Ask a Salesforce admin to grant Read access on %s in the "
                                                 "user’s profile or in a permission set assigned to the user."),
                                               objects[i])
                            : g_strdup (unknown));
    }

  return G_LIST_MODEL (store);
}

static void
composite_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) responses = NULL;
  GError *error = NULL;
  SfSubresponse *view_setup, *view_all_users, *global;

  responses = sf_client_composite_finish (SF_CLIENT (object), result, &error);
  if (responses == NULL)
    {
      if (g_error_matches (error, SF_ERROR, SF_ERROR_API_CURRENTLY_DISABLED) ||
          g_error_matches (error, SF_ERROR, SF_ERROR_API_DISABLED_FOR_ORG))
        {
          g_error_free (error);
          g_task_return_pointer (task, build_items (NULL, NULL, NULL, FALSE), g_object_unref);
          return;
        }
      g_task_return_error (task, error);
      return;
    }

  view_setup = responses->len > 0 ? g_ptr_array_index (responses, 0) : NULL;
  view_all_users = responses->len > 1 ? g_ptr_array_index (responses, 1) : NULL;
  global = responses->len > 2 ? g_ptr_array_index (responses, 2) : NULL;
  g_task_return_pointer (task, build_items (view_setup, view_all_users, global ? global->body : NULL, TRUE),
                         g_object_unref);
}

/**
 * orgsync_permission_check_async:
 * @client: a signed-in client with its API version set
 *
 * Runs the seven checks; the result is a #GListModel of #OrgsyncPermissionItem.
 */
void
orgsync_permission_check_async (SfClient            *client,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (client, cancellable, callback, user_data);
  g_autoptr(GPtrArray) subrequests = g_ptr_array_new_with_free_func ((GDestroyNotify) sf_subrequest_free);
  const char *version = sf_client_get_api_version (client);
  g_autofree char *view_setup = g_strdup_printf ("/services/data/v%s/query?q=SELECT+PermissionsViewSetup+"
                                                 "FROM+UserPermissionAccess", version);
  g_autofree char *view_all_users = g_strdup_printf ("/services/data/v%s/query?q=SELECT+PermissionsViewAllUsers+"
                                                     "FROM+UserPermissionAccess", version);
  g_autofree char *global = g_strdup_printf ("/services/data/v%s/sobjects/", version);

  g_task_set_source_tag (task, orgsync_permission_check_async);
  g_ptr_array_add (subrequests, sf_subrequest_new ("GET", view_setup, "viewSetup"));
  g_ptr_array_add (subrequests, sf_subrequest_new ("GET", view_all_users, "viewAllUsers"));
  g_ptr_array_add (subrequests, sf_subrequest_new ("GET", global, "global"));
  sf_client_composite_async (client, subrequests, cancellable, composite_cb, g_steal_pointer (&task));
}

GListModel *
orgsync_permission_check_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
orgsync_permission_check_all_passed (GListModel *items)
{
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(OrgsyncPermissionItem) item = g_list_model_get_item (items, i);

      if (!item->passed)
        return FALSE;
    }

  return TRUE;
}

/* The titles of the failed checks, comma-separated, or NULL. */
char *
orgsync_permission_check_dup_failed (GListModel *items)
{
  g_autoptr(GString) failed = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(OrgsyncPermissionItem) item = g_list_model_get_item (items, i);

      if (!item->passed)
        g_string_append_printf (failed, "%s%s", failed->len ? ", " : "", item->title);
    }

  return failed->len > 0 ? g_string_free (g_steal_pointer (&failed), FALSE) : NULL;
}
