/* sf-bulk-job.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sf-bulk-job.h"
#include "sf-client-private.h"
#include "sf-csv-parser.h"
#include "sf-json-private.h"
#include "sf-record-batch-private.h"

/* A Bulk API 2.0 query job (reference §7): create, poll with backoff, read
 * the CSV results chunk by chunk (maxRecords + Sforce-Locator), abort,
 * delete. Each chunk is parsed while it downloads, so no chunk is ever held
 * as one string, and a chunk that breaks off is fetched again. */

#define READ_SIZE          (256 * 1024)
#define MAX_CHUNK_ATTEMPTS 3

struct _SfBulkJob
{
  GObject       parent_instance;

  SfClient     *client;
  char         *id;
  char         *state;
  char         *error_message;
  char         *api_version;
  gint64        records_processed;
  guint64       records_received;

  GStrv         names;      /* the builder's fields, for their types */
  SfFieldType  *types;

  char         *locator;
  GStrv         header;     /* of the first chunk; later chunks must match */
  SfFieldType  *header_types;
  struct _Chunk *chunk;     /* the results request being read, or NULL */
  GQueue       *finished;   /* batches of a chunk read to its end, not yet handed out */
  guint         poll_initial_ms;
  guint         poll_max_ms;
  guint         polls;
  guint         done : 1;
};

G_DEFINE_FINAL_TYPE (SfBulkJob, sf_bulk_job, G_TYPE_OBJECT)

static void
update_from_info (SfBulkJob *self,
                  JsonNode  *root)
{
  JsonObject *object = json_node_get_object (root);
  const char *value;

  if ((value = _sf_json_get_string (object, "id")) != NULL &&
      self->id == NULL)
    self->id = g_strdup (value);

  if ((value = _sf_json_get_string (object, "state")) != NULL)
    {
      g_free (self->state);
      self->state = g_strdup (value);
    }

  if ((value = _sf_json_get_string (object, "errorMessage")) != NULL)
    {
      g_free (self->error_message);
      self->error_message = g_strdup (value);
    }

  if (json_object_has_member (object, "numberRecordsProcessed"))
    self->records_processed = _sf_json_get_int (object, "numberRecordsProcessed", 0);
}

static char *
job_path (SfBulkJob  *self,
          const char *suffix)
{
  /* Results must be read with the version that created the job (a 409
   * otherwise), whatever the client uses meanwhile. */
  return g_strdup_printf ("/services/data/v%s/jobs/query/%s%s", self->api_version, self->id, suffix);
}

static SfRequest *
new_job_request (SfBulkJob   *self,
                 const char  *method,
                 const char  *suffix,
                 GError     **error)
{
  g_autofree char *path = job_path (self, suffix);

  return _sf_client_new_rest_request (self->client, method, path, error);
}

/*
 * Create
 */

/**
 * sf_soql_builder_get_bulk_unsupported_fields:
 *
 * Returns: (transfer full): the builder's fields a Bulk query cannot select
 *   (compound address and location fields, base64), by the types given
 */
GStrv
sf_soql_builder_get_bulk_unsupported_fields (const SfSoqlBuilder *builder)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint i = 0; i < sf_soql_builder_get_n_fields (builder); i++)
    if (!sf_field_type_is_bulk_selectable (sf_soql_builder_get_field_type (builder, i)))
      g_strv_builder_add (names, sf_soql_builder_get_field (builder, i));

  return g_strv_builder_end (names);
}

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SfResponse) response = NULL;
  SfBulkJob *self = g_task_get_task_data (task);
  GError *error = NULL;

  if ((response = _sf_client_send_finish (SF_CLIENT (object), result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!JSON_NODE_HOLDS_OBJECT ((JsonNode *) response->parsed))
    {
      g_task_return_new_error (task, SF_ERROR, SF_ERROR_INVALID_RESPONSE,
                               "The job response is not a JSON object");
      return;
    }

  update_from_info (self, response->parsed);
  if (self->id == NULL)
    {
      g_task_return_new_error (task, SF_ERROR, SF_ERROR_INVALID_RESPONSE, "The job response has no id");
      return;
    }

  g_debug ("Created Bulk query job %s", self->id);
  g_task_return_pointer (task, g_object_ref (self), g_object_unref);
}

static char *
job_body (const char *soql,
          gboolean    query_all,
          gsize      *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "operation");
  json_builder_add_string_value (builder, query_all ? "queryAll" : "query");
  json_builder_set_member_name (builder, "query");
  json_builder_add_string_value (builder, soql);
  json_builder_set_member_name (builder, "contentType");
  json_builder_add_string_value (builder, "CSV");
  json_builder_set_member_name (builder, "columnDelimiter");
  json_builder_add_string_value (builder, "COMMA");
  json_builder_set_member_name (builder, "lineEnding");
  json_builder_add_string_value (builder, "LF");
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, length);
}

