/* sf-csv-parser.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SfCsvParser SfCsvParser;

/**
 * SfCsvRowFunc:
 * @fields: the fields of one row, each NUL-terminated (a field may also contain
 *   NUL bytes; @lengths is authoritative)
 * @lengths: the length of each field in bytes
 * @n_fields: the number of fields
 * @user_data: closure data
 * @error: return location for an error that stops the parse
 *
 * The arrays are only valid during the call.
 *
 * Returns: %FALSE with @error set to stop parsing
 */
typedef gboolean (*SfCsvRowFunc) (const char * const *fields,
                                  const gsize        *lengths,
                                  guint               n_fields,
                                  gpointer            user_data,
                                  GError            **error);

SfCsvParser *sf_csv_parser_new        (char           delimiter);
void         sf_csv_parser_free       (SfCsvParser   *self);
void         sf_csv_parser_reset      (SfCsvParser   *self);
gboolean     sf_csv_parser_feed       (SfCsvParser   *self,
                                       const char    *data,
                                       gsize          length,
                                       SfCsvRowFunc   func,
                                       gpointer       user_data,
                                       GError       **error);
gboolean     sf_csv_parser_finish     (SfCsvParser   *self,
                                       SfCsvRowFunc   func,
                                       gpointer       user_data,
                                       GError       **error);
guint64      sf_csv_parser_get_rows   (SfCsvParser   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfCsvParser, sf_csv_parser_free)

G_END_DECLS
