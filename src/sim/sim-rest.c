/* sim-rest.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "sim-server-private.h"
#include "sim-util.h"
#include "sim-writer.h"

/* Everything under /services/data/vXX.X/ once the session is checked and
 * the call counted. */

static void
not_found (SimRequest *req)
{
  sim_request_error (req, 404, "NOT_FOUND", "The requested resource does not exist");
}

static void
method_not_allowed (SimRequest *req,
                    const char *allowed)
{
  g_autofree char *message = g_strdup_printf ("HTTP Method '%s' not allowed. Allowed are %s",
                                              req->method, allowed);

  sim_request_error (req, 405, "METHOD_NOT_ALLOWED", message);
}

static void
handle_resources (SimRequest *req)
{
  static const char *names[] = {
    "tooling", "metadata", "eclair", "folders", "prechatForms", "chatter", "tabs", "appMenu",
    "quickActions", "queryAll", "analytics", "search", "composite", "parameterizedSearch",
    "theme", "nouns", "event", "recent", "connect", "licensing", "limits", "process",
    "async-queries", "query", "match", "compactLayouts", "knowledgeManagement", "sobjects",
    "actions", "support", "jobs",
  };
  GString *body = g_string_new ("{");
  g_autofree char *identity = NULL;
  char user_id[19];

  req->route = "/services/data/vXX.X/";
  sim_make_id (user_id, "005", 1);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_string_append_printf (body, "\"%s\":\"/services/data/v%s/%s\",", names[i], req->version, names[i]);
  identity = g_strdup_printf ("%s/id/%s/%s", req->server->base_url, req->server->store->org_id, user_id);
  g_string_append (body, "\"identity\":");
  sim_json_append_string (body, identity, -1);
  g_string_append_c (body, '}');
  sim_request_json (req, 200, body);
}

static void
append_limit (GString    *body,
              const char *name,
              gint64      max,
              gint64      remaining)
{
  g_string_append_printf (body, "\"%s\":{\"Max\":%" G_GINT64_FORMAT ",\"Remaining\":%" G_GINT64_FORMAT "},",
                          name, max, remaining);
}

static void
handle_limits (SimRequest *req)
{
  SimServer *self = req->server;
  guint64 used = sim_counter_used (&self->counter, sim_server_now (self));
  gint64 max = self->counter.limit;
  GString *body;

  req->route = "/services/data/vXX.X/limits";
  if (!self->store->perms.view_setup)
    {
      sim_request_error (req, 403, "INSUFFICIENT_ACCESS",
                         "The user does not have the View Setup and Configuration permission");
      return;
    }

  body = g_string_new ("{");
  append_limit (body, "ActiveScratchOrgs", 3, 3);
  append_limit (body, "ConcurrentAsyncGetReportInstances", 200, 200);
  append_limit (body, "ConcurrentSyncReportRuns", 20, 20);
  g_string_append_printf (body, "\"DailyApiRequests\":{\"Max\":%" G_GINT64_FORMAT ",\"Remaining\":%" G_GINT64_FORMAT
                          ",\"Org Sync\":{\"Max\":0,\"Remaining\":0},\"Salesforce CLI\":{\"Max\":0,\"Remaining\":0}},",
                          max, MAX (0, max - (gint64) used));
  append_limit (body, "DailyAsyncApexExecutions", 250000, 250000);
  append_limit (body, "DailyBulkApiBatches", 15000, 15000);
  append_limit (body, "DailyBulkV2QueryFileStorageMB", 976562, 976562);
  append_limit (body, "DailyBulkV2QueryJobs", 10000, MAX (0, 10000 - (gint64) self->bulk_jobs_created));
  append_limit (body, "DailyStreamingApiEvents", 10000, 10000);
  append_limit (body, "DataStorageMB", 5, 4);
  append_limit (body, "FileStorageMB", 20, 20);
  append_limit (body, "HourlyDashboardRefreshes", 200, 200);
  append_limit (body, "MassEmail", 10, 10);
  g_string_append (body, "\"PermissionSets\":{\"Max\":1500,\"Remaining\":1497,"
                         "\"CreateCustom\":{\"Max\":1000,\"Remaining\":997}},");
  append_limit (body, "SingleEmail", 15, 15);
  g_string_truncate (body, body->len - 1);
  g_string_append_c (body, '}');
  sim_request_json (req, 200, body);
}

