/* sim-query.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sim-server-private.h"
#include "sim-util.h"
#include "sim-writer.h"

/* /query and /queryAll: the first page, then nextRecordsUrl pages served
 * from a cursor that holds the matching record numbers (4 bytes a row). */

#define DEFAULT_BATCH 2000
#define MIN_BATCH 200
#define MAX_BATCH 2000

void
sim_cursor_free (SimCursor *cursor)
{
  g_free (cursor->id);
  g_free (cursor->rows);
  g_free (cursor->version);
  g_clear_pointer (&cursor->query, sim_soql_query_free);
  g_free (cursor);
}

static guint
batch_size (SimRequest   *req,
            SimSoqlQuery *query)
{
  const char *options = soup_message_headers_get_one (req->headers, "Sforce-Query-Options");
  guint size = DEFAULT_BATCH;

  if (options != NULL)
    {
      const char *p = strstr (options, "batchSize=");

      if (p != NULL)
        size = CLAMP (atoi (p + strlen ("batchSize=")), MIN_BATCH, MAX_BATCH);
    }

  /* Two or more long text areas cap a page at 200 records. */
  if (query->n_long_text >= 2)
    size = MIN (size, 200);
  return size;
}

static void
expire_cursors (SimServer *self)
{
  gint64 now = sim_server_now (self);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->cursors);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      SimCursor *cursor = value;

      if (now - cursor->last_used_ms > self->config.locator_lifetime_s * 1000)
        g_hash_table_iter_remove (&iter);
    }
}

static void
write_page (SimRequest *req,
            SimCursor  *cursor,
            guint       offset,
            gboolean    all_rows)
{
  SimServer *self = req->server;
  SimTable *table = sim_store_table (self->store, cursor->query->object);
  guint end = MIN (offset + cursor->batch_size, cursor->n_rows);
  GString *out = g_string_sized_new ((gsize) (end - offset) * (64 + 40 * cursor->query->columns->len) + 256);

  g_string_append_printf (out, "{\"totalSize\":%u,\"done\":%s,", cursor->n_rows, end >= cursor->n_rows ? "true" : "false");
  if (end < cursor->n_rows)
    g_string_append_printf (out, "\"nextRecordsUrl\":\"/services/data/v%s/%s/%s-%u\",",
                            req->version, all_rows ? "queryAll" : "query", cursor->id, end);
  g_string_append (out, "\"records\":[");
  for (guint i = offset; i < end; i++)
    {
      SimRow row;

      if (i > offset)
        g_string_append_c (out, ',');
      sim_row_init (&row, self->store, table, cursor->rows[i]);
      sim_write_record_json (out, &row, cursor->query->select, req->version);
    }
  g_string_append (out, "]}");
  sim_request_json (req, 200, out);
}

void
sim_query_handle (SimRequest *req,
                  gboolean    all_rows)
{
  SimServer *self = req->server;
  const char *q = sim_request_param (req, "q");
  g_autoptr(GError) error = NULL;
  g_autoptr(SimSoqlQuery) query = NULL;
  g_autoptr(GArray) rows = NULL;
  SimCursor *cursor;
  char id[19];

  req->route = all_rows ? "/services/data/vXX.X/queryAll" : "/services/data/vXX.X/query";
  if (!g_str_equal (req->method, "GET"))
    {
      sim_request_error (req, 405, "METHOD_NOT_ALLOWED",
                         "HTTP Method 'POST' not allowed. Allowed are GET,HEAD");
      return;
    }

  query = sim_soql_parse (self->store, q, sim_server_now (self), &error);
  if (query == NULL)
    {
      sim_request_error (req, 400, sim_soql_error_code (error), error->message);
      return;
    }

  rows = sim_soql_execute (query, self->store, all_rows);
  if (query->count_only)
    {
      GString *out = g_string_new (NULL);

      g_string_append_printf (out, "{\"totalSize\":%u,\"done\":true,\"records\":[]}", rows->len);
      sim_request_json (req, 200, out);
      return;
    }

  expire_cursors (self);
  cursor = g_new0 (SimCursor, 1);
  sim_make_id (id, "01g", self->next_cursor++);
  cursor->id = g_strndup (id, 15);
  cursor->n_rows = rows->len;
  cursor->rows = (guint32 *) g_array_free (g_steal_pointer (&rows), FALSE);
  cursor->version = g_strdup (req->version);
  cursor->query = g_steal_pointer (&query);
  cursor->all_rows = all_rows;
  cursor->batch_size = batch_size (req, cursor->query);
  cursor->last_used_ms = sim_server_now (self);

  write_page (req, cursor, 0, all_rows);

  if (cursor->n_rows > cursor->batch_size)
    g_hash_table_insert (self->cursors, cursor->id, cursor);
  else
    sim_cursor_free (cursor);
}

void
sim_query_more (SimRequest *req,
                const char *locator,
                gboolean    all_rows)
{
  SimServer *self = req->server;
  g_autofree char *id = g_strdup (locator);
  char *dash = strrchr (id, '-');
  SimCursor *cursor = NULL;
  char *end = NULL;
  guint64 offset = 0;

  req->route = all_rows ? "/services/data/vXX.X/queryAll/{locator}" : "/services/data/vXX.X/query/{locator}";
  expire_cursors (self);
  if (dash != NULL)
    {
      *dash = '\0';
      offset = g_ascii_strtoull (dash + 1, &end, 10);
      cursor = g_hash_table_lookup (self->cursors, id);
    }

  if (cursor == NULL || end == dash + 1 || *end != '\0' || offset > cursor->n_rows)
    {
      sim_request_error (req, 400, "INVALID_QUERY_LOCATOR", "invalid query locator");
      return;
    }

  cursor->last_used_ms = sim_server_now (self);
  {
    guint size = batch_size (req, cursor->query);

    /* A later page may ask for a different batch size. */
    if (soup_message_headers_get_one (req->headers, "Sforce-Query-Options") != NULL)
      cursor->batch_size = size;
  }
  write_page (req, cursor, (guint) offset, all_rows);
}
