/* sim-control.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "sim-server-private.h"
#include "sim-util.h"
#include "sim-writer.h"

/* The control API under /_sim/: not Salesforce, never counted, loopback
 * only.  Tests use it to change what the org looks like from outside. */

static const struct { const char *name; SimFaultKind kind; } fault_kinds[] = {
  { "status", SIM_FAULT_STATUS },
  { "reset", SIM_FAULT_RESET },
  { "delay", SIM_FAULT_DELAY },
  { "truncate", SIM_FAULT_TRUNCATE },
  { "malformed-json", SIM_FAULT_MALFORMED_JSON },
  { "html-maintenance", SIM_FAULT_HTML },
  { "csv-malformed", SIM_FAULT_CSV_MALFORMED },
  { "csv-truncated", SIM_FAULT_CSV_TRUNCATED },
  { "bulk-failed", SIM_FAULT_BULK_FAILED },
  { "bulk-aborted", SIM_FAULT_BULK_ABORTED },
  { "instance-url", SIM_FAULT_INSTANCE_URL },
  { "reset-body", SIM_FAULT_RESET_BODY },
  { "expire-session", SIM_FAULT_EXPIRE_SESSION },
};

void
sim_fault_free (SimFault *fault)
{
  g_free (fault->path);
  g_clear_pointer (&fault->pattern, g_pattern_spec_free);
  g_free (fault->method);
  g_free (fault->error_code);
  g_free (fault->message);
  g_free (fault->instance_url);
  g_free (fault);
}

SimFault *
sim_faults_match (SimServer  *self,
                  const char *method,
                  const char *path,
                  guint       kinds)
{
  for (guint i = 0; i < self->faults->len; i++)
    {
      SimFault *fault = g_ptr_array_index (self->faults, i);

      if (!(kinds & SIM_FAULT_BIT (fault->kind)) || fault->remaining == 0)
        continue;
      if (fault->method != NULL && g_ascii_strcasecmp (fault->method, method) != 0)
        continue;
      if (!g_pattern_spec_match_string (fault->pattern, path))
        continue;

      fault->seen++;
      if (fault->every > 1 && fault->seen % fault->every != 0)
        continue;
      if (fault->probability < 1.0 && g_rand_double (self->rand) >= fault->probability)
        continue;

      if (fault->remaining > 0)
        fault->remaining--;
      fault->fired++;
      return fault;
    }
  return NULL;
}

static const char *
fault_kind_name (SimFaultKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (fault_kinds); i++)
    if (fault_kinds[i].kind == kind)
      return fault_kinds[i].name;
  return "unknown";
}

static void
control_error (SimRequest *req,
               guint       status,
               const char *message)
{
  GString *body = g_string_new ("{\"error\":");

  sim_json_append_string (body, message, -1);
  g_string_append_c (body, '}');
  sim_request_json (req, status, body);
}

static JsonObject *
body_object (SimRequest *req,
             JsonParser *parser)
{
  gsize len = req->body ? g_bytes_get_size (req->body) : 0;
  JsonNode *root;

  if (len == 0)
    {
      json_parser_load_from_data (parser, "{}", -1, NULL);
      return json_node_get_object (json_parser_get_root (parser));
    }
  if (!sim_json_load (parser, g_bytes_get_data (req->body, NULL), len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT ((root = json_parser_get_root (parser))))
    {
      control_error (req, 400, "The body must be a JSON object");
      return NULL;
    }
  return json_node_get_object (root);
}

static void
reply_node (SimRequest *req,
            JsonNode   *node)
{
  g_autofree char *text = json_to_string (node, TRUE);

  sim_request_json (req, 200, g_string_new (text));
}

/*
 * /_sim/limits
 */

static void
handle_limits (SimRequest *req)
{
  SimServer *self = req->server;
  gint64 now = sim_server_now (self);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  if (g_str_equal (req->method, "POST") || g_str_equal (req->method, "PUT"))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *body = body_object (req, parser);

      if (body == NULL)
        return;
      if (json_object_has_member (body, "max"))
        self->counter.limit = json_object_get_int_member (body, "max");
      if (json_object_has_member (body, "used"))
        sim_counter_set (&self->counter, now, json_object_get_int_member (body, "used"));
      if (json_object_has_member (body, "lag"))
        self->counter.lag = json_object_get_int_member (body, "lag");
      sim_server_schedule_save (self);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "used");
  json_builder_add_int_value (builder, sim_counter_used (&self->counter, now));
  json_builder_set_member_name (builder, "max");
  json_builder_add_int_value (builder, self->counter.limit);
  json_builder_set_member_name (builder, "reported");
  json_builder_add_int_value (builder, sim_counter_reported (&self->counter, now));
  json_builder_set_member_name (builder, "lag");
  json_builder_add_int_value (builder, self->counter.lag);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  reply_node (req, node);
}

