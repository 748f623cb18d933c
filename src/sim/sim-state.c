/* sim-state.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "sim-server-private.h"

/* --state-file: what makes this org differ from the one its seed
 * generates (overlays, counter, tokens, clock, permissions), as JSON. */

static void
save_overlays (JsonBuilder *b,
               SimTable    *table)
{
  GHashTableIter iter;
  gpointer key, value;

  json_builder_begin_array (b);
  g_hash_table_iter_init (&iter, table->overlays);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      SimOverlay *overlay = value;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "index");
      json_builder_add_int_value (b, *(guint64 *) key);
      json_builder_set_member_name (b, "flags");
      json_builder_add_int_value (b, overlay->flags);
      json_builder_set_member_name (b, "deletedAt");
      json_builder_add_int_value (b, overlay->deleted_at);
      json_builder_set_member_name (b, "values");
      json_builder_begin_array (b);
      for (guint i = 0; i < overlay->values->len; i++)
        {
          SimOverlayValue *v = &g_array_index (overlay->values, SimOverlayValue, i);
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          json_builder_begin_array (b);
          json_builder_add_string_value (b, sim_object_get_field (table->object, v->field)->name);
          json_builder_add_int_value (b, v->kind);
          json_builder_add_int_value (b, v->i);
          /* As text: json-glib 1.6 writes 1e+18 as "1e+18.0", which it cannot read back. */
          json_builder_add_string_value (b, g_ascii_dtostr (number, sizeof number, v->d));
          json_builder_add_string_value (b, v->str);
          json_builder_end_array (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
save_tokens (JsonBuilder *b,
             SimServer   *self)
{
  GHashTableIter iter;
  gpointer value;

  json_builder_set_member_name (b, "accessTokens");
  json_builder_begin_array (b);
  g_hash_table_iter_init (&iter, self->access_tokens);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      SimAccessToken *t = value;

      json_builder_begin_array (b);
      json_builder_add_string_value (b, t->token);
      json_builder_add_string_value (b, t->refresh);
      json_builder_add_string_value (b, t->client_id);
      json_builder_add_string_value (b, t->scope);
      json_builder_add_int_value (b, t->issued_ms);
      json_builder_add_int_value (b, t->expires_ms);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "refreshTokens");
  json_builder_begin_array (b);
  g_hash_table_iter_init (&iter, self->refresh_tokens);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      SimRefreshToken *t = value;

      json_builder_begin_array (b);
      json_builder_add_string_value (b, t->token);
      json_builder_add_string_value (b, t->client_id);
      json_builder_add_string_value (b, t->scope);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
}

gboolean
sim_state_save (SimServer  *self,
                GError    **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  SimPerms *perms = &self->store->perms;
  GHashTableIter iter;
  gpointer key, value;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "orgNumber");
  json_builder_add_int_value (b, self->store->org_number);
  json_builder_set_member_name (b, "clockOffsetMs");
  json_builder_add_int_value (b, self->clock_offset_ms);
  json_builder_set_member_name (b, "limit");
  json_builder_add_int_value (b, self->counter.limit);
  json_builder_set_member_name (b, "lag");
  json_builder_add_int_value (b, self->counter.lag);
  json_builder_set_member_name (b, "calls");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->counter.entries->len; i++)
    {
      SimCounterEntry *e = &g_array_index (self->counter.entries, SimCounterEntry, i);

      json_builder_begin_array (b);
      json_builder_add_int_value (b, e->ms);
      json_builder_add_int_value (b, e->n);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
  save_tokens (b, self);

  json_builder_set_member_name (b, "permissions");
  json_builder_begin_array (b);
  json_builder_add_boolean_value (b, perms->api_enabled);
  json_builder_add_boolean_value (b, perms->view_setup);
  json_builder_add_boolean_value (b, perms->view_all_users);
  json_builder_add_boolean_value (b, perms->view_all_data);
  json_builder_add_boolean_value (b, perms->modify_all_data);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "objectAccess");
  json_builder_begin_object (b);
  g_hash_table_iter_init (&iter, perms->object_access);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      json_builder_set_member_name (b, key);
      json_builder_add_int_value (b, GPOINTER_TO_UINT (value));
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "objects");
  json_builder_begin_object (b);
  for (guint i = 0; i < self->schema->objects->len; i++)
    {
      SimObject *object = g_ptr_array_index (self->schema->objects, i);
      SimTable *table = sim_store_table (self->store, object);

      if (object->kind != SIM_OBJECT_DATA || (table->n_created == 0 && g_hash_table_size (table->overlays) == 0))
        continue;
      json_builder_set_member_name (b, object->name);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "created");
      json_builder_add_int_value (b, table->n_created);
      json_builder_set_member_name (b, "purgeHorizon");
      json_builder_add_int_value (b, table->purge_horizon_ms);
      json_builder_set_member_name (b, "overlays");
      save_overlays (b, table);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  return json_generator_to_file (generator, self->config.state_file, error);
}

