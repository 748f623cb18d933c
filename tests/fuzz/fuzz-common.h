/* fuzz-common.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

G_BEGIN_DECLS

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

/* A g_critical() or g_warning() on hostile input means a parser passed
 * something wrong to an API (the program would go on with a default it did
 * not choose, or abort under G_DEBUG=fatal-warnings): make it a crash that
 * the fuzzer reports and minimizes. GLib's own fatal path raises SIGTRAP,
 * which libFuzzer does not catch, hence abort(). */
static inline gboolean
fuzz_is_bad_level (GLogLevelFlags level)
{
  return (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) != 0;
}

static inline void
fuzz_log_handler (const char     *domain,
                  GLogLevelFlags  level,
                  const char     *message,
                  gpointer        user_data)
{
  if (!fuzz_is_bad_level (level))
    return;

  fprintf (stderr, "%s: %s\n", domain ? domain : "(no domain)", message);
  abort ();
}

static inline GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  if (!fuzz_is_bad_level (level))
    return G_LOG_WRITER_HANDLED;

  g_log_writer_standard_streams (level, fields, n_fields, user_data);
  abort ();
}

static inline void
fuzz_init (void)
{
  g_log_set_default_handler (fuzz_log_handler, NULL);
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
}

/* Reads every byte of @text, so that AddressSanitizer sees a value that
 * points outside its buffer even when nothing else reads it. */
static inline guint
fuzz_touch (const char *text,
            gsize       length)
{
  guint sum = 0;

  for (gsize i = 0; i < length; i++)
    sum += (guchar) text[i];

  return sum;
}

/* Error messages end up in labels and notifications, which need UTF-8. */
static inline gboolean
fuzz_error_ok (const GError *error,
               GQuark        domain)
{
  return error != NULL && error->domain == domain && error->message != NULL &&
         g_utf8_validate (error->message, -1, NULL);
}

#define fuzz_check(expr) \
  G_STMT_START { \
    if (!(expr)) \
      { \
        fprintf (stderr, "%s:%d: fuzz invariant failed: %s\n", __FILE__, __LINE__, #expr); \
        abort (); \
      } \
  } G_STMT_END

G_END_DECLS