/* /limits/recordCount: live records per object, without the recycle bin. Like
 * Salesforce, names the org does not have are left out; without sObjects, every
 * data object is listed. */
static void
handle_record_count (SimRequest *req)
{
  SimServer *self = req->server;
  const char *param = sim_request_param (req, "sObjects");
  g_auto(GStrv) names = param != NULL ? g_strsplit (param, ",", -1) : NULL;
  GString *body;
  gboolean first = TRUE;

  req->route = "/services/data/vXX.X/limits/recordCount";
  if (!self->store->perms.view_setup)
    {
      sim_request_error (req, 403, "INSUFFICIENT_ACCESS",
                         "The user does not have the View Setup and Configuration permission");
      return;
    }

  body = g_string_new ("{\"sObjects\":[");
  for (guint i = 0; i < self->schema->objects->len; i++)
    {
      SimObject *object = g_ptr_array_index (self->schema->objects, i);
      gboolean wanted = names == NULL;

      for (guint j = 0; names != NULL && names[j] != NULL && !wanted; j++)
        wanted = g_ascii_strcasecmp (names[j], object->name) == 0;
      if (!wanted || object->kind != SIM_OBJECT_DATA)
        continue;

      g_string_append_printf (body, "%s{\"count\":%" G_GUINT64_FORMAT ",\"name\":", first ? "" : ",",
                              sim_table_live_count (sim_store_table (self->store, object)));
      sim_json_append_string (body, object->name, -1);
      g_string_append_c (body, '}');
      first = FALSE;
    }
  g_string_append (body, "]}");
  sim_request_json (req, 200, body);
}

/*
 * sObject rows
 */

static SimObject *
lookup_object (SimRequest *req,
               const char *name)
{
  SimObject *object = sim_schema_lookup (req->server->schema, name);

  if (object == NULL || !(sim_store_object_access (req->server->store, object) & SIM_ACCESS_READ))
    return NULL;
  return object;
}

