/* sim-bulk.c
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

/* Bulk API 2.0 query jobs: UploadComplete → InProgress → JobComplete over
 * a configurable processing time, then CSV result chunks with a header row
 * on every chunk and Sforce-Locator paging ("null" on the last). */

#define DEFAULT_MAX_RECORDS 100000

SimBulkJob *
sim_bulk_job_ref (SimBulkJob *job)
{
  g_atomic_int_inc (&job->ref_count);
  return job;
}

void
sim_bulk_job_unref (SimBulkJob *job)
{
  if (!g_atomic_int_dec_and_test (&job->ref_count))
    return;

  g_free (job->id);
  g_clear_pointer (&job->query, sim_soql_query_free);
  g_free (job->operation);
  g_free (job->version);
  g_free (job->delimiter_name);
  g_free (job->line_ending);
  g_clear_pointer (&job->rows, g_array_unref);
  g_free (job);
}

/* Errors of Bulk API 2.0 list errorCode before message. */
static void
bulk_error (SimRequest *req,
            guint       status,
            const char *error_code,
            const char *message)
{
  GString *body = g_string_new ("[{\"errorCode\":");

  sim_json_append_string (body, error_code, -1);
  g_string_append (body, ",\"message\":");
  sim_json_append_string (body, message, -1);
  g_string_append (body, "}]");
  sim_request_json (req, status, body);
}

static const char *
job_state (SimServer  *self,
           SimBulkJob *job)
{
  gint64 elapsed = (g_get_monotonic_time () - job->created_mono) / 1000;
  gint64 delay = self->config.bulk_delay_ms;

  if (job->aborted)
    return "Aborted";
  if (elapsed < delay / 4 && delay > 0)
    return "UploadComplete";
  if (elapsed < delay)
    return "InProgress";
  if (job->fault == SIM_FAULT_BULK_ABORTED)
    return "Aborted";
  if (job->fault == SIM_FAULT_BULK_FAILED)
    return "Failed";

  if (job->rows == NULL)
    {
      gint64 start = g_get_monotonic_time ();

      job->rows = sim_soql_execute (job->query, self->store, g_str_equal (job->operation, "queryAll"));
      job->processing_ms = MAX (delay, (g_get_monotonic_time () - start) / 1000);
    }
  return "JobComplete";
}

static gboolean
is_terminal (const char *state)
{
  return g_str_equal (state, "JobComplete") || g_str_equal (state, "Failed") || g_str_equal (state, "Aborted");
}

static void
write_job_info (SimRequest *req,
                SimBulkJob *job,
                gboolean    full,
                GString    *out)
{
  SimServer *self = req->server;
  /* The create response always shows the job as just queued. */
  const char *state = g_str_equal (req->method, "POST") ? "UploadComplete" : job_state (self, job);
  char user_id[19];

  sim_make_id (user_id, "005", 1);
  g_string_append (out, "{\"id\":");
  sim_json_append_string (out, job->id, -1);
  g_string_append_printf (out, ",\"operation\":\"%s\",\"object\":\"%s\",\"createdById\":\"%s\",\"createdDate\":\"",
                          job->operation, job->query->object->name, user_id);
  sim_append_datetime (out, job->created_ms, FALSE);
  g_string_append (out, "\",\"systemModstamp\":\"");
  sim_append_datetime (out, job->created_ms, FALSE);
  g_string_append_printf (out, "\",\"state\":\"%s\",\"concurrencyMode\":\"Parallel\",\"contentType\":\"CSV\","
                          "\"apiVersion\":%s,", state, job->version);
  if (full)
    {
      g_string_append_printf (out, "\"jobType\":\"V2Query\",\"lineEnding\":\"%s\",\"columnDelimiter\":\"%s\","
                              "\"numberRecordsProcessed\":%u,\"retries\":%d,\"totalProcessingTime\":%" G_GINT64_FORMAT
                              ",\"isPkChunkingSupported\":%s",
                              g_str_equal (job->line_ending, "\r\n") ? "CRLF" : "LF", job->delimiter_name,
                              job->rows && g_str_equal (state, "JobComplete") ? job->rows->len : 0,
                              g_str_equal (state, "Failed") ? 15 : 0,
                              g_str_equal (state, "JobComplete") ? job->processing_ms : 0,
                              job->query->order->len == 0 ? "true" : "false");
      if (g_str_equal (state, "Failed"))
        g_string_append (out, ",\"errorMessage\":\"InternalServerError : Retried more than 15 times\"");
    }
  else
    g_string_append_printf (out, "\"lineEnding\":\"%s\",\"columnDelimiter\":\"%s\"",
                            g_str_equal (job->line_ending, "\r\n") ? "CRLF" : "LF", job->delimiter_name);
  g_string_append_c (out, '}');
}