/*
 * /_sim/faults
 */

static void
add_fault_json (JsonBuilder *builder,
                SimFault    *fault)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, fault->id);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, fault_kind_name (fault->kind));
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, fault->path);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, fault->method);
  json_builder_set_member_name (builder, "probability");
  json_builder_add_double_value (builder, fault->probability);
  json_builder_set_member_name (builder, "every");
  json_builder_add_int_value (builder, fault->every);
  json_builder_set_member_name (builder, "remaining");
  json_builder_add_int_value (builder, fault->remaining);
  json_builder_set_member_name (builder, "fired");
  json_builder_add_int_value (builder, fault->fired);
  json_builder_end_object (builder);
}

/* What Salesforce sends with these statuses when nothing else is said. */
static const char *
default_error_code (guint status)
{
  switch (status)
    {
    case 500: return "UNKNOWN_EXCEPTION";
    case 400: return "QUERY_TIMEOUT";
    case 401: return "INVALID_SESSION_ID";
    case 403: return "REQUEST_LIMIT_EXCEEDED";
    case 404: return "NOT_FOUND";
    default: return "SERVER_UNAVAILABLE";
    }
}

static const char *
default_error_message (guint status)
{
  switch (status)
    {
    case 500:
      return "An unexpected error occurred. Please include this ErrorId if you contact support: "
             "1234567-89012 (-1234567890)";
    case 400: return "Your query request was running for too long.";
    case 401: return "Session expired or invalid";
    case 403: return "TotalRequests Limit exceeded.";
    case 404: return "The requested resource does not exist";
    default: return "Server unavailable";
    }
}

static void
add_fault (SimRequest *req)
{
  SimServer *self = req->server;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  JsonObject *body = body_object (req, parser);
  const char *kind;
  SimFault *fault;
  gboolean found = FALSE;

  if (body == NULL)
    return;

  fault = g_new0 (SimFault, 1);
  kind = json_object_get_string_member_with_default (body, "kind", "status");
  for (guint i = 0; i < G_N_ELEMENTS (fault_kinds); i++)
    if (g_str_equal (kind, fault_kinds[i].name))
      {
        fault->kind = fault_kinds[i].kind;
        found = TRUE;
      }
  if (!found)
    {
      g_free (fault);
      control_error (req, 400, "Unknown fault kind");
      return;
    }

  fault->id = self->next_fault_id++;
  fault->path = g_strdup (json_object_get_string_member_with_default (body, "path", "*"));
  fault->pattern = g_pattern_spec_new (fault->path);
  fault->method = g_strdup (json_object_get_string_member_with_default (body, "method", NULL));
  fault->probability = json_object_get_double_member_with_default (body, "probability", 1.0);
  fault->every = json_object_get_int_member_with_default (body, "every", 0);
  fault->remaining = json_object_get_int_member_with_default (body, "times", -1);
  fault->status = json_object_get_int_member_with_default (body, "status", 503);
  fault->error_code = g_strdup (json_object_get_string_member_with_default (body, "errorCode",
                                                                          default_error_code (fault->status)));
  fault->message = g_strdup (json_object_get_string_member_with_default (body, "message",
                                                                       default_error_message (fault->status)));
  fault->delay_ms = json_object_get_int_member_with_default (body, "delayMs", 1000);
  fault->instance_url = g_strdup (json_object_get_string_member_with_default (body, "instanceUrl",
                                                                            "http://na1.example.com"));
  g_ptr_array_add (self->faults, fault);

  add_fault_json (builder, fault);
  node = json_builder_get_root (builder);
  reply_node (req, node);
}