static void
load_table (SimServer  *self,
            SimObject  *object,
            JsonObject *spec)
{
  SimTable *table = sim_store_table (self->store, object);
  JsonArray *overlays = json_object_get_array_member (spec, "overlays");

  table->n_created = json_object_get_int_member_with_default (spec, "created", 0);
  table->purge_horizon_ms = json_object_get_int_member_with_default (spec, "purgeHorizon", 0);
  for (guint i = 0; overlays != NULL && i < json_array_get_length (overlays); i++)
    {
      JsonObject *o = json_array_get_object_element (overlays, i);
      guint64 index = json_object_get_int_member (o, "index");
      SimOverlay *overlay = sim_table_ensure_overlay (table, index);
      JsonArray *values = json_object_get_array_member (o, "values");

      overlay->flags = json_object_get_int_member (o, "flags");
      overlay->deleted_at = json_object_get_int_member (o, "deletedAt");
      if (overlay->flags & SIM_OVERLAY_DELETED)
        table->n_deleted++;
      if (overlay->flags & SIM_OVERLAY_PURGED)
        table->n_purged++;
      for (guint k = 0; values != NULL && k < json_array_get_length (values); k++)
        {
          JsonArray *v = json_array_get_array_element (values, k);
          SimField *field = sim_object_lookup_field (object, json_array_get_string_element (v, 0));
          SimValue value = { 0 };

          if (field == NULL)
            continue;
          value.kind = json_array_get_int_element (v, 1);
          value.i = json_array_get_int_element (v, 2);
          if (json_node_get_value_type (json_array_get_element (v, 3)) == G_TYPE_STRING)
            value.d = g_ascii_strtod (json_array_get_string_element (v, 3), NULL);
          else
            value.d = json_array_get_double_element (v, 3);
          if (value.kind == SIM_VALUE_STRING)
            sim_value_set_string (&value, json_array_get_string_element (v, 4));
          sim_store_set_value (table, index, field, &value);
        }
    }
}

static void
load_tokens (SimServer  *self,
             JsonObject *root)
{
  JsonArray *access = json_object_get_array_member (root, "accessTokens");
  JsonArray *refresh = json_object_get_array_member (root, "refreshTokens");

  for (guint i = 0; access != NULL && i < json_array_get_length (access); i++)
    {
      JsonArray *a = json_array_get_array_element (access, i);
      SimAccessToken *t = g_new0 (SimAccessToken, 1);

      t->token = g_strdup (json_array_get_string_element (a, 0));
      t->refresh = g_strdup (json_array_get_string_element (a, 1));
      t->client_id = g_strdup (json_array_get_string_element (a, 2));
      t->scope = g_strdup (json_array_get_string_element (a, 3));
      t->issued_ms = json_array_get_int_element (a, 4);
      t->expires_ms = json_array_get_int_element (a, 5);
      g_hash_table_replace (self->access_tokens, t->token, t);
    }
  for (guint i = 0; refresh != NULL && i < json_array_get_length (refresh); i++)
    {
      JsonArray *a = json_array_get_array_element (refresh, i);
      SimRefreshToken *t = g_new0 (SimRefreshToken, 1);

      t->token = g_strdup (json_array_get_string_element (a, 0));
      t->client_id = g_strdup (json_array_get_string_element (a, 1));
      t->scope = g_strdup (json_array_get_string_element (a, 2));
      g_hash_table_replace (self->refresh_tokens, t->token, t);
    }
}

gboolean
sim_state_load (SimServer  *self,
                GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  SimPerms *perms = &self->store->perms;
  JsonObject *root, *objects, *access;
  JsonArray *calls, *flags;
  g_autoptr(GList) names = NULL;

  if (!g_file_test (self->config.state_file, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!json_parser_load_from_file (parser, self->config.state_file, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s is not a simulator state file",
                   self->config.state_file);
      return FALSE;
    }

  root = json_node_get_object (json_parser_get_root (parser));
  sim_store_set_org_number (self->store, json_object_get_int_member_with_default (root, "orgNumber", 1));
  self->clock_offset_ms = json_object_get_int_member_with_default (root, "clockOffsetMs", 0);
  self->counter.limit = json_object_get_int_member_with_default (root, "limit", self->counter.limit);
  self->counter.lag = json_object_get_int_member_with_default (root, "lag", 0);
  calls = json_object_get_array_member (root, "calls");
  for (guint i = 0; calls != NULL && i < json_array_get_length (calls); i++)
    {
      JsonArray *e = json_array_get_array_element (calls, i);
      SimCounterEntry entry = { json_array_get_int_element (e, 0), json_array_get_int_element (e, 1) };

      g_array_append_val (self->counter.entries, entry);
    }
  load_tokens (self, root);

  flags = json_object_get_array_member (root, "permissions");
  if (flags != NULL && json_array_get_length (flags) == 5)
    {
      perms->api_enabled = json_array_get_boolean_element (flags, 0);
      perms->view_setup = json_array_get_boolean_element (flags, 1);
      perms->view_all_users = json_array_get_boolean_element (flags, 2);
      perms->view_all_data = json_array_get_boolean_element (flags, 3);
      perms->modify_all_data = json_array_get_boolean_element (flags, 4);
    }
  access = json_object_get_object_member (root, "objectAccess");
  names = access ? json_object_get_members (access) : NULL;
  for (GList *l = names; l != NULL; l = l->next)
    g_hash_table_insert (perms->object_access, g_strdup (l->data),
                         GUINT_TO_POINTER ((guint) json_object_get_int_member (access, l->data)));
  g_clear_pointer (&names, g_list_free);

  objects = json_object_get_object_member (root, "objects");
  names = objects ? json_object_get_members (objects) : NULL;
  for (GList *l = names; l != NULL; l = l->next)
    {
      SimObject *object = sim_schema_lookup (self->schema, l->data);

      if (object != NULL)
        load_table (self, object, json_object_get_object_member (objects, l->data));
    }
  return TRUE;
}