/**
 * sf_bulk_job_create_async:
 * @builder: the query; its field types type the result columns
 * @query_all: include deleted and archived rows
 *
 * Creates a Bulk API 2.0 query job. The SOQL travels in the request body,
 * so a SELECT too wide for a REST URL is fine here. Fields a Bulk query
 * cannot select are refused before anything is sent
 * (sf_soql_builder_get_bulk_unsupported_fields()).
 */
void
sf_bulk_job_create_async (SfClient            *client,
                          const SfSoqlBuilder *builder,
                          gboolean             query_all,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SfBulkJob) self = NULL;
  g_auto(GStrv) unsupported = NULL;
  g_autofree char *soql = NULL;
  g_autofree char *body = NULL;
  GError *error = NULL;
  SfRequest *request;
  gsize length;
  guint n;

  g_return_if_fail (SF_IS_CLIENT (client));
  g_return_if_fail (builder != NULL);

  self = g_object_new (SF_TYPE_BULK_JOB, NULL);
  self->client = g_object_ref (client);
  self->api_version = g_strdup (sf_client_get_api_version (client));

  n = sf_soql_builder_get_n_fields (builder);
  self->names = g_new0 (char *, n + 1);
  self->types = g_new0 (SfFieldType, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      self->names[i] = g_strdup (sf_soql_builder_get_field (builder, i));
      self->types[i] = sf_soql_builder_get_field_type (builder, i);
    }

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_bulk_job_create_async);
  g_task_set_task_data (task, g_object_ref (self), g_object_unref);

  unsupported = sf_soql_builder_get_bulk_unsupported_fields (builder);
  if (unsupported[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", unsupported);

      g_task_return_new_error (task, SF_ERROR, SF_ERROR_INVALID_ARGUMENT,
                               "A Bulk query cannot select compound or base64 fields: %s", list);
      return;
    }

  if ((soql = sf_soql_builder_build (builder, &error)) == NULL ||
      (request = _sf_client_new_rest_request (client, "POST", "jobs/query", &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  body = job_body (soql, query_all, &length);
  _sf_request_set_body (request, "application/json", body, length);
  _sf_request_set_parser (request, _sf_parse_json_object, (gpointer) "job", NULL,
                          (GDestroyNotify) json_node_unref);
  /* A retried creation could leave a second job behind; a failed one is
   * simply created again by the caller. */
  request->retry = FALSE;

  _sf_client_send_async (client, request, cancellable, created_cb, g_steal_pointer (&task));
}

SfBulkJob *
sf_bulk_job_create_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * Poll
 */

static void poll_job (GTask *task);

static gboolean
poll_again_cb (gpointer data)
{
  poll_job (G_TASK (data));
  return G_SOURCE_REMOVE;
}

static void
polled_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SfResponse) response = NULL;
  SfBulkJob *self = g_task_get_source_object (task);
  GError *error = NULL;
  guint delay;

  if ((response = _sf_client_send_finish (SF_CLIENT (object), result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (JSON_NODE_HOLDS_OBJECT ((JsonNode *) response->parsed))
    update_from_info (self, response->parsed);

  if (g_strcmp0 (self->state, "JobComplete") == 0)
    g_task_return_boolean (task, TRUE);
  else if (g_strcmp0 (self->state, "Failed") == 0)
    g_task_return_new_error (task, SF_ERROR, SF_ERROR_BULK_JOB_FAILED, "%s",
                             self->error_message ? self->error_message : "The Bulk query job failed");
  else if (g_strcmp0 (self->state, "Aborted") == 0)
    g_task_return_new_error (task, SF_ERROR, SF_ERROR_BULK_JOB_ABORTED, "The Bulk query job was aborted");
  else
    {
      /* Every poll is an API call: back off, 2 s doubling to 30 s by default. */
      delay = self->poll_initial_ms;
      for (guint i = 0; i < self->polls && delay < self->poll_max_ms; i++)
        delay *= 2;
      self->polls++;
      _sf_client_schedule (task, MIN (delay, self->poll_max_ms), poll_again_cb);
    }
}

static void
poll_job (GTask *task)
{
  SfBulkJob *self = g_task_get_source_object (task);
  GError *error = NULL;
  SfRequest *request;

  if ((request = new_job_request (self, "GET", "", &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  _sf_request_set_parser (request, _sf_parse_json_object, (gpointer) "job", NULL,
                          (GDestroyNotify) json_node_unref);
  _sf_client_send_async (self->client, request, g_task_get_cancellable (task),
                         polled_cb, g_object_ref (task));
}

/**
 * sf_bulk_job_wait_async:
 *
 * Polls until the job ends. Fails with %SF_ERROR_BULK_JOB_FAILED (message:
 * the job's errorMessage) or %SF_ERROR_BULK_JOB_ABORTED.
 */
void
sf_bulk_job_wait_async (SfBulkJob           *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SF_IS_BULK_JOB (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_bulk_job_wait_async);
  self->polls = 0;
  poll_job (task);
}

gboolean
sf_bulk_job_wait_finish (SfBulkJob     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/*
 * Results
 */

/* The chunk being read (one results request, up to maxRecords rows): parsed slice by
 * slice on a worker thread into batches of max_rows rows. A chunk that breaks off is
 * fetched again and the rows already handed out are skipped: the results of a
 * finished job do not change. Only one thread touches it at a time. */
typedef struct _Chunk
{
  SfResponse     *response;
  SfCsvParser    *parser;
  SfRecordBatch  *batch;        /* being filled */
  GQueue         *ready;        /* full batches, oldest first */
  guint           max_records;
  guint           max_rows;
  guint           attempts;
  guint64         parsed;       /* rows of the chunk parsed in this attempt */
  guint64         taken;        /* rows of the chunk put into batches, over attempts */
  gboolean        header_seen;
  gboolean        any_batch;    /* a batch of this chunk was handed out or is ready */
} Chunk;

static Chunk *
chunk_new (guint max_records,
           guint max_rows)
{
  Chunk *chunk = g_new0 (Chunk, 1);

  chunk->max_records = max_records;
  chunk->max_rows = MAX (max_rows, 1);
  chunk->parser = sf_csv_parser_new (',');
  chunk->ready = g_queue_new ();

  return chunk;
}

static void
chunk_free (Chunk *chunk)
{
  g_clear_pointer (&chunk->response, _sf_response_free);
  g_clear_pointer (&chunk->batch, sf_record_batch_unref);
  if (chunk->ready != NULL)
    g_queue_free_full (chunk->ready, (GDestroyNotify) sf_record_batch_unref);
  sf_csv_parser_free (chunk->parser);
  g_free (chunk);
}

static SfFieldType
type_of (SfBulkJob  *self,
         const char *name)
{
  for (guint i = 0; self->names[i] != NULL; i++)
    if (g_ascii_strcasecmp (self->names[i], name) == 0)
      return self->types[i];

  return SF_FIELD_TYPE_UNKNOWN;
}

static void
new_batch (SfBulkJob *self,
           Chunk     *chunk)
{
  guint n = g_strv_length (self->header);

  chunk->batch = _sf_record_batch_new ((const char * const *) self->header, self->header_types, n);
}

static gboolean
header_row (SfBulkJob           *self,
            Chunk               *chunk,
            const char * const  *fields,
            guint                n_fields,
            GError             **error)
{
  /* Salesforce repeats the header on every chunk: it must not change. */
  gboolean same = self->header == NULL || g_strv_length (self->header) == n_fields;

  for (guint i = 0; self->header != NULL && same && i < n_fields; i++)
    same = strcmp (self->header[i], fields[i]) == 0;

  if (!same)
    {
      g_set_error_literal (error, SF_ERROR, SF_ERROR_INVALID_RESPONSE,
                           "A Bulk result chunk has other columns than the first");
      return FALSE;
    }

  if (self->header == NULL)
    {
      self->header = g_new0 (char *, n_fields + 1);
      self->header_types = g_new0 (SfFieldType, MAX (n_fields, 1));
      for (guint i = 0; i < n_fields; i++)
        {
          self->header[i] = g_strdup (fields[i]);
          self->header_types[i] = type_of (self, fields[i]);
        }
    }

  if (chunk->batch == NULL)
    new_batch (self, chunk);
  chunk->header_seen = TRUE;
  return TRUE;
}

static void
batch_ready (Chunk *chunk)
{
  g_queue_push_tail (chunk->ready, g_steal_pointer (&chunk->batch));
  chunk->any_batch = TRUE;
}

/* Worker thread. */
static gboolean
row_cb (const char * const *fields,
        const gsize        *lengths,
        guint               n_fields,
        gpointer            user_data,
        GError            **error)
{
  SfBulkJob *self = user_data;
  Chunk *chunk = self->chunk;

  if (!chunk->header_seen)
    return header_row (self, chunk, fields, n_fields, error);

  if (n_fields != sf_record_batch_get_n_columns (chunk->batch))
    {
      g_set_error (error, SF_ERROR, SF_ERROR_INVALID_RESPONSE,
                   "A Bulk result row has %u fields instead of %u",
                   n_fields, sf_record_batch_get_n_columns (chunk->batch));
      return FALSE;
    }

  /* Handed out before the chunk broke off. */
  if (++chunk->parsed <= chunk->taken)
    return TRUE;

  _sf_record_batch_add_csv_row (chunk->batch, fields, lengths);
  chunk->taken++;
  if (sf_record_batch_get_n_rows (chunk->batch) >= chunk->max_rows)
    {
      batch_ready (chunk);
      new_batch (self, chunk);
    }

  return TRUE;
}

static void results_step (GTask *task);
static void fetch_chunk (GTask *task);

static gboolean
refetch_cb (gpointer data)
{
  fetch_chunk (G_TASK (data));
  return G_SOURCE_REMOVE;
}

static void
close_chunk (SfBulkJob *self)
{
  g_clear_pointer (&self->chunk, chunk_free);
}

/* A chunk that broke off (reset, truncated CSV) is fetched again; what was parsed
 * of it so far stays. */
static void
chunk_failed (GTask  *task,
              GError *error)
{
  SfBulkJob *self = g_task_get_source_object (task);
  Chunk *chunk = self->chunk;

  g_clear_pointer (&chunk->response, _sf_response_free);
  sf_csv_parser_reset (chunk->parser);
  chunk->parsed = 0;
  chunk->header_seen = FALSE;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      ++chunk->attempts >= MAX_CHUNK_ATTEMPTS)
    {
      close_chunk (self);
      g_task_return_error (task, error);
      return;
    }

  g_debug ("Fetching a Bulk result chunk again after: %s", error->message);
  g_error_free (error);
  _sf_client_schedule (task, _sf_client_backoff_delay (200, 5000, chunk->attempts), refetch_cb);
}

static void
chunk_complete (GTask *task)
{
  SfBulkJob *self = g_task_get_source_object (task);
  Chunk *chunk = self->chunk;
  SoupMessageHeaders *headers = chunk->response->headers;
  const char *locator = soup_message_headers_get_one (headers, "Sforce-Locator");
  const char *count = soup_message_headers_get_one (headers, "Sforce-NumberOfRecords");
  GError *error = NULL;

  if (!sf_csv_parser_finish (chunk->parser, row_cb, self, &error))
    {
      chunk_failed (task, error);
      return;
    }

  if (count != NULL && g_ascii_strtoull (count, NULL, 10) != chunk->parsed)
    {
      chunk_failed (task, g_error_new (SF_ERROR, SF_ERROR_INVALID_RESPONSE,
                                       "A Bulk result chunk has %" G_GUINT64_FORMAT " rows instead of %s",
                                       chunk->parsed, count));
      return;
    }

  /* Every chunk gives at least one batch, empty if it had no rows. */
  if (chunk->batch == NULL)
    chunk->batch = _sf_record_batch_new (NULL, NULL, 0);
  if (sf_record_batch_get_n_rows (chunk->batch) > 0 || !chunk->any_batch)
    batch_ready (chunk);

  g_clear_pointer (&self->locator, g_free);
  if (locator == NULL || *locator == '\0' || strcmp (locator, "null") == 0)
    self->done = TRUE;
  else
    self->locator = g_strdup (locator);

  /* The ready batches outlive the chunk. */
  self->finished = g_steal_pointer (&chunk->ready);
  close_chunk (self);
  results_step (task);
}

static void read_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data);

static void
read_slice (GTask *task)
{
  SfBulkJob *self = g_task_get_source_object (task);

  g_input_stream_read_bytes_async (self->chunk->response->stream, READ_SIZE, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_cb, g_object_ref (task));
}

static void
parse_thread (GTask        *parse,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  SfBulkJob *self = source;
  GBytes *bytes = data;
  GError *error = NULL;

  if (sf_csv_parser_feed (self->chunk->parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                          row_cb, self, &error))
    g_task_return_boolean (parse, TRUE);
  else
    g_task_return_error (parse, error);
}

static void
parsed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    chunk_failed (task, error);
  else
    results_step (task);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SfBulkJob *self = g_task_get_source_object (task);
  g_autoptr(GTask) parse = NULL;
  GBytes *bytes;
  GError *error = NULL;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (bytes == NULL)
    {
      chunk_failed (task, error);
      return;
    }

  if (g_bytes_get_size (bytes) == 0)
    {
      g_bytes_unref (bytes);
      chunk_complete (task);
      return;
    }

  /* Parsing is the costly part: off the caller's thread, slice after slice. */
  parse = g_task_new (self, NULL, parsed_cb, g_object_ref (task));
  g_task_set_source_tag (parse, read_cb);
  g_task_set_task_data (parse, bytes, (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (parse, parse_thread);
}

static void
results_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SfBulkJob *self = g_task_get_source_object (task);
  GError *error = NULL;

  if ((self->chunk->response = _sf_client_send_finish (SF_CLIENT (object), result, &error)) == NULL)
    {
      /* The client already retried transport errors and 5xx. */
      close_chunk (self);
      g_task_return_error (task, error);
      return;
    }

  read_slice (task);
}

static void
fetch_chunk (GTask *task)
{
  SfBulkJob *self = g_task_get_source_object (task);
  g_autoptr(GString) suffix = g_string_new ("/results");
  GError *error = NULL;
  SfRequest *request;
  char separator = '?';

  if (self->chunk->max_records > 0)
    {
      g_string_append_printf (suffix, "%cmaxRecords=%u", separator, self->chunk->max_records);
      separator = '&';
    }
  if (self->locator != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (self->locator, NULL, FALSE);

      g_string_append_printf (suffix, "%clocator=%s", separator, escaped);
    }

  if ((request = new_job_request (self, "GET", suffix->str, &error)) == NULL)
    {
      close_chunk (self);
      g_task_return_error (task, error);
      return;
    }

  _sf_request_add_header (request, "Accept", "text/csv");
  request->stream = TRUE;
  _sf_client_send_async (self->client, request, g_task_get_cancellable (task),
                         results_cb, g_object_ref (task));
}

/* Hands out the next ready batch, or reads on: the rest of the chunk, or the next
 * chunk, or %NULL after the last. */
static void
results_step (GTask *task)
{
  SfBulkJob *self = g_task_get_source_object (task);
  GQueue *ready = self->chunk ? self->chunk->ready : self->finished;
  SfRecordBatch *batch = ready ? g_queue_pop_head (ready) : NULL;
  guint *limits = g_task_get_task_data (task);

  if (self->finished != NULL && g_queue_is_empty (self->finished))
    g_clear_pointer (&self->finished, g_queue_free);

  if (batch != NULL)
    {
      self->records_received += sf_record_batch_get_n_rows (batch);
      g_task_return_pointer (task, batch, (GDestroyNotify) sf_record_batch_unref);
    }
  else if (self->chunk != NULL)
    read_slice (task);
  else if (self->done)
    g_task_return_pointer (task, NULL, NULL);
  else
    {
      self->chunk = chunk_new (limits[0], limits[1]);
      fetch_chunk (task);
    }
}

/**
 * sf_bulk_job_next_batch_async:
 * @max_records: the most rows of one results request (Salesforce's maxRecords), or 0
 *   to let Salesforce choose
 * @max_rows: the most rows of one batch
 *
 * Reads the next rows of a completed job's results: a batch of @max_rows rows, or
 * fewer at the end of a results chunk. The CSV is parsed on a worker thread while it
 * downloads, and only as far as asked, so memory stays within a few batches however
 * large the chunks. Bulk CSV cannot tell an empty value from a null: both come as
 * NULL. Do not call again before the previous call finished.
 */
void
sf_bulk_job_next_batch_async (SfBulkJob           *self,
                              guint                max_records,
                              guint                max_rows,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  guint *limits;

  g_return_if_fail (SF_IS_BULK_JOB (self));

  limits = g_new (guint, 2);
  limits[0] = max_records;
  limits[1] = max_rows;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sf_bulk_job_next_batch_async);
  g_task_set_task_data (task, limits, g_free);

  /* results_step() borrows the task: what continues it later takes its own ref. */
  results_step (task);
}

/**
 * sf_bulk_job_next_batch_finish:
 *
 * Returns: (transfer full) (nullable): the next rows, or %NULL without an error
 *   after the last
 */
SfRecordBatch *
sf_bulk_job_next_batch_finish (SfBulkJob     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sf_bulk_job_next_chunk_async:
 * @max_records: the most rows in one chunk, or 0 to let Salesforce choose
 *
 * Fetches the next chunk of results of a completed job, whole (see
 * sf_bulk_job_next_batch_async() to read large chunks in smaller batches).
 */
void
sf_bulk_job_next_chunk_async (SfBulkJob           *self,
                              guint                max_records,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  sf_bulk_job_next_batch_async (self, max_records, G_MAXUINT, cancellable, callback, user_data);
}

/**
 * sf_bulk_job_next_chunk_finish:
 *
 * Returns: (transfer full) (nullable): the chunk's rows, or %NULL without an
 *   error after the last chunk
 */
SfRecordBatch *
sf_bulk_job_next_chunk_finish (SfBulkJob     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return sf_bulk_job_next_batch_finish (self, result, error);
}

/*
 * Abort and delete
 */

static void
changed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SfResponse) response = NULL;
  SfBulkJob *self = g_task_get_source_object (task);
  GError *error = NULL;

  if ((response = _sf_client_send_finish (SF_CLIENT (object), result, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (response->parsed != NULL && JSON_NODE_HOLDS_OBJECT ((JsonNode *) response->parsed))
    update_from_info (self, response->parsed);

  g_task_return_boolean (task, TRUE);
}

static void
change_job (SfBulkJob           *self,
            const char          *method,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GError *error = NULL;
  SfRequest *request;

  g_task_set_source_tag (task, source_tag);
  if ((request = new_job_request (self, method, "", &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (strcmp (method, "PATCH") == 0)
    {
      static const char body[] = "{\"state\":\"Aborted\"}";

      _sf_request_set_body (request, "application/json", body, strlen (body));
      _sf_request_set_parser (request, _sf_parse_json_object, (gpointer) "job", NULL,
                              (GDestroyNotify) json_node_unref);
    }

  _sf_client_send_async (self->client, request, cancellable, changed_cb, g_steal_pointer (&task));
}

/**
 * sf_bulk_job_abort_async:
 *
 * Stops a job that is still queued or running.
 */
void
sf_bulk_job_abort_async (SfBulkJob           *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (SF_IS_BULK_JOB (self));

  change_job (self, "PATCH", sf_bulk_job_abort_async, cancellable, callback, user_data);
}

gboolean
sf_bulk_job_abort_finish (SfBulkJob     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sf_bulk_job_delete_async:
 *
 * Deletes a finished job and its results (Salesforce would after 7 days).
 */
void
sf_bulk_job_delete_async (SfBulkJob           *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (SF_IS_BULK_JOB (self));

  change_job (self, "DELETE", sf_bulk_job_delete_async, cancellable, callback, user_data);
}

gboolean
sf_bulk_job_delete_finish (SfBulkJob     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/*
 * Properties
 */

const char *
sf_bulk_job_get_id (SfBulkJob *self)
{
  g_return_val_if_fail (SF_IS_BULK_JOB (self), NULL);

  return self->id;
}

/**
 * sf_bulk_job_get_state:
 *
 * Returns: the last state seen: UploadComplete, InProgress, JobComplete,
 *   Failed or Aborted
 */
const char *
sf_bulk_job_get_state (SfBulkJob *self)
{
  g_return_val_if_fail (SF_IS_BULK_JOB (self), NULL);

  return self->state;
}

const char *
sf_bulk_job_get_error_message (SfBulkJob *self)
{
  g_return_val_if_fail (SF_IS_BULK_JOB (self), NULL);

  return self->error_message;
}

gint64
sf_bulk_job_get_records_processed (SfBulkJob *self)
{
  g_return_val_if_fail (SF_IS_BULK_JOB (self), 0);

  return self->records_processed;
}

guint64
sf_bulk_job_get_records_received (SfBulkJob *self)
{
  g_return_val_if_fail (SF_IS_BULK_JOB (self), 0);

  return self->records_received;
}

/**
 * sf_bulk_job_set_poll_interval:
 * @initial_ms: the first wait between polls (default 2000)
 * @max_ms: the longest (default 30000)
 */
void
sf_bulk_job_set_poll_interval (SfBulkJob *self,
                               guint      initial_ms,
                               guint      max_ms)
{
  g_return_if_fail (SF_IS_BULK_JOB (self));

  self->poll_initial_ms = MAX (initial_ms, 1);
  self->poll_max_ms = MAX (max_ms, self->poll_initial_ms);
}

static void
sf_bulk_job_finalize (GObject *object)
{
  SfBulkJob *self = (SfBulkJob *)object;

  g_clear_object (&self->client);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->state, g_free);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->api_version, g_free);
  g_clear_pointer (&self->names, g_strfreev);
  g_clear_pointer (&self->types, g_free);
  g_clear_pointer (&self->locator, g_free);
  g_clear_pointer (&self->header, g_strfreev);
  g_clear_pointer (&self->header_types, g_free);
  g_clear_pointer (&self->chunk, chunk_free);
  if (self->finished != NULL)
    g_queue_free_full (g_steal_pointer (&self->finished), (GDestroyNotify) sf_record_batch_unref);

  G_OBJECT_CLASS (sf_bulk_job_parent_class)->finalize (object);
}

static void
sf_bulk_job_class_init (SfBulkJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sf_bulk_job_finalize;
}

static void
sf_bulk_job_init (SfBulkJob *self)
{
  self->poll_initial_ms = 2000;
  self->poll_max_ms = 30000;
}
