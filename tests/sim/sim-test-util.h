/* sim-test-util.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "sim-server.h"

G_BEGIN_DECLS

typedef struct
{
  guint               status;
  GBytes             *body;
  SoupMessageHeaders *headers;
  JsonNode           *json;
} SimTestResponse;

SimServer       *sim_test_start_server     (const char         *first_arg,
                                            ...) G_GNUC_NULL_TERMINATED;
SoupSession     *sim_test_session          (void);
SimTestResponse *sim_test_request          (SoupSession        *session,
                                            const char         *method,
                                            const char         *url,
                                            const char         *token,
                                            const char         *content_type,
                                            const char         *body,
                                            ...) G_GNUC_NULL_TERMINATED;
void             sim_test_response_free    (SimTestResponse    *response);
const char      *sim_test_body             (SimTestResponse    *response);
char            *sim_test_login            (SoupSession        *session,
                                            const char         *base);
SimTestResponse *sim_test_control          (SoupSession        *session,
                                            const char         *base,
                                            const char         *path,
                                            const char         *json_body);
SimTestResponse *sim_test_get              (SoupSession        *session,
                                            const char         *base,
                                            const char         *token,
                                            const char         *path);
const char      *sim_test_error_code       (SimTestResponse    *response);
const char      *sim_test_error_message    (SimTestResponse    *response);
JsonObject      *sim_test_object           (SimTestResponse    *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimTestResponse, sim_test_response_free)

G_END_DECLS
