/* sf-query.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-client-private.h"
#include "sf-json-private.h"
#include "sf-query-private.h"
#include "sf-record-batch-private.h"

/* A query or queryAll as a page iterator (reference §4): each page is parsed
 * on a worker thread into an SfRecordBatch, nextRecordsUrl is followed
 * verbatim, an expired locator is resumed from the caller's position, and a
 * SELECT too wide for one URL is split into parts joined on Id. */

/* Rows whose other parts one request fetches by `Id IN (…)`: ~26 encoded
 * characters each, so 300 leave most of a URL for the field list. */
#define IDS_PER_PART_REQUEST 300
/* Consecutive restarts after INVALID_QUERY_LOCATOR without a page between. */
#define MAX_RESTARTS_WITHOUT_PROGRESS 3

struct _SfQuery
{
  GObject            parent_instance;

  SfClient          *client;
  SfSoqlBuilder     *builder;
  char              *soql;
  SfQueryFlags       flags;
  guint              batch_size;

  GStrv              names;       /* output columns, or NULL to learn them */
  SfFieldType       *types;

  GPtrArray         *parts;       /* GStrv field lists when split; NULL if not */

  char              *next_url;
  gint64             total_size;
  guint64            records;
  guint              restarts;
  guint              restarts_in_a_row;
  guint              started : 1;
  guint              done : 1;
  guint              busy : 1;

  SfQueryResumeFunc  resume;
  gpointer           resume_data;
  GDestroyNotify     resume_destroy;
};

G_DEFINE_FINAL_TYPE (SfQuery, sf_query, G_TYPE_OBJECT)

typedef SfQueryPage Page;

typedef struct
{
  GStrv        names;
  SfFieldType *types;
} PageParse;

void
_sf_query_page_free (SfQueryPage *page)
{
  if (page == NULL)
    return;

  g_clear_pointer (&page->batch, sf_record_batch_unref);
  g_free (page->next_url);
  g_free (page);
}

static void
page_parse_free (PageParse *parse)
{
  g_strfreev (parse->names);
  g_free (parse->types);
  g_free (parse);
}

static PageParse *
page_parse_new (const char * const *names,
                const SfFieldType  *types)
{
  PageParse *parse = g_new0 (PageParse, 1);
  guint n = names ? g_strv_length ((char **) names) : 0;

  parse->names = g_strdupv ((char **) names);
  if (types != NULL)
    parse->types = g_memdup2 (types, sizeof (SfFieldType) * MAX (n, 1));

  return parse;
}

/**
 * _sf_query_page_parse:
 * @body: the body of a query response
 * @known_names: (nullable): the columns, or %NULL to learn them from the first record
 * @types: (nullable): one type per column of @known_names
 *
 * Returns: (transfer full): the page, or %NULL with @error set
 */
SfQueryPage *
_sf_query_page_parse (GBytes             *body,
                      const char * const *known_names,
                      const SfFieldType  *types,
                      GError            **error)
{
  g_autoptr(JsonNode) root = _sf_parse_json_object (body, (gpointer) "query", error);
  g_auto(GStrv) learned = NULL;
  JsonObject *object;
  JsonArray *records;
  JsonNode *node;
  Page *page;

  if (root == NULL)
    return NULL;

  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  node = object ? json_object_get_member (object, "records") : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) || !json_object_has_member (object, "done"))
    {
      g_set_error_literal (error, SF_ERROR, SF_ERROR_INVALID_RESPONSE,
                           "The query response has no records or no done");
      return NULL;
    }

  records = json_node_get_array (node);
  page = g_new0 (Page, 1);
  page->done = _sf_json_get_boolean (object, "done", TRUE);
  page->total_size = _sf_json_get_int (object, "totalSize", -1);
  page->next_url = g_strdup (_sf_json_get_string (object, "nextRecordsUrl"));

  if (known_names == NULL && json_array_get_length (records) > 0 &&
      JSON_NODE_HOLDS_OBJECT (json_array_get_element (records, 0)))
    learned = _sf_json_record_get_columns (json_array_get_object_element (records, 0));

  {
    const char * const *names = known_names ? known_names : (const char * const *) learned;
    guint n = names ? g_strv_length ((char **) names) : 0;

    page->batch = _sf_record_batch_new (names ? names : (const char * const *) &names,
                                        known_names ? types : NULL, n);
  }

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonNode *record = json_array_get_element (records, i);

      if (JSON_NODE_HOLDS_OBJECT (record))
        _sf_record_batch_add_json_record (page->batch, json_node_get_object (record));
    }

  return page;
}