static gboolean
json_to_value (JsonNode  *node,
               SimField  *field,
               SimValue  *value,
               char     **error_message)
{
  memset (value, 0, sizeof *value);

  if (JSON_NODE_HOLDS_NULL (node))
    {
      value->kind = SIM_VALUE_NULL;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node))
    goto bad;

  switch (field->type)
    {
    case SIM_TYPE_BOOLEAN:
      if (json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        goto bad;
      value->kind = SIM_VALUE_BOOL;
      value->i = json_node_get_boolean (node);
      return TRUE;

    case SIM_TYPE_INT:
    case SIM_TYPE_DOUBLE:
    case SIM_TYPE_CURRENCY:
    case SIM_TYPE_PERCENT:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        {
          char *end;

          value->d = g_ascii_strtod (json_node_get_string (node), &end);
          if (*end != '\0')
            goto bad;
        }
      else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        goto bad;
      else
        value->d = json_node_get_double (node);
      if (field->type == SIM_TYPE_INT)
        {
          value->kind = SIM_VALUE_INT;
          value->i = (gint64) value->d;
        }
      else
        value->kind = SIM_VALUE_DOUBLE;
      return TRUE;

    case SIM_TYPE_DATE:
    case SIM_TYPE_DATETIME:
      {
        gboolean date_only;
        gint64 ms;

        if (json_node_get_value_type (node) != G_TYPE_STRING ||
            !sim_parse_datetime (json_node_get_string (node), &ms, &date_only))
          goto bad;
        if (field->type == SIM_TYPE_DATE)
          {
            value->kind = SIM_VALUE_DATE;
            value->i = ms / 86400000;
          }
        else
          {
            value->kind = SIM_VALUE_DATETIME;
            value->i = ms;
          }
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
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        {
          const char *s = json_node_get_string (node);

          if (field->length > 0 && g_utf8_strlen (s, -1) > field->length)
            {
              *error_message = g_strdup_printf ("%s: data value too large: %s (max length=%d)",
                                                field->label, s, field->length);
              return FALSE;
            }
          value->kind = SIM_VALUE_STRING;
          value->str = s;
          value->len = strlen (s);
          return TRUE;
        }
      goto bad;
    }

bad:
  *error_message = g_strdup_printf ("Cannot deserialize instance of %s from %s value or request "
                                    "may be missing a required field", sim_field_type_name (field->type),
                                    JSON_NODE_HOLDS_VALUE (node) &&
                                    json_node_get_value_type (node) == G_TYPE_STRING ? "VALUE_STRING" : "value");
  return FALSE;
}

static void
field_error (SimRequest *req,
             const char *error_code,
             const char *message,
             GPtrArray  *fields)
{
  GString *body = g_string_new ("[{\"message\":");

  sim_json_append_string (body, message, -1);
  g_string_append (body, ",\"errorCode\":");
  sim_json_append_string (body, error_code, -1);
  g_string_append (body, ",\"fields\":[");
  for (guint i = 0; fields && i < fields->len; i++)
    {
      if (i > 0)
        g_string_append_c (body, ',');
      sim_json_append_string (body, fields->pdata[i], -1);
    }
  g_string_append (body, "]}]");
  sim_request_json (req, 400, body);
}

/* Validates every field first, so that a bad request changes nothing. */
static gboolean
apply_fields (SimRequest *req,
              SimTable   *table,
              JsonObject *fields,
              gboolean    create,
              GArray     *values_out,
              GPtrArray  *fields_out)
{
  g_autoptr(GList) members = json_object_get_members (fields);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      SimField *field;
      SimValue value;
      g_autofree char *message = NULL;

      if (g_str_equal (name, "attributes"))
        continue;
      field = sim_object_lookup_field (table->object, name);
      if (field == NULL)
        {
          message = g_strdup_printf ("No such column '%s' on sobject of type %s", name, table->object->name);
          sim_request_error (req, 400, "INVALID_FIELD", message);
          return FALSE;
        }
      if (create ? !field->createable : !field->updateable)
        {
          g_autoptr(GPtrArray) names = g_ptr_array_new ();

          g_ptr_array_add (names, field->name);
          message = g_strdup_printf ("Unable to create/update fields: %s. Please check the security "
                                     "settings of this field and verify that it is read/write for "
                                     "your profile or permission set.", field->name);
          field_error (req, "INVALID_FIELD_FOR_INSERT_UPDATE", message, names);
          return FALSE;
        }
      if (!json_to_value (json_object_get_member (fields, name), field, &value, &message))
        {
          sim_request_error (req, 400, field->length && strstr (message, "too large") ?
                             "STRING_TOO_LONG" : "JSON_PARSER_ERROR", message);
          return FALSE;
        }
      if (value.kind == SIM_VALUE_NULL && !field->nillable)
        {
          g_autoptr(GPtrArray) names = g_ptr_array_new ();

          g_ptr_array_add (names, field->name);
          message = g_strdup_printf ("Required fields are missing: [%s]", field->name);
          field_error (req, "REQUIRED_FIELD_MISSING", message, names);
          return FALSE;
        }
      g_array_append_val (values_out, value);
      g_ptr_array_add (fields_out, field);
    }

  if (create)
    {
      g_autoptr(GPtrArray) missing = g_ptr_array_new ();

      for (guint i = 0; i < table->object->fields->len; i++)
        {
          SimField *field = g_ptr_array_index (table->object->fields, i);

          if (!field->nillable && !field->defaulted && field->createable &&
              field->type != SIM_TYPE_BOOLEAN && !g_ptr_array_find (fields_out, field, NULL))
            g_ptr_array_add (missing, field->name);
        }
      if (missing->len > 0)
        {
          g_autoptr(GString) message = g_string_new ("Required fields are missing: [");

          for (guint i = 0; i < missing->len; i++)
            g_string_append_printf (message, "%s%s", i ? ", " : "", (char *) missing->pdata[i]);
          g_string_append_c (message, ']');
          field_error (req, "REQUIRED_FIELD_MISSING", message->str, missing);
          return FALSE;
        }
    }

  return TRUE;
}

JsonObject *
sim_request_body_object (SimRequest *req,
                         JsonParser *parser)
{
  g_autoptr(GError) error = NULL;
  gsize len = req->body ? g_bytes_get_size (req->body) : 0;
  JsonNode *root;

  if (len == 0 || !sim_json_load (parser, g_bytes_get_data (req->body, NULL), len, &error))
    {
      sim_request_error (req, 400, "JSON_PARSER_ERROR",
                         error ? error->message : "The request body is empty");
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      sim_request_error (req, 400, "JSON_PARSER_ERROR", "Expected a JSON object");
      return NULL;
    }
  return json_node_get_object (root);
}