static void
handle_faults (SimRequest *req,
               const char *rest)
{
  SimServer *self = req->server;

  if (g_str_equal (req->method, "POST") && *rest == '\0')
    add_fault (req);
  else if (g_str_equal (req->method, "DELETE") && *rest == '\0')
    {
      g_ptr_array_set_size (self->faults, 0);
      sim_request_json (req, 200, g_string_new ("{}"));
    }
  else if (g_str_equal (req->method, "DELETE"))
    {
      guint id = (guint) g_ascii_strtoull (rest + 1, NULL, 10);

      for (guint i = 0; i < self->faults->len; i++)
        if (((SimFault *) self->faults->pdata[i])->id == id)
          {
            g_ptr_array_remove_index (self->faults, i);
            sim_request_json (req, 200, g_string_new ("{}"));
            return;
          }
      control_error (req, 404, "No such fault");
    }
  else
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < self->faults->len; i++)
        add_fault_json (builder, self->faults->pdata[i]);
      json_builder_end_array (builder);
      node = json_builder_get_root (builder);
      reply_node (req, node);
    }
}

/*
 * /_sim/tokens
 */

/* Expired, not revoked: the refresh token still works. */
static guint
expire_tokens (SimServer  *self,
               const char *token)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_hash_table_iter_init (&iter, self->access_tokens);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      SimAccessToken *t = value;

      if (token == NULL || g_str_equal (t->token, token))
        {
          t->expires_ms = sim_server_now (self) - 1;
          n++;
        }
    }

  return n;
}

/* The expire-session fault: every access token expires at once. */
void
sim_server_expire_sessions (SimServer *self)
{
  expire_tokens (self, NULL);
  sim_server_schedule_save (self);
}

static void
handle_tokens (SimRequest *req,
               const char *rest)
{
  SimServer *self = req->server;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *body = body_object (req, parser);
  const char *token;
  guint n = 0;
  GString *out;

  if (body == NULL)
    return;
  token = json_object_get_string_member_with_default (body, "token", NULL);

  if (g_str_equal (rest, "/expire"))
    n = expire_tokens (self, token);
  else if (g_str_equal (rest, "/revoke"))
    {
      if (token == NULL)
        {
          n = g_hash_table_size (self->access_tokens) + g_hash_table_size (self->refresh_tokens);
          g_hash_table_remove_all (self->access_tokens);
          g_hash_table_remove_all (self->refresh_tokens);
        }
      else
        {
          GHashTableIter iter;
          gpointer value;

          n += g_hash_table_remove (self->access_tokens, token);
          g_hash_table_iter_init (&iter, self->access_tokens);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            if (g_strcmp0 (((SimAccessToken *) value)->refresh, token) == 0)
              {
                g_hash_table_iter_remove (&iter);
                n++;
              }
          n += g_hash_table_remove (self->refresh_tokens, token);
        }
    }
  else if (g_str_equal (rest, "/issued") && g_str_equal (req->method, "GET"))
    {
      out = g_string_new ("{\"issued\":[");
      for (guint i = 0; i < self->issued->len; i++)
        {
          SimIssued *issued = self->issued->pdata[i];

          g_string_append (out, i ? ",{\"kind\":" : "{\"kind\":");
          sim_json_append_string (out, issued->kind, -1);
          g_string_append (out, ",\"value\":");
          sim_json_append_string (out, issued->value, -1);
          g_string_append_c (out, '}');
        }
      g_string_append (out, "]}");
      sim_request_json (req, 200, out);
      return;
    }
  else if (*rest == '\0' && g_str_equal (req->method, "GET"))
    {
      out = g_string_new (NULL);
      g_string_append_printf (out, "{\"accessTokens\":%u,\"refreshTokens\":%u}",
                              g_hash_table_size (self->access_tokens), g_hash_table_size (self->refresh_tokens));
      sim_request_json (req, 200, out);
      return;
    }
  else
    {
      control_error (req, 404, "Use /_sim/tokens/expire or /_sim/tokens/revoke");
      return;
    }

  sim_server_schedule_save (self);
  out = g_string_new (NULL);
  g_string_append_printf (out, "{\"affected\":%u}", n);
  sim_request_json (req, 200, out);
}

/*
 * /_sim/permissions
 */