/* Worker thread: JSON → Page. */
static gpointer
parse_page (GBytes   *body,
            gpointer  data,
            GError  **error)
{
  PageParse *parse = data;

  return _sf_query_page_parse (body, (const char * const *) parse->names, parse->types, error);
}

/*
 * URL sizes and splitting
 */

static gsize
escaped_length (const char *text)
{
  gsize length = 0;

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    length += (g_ascii_isalnum (*p) || strchr ("-._~", *p)) ? 1 : 3;

  return length;
}

static const char *
endpoint (SfQuery *self)
{
  return (self->flags & SF_QUERY_FLAGS_ALL) ? "queryAll" : "query";
}

static gsize
url_length (SfQuery    *self,
            const char *soql)
{
  g_autofree char *prefix = NULL;
  g_autofree char *path = g_strdup_printf ("%s?q=", endpoint (self));

  prefix = _sf_client_build_data_url (self->client, path);
  return strlen (prefix) + escaped_length (soql);
}

static char *
build_part_soql (SfQuery            *self,
                 const char * const *fields,
                 const char * const *ids,
                 GError            **error)
{
  g_autoptr(SfSoqlBuilder) part = sf_soql_builder_new (sf_soql_builder_get_sobject (self->builder));

  for (guint i = 0; fields[i] != NULL; i++)
    sf_soql_builder_add_field (part, fields[i], SF_FIELD_TYPE_UNKNOWN);
  sf_soql_builder_where_string_in (part, "Id", ids);

  return sf_soql_builder_build (part, error);
}

/* The longest part query: IDS_PER_PART_REQUEST Ids of the longest form. */
static gsize
part_url_length (SfQuery            *self,
                 const char * const *fields)
{
  g_autofree const char **ids = g_new0 (const char *, IDS_PER_PART_REQUEST + 1);
  g_autofree char *soql = NULL;

  for (guint i = 0; i < IDS_PER_PART_REQUEST; i++)
    ids[i] = "001000000000000AAA";
  soql = build_part_soql (self, fields, ids, NULL);

  return soql ? url_length (self, soql) : G_MAXSIZE;
}

static gboolean
fits (SfQuery    *self,
      GPtrArray  *fields,
      gboolean    first)
{
  g_autofree char *soql = NULL;

  g_ptr_array_add (fields, NULL);
  if (first)
    soql = sf_soql_builder_build_with_fields (self->builder, (const char * const *) fields->pdata,
                                              NULL, TRUE, NULL);
  g_ptr_array_remove_index (fields, fields->len - 1);

  if (first)
    return soql != NULL && url_length (self, soql) <= SF_QUERY_MAX_URL_LENGTH;

  g_ptr_array_add (fields, NULL);
  {
    gboolean ok = part_url_length (self, (const char * const *) fields->pdata) <= SF_QUERY_MAX_URL_LENGTH;

    g_ptr_array_remove_index (fields, fields->len - 1);
    return ok;
  }
}

static GStrv
steal_strv (GPtrArray *fields)
{
  g_ptr_array_add (fields, NULL);
  return (GStrv) g_ptr_array_free (fields, FALSE);
}