static void
store_values (SimServer *self,
              SimTable  *table,
              guint64    index,
              GArray    *values,
              GPtrArray *fields)
{
  for (guint i = 0; i < values->len; i++)
    sim_store_set_value (table, index, fields->pdata[i], &g_array_index (values, SimValue, i));
  sim_store_touch (self->store, table, index, sim_server_now (self));
  sim_server_schedule_save (self);
}

static void
handle_create (SimRequest *req,
               SimObject  *object)
{
  SimServer *self = req->server;
  SimTable *table = sim_store_table (self->store, object);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (SimValue));
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  JsonObject *body;
  guint64 index;
  char id[19];
  GString *response;

  req->route = "/services/data/vXX.X/sobjects/{object}";
  if (!object->writable || !(sim_store_object_access (self->store, object) & SIM_ACCESS_CREATE))
    {
      sim_request_error (req, 400, "INSUFFICIENT_ACCESS_OR_READONLY", "insufficient access rights on object id");
      return;
    }
  body = sim_request_body_object (req, parser);
  if (body == NULL || !apply_fields (req, table, body, TRUE, values, fields))
    return;

  index = sim_store_create (self->store, table, sim_server_now (self));
  store_values (self, table, index, values, fields);
  sim_make_id (id, object->key_prefix, index + 1);

  response = g_string_new ("{\"id\":");
  sim_json_append_string (response, id, -1);
  g_string_append (response, ",\"success\":true,\"errors\":[]}");
  sim_request_json (req, 201, response);
}

static gboolean
find_row (SimRequest *req,
          SimObject  *object,
          const char *id,
          guint64    *index_out)
{
  SimTable *table = sim_store_table (req->server->store, object);

  if (!sim_table_index_from_id (table, id, index_out) || !sim_table_exists (table, *index_out))
    {
      not_found (req);
      return FALSE;
    }
  if (sim_table_is_deleted (table, *index_out))
    {
      sim_request_error (req, 404, "ENTITY_IS_DELETED", "entity is deleted");
      return FALSE;
    }
  return TRUE;
}

static void
handle_row_get (SimRequest *req,
                SimObject  *object,
                guint64     index)
{
  SimTable *table = sim_store_table (req->server->store, object);
  const char *fields_param = sim_request_param (req, "fields");
  GString *body = g_string_sized_new (4096);
  SimRow row;

  sim_row_init (&row, req->server->store, table, index);
  if (fields_param == NULL)
    sim_write_full_record (body, &row, req->version);
  else
    {
      g_auto(GStrv) names = g_strsplit (fields_param, ",", -1);
      char id[19];

      sim_row_id (&row, id);
      g_string_append_c (body, '{');
      sim_write_attributes (body, object, id, req->version);
      for (guint i = 0; names[i] != NULL; i++)
        {
          SimField *field = sim_object_lookup_field (object, g_strstrip (names[i]));

          if (field == NULL)
            {
              g_autofree char *message = g_strdup_printf ("No such column '%s' on sobject of type %s",
                                                          names[i], object->name);

              g_string_free (body, TRUE);
              sim_request_error (req, 400, "INVALID_FIELD", message);
              return;
            }
          g_string_append_printf (body, ",\"%s\":", field->name);
          sim_write_value_json (body, &row, field, req->version);
        }
      g_string_append_c (body, '}');
    }
  sim_request_json (req, 200, body);
}

static void
handle_row (SimRequest *req,
            SimObject  *object,
            const char *id)
{
  SimServer *self = req->server;
  SimTable *table = sim_store_table (self->store, object);
  guint access = sim_store_object_access (self->store, object);
  guint64 index;

  req->route = "/services/data/vXX.X/sobjects/{object}/{id}";
  if (!find_row (req, object, id, &index))
    return;

  if (g_str_equal (req->method, "GET"))
    handle_row_get (req, object, index);
  else if (g_str_equal (req->method, "PATCH"))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (SimValue));
      g_autoptr(GPtrArray) fields = g_ptr_array_new ();
      JsonObject *body;

      if (!object->writable || !(access & SIM_ACCESS_EDIT))
        {
          sim_request_error (req, 400, "INSUFFICIENT_ACCESS_OR_READONLY", "insufficient access rights on object id");
          return;
        }
      body = sim_request_body_object (req, parser);
      if (body == NULL || !apply_fields (req, table, body, FALSE, values, fields))
        return;
      store_values (self, table, index, values, fields);
      req->status = 204;
    }
  else if (g_str_equal (req->method, "DELETE"))
    {
      if (!object->writable || !(access & SIM_ACCESS_DELETE))
        {
          sim_request_error (req, 400, "INSUFFICIENT_ACCESS_OR_READONLY", "insufficient access rights on object id");
          return;
        }
      sim_store_delete (self->store, table, index, sim_server_now (self));
      sim_server_schedule_save (self);
      req->status = 204;
    }
  else
    method_not_allowed (req, "GET,HEAD,PATCH,DELETE");
}