static void
set_object_access (SimStore   *store,
                   const char *name,
                   JsonObject *spec)
{
  static const struct { const char *key; guint bit; } keys[] = {
    { "read", SIM_ACCESS_READ }, { "create", SIM_ACCESS_CREATE }, { "edit", SIM_ACCESS_EDIT },
    { "delete", SIM_ACCESS_DELETE }, { "viewAll", SIM_ACCESS_VIEW_ALL }, { "modifyAll", SIM_ACCESS_MODIFY_ALL },
  };
  SimObject *object = sim_schema_lookup (store->schema, name);
  guint access;

  if (object == NULL)
    return;
  access = sim_store_object_access (store, object);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (json_object_has_member (spec, keys[i].key))
      {
        if (json_object_get_boolean_member (spec, keys[i].key))
          access |= keys[i].bit;
        else
          access &= ~keys[i].bit;
      }
  /* Without read nothing else is possible. */
  if (!(access & SIM_ACCESS_READ))
    access = 0;
  g_hash_table_insert (store->perms.object_access, g_ascii_strdown (object->name, -1), GUINT_TO_POINTER (access));
}

static void
handle_permissions (SimRequest *req)
{
  SimServer *self = req->server;
  SimPerms *perms = &self->store->perms;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  if (g_str_equal (req->method, "POST") || g_str_equal (req->method, "PUT"))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *body = body_object (req, parser);

      if (body == NULL)
        return;
      perms->api_enabled = json_object_get_boolean_member_with_default (body, "apiEnabled", perms->api_enabled);
      perms->view_setup = json_object_get_boolean_member_with_default (body, "viewSetup", perms->view_setup);
      perms->view_all_users = json_object_get_boolean_member_with_default (body, "viewAllUsers",
                                                                           perms->view_all_users);
      perms->view_all_data = json_object_get_boolean_member_with_default (body, "viewAllData", perms->view_all_data);
      perms->modify_all_data = json_object_get_boolean_member_with_default (body, "modifyAllData",
                                                                            perms->modify_all_data);
      self->api_disabled_for_org = json_object_get_boolean_member_with_default (body, "apiDisabledForOrg",
                                                                                self->api_disabled_for_org);
      if (json_object_has_member (body, "passwordGrant"))
        self->config.no_password_grant = !json_object_get_boolean_member (body, "passwordGrant");
      if (json_object_has_member (body, "objects"))
        {
          JsonObject *objects = json_object_get_object_member (body, "objects");
          g_autoptr(GList) names = json_object_get_members (objects);

          for (GList *l = names; l != NULL; l = l->next)
            set_object_access (self->store, l->data, json_object_get_object_member (objects, l->data));
        }
      /* Permission changes are metadata changes for describe caching. */
      self->describe_modified_ms = sim_server_now (self);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "apiEnabled");
  json_builder_add_boolean_value (builder, perms->api_enabled);
  json_builder_set_member_name (builder, "viewSetup");
  json_builder_add_boolean_value (builder, perms->view_setup);
  json_builder_set_member_name (builder, "viewAllUsers");
  json_builder_add_boolean_value (builder, perms->view_all_users);
  json_builder_set_member_name (builder, "viewAllData");
  json_builder_add_boolean_value (builder, perms->view_all_data);
  json_builder_set_member_name (builder, "modifyAllData");
  json_builder_add_boolean_value (builder, perms->modify_all_data);
  json_builder_set_member_name (builder, "apiDisabledForOrg");
  json_builder_add_boolean_value (builder, self->api_disabled_for_org);
  json_builder_set_member_name (builder, "passwordGrant");
  json_builder_add_boolean_value (builder, !self->config.no_password_grant);
  json_builder_set_member_name (builder, "objects");
  json_builder_begin_object (builder);
  for (guint i = 0; i < self->schema->objects->len; i++)
    {
      SimObject *object = g_ptr_array_index (self->schema->objects, i);
      guint access = sim_store_object_access (self->store, object);

      if (object->kind != SIM_OBJECT_DATA)
        continue;
      json_builder_set_member_name (builder, object->name);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "read");
      json_builder_add_boolean_value (builder, access & SIM_ACCESS_READ);
      json_builder_set_member_name (builder, "create");
      json_builder_add_boolean_value (builder, access & SIM_ACCESS_CREATE);
      json_builder_set_member_name (builder, "edit");
      json_builder_add_boolean_value (builder, access & SIM_ACCESS_EDIT);
      json_builder_set_member_name (builder, "delete");
      json_builder_add_boolean_value (builder, access & SIM_ACCESS_DELETE);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  reply_node (req, node);
}

