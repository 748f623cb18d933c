/* sf-client-private.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "sf-client.h"

G_BEGIN_DECLS

/* Runs in a worker thread on the body of a successful response, so that
 * parsing a large page never blocks the caller's main loop. An
 * SF_ERROR_INVALID_RESPONSE from it (a truncated body) is retried like a
 * transport error. */
typedef gpointer (*SfResponseParser) (GBytes      *body,
                                      gpointer     parser_data,
                                      GError     **error);

typedef struct
{
  char             *method;
  char             *url;
  SfRequestKind     kind;
  guint             api_calls;
  GBytes           *body;
  char             *content_type;
  GPtrArray        *headers;          /* name, value, name, value, … */
  guint             authenticated : 1;
  guint             retry : 1;
  guint             stream : 1;
  SfResponseParser  parser;
  gpointer          parser_data;
  GDestroyNotify    parser_data_free;
  GDestroyNotify    parsed_free;
} SfRequest;

typedef struct
{
  guint                status;
  SoupMessageHeaders  *headers;
  GBytes              *body;
  GInputStream        *stream;
  gpointer             parsed;
  GDestroyNotify       parsed_free;
  GDateTime           *sent_at;
} SfResponse;

SfRequest   *_sf_request_new             (const char           *method,
                                          const char           *url,
                                          SfRequestKind         kind);
void         _sf_request_free            (SfRequest            *request);
void         _sf_request_add_header      (SfRequest            *request,
                                          const char           *name,
                                          const char           *value);
void         _sf_request_set_body        (SfRequest            *request,
                                          const char           *content_type,
                                          const char           *data,
                                          gsize                 length);
void         _sf_request_set_parser      (SfRequest            *request,
                                          SfResponseParser      parser,
                                          gpointer              parser_data,
                                          GDestroyNotify        parser_data_free,
                                          GDestroyNotify        parsed_free);
void         _sf_response_free           (SfResponse           *response);
gpointer     _sf_response_steal_parsed   (SfResponse           *response);

char        *_sf_client_build_url        (SfClient             *self,
                                          const char           *path);
char        *_sf_client_build_data_url   (SfClient             *self,
                                          const char           *path);
char        *_sf_client_data_path        (SfClient             *self,
                                          const char           *path);
SfRequest   *_sf_client_new_rest_request (SfClient             *self,
                                          const char           *method,
                                          const char           *path,
                                          GError              **error);
void         _sf_client_send_async       (SfClient             *self,
                                          SfRequest            *request,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
SfResponse  *_sf_client_send_finish      (SfClient             *self,
                                          GAsyncResult         *result,
                                          GError              **error);
void         _sf_client_schedule         (GTask                *task,
                                          guint                 delay_ms,
                                          GSourceFunc           func);
guint        _sf_client_backoff_delay    (guint                 initial_ms,
                                          guint                 max_ms,
                                          guint                 failures);
void         _sf_client_emit_sign_in_link (SfClient            *self,
                                          const char          *url);
void         _sf_client_replace_token    (SfClient             *self,
                                          SfToken              *token,
                                          gboolean              refreshed);
const char  *_sf_client_get_client_secret (SfClient            *self);
void         _sf_client_refresh_shared   (SfClient             *self,
                                          GTask                *waiter);
gpointer     _sf_parse_json_object       (GBytes               *body,
                                          gpointer              what,
                                          GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfRequest, _sf_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfResponse, _sf_response_free)

G_END_DECLS