/*
 * getUpdated / getDeleted
 */

static gboolean
replication_window (SimRequest *req,
                    gint        max_days,
                    gint64     *start_out,
                    gint64     *end_out)
{
  const char *start = sim_request_param (req, "start");
  const char *end = sim_request_param (req, "end");
  gint64 now = sim_server_now (req->server);

  if (start == NULL || end == NULL || !sim_parse_datetime (start, start_out, NULL) ||
      !sim_parse_datetime (end, end_out, NULL))
    {
      sim_request_error (req, 400, "INVALID_REPLICATION_DATE",
                         "start and end must be ISO-8601 dateTime values");
      return FALSE;
    }

  /* Seconds are ignored: the window works on whole minutes. */
  *start_out -= *start_out % 60000;
  *end_out -= *end_out % 60000;
  *end_out = MIN (*end_out, now - now % 60000);
  if (*start_out >= *end_out)
    {
      sim_request_error (req, 400, "INVALID_REPLICATION_DATE", "startDate must chronologically precede endDate");
      return FALSE;
    }
  if (*start_out < now - (gint64) max_days * 86400000)
    {
      g_autofree char *message = g_strdup_printf ("startDate cannot be more than %d days ago", max_days);

      sim_request_error (req, 400, "INVALID_REPLICATION_DATE", message);
      return FALSE;
    }
  return TRUE;
}

static void
handle_updated (SimRequest *req,
                SimObject  *object)
{
  SimServer *self = req->server;
  SimTable *table = sim_store_table (self->store, object);
  SimField *stamp = sim_object_lookup_field (object, "SystemModstamp");
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint64));
  gint64 start, end;
  GString *body;
  guint64 first = 0;

  req->route = "/services/data/vXX.X/sobjects/{object}/updated";
  if (stamp == NULL || !replication_window (req, 30, &start, &end))
    return;

  /* Generated records were last modified before the data epoch. */
  if (start >= self->store->epoch_ms)
    first = table->n_generated;
  for (guint64 i = 0; i < sim_table_size (table); i++)
    {
      SimRow row;
      SimValue v;

      if (i < first && sim_table_overlay (table, i) == NULL)
        continue;
      if (!sim_table_exists (table, i) || sim_table_is_deleted (table, i))
        continue;
      sim_row_init (&row, self->store, table, i);
      sim_row_get (&row, stamp, &v);
      if (v.kind == SIM_VALUE_DATETIME && v.i >= start && v.i < end)
        g_array_append_val (ids, i);
      if ((gint64) ids->len > self->config.id_limit)
        {
          sim_request_error (req, 400, "EXCEEDED_ID_LIMIT",
                             "ID limit exceeded: narrow the start and end dates");
          return;
        }
    }

  body = g_string_new ("{\"ids\":[");
  for (guint i = 0; i < ids->len; i++)
    {
      char id[19];

      sim_make_id (id, object->key_prefix, g_array_index (ids, guint64, i) + 1);
      g_string_append_printf (body, "%s\"%s\"", i ? "," : "", id);
    }
  g_string_append (body, "],\"latestDateCovered\":\"");
  sim_append_datetime (body, end, FALSE);
  g_string_append (body, "\"}");
  sim_request_json (req, 200, body);
}