/*
 * /_sim/data/{Object}
 */

static gboolean
value_from_json (JsonNode *node,
                 SimField *field,
                 SimValue *value)
{
  memset (value, 0, sizeof *value);
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (field->type)
    {
    case SIM_TYPE_BOOLEAN:
      value->kind = SIM_VALUE_BOOL;
      value->i = json_node_get_boolean (node);
      return TRUE;
    case SIM_TYPE_INT:
      value->kind = SIM_VALUE_INT;
      value->i = json_node_get_int (node);
      return TRUE;
    case SIM_TYPE_DOUBLE:
    case SIM_TYPE_CURRENCY:
    case SIM_TYPE_PERCENT:
      value->kind = SIM_VALUE_DOUBLE;
      value->d = json_node_get_double (node);
      return TRUE;
    case SIM_TYPE_DATE:
    case SIM_TYPE_DATETIME:
      {
        gint64 ms;

        if (json_node_get_value_type (node) != G_TYPE_STRING ||
            !sim_parse_datetime (json_node_get_string (node), &ms, NULL))
          return FALSE;
        value->kind = field->type == SIM_TYPE_DATE ? SIM_VALUE_DATE : SIM_VALUE_DATETIME;
        value->i = field->type == SIM_TYPE_DATE ? ms / 86400000 : ms;
        return TRUE;
      }
    case SIM_TYPE_ID:
    case SIM_TYPE_STRING:
    case SIM_TYPE_REFERENCE:
    case SIM_TYPE_PICKLIST:
    case SIM_TYPE_MULTIPICKLIST:
    case SIM_TYPE_TEXTAREA:
    case SIM_TYPE_PHONE:
    case SIM_TYPE_EMAIL:
    case SIM_TYPE_URL:
    case SIM_TYPE_BASE64:
    case SIM_TYPE_ADDRESS:
    case SIM_TYPE_LOCATION:
    default:
      if (json_node_get_value_type (node) != G_TYPE_STRING)
        return FALSE;
      sim_value_set_string (value, json_node_get_string (node));
      return TRUE;
    }
}

static gboolean
set_fields (SimRequest *req,
            SimTable   *table,
            guint64     index,
            JsonObject *fields)
{
  g_autoptr(GList) names = fields ? json_object_get_members (fields) : NULL;

  for (GList *l = names; l != NULL; l = l->next)
    {
      SimField *field = sim_object_lookup_field (table->object, l->data);
      SimValue value;

      if (field == NULL || sim_field_is_compound (field) ||
          !value_from_json (json_object_get_member (fields, l->data), field, &value))
        {
          g_autofree char *message = g_strdup_printf ("Bad field %s", (char *) l->data);

          control_error (req, 400, message);
          return FALSE;
        }
      sim_store_set_value (table, index, field, &value);
    }
  return TRUE;
}

static void
mutate_default (SimServer *self,
                SimTable  *table,
                guint64    index,
                guint      serial)
{
  /* Without explicit fields an update still changes something visible. */
  SimField *field = sim_object_lookup_field (table->object, "Description");
  SimValue value = { 0 };

  if (field == NULL)
    field = sim_object_lookup_field (table->object, "Name");
  if (field == NULL || !field->updateable)
    return;
  value.kind = SIM_VALUE_STRING;
  value.len = g_snprintf (value.buf, sizeof value.buf, "Updated by the simulator (%u), \"bulk\" change",
                          serial);
  value.str = value.buf;
  sim_store_set_value (table, index, field, &value);
}