/* Fills parts greedily in SELECT order; each part starts with Id. */
static gboolean
plan_parts (SfQuery  *self,
            GError  **error)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GPtrArray *current = NULL;
  guint n = sf_soql_builder_get_n_fields (self->builder);
  gboolean has_id = FALSE;

  for (guint i = 0; i < n; i++)
    has_id |= g_ascii_strcasecmp (sf_soql_builder_get_field (self->builder, i), "Id") == 0;

  if (!has_id)
    {
      g_set_error_literal (error, SF_ERROR, SF_ERROR_URI_TOO_LONG,
                           "The query is too long for one request and selects no Id to split on; "
                           "use a Bulk API query");
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      const char *field = sf_soql_builder_get_field (self->builder, i);

      if (g_ascii_strcasecmp (field, "Id") == 0)
        continue;

      if (current == NULL)
        {
          current = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (current, g_strdup ("Id"));
        }

      g_ptr_array_add (current, g_strdup (field));
      if (fits (self, current, parts->len == 0))
        continue;

      g_ptr_array_remove_index (current, current->len - 1);
      if (current->len == 1)
        {
          g_ptr_array_unref (current);
          g_set_error_literal (error, SF_ERROR, SF_ERROR_URI_TOO_LONG,
                               "The query's conditions alone are too long for one request; "
                               "use a Bulk API query");
          return FALSE;
        }

      g_ptr_array_add (parts, steal_strv (current));
      current = NULL;
      i--;
    }

  if (current != NULL)
    g_ptr_array_add (parts, steal_strv (current));
  if (parts->len == 0)
    g_ptr_array_add (parts, g_strdupv ((char *[]) { (char *) "Id", NULL }));

  g_debug ("Splitting a wide query of %s into %u parts joined on Id",
           sf_soql_builder_get_sobject (self->builder), parts->len);
  self->parts = g_steal_pointer (&parts);
  return TRUE;
}

/*
 * Fetching pages
 */

static SfRequest *
new_page_request (SfQuery     *self,
                  const char  *soql,
                  const char  *next_url,
                  PageParse   *parse,
                  GError     **error)
{
  g_autofree char *path = NULL;
  SfRequest *request;

  if (next_url != NULL)
    path = g_strdup (next_url);
  else
    {
      g_autofree char *escaped = g_uri_escape_string (soql, NULL, FALSE);

      path = g_strdup_printf ("%s?q=%s", endpoint (self), escaped);
    }

  if ((request = _sf_client_new_rest_request (self->client, "GET", path, error)) == NULL)
    {
      page_parse_free (parse);
      return NULL;
    }

  if (self->batch_size > 0)
    {
      g_autofree char *options = g_strdup_printf ("batchSize=%u", self->batch_size);

      _sf_request_add_header (request, "Sforce-Query-Options", options);
    }

  _sf_request_set_parser (request, parse_page, parse, (GDestroyNotify) page_parse_free,
                          (GDestroyNotify) _sf_query_page_free);
  return request;
}

typedef struct
{
  SfRecordBatch  *main;
  GPtrArray      *part_rows;    /* per part ≥ 1: GHashTable Id → SfValue* row */
  GPtrArray      *part_batches; /* keep the batches alive */
  guint           part;
  guint           offset;       /* next row of main to fetch for this part */
  char           *next_url;     /* of a part query that came in pages */
} Join;

static void
join_free (Join *join)
{
  g_clear_pointer (&join->main, sf_record_batch_unref);
  g_ptr_array_unref (join->part_rows);
  g_ptr_array_unref (join->part_batches);
  g_free (join->next_url);
  g_free (join);
}

static void fetch_next_part_chunk (GTask *task);
static void fetch_page (GTask *task);