static void
handle_deleted (SimRequest *req,
                SimObject  *object)
{
  SimServer *self = req->server;
  SimTable *table = sim_store_table (self->store, object);
  gint64 start, end, now = sim_server_now (self);
  gint64 earliest = MAX (now - 15 * G_GINT64_CONSTANT (86400000), table->purge_horizon_ms);
  GString *body;
  GHashTableIter iter;
  gpointer key, value;
  gboolean first = TRUE;

  req->route = "/services/data/vXX.X/sobjects/{object}/deleted";
  if (!replication_window (req, 15, &start, &end))
    return;

  earliest -= earliest % 60000;
  body = g_string_new ("{\"deletedRecords\":[");
  g_hash_table_iter_init (&iter, table->overlays);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      SimOverlay *overlay = value;
      char id[19];

      if (!(overlay->flags & SIM_OVERLAY_DELETED) || overlay->deleted_at < start || overlay->deleted_at >= end)
        continue;
      sim_make_id (id, object->key_prefix, *(guint64 *) key + 1);
      g_string_append_printf (body, "%s{\"id\":\"%s\",\"deletedDate\":\"", first ? "" : ",", id);
      sim_append_datetime (body, overlay->deleted_at, FALSE);
      g_string_append (body, "\"}");
      first = FALSE;
    }
  g_string_append (body, "],\"earliestDateAvailable\":\"");
  sim_append_datetime (body, earliest, FALSE);
  g_string_append (body, "\",\"latestDateCovered\":\"");
  sim_append_datetime (body, end, FALSE);
  g_string_append (body, "\"}");
  sim_request_json (req, 200, body);
}

static void
handle_sobjects (SimRequest *req,
                 const char *rest)
{
  g_auto(GStrv) parts = NULL;
  SimObject *object;
  guint n;

  if (*rest == '\0' || g_str_equal (rest, "/"))
    {
      req->route = "/services/data/vXX.X/sobjects";
      if (!g_str_equal (req->method, "GET"))
        method_not_allowed (req, "GET,HEAD");
      else
        sim_describe_global (req);
      return;
    }

  parts = g_strsplit (rest + 1, "/", -1);
  n = g_strv_length (parts);
  if (n > 0 && *parts[n - 1] == '\0')
    n--;

  object = lookup_object (req, parts[0]);
  if (object == NULL)
    {
      req->route = "/services/data/vXX.X/sobjects/{unknown}";
      not_found (req);
      return;
    }

  if (n == 1)
    {
      req->route = "/services/data/vXX.X/sobjects/{object}";
      if (g_str_equal (req->method, "POST"))
        handle_create (req, object);
      else if (g_str_equal (req->method, "GET"))
        sim_describe_object (req, object, FALSE);
      else
        method_not_allowed (req, "GET,HEAD,POST");
    }
  else if (n == 2 && g_str_equal (parts[1], "describe"))
    {
      req->route = "/services/data/vXX.X/sobjects/{object}/describe";
      sim_describe_object (req, object, TRUE);
    }
  else if (n == 2 && g_str_equal (parts[1], "updated"))
    handle_updated (req, object);
  else if (n == 2 && g_str_equal (parts[1], "deleted"))
    handle_deleted (req, object);
  else if (n == 2)
    handle_row (req, object, parts[1]);
  else
    not_found (req);
}

void
sim_rest_handle (SimRequest *req,
                 const char *rest)
{
  if (*rest == '\0' || g_str_equal (rest, "/"))
    handle_resources (req);
  else if (g_str_equal (rest, "/limits") || g_str_equal (rest, "/limits/"))
    handle_limits (req);
  else if (g_str_equal (rest, "/limits/recordCount"))
    handle_record_count (req);
  else if (g_str_equal (rest, "/sobjects") || g_str_has_prefix (rest, "/sobjects/"))
    handle_sobjects (req, rest + strlen ("/sobjects"));
  else if (g_str_equal (rest, "/query") || g_str_equal (rest, "/query/"))
    sim_query_handle (req, FALSE);
  else if (g_str_equal (rest, "/queryAll") || g_str_equal (rest, "/queryAll/"))
    sim_query_handle (req, TRUE);
  else if (g_str_has_prefix (rest, "/query/"))
    sim_query_more (req, rest + strlen ("/query/"), FALSE);
  else if (g_str_has_prefix (rest, "/queryAll/"))
    sim_query_more (req, rest + strlen ("/queryAll/"), TRUE);
  else if (g_str_equal (rest, "/composite") || g_str_equal (rest, "/composite/"))
    sim_composite_handle (req);
  else if (g_str_equal (rest, "/composite/batch"))
    sim_composite_batch_handle (req);
  else if (g_str_equal (rest, "/jobs/query") || g_str_has_prefix (rest, "/jobs/query/"))
    sim_bulk_handle (req, rest + strlen ("/jobs/query"));
  else
    {
      req->route = "/services/data/vXX.X/unknown";
      not_found (req);
    }
}