static void
handle_data (SimRequest *req,
             const char *object_name)
{
  SimServer *self = req->server;
  SimObject *object = sim_schema_lookup (self->schema, object_name);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *body, *fields;
  SimTable *table;
  const char *action;
  gint64 count, now = sim_server_now (self);
  GString *out;
  guint n = 0;
  gboolean want_deleted;

  if (object == NULL || object->kind != SIM_OBJECT_DATA)
    {
      control_error (req, 404, "No such object");
      return;
    }
  if (!g_str_equal (req->method, "POST"))
    {
      control_error (req, 405, "Use POST");
      return;
    }
  body = body_object (req, parser);
  if (body == NULL)
    return;

  table = sim_store_table (self->store, object);
  action = json_object_get_string_member_with_default (body, "action", "update");
  count = json_object_get_int_member_with_default (body, "count", 1);
  fields = json_object_has_member (body, "fields") ? json_object_get_object_member (body, "fields") : NULL;
  out = g_string_new ("{\"ids\":[");

  if (g_str_equal (action, "create"))
    {
      for (gint64 i = 0; i < count; i++)
        {
          guint64 index = sim_store_create (self->store, table, now);
          char id[19];

          if (!set_fields (req, table, index, fields))
            {
              g_string_free (out, TRUE);
              return;
            }
          sim_make_id (id, object->key_prefix, index + 1);
          g_string_append_printf (out, "%s\"%s\"", n++ ? "," : "", id);
        }
    }
  else if (g_str_equal (action, "update") || g_str_equal (action, "delete") ||
           g_str_equal (action, "hard-delete") || g_str_equal (action, "undelete"))
    {
      JsonArray *ids = json_object_has_member (body, "ids") ? json_object_get_array_member (body, "ids") : NULL;
      guint64 size = sim_table_size (table);

      want_deleted = g_str_equal (action, "undelete");
      for (guint64 i = 0, k = 0; i < size && (ids ? k < json_array_get_length (ids) : n < count); i++)
        {
          guint64 index = i;
          char id[19];

          if (ids != NULL)
            {
              if (!sim_table_index_from_id (table, json_array_get_string_element (ids, k++), &index))
                continue;
            }
          if (!sim_table_exists (table, index) || sim_table_is_deleted (table, index) != want_deleted)
            continue;

          if (g_str_equal (action, "update"))
            {
              if (fields != NULL)
                {
                  if (!set_fields (req, table, index, fields))
                    {
                      g_string_free (out, TRUE);
                      return;
                    }
                }
              else
                mutate_default (self, table, index, n);
              sim_store_touch (self->store, table, index, now);
            }
          else if (g_str_equal (action, "delete"))
            sim_store_delete (self->store, table, index, now);
          else if (g_str_equal (action, "undelete"))
            sim_store_undelete (self->store, table, index, now);
          else
            {
              sim_store_purge (table, index);
              table->purge_horizon_ms = now;
            }
          sim_make_id (id, object->key_prefix, index + 1);
          g_string_append_printf (out, "%s\"%s\"", n++ ? "," : "", id);
        }
    }
  else
    {
      g_string_free (out, TRUE);
      control_error (req, 400, "action must be create, update, delete, hard-delete or undelete");
      return;
    }

  g_string_append (out, "]}");
  sim_server_schedule_save (self);
  sim_request_json (req, 200, out);
}

/*
 * /_sim/records/{Object}
 */

static void
handle_records (SimRequest *req,
                const char *object_name)
{
  SimServer *self = req->server;
  SimObject *object = sim_schema_lookup (self->schema, object_name);
  const char *limit_param = sim_request_param (req, "limit");
  const char *offset_param = sim_request_param (req, "offset");
  gboolean include_deleted = g_strcmp0 (sim_request_param (req, "includeDeleted"), "true") == 0;
  guint64 limit = limit_param ? g_ascii_strtoull (limit_param, NULL, 10) : G_MAXUINT64;
  guint64 skip = offset_param ? g_ascii_strtoull (offset_param, NULL, 10) : 0;
  g_autofree char *version = g_strdup_printf ("%d.0", SIM_API_VERSION_MAX);
  SimTable *table;
  GString *out;
  guint64 written = 0, seen = 0;

  if (object == NULL)
    {
      control_error (req, 404, "No such object");
      return;
    }
  table = sim_store_table (self->store, object);
  out = g_string_sized_new (4096);
  g_string_append_c (out, '[');
  for (guint64 i = 0; i < sim_table_size (table) && written < limit; i++)
    {
      SimRow row;

      if (!sim_table_exists (table, i) || (!include_deleted && sim_table_is_deleted (table, i)))
        continue;
      if (seen++ < skip)
        continue;
      if (written++ > 0)
        g_string_append_c (out, ',');
      sim_row_init (&row, self->store, table, i);
      sim_write_full_record (out, &row, version);
    }
  g_string_append_c (out, ']');
  sim_request_json (req, 200, out);
}

