/* sim-util.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Deterministic mixing: the generator derives every value from these. */
static inline guint64
sim_mix64 (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return x ^ (x >> 31);
}

guint64   sim_hash_string          (const char  *str);

void      sim_json_append_string   (GString     *out,
                                    const char  *str,
                                    gssize       len);
void      sim_csv_append_string    (GString     *out,
                                    const char  *str,
                                    gssize       len);
void      sim_append_java_double   (GString     *out,
                                    double       value);
void      sim_append_datetime      (GString     *out,
                                    gint64       ms,
                                    gboolean     zulu);
gint64    sim_days_from_civil      (int          year,
                                    int          month,
                                    int          day);
void      sim_append_date          (GString     *out,
                                    gint64       days);
gboolean  sim_parse_datetime       (const char  *str,
                                    gint64      *ms_out,
                                    gboolean    *date_only);
char     *sim_format_http_date     (gint64       ms);
gboolean  sim_parse_http_date      (const char  *str,
                                    gint64      *ms_out);

void      sim_id_checksum          (const char  *id15,
                                    char         suffix[3]);
void      sim_make_id              (char         out[19],
                                    const char  *prefix,
                                    guint64      number);
gboolean  sim_parse_id             (const char  *id,
                                    char         prefix_out[4],
                                    guint64     *number_out);

gboolean  sim_json_load            (JsonParser  *parser,
                                    const char  *data,
                                    gsize        len,
                                    GError     **error);

char     *sim_random_token         (gsize        n_bytes);
char     *sim_base64url_sha256     (const char  *text);

G_END_DECLS