static SfRecordBatch *
merge (SfQuery *self,
       Join    *join)
{
  guint n = sf_soql_builder_get_n_fields (self->builder);
  int main_id = sf_record_batch_find_column (join->main, "Id");
  g_autofree SfValue *row = g_new0 (SfValue, MAX (n, 1));
  SfRecordBatch *out = _sf_record_batch_new ((const char * const *) self->names, self->types, n);

  for (guint r = 0; r < sf_record_batch_get_n_rows (join->main); r++)
    {
      const char *id = _sf_record_batch_get_text (join->main, r, main_id);
      gboolean complete = id != NULL;

      for (guint c = 0; c < n && complete; c++)
        {
          const char *name = self->names[c];
          int column = sf_record_batch_find_column (join->main, name);

          if (column >= 0)
            {
              row[c] = *sf_record_batch_get_value (join->main, r, column);
              continue;
            }

          complete = FALSE;
          for (guint p = 0; p < join->part_batches->len; p++)
            {
              SfRecordBatch *batch = g_ptr_array_index (join->part_batches, p);
              GHashTable *rows = g_ptr_array_index (join->part_rows, p);
              int part_column = sf_record_batch_find_column (batch, name);
              gpointer part_row;

              if (part_column < 0 || !g_hash_table_lookup_extended (rows, id, NULL, &part_row))
                continue;

              row[c] = *sf_record_batch_get_value (batch, GPOINTER_TO_UINT (part_row), part_column);
              complete = TRUE;
              break;
            }
        }

      /* A row missing from another part was deleted or changed between the
       * requests; it comes again with the next incremental run. */
      if (complete)
        _sf_record_batch_append_row (out, row);
    }

  return out;
}