/*
 * /_sim/clock, /_sim/stats, /_sim/config
 */

static void
handle_clock (SimRequest *req)
{
  SimServer *self = req->server;
  GString *out;

  if (g_str_equal (req->method, "POST") || g_str_equal (req->method, "PUT"))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *body = body_object (req, parser);

      if (body == NULL)
        return;
      if (json_object_has_member (body, "advanceSeconds"))
        self->clock_offset_ms += (gint64) (json_object_get_double_member (body, "advanceSeconds") * 1000);
      if (json_object_has_member (body, "offsetSeconds"))
        self->clock_offset_ms = (gint64) (json_object_get_double_member (body, "offsetSeconds") * 1000);
      if (json_object_has_member (body, "now"))
        {
          gint64 ms;

          if (!sim_parse_datetime (json_object_get_string_member (body, "now"), &ms, NULL))
            {
              control_error (req, 400, "now must be an ISO-8601 dateTime");
              return;
            }
          self->clock_offset_ms = ms - g_get_real_time () / 1000;
        }
      sim_server_schedule_save (self);
    }

  out = g_string_new ("{\"now\":\"");
  sim_append_datetime (out, sim_server_now (self), TRUE);
  g_string_append_printf (out, "\",\"offsetSeconds\":%" G_GINT64_FORMAT "}", self->clock_offset_ms / 1000);
  sim_request_json (req, 200, out);
}

static void
handle_stats (SimRequest *req)
{
  SimServer *self = req->server;
  g_autoptr(GList) keys = NULL;
  GString *out;

  if (g_str_equal (req->method, "DELETE"))
    {
      g_hash_table_remove_all (self->stats);
      sim_request_json (req, 200, g_string_new ("{}"));
      return;
    }

  keys = g_list_sort (g_hash_table_get_keys (self->stats), (GCompareFunc) strcmp);
  out = g_string_new ("{");
  for (GList *l = keys; l != NULL; l = l->next)
    {
      SimStats *stats = g_hash_table_lookup (self->stats, l->data);

      if (g_str_has_prefix (strchr (l->data, ' ') + 1, "/_sim"))
        continue;
      if (out->len > 1)
        g_string_append_c (out, ',');
      sim_json_append_string (out, l->data, -1);
      g_string_append_printf (out, ":{\"calls\":%" G_GUINT64_FORMAT ",\"errors\":%" G_GUINT64_FORMAT "}",
                              stats->calls, stats->errors);
    }
  g_string_append_c (out, '}');
  sim_request_json (req, 200, out);
}

static void
handle_config (SimRequest *req)
{
  SimServer *self = req->server;
  SimConfig *config = &self->config;
  GString *out;

  if (g_str_equal (req->method, "POST") || g_str_equal (req->method, "PUT"))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *body = body_object (req, parser);

      if (body == NULL)
        return;
      config->bulk_delay_ms = json_object_get_int_member_with_default (body, "bulkDelayMs", config->bulk_delay_ms);
      config->locator_lifetime_s = json_object_get_int_member_with_default (body, "locatorLifetimeSeconds",
                                                                           config->locator_lifetime_s);
      config->token_lifetime_s = json_object_get_int_member_with_default (body, "tokenLifetimeSeconds",
                                                                         config->token_lifetime_s);
      config->count_oauth = json_object_get_boolean_member_with_default (body, "countOauth", config->count_oauth);
      config->id_limit = json_object_get_int_member_with_default (body, "idLimit", config->id_limit);
      if (json_object_get_boolean_member_with_default (body, "touchMetadata", FALSE))
        self->describe_modified_ms = sim_server_now (self);
    }

  out = g_string_new (NULL);
  g_string_append_printf (out, "{\"bulkDelayMs\":%d,\"locatorLifetimeSeconds\":%" G_GINT64_FORMAT
                          ",\"tokenLifetimeSeconds\":%" G_GINT64_FORMAT ",\"countOauth\":%s,\"idLimit\":%"
                          G_GINT64_FORMAT ",\"seed\":%" G_GUINT64_FORMAT ",\"username\":",
                          config->bulk_delay_ms, config->locator_lifetime_s, config->token_lifetime_s,
                          config->count_oauth ? "true" : "false", config->id_limit, config->seed);
  sim_json_append_string (out, config->username, -1);
  g_string_append (out, ",\"metadataModified\":\"");
  sim_append_datetime (out, self->describe_modified_ms, TRUE);
  g_string_append (out, "\",\"objects\":{");
  for (guint i = 0; i < self->schema->objects->len; i++)
    {
      SimObject *object = g_ptr_array_index (self->schema->objects, i);
      SimTable *table = sim_store_table (self->store, object);

      if (object->kind != SIM_OBJECT_DATA)
        continue;
      g_string_append_printf (out, "%s\"%s\":{\"records\":%" G_GUINT64_FORMAT ",\"live\":%" G_GUINT64_FORMAT
                              ",\"deleted\":%" G_GUINT64_FORMAT "}",
                              out->str[out->len - 1] == '{' ? "" : ",", object->name, sim_table_size (table),
                              sim_table_live_count (table), table->n_deleted);
    }
  g_string_append (out, "}}");
  sim_request_json (req, 200, out);
}

