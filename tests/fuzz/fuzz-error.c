/* fuzz-error.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "sf-error-private.h"
#include "sf-json-private.h"

/* The body of a failed response: REST errors (`[{"message","errorCode"}]`),
 * OAuth errors (`{"error","error_description"}`), Bulk errors, HTML
 * maintenance pages, truncated bodies. Every body gives exactly one SF_ERROR
 * whose message can be shown as is. */

static const char * const content_types[] = {
  "application/json;charset=UTF-8", "text/html; charset=utf-8", "text/plain", NULL,
};

static const guint statuses[] = { 400, 401, 403, 404, 409, 414, 420, 500, 503 };

static void
check_error (GError *error)
{
  fuzz_check (fuzz_error_ok (error, SF_ERROR));
  fuzz_touch (error->message, strlen (error->message));
  fuzz_touch (sf_error_code_to_string (error->code), strlen (sf_error_code_to_string (error->code)));
  sf_error_is_transient (error);
  sf_error_needs_reauthorization (error);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  guint status = statuses[(size + (size ? data[0] : 0)) % G_N_ELEMENTS (statuses)];
  /* The status line's reason phrase is the server's too. */
  g_autofree char *reason = g_strndup ((const char *) data, MIN (size, 24));
  g_autoptr(JsonNode) root = _sf_json_parse ((const char *) data, size, "composite", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (content_types); i++)
    {
      g_autoptr(GError) error = _sf_error_new_from_response (status, reason, content_types[i],
                                                             (const char *) data, size);

      check_error (error);
    }

  /* A composite subresponse's body, parsed as the whole response is. */
  if (root != NULL)
    {
      g_autoptr(GError) error = _sf_error_new_from_json_node (status, root);

      check_error (error);
    }

  return 0;
}