static void
part_page_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SfResponse) response = NULL;
  Join *join = g_object_get_data (G_OBJECT (task), "join");
  GError *error = NULL;
  Page *page;
  GHashTable *rows;
  int id_column;

  if ((response = _sf_client_send_finish (SF_CLIENT (object), result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  page = response->parsed;
  rows = g_hash_table_new (g_str_hash, g_str_equal);
  id_column = sf_record_batch_find_column (page->batch, "Id");
  for (guint r = 0; id_column >= 0 && r < sf_record_batch_get_n_rows (page->batch); r++)
    {
      const char *id = _sf_record_batch_get_text (page->batch, r, id_column);

      if (id != NULL)
        g_hash_table_insert (rows, (gpointer) id, GUINT_TO_POINTER (r));
    }

  g_ptr_array_add (join->part_batches, sf_record_batch_ref (page->batch));
  g_ptr_array_add (join->part_rows, rows);

  g_clear_pointer (&join->next_url, g_free);
  if (!page->done && page->next_url != NULL)
    join->next_url = g_strdup (page->next_url);

  fetch_next_part_chunk (task);
}

static void
fetch_next_part_chunk (GTask *task)
{
  SfQuery *self = g_task_get_source_object (task);
  Join *join = g_object_get_data (G_OBJECT (task), "join");
  g_autofree char *soql = NULL;
  g_autofree const char **ids = NULL;
  GError *error = NULL;
  SfRequest *request;
  const char * const *fields;
  guint n_rows = sf_record_batch_get_n_rows (join->main);
  int id_column = sf_record_batch_find_column (join->main, "Id");
  guint n = 0;

  if (join->next_url == NULL && join->offset >= n_rows)
    {
      join->part++;
      join->offset = 0;
    }

  if (join->part >= self->parts->len || n_rows == 0)
    {
      self->records += sf_record_batch_get_n_rows (join->main);
      g_task_return_pointer (task, merge (self, join), (GDestroyNotify) sf_record_batch_unref);
      return;
    }

  fields = g_ptr_array_index (self->parts, join->part);
  if (join->next_url == NULL)
    {
      ids = g_new0 (const char *, IDS_PER_PART_REQUEST + 1);
      for (; join->offset < n_rows && n < IDS_PER_PART_REQUEST; join->offset++)
        {
          const char *id = _sf_record_batch_get_text (join->main, join->offset, id_column);

          if (id != NULL)
            ids[n++] = id;
        }

      if (n == 0)
        {
          fetch_next_part_chunk (task);
          return;
        }

      if ((soql = build_part_soql (self, fields, ids, &error)) == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }

  request = new_page_request (self, soql, join->next_url,
                              page_parse_new (fields, NULL), &error);
  if (request == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  _sf_client_send_async (self->client, request, g_task_get_cancellable (task),
                         part_page_cb, g_object_ref (task));
}

static void
join_parts (GTask         *task,
            SfRecordBatch *main)
{
  Join *join = g_new0 (Join, 1);

  join->main = sf_record_batch_ref (main);
  join->part_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  join->part_batches = g_ptr_array_new_with_free_func ((GDestroyNotify) sf_record_batch_unref);
  join->part = 1;
  g_object_set_data_full (G_OBJECT (task), "join", join, (GDestroyNotify) join_free);

  fetch_next_part_chunk (task);
}

static gboolean
try_resume (GTask        *task,
            const GError *error)
{
  SfQuery *self = g_task_get_source_object (task);
  g_autoptr(SfSoqlBuilder) builder = NULL;

  if (!g_error_matches (error, SF_ERROR, SF_ERROR_INVALID_QUERY_LOCATOR) ||
      self->resume == NULL || self->restarts_in_a_row >= MAX_RESTARTS_WITHOUT_PROGRESS ||
      (builder = self->resume (self, self->resume_data)) == NULL)
    return FALSE;

  g_debug ("Query locator expired; resuming from the caller's position");
  sf_query_restart (self, builder);
  self->restarts_in_a_row++;
  fetch_page (task);
  return TRUE;
}

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SfQuery *self = g_task_get_source_object (task);
  g_autoptr(SfResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  Page *page;

  if ((response = _sf_client_send_finish (SF_CLIENT (object), result, &error)) == NULL)
    {
      if (!try_resume (task, error))
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  page = response->parsed;
  self->restarts_in_a_row = 0;
  self->total_size = page->total_size;
  g_clear_pointer (&self->next_url, g_free);
  self->next_url = g_strdup (page->next_url);
  self->done = page->done || page->next_url == NULL;

  if (self->parts != NULL && self->parts->len > 1)
    {
      join_parts (task, page->batch);
      return;
    }

  self->records += sf_record_batch_get_n_rows (page->batch);
  g_task_return_pointer (task, sf_record_batch_ref (page->batch), (GDestroyNotify) sf_record_batch_unref);
}

static char *
first_soql (SfQuery  *self,
            GError  **error)
{
  g_autofree char *soql = NULL;

  if (self->builder == NULL)
    soql = g_strdup (self->soql);
  else if (self->parts != NULL)
    soql = sf_soql_builder_build_with_fields (self->builder,
                                              g_ptr_array_index (self->parts, 0), NULL, TRUE, error);
  else
    soql = sf_soql_builder_build (self->builder, error);

  if (soql == NULL || url_length (self, soql) <= SF_QUERY_MAX_URL_LENGTH)
    return g_steal_pointer (&soql);

  if (self->builder == NULL || !(self->flags & SF_QUERY_FLAGS_SPLIT_WIDE))
    {
      g_set_error_literal (error, SF_ERROR, SF_ERROR_URI_TOO_LONG,
                           "The query is too long for one request; use a Bulk API query");
      return NULL;
    }

  if (!plan_parts (self, error))
    return NULL;

  return first_soql (self, error);
}

static void
fetch_page (GTask *task)
{
  SfQuery *self = g_task_get_source_object (task);
  g_autofree char *soql = NULL;
  GError *error = NULL;
  SfRequest *request;
  const char * const *names = (const char * const *) self->names;

  if (!self->started)
    {
      if ((soql = first_soql (self, &error)) == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      self->started = TRUE;
      if (self->parts != NULL)
        names = g_ptr_array_index (self->parts, 0);
    }
  else if (self->parts != NULL)
    names = g_ptr_array_index (self->parts, 0);

  request = new_page_request (self, soql, soql ? NULL : self->next_url,
                              page_parse_new (names, self->parts ? NULL : self->types), &error);
  if (request == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  _sf_client_send_async (self->client, request, g_task_get_cancellable (task),
                         page_cb, g_object_ref (task));
}

static void
busy_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  SfQuery *self = SF_QUERY (object);
  GError *error = NULL;
  SfRecordBatch *batch;

  self->busy = FALSE;
  batch = g_task_propagate_pointer (G_TASK (result), &error);
  if (batch == NULL && error != NULL)
    g_task_return_error (outer, error);
  else
    g_task_return_pointer (outer, batch, (GDestroyNotify) sf_record_batch_unref);
}

/**
 * sf_query_next_page_async:
 *
 * Fetches the next page. Pages come one at a time: do not call again before
 * the previous call finished.
 */
void
sf_query_next_page_async (SfQuery             *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SF_IS_QUERY (self));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, sf_query_next_page_async);

  if (self->busy)
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "A page of this query is already being fetched");
      return;
    }

  if (self->started && self->done)
    {
      g_task_return_pointer (outer, NULL, NULL);
      return;
    }

  self->busy = TRUE;
  task = g_task_new (self, cancellable, busy_done_cb, g_steal_pointer (&outer));
  fetch_page (task);
}

/**
 * sf_query_next_page_finish:
 *
 * Returns: (transfer full) (nullable): the next page, or %NULL without an
 *   error when the query has no more pages
 */
SfRecordBatch *
sf_query_next_page_finish (SfQuery       *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * Settings and state
 */

static void
set_columns_from_builder (SfQuery *self)
{
  guint n = sf_soql_builder_get_n_fields (self->builder);

  g_clear_pointer (&self->names, g_strfreev);
  g_clear_pointer (&self->types, g_free);
  self->names = g_new0 (char *, n + 1);
  self->types = g_new0 (SfFieldType, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      self->names[i] = g_strdup (sf_soql_builder_get_field (self->builder, i));
      self->types[i] = sf_soql_builder_get_field_type (self->builder, i);
    }
}

/**
 * sf_query_new:
 * @client: a signed-in client
 * @builder: the query; its fields (with their types) are the columns
 * @flags: #SfQueryFlags
 */
SfQuery *
sf_query_new (SfClient            *client,
              const SfSoqlBuilder *builder,
              SfQueryFlags         flags)
{
  SfQuery *self;

  g_return_val_if_fail (SF_IS_CLIENT (client), NULL);
  g_return_val_if_fail (builder != NULL, NULL);

  self = g_object_new (SF_TYPE_QUERY, NULL);
  self->client = g_object_ref (client);
  self->builder = sf_soql_builder_copy (builder);
  self->flags = flags;
  set_columns_from_builder (self);

  return self;
}

/**
 * sf_query_new_for_soql:
 * @soql: a SOQL statement; the caller answers for its contents
 *
 * For statements the builder cannot express (aggregates, setup objects). The
 * columns are learned from the first record unless
 * sf_query_set_column_types() names them.
 */
SfQuery *
sf_query_new_for_soql (SfClient     *client,
                       const char   *soql,
                       SfQueryFlags  flags)
{
  SfQuery *self;

  g_return_val_if_fail (SF_IS_CLIENT (client), NULL);
  g_return_val_if_fail (soql != NULL, NULL);

  self = g_object_new (SF_TYPE_QUERY, NULL);
  self->client = g_object_ref (client);
  self->soql = g_strdup (soql);
  self->flags = flags & ~SF_QUERY_FLAGS_SPLIT_WIDE;

  return self;
}

/**
 * sf_query_set_batch_size:
 * @batch_size: 200 to 2000, or 0 for Salesforce's default
 *
 * Sent as `Sforce-Query-Options: batchSize`. Salesforce may still return
 * fewer rows per page.
 */
void
sf_query_set_batch_size (SfQuery *self,
                         guint    batch_size)
{
  g_return_if_fail (SF_IS_QUERY (self));

  self->batch_size = batch_size ? CLAMP (batch_size, 200, 2000) : 0;
}

/**
 * sf_query_set_column_types:
 * @names: the columns, as the statement selects them
 * @types: (array): one type per column
 */
void
sf_query_set_column_types (SfQuery            *self,
                           const char * const *names,
                           const SfFieldType  *types)
{
  guint n;

  g_return_if_fail (SF_IS_QUERY (self));
  g_return_if_fail (names != NULL);

  n = g_strv_length ((char **) names);
  g_clear_pointer (&self->names, g_strfreev);
  g_clear_pointer (&self->types, g_free);
  self->names = g_strdupv ((char **) names);
  self->types = types ? g_memdup2 (types, sizeof (SfFieldType) * MAX (n, 1)) : NULL;
}

void
sf_query_set_resume_func (SfQuery           *self,
                          SfQueryResumeFunc  func,
                          gpointer           user_data,
                          GDestroyNotify     destroy)
{
  g_return_if_fail (SF_IS_QUERY (self));

  if (self->resume_destroy != NULL)
    self->resume_destroy (self->resume_data);

  self->resume = func;
  self->resume_data = user_data;
  self->resume_destroy = destroy;
}

/**
 * sf_query_restart:
 * @builder: the query to continue with, usually the original one with a
 *   condition from sf_soql_builder_where_after()
 *
 * Starts over with @builder, keeping the counters; the next page is its first.
 */
void
sf_query_restart (SfQuery             *self,
                  const SfSoqlBuilder *builder)
{
  g_return_if_fail (SF_IS_QUERY (self));
  g_return_if_fail (builder != NULL);

  g_clear_pointer (&self->builder, sf_soql_builder_free);
  g_clear_pointer (&self->soql, g_free);
  g_clear_pointer (&self->next_url, g_free);
  g_clear_pointer (&self->parts, g_ptr_array_unref);
  self->builder = sf_soql_builder_copy (builder);
  set_columns_from_builder (self);
  self->started = FALSE;
  self->done = FALSE;
  self->restarts++;
}

/**
 * sf_query_get_total_size:
 *
 * Returns: the `totalSize` of the last page (all rows matched), or -1
 */
gint64
sf_query_get_total_size (SfQuery *self)
{
  g_return_val_if_fail (SF_IS_QUERY (self), -1);

  return self->started ? self->total_size : -1;
}

gboolean
sf_query_get_done (SfQuery *self)
{
  g_return_val_if_fail (SF_IS_QUERY (self), FALSE);

  return self->started && self->done;
}

guint64
sf_query_get_records_received (SfQuery *self)
{
  g_return_val_if_fail (SF_IS_QUERY (self), 0);

  return self->records;
}

guint
sf_query_get_restarts (SfQuery *self)
{
  g_return_val_if_fail (SF_IS_QUERY (self), 0);

  return self->restarts;
}

/**
 * sf_query_get_n_parts:
 *
 * Returns: how many queries joined on Id each page takes: 1 unless the
 *   SELECT was split (known after the first page)
 */
guint
sf_query_get_n_parts (SfQuery *self)
{
  g_return_val_if_fail (SF_IS_QUERY (self), 1);

  return self->parts ? self->parts->len : 1;
}

static void
sf_query_finalize (GObject *object)
{
  SfQuery *self = (SfQuery *)object;

  if (self->resume_destroy != NULL)
    self->resume_destroy (self->resume_data);

  g_clear_object (&self->client);
  g_clear_pointer (&self->builder, sf_soql_builder_free);
  g_clear_pointer (&self->soql, g_free);
  g_clear_pointer (&self->names, g_strfreev);
  g_clear_pointer (&self->types, g_free);
  g_clear_pointer (&self->parts, g_ptr_array_unref);
  g_clear_pointer (&self->next_url, g_free);

  G_OBJECT_CLASS (sf_query_parent_class)->finalize (object);
}

static void
sf_query_class_init (SfQueryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sf_query_finalize;
}

static void
sf_query_init (SfQuery *self)
{
  self->total_size = -1;
}