static gboolean
parse_delimiter (const char  *name,
                 char        *out)
{
  static const struct { const char *name; char c; } delimiters[] = {
    { "COMMA", ',' }, { "TAB", '\t' }, { "PIPE", '|' }, { "SEMICOLON", ';' },
    { "CARET", '^' }, { "BACKQUOTE", '`' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    if (g_str_equal (name, delimiters[i].name))
      {
        *out = delimiters[i].c;
        return TRUE;
      }
  return FALSE;
}

static void
create_job (SimRequest *req)
{
  SimServer *self = req->server;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SimSoqlQuery) query = NULL;
  gsize len = req->body ? g_bytes_get_size (req->body) : 0;
  JsonObject *body;
  const char *operation, *soql, *delimiter, *line_ending, *content_type;
  SimBulkJob *job;
  SimFault *fault;
  char id[19];
  char delimiter_char = ',';

  if (len == 0 || !sim_json_load (parser, g_bytes_get_data (req->body, NULL), len, &error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      bulk_error (req, 400, "JSON_PARSER_ERROR", error ? error->message : "Expected a JSON object");
      return;
    }

  body = json_node_get_object (json_parser_get_root (parser));
  operation = json_object_get_string_member_with_default (body, "operation", "");
  soql = json_object_get_string_member_with_default (body, "query", NULL);
  delimiter = json_object_get_string_member_with_default (body, "columnDelimiter", "COMMA");
  line_ending = json_object_get_string_member_with_default (body, "lineEnding", "LF");
  content_type = json_object_get_string_member_with_default (body, "contentType", "CSV");

  if (!g_str_equal (operation, "query") && !g_str_equal (operation, "queryAll"))
    {
      bulk_error (req, 400, "INVALIDJOB", "Invalid operation: use query or queryAll");
      return;
    }
  if (!g_str_equal (content_type, "CSV") || !parse_delimiter (delimiter, &delimiter_char) ||
      (!g_str_equal (line_ending, "LF") && !g_str_equal (line_ending, "CRLF")))
    {
      bulk_error (req, 400, "INVALIDJOB", "Invalid contentType, columnDelimiter or lineEnding");
      return;
    }

  query = sim_soql_parse (self->store, soql, sim_server_now (self), &error);
  if (query == NULL)
    {
      bulk_error (req, 400, sim_soql_error_code (error), error->message);
      return;
    }
  if (query->object->kind != SIM_OBJECT_DATA)
    {
      g_autofree char *message = g_strdup_printf ("Entity '%s' is not supported by the Bulk API.",
                                                  query->object->name);

      bulk_error (req, 400, "INVALIDENTITY", message);
      return;
    }
  if (query->has_compound)
    {
      bulk_error (req, 400, "API_ERROR", "Selecting compound data not supported in Bulk Query");
      return;
    }
  if (query->has_base64)
    {
      bulk_error (req, 400, "API_ERROR", "Selecting base64 data not supported in Bulk Query");
      return;
    }
  if (query->count_only)
    {
      bulk_error (req, 400, "API_ERROR", "Aggregate Relationships not supported in Bulk Query");
      return;
    }

  job = g_new0 (SimBulkJob, 1);
  job->ref_count = 1;
  sim_make_id (id, "750", self->next_job++);
  job->id = g_strdup (id);
  job->query = g_steal_pointer (&query);
  job->operation = g_strdup (operation);
  job->version = g_strdup (req->version);
  job->delimiter = delimiter_char;
  job->delimiter_name = g_strdup (delimiter);
  job->line_ending = g_strdup (g_str_equal (line_ending, "CRLF") ? "\r\n" : "\n");
  job->created_ms = sim_server_now (self);
  job->created_mono = g_get_monotonic_time ();
  job->fault = SIM_FAULT_STATUS;

  fault = sim_faults_match (self, req->method, req->path, SIM_FAULTS_BULK);
  if (fault != NULL && (fault->kind == SIM_FAULT_BULK_FAILED || fault->kind == SIM_FAULT_BULK_ABORTED))
    job->fault = fault->kind;

  g_hash_table_insert (self->jobs, job->id, job);
  self->bulk_jobs_created++;

  {
    GString *out = g_string_new (NULL);

    write_job_info (req, job, FALSE, out);
    sim_request_json (req, 200, out);
  }
}

static void
list_jobs (SimRequest *req)
{
  GString *out = g_string_new ("{\"done\":true,\"records\":[");
  GHashTableIter iter;
  gpointer value;
  gboolean first = TRUE;

  g_hash_table_iter_init (&iter, req->server->jobs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      write_job_info (req, value, FALSE, out);
    }
  g_string_append (out, "],\"nextRecordsUrl\":null}");
  sim_request_json (req, 200, out);
}

static char *
encode_locator (guint offset)
{
  g_autofree char *text = g_strdup_printf ("%u", offset);
  char *b64 = g_base64_encode ((const guchar *) text, strlen (text));

  g_strdelimit (b64, "=", '\0');
  return b64;
}

static gboolean
decode_locator (const char *locator,
                guint      *offset_out)
{
  g_autofree char *padded = NULL;
  g_autofree guchar *decoded = NULL;
  g_autofree char *text = NULL;
  gsize len = strlen (locator);
  char *end;

  if (len == 0 || len > 16)
    return FALSE;
  padded = g_strnfill (len + (4 - len % 4) % 4, '=');
  memcpy (padded, locator, len);
  decoded = g_base64_decode (padded, &len);
  text = g_strndup ((const char *) decoded, len);
  *offset_out = (guint) g_ascii_strtoull (text, &end, 10);
  return end != text && *end == '\0';
}

/* Rows of a results chunk, written a piece at a time (sim-server.c streams them). */
typedef struct
{
  SimServer  *server;
  SimBulkJob *job;
  SimTable   *table;
  guint       next;
  guint       end;
} ResultRows;

#define ROWS_PER_PIECE 1000

static void
result_rows_free (ResultRows *rows)
{
  sim_bulk_job_unref (rows->job);
  g_free (rows);
}

static gboolean
write_result_rows (gpointer  data,
                   GString  *out)
{
  ResultRows *rows = data;
  SimBulkJob *job = rows->job;
  guint stop = MIN (rows->end, rows->next + ROWS_PER_PIECE);

  for (; rows->next < stop; rows->next++)
    {
      SimRow row;

      sim_row_init (&row, rows->server->store, rows->table, g_array_index (job->rows, guint32, rows->next));
      sim_write_record_csv (out, &row, job->query->columns, job->delimiter, job->line_ending);
    }

  return rows->next < rows->end;
}

static void
get_results (SimRequest *req,
             SimBulkJob *job)
{
  SimServer *self = req->server;
  const char *max_param = sim_request_param (req, "maxRecords");
  const char *locator = sim_request_param (req, "locator");
  SimTable *table = sim_store_table (self->store, job->query->object);
  guint offset = 0;
  guint max = max_param ? (guint) g_ascii_strtoull (max_param, NULL, 10) : DEFAULT_MAX_RECORDS;
  guint end;
  GString *out;
  ResultRows *rows;
  g_autofree char *next = NULL;
  char count[16];

  if (!g_str_equal (job->version, req->version))
    {
      g_autofree char *message = g_strdup_printf ("Job %s was created with API version %s: request "
                                                  "its results with the same version", job->id, job->version);

      bulk_error (req, 409, "INVALIDJOB", message);
      return;
    }
  if (!g_str_equal (job_state (self, job), "JobComplete"))
    {
      bulk_error (req, 400, "INVALIDJOB", "Job is not in JobComplete state");
      return;
    }
  if (locator != NULL && !g_str_equal (locator, "null") && !decode_locator (locator, &offset))
    {
      bulk_error (req, 400, "INVALIDLOCATOR", "Invalid locator");
      return;
    }
  if (max == 0)
    max = DEFAULT_MAX_RECORDS;

  offset = MIN (offset, job->rows->len);
  end = MIN ((guint64) offset + max, job->rows->len);
  out = g_string_sized_new (4096);
  sim_write_csv_header (out, job->query->columns, job->delimiter);
  g_string_append (out, job->line_ending);

  rows = g_new0 (ResultRows, 1);
  rows->server = self;
  rows->job = sim_bulk_job_ref (job);
  rows->table = table;
  rows->next = offset;
  rows->end = end;

  req->status = 200;
  req->content_type = "text/csv";
  req->response = out;
  req->stream = write_result_rows;
  req->stream_data = rows;
  req->stream_destroy = (GDestroyNotify) result_rows_free;
  if (req->subrequest)
    sim_request_complete_stream (req);
  req->response_headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  next = end < job->rows->len ? encode_locator (end) : g_strdup ("null");
  soup_message_headers_replace (req->response_headers, "Sforce-Locator", next);
  g_snprintf (count, sizeof count, "%u", end - offset);
  soup_message_headers_replace (req->response_headers, "Sforce-NumberOfRecords", count);
}

void
sim_bulk_handle (SimRequest *req,
                 const char *rest)
{
  SimServer *self = req->server;
  g_auto(GStrv) parts = NULL;
  SimBulkJob *job;

  if (*rest == '\0' || g_str_equal (rest, "/"))
    {
      req->route = "/services/data/vXX.X/jobs/query";
      if (g_str_equal (req->method, "POST"))
        create_job (req);
      else if (g_str_equal (req->method, "GET"))
        list_jobs (req);
      else
        bulk_error (req, 405, "METHOD_NOT_ALLOWED", "Allowed are GET,POST");
      return;
    }

  parts = g_strsplit (rest + 1, "/", 3);
  job = g_hash_table_lookup (self->jobs, parts[0]);
  if (job == NULL)
    {
      req->route = "/services/data/vXX.X/jobs/query/{unknown}";
      bulk_error (req, 404, "NOT_FOUND", "The requested resource does not exist");
      return;
    }

  if (parts[1] != NULL && g_str_equal (parts[1], "results"))
    {
      req->route = "/services/data/vXX.X/jobs/query/{id}/results";
      get_results (req, job);
      return;
    }
  if (parts[1] != NULL)
    {
      bulk_error (req, 404, "NOT_FOUND", "The requested resource does not exist");
      return;
    }

  req->route = "/services/data/vXX.X/jobs/query/{id}";
  if (g_str_equal (req->method, "GET"))
    {
      GString *out = g_string_new (NULL);

      write_job_info (req, job, TRUE, out);
      sim_request_json (req, 200, out);
    }
  else if (g_str_equal (req->method, "PATCH"))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize len = req->body ? g_bytes_get_size (req->body) : 0;
      GString *out;
      JsonNode *root;

      if (len == 0 || !sim_json_load (parser, g_bytes_get_data (req->body, NULL), len, NULL) ||
          !JSON_NODE_HOLDS_OBJECT ((root = json_parser_get_root (parser))) ||
          g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (root), "state", ""),
                     "Aborted") != 0)
        {
          bulk_error (req, 400, "INVALIDJOBSTATE", "Only state Aborted can be set on a query job");
          return;
        }
      if (is_terminal (job_state (self, job)))
        {
          bulk_error (req, 400, "INVALIDJOBSTATE", "The job is already in a terminal state");
          return;
        }
      job->aborted = TRUE;
      out = g_string_new (NULL);
      write_job_info (req, job, FALSE, out);
      sim_request_json (req, 200, out);
    }
  else if (g_str_equal (req->method, "DELETE"))
    {
      if (!is_terminal (job_state (self, job)))
        {
          bulk_error (req, 400, "INVALIDJOBSTATE", "Only jobs in a terminal state can be deleted");
          return;
        }
      g_hash_table_remove (self->jobs, parts[0]);
      req->status = 204;
    }
  else
    bulk_error (req, 405, "METHOD_NOT_ALLOWED", "Allowed are GET,PATCH,DELETE");
}