/*
 * /_sim/sandbox/refresh
 */

/* What a sandbox refresh does to a client: the org has a new id at the same address,
 * and every session and refresh token of the old one is gone. */
static void
handle_sandbox (SimRequest *req,
                const char *rest)
{
  SimServer *self = req->server;
  GString *out;

  if (!g_str_equal (rest, "/refresh") || !g_str_equal (req->method, "POST"))
    {
      control_error (req, 404, "Use POST /_sim/sandbox/refresh");
      return;
    }

  sim_store_set_org_number (self->store, self->store->org_number + 1);
  g_hash_table_remove_all (self->access_tokens);
  g_hash_table_remove_all (self->refresh_tokens);
  self->describe_modified_ms = sim_server_now (self);
  sim_server_schedule_save (self);

  out = g_string_new ("{\"orgId\":");
  sim_json_append_string (out, self->store->org_id, -1);
  g_string_append_c (out, '}');
  sim_request_json (req, 200, out);
}

static void
handle_index (SimRequest *req)
{
  sim_request_json (req, 200, g_string_new (
    "{\"endpoints\":[\"/_sim/limits\",\"/_sim/faults\",\"/_sim/tokens\",\"/_sim/tokens/expire\","
    "\"/_sim/tokens/revoke\",\"/_sim/tokens/issued\",\"/_sim/permissions\",\"/_sim/data/{Object}\","
    "\"/_sim/records/{Object}\",\"/_sim/clock\",\"/_sim/stats\",\"/_sim/config\",\"/_sim/sandbox/refresh\"]}"));
}

static gboolean
is_loopback (const char *host)
{
  return host == NULL || g_str_equal (host, "127.0.0.1") || g_str_equal (host, "::1") ||
         g_str_has_prefix (host, "127.");
}

void
sim_control_handle (SimRequest *req)
{
  const char *rest = req->path + strlen ("/_sim");

  req->route = "/_sim";
  if (!is_loopback (req->client_host))
    {
      control_error (req, 403, "The control API answers on loopback only");
      return;
    }

  if (*rest == '\0' || g_str_equal (rest, "/"))
    handle_index (req);
  else if (g_str_equal (rest, "/limits"))
    handle_limits (req);
  else if (g_str_equal (rest, "/faults") || g_str_has_prefix (rest, "/faults/"))
    handle_faults (req, rest + strlen ("/faults"));
  else if (g_str_equal (rest, "/tokens") || g_str_has_prefix (rest, "/tokens/"))
    handle_tokens (req, rest + strlen ("/tokens"));
  else if (g_str_equal (rest, "/permissions"))
    handle_permissions (req);
  else if (g_str_has_prefix (rest, "/data/"))
    handle_data (req, rest + strlen ("/data/"));
  else if (g_str_has_prefix (rest, "/records/"))
    handle_records (req, rest + strlen ("/records/"));
  else if (g_str_equal (rest, "/clock"))
    handle_clock (req);
  else if (g_str_equal (rest, "/stats"))
    handle_stats (req);
  else if (g_str_equal (rest, "/config"))
    handle_config (req);
  else if (g_str_has_prefix (rest, "/sandbox"))
    handle_sandbox (req, rest + strlen ("/sandbox"));
  else
    control_error (req, 404, "No such control endpoint");
}
