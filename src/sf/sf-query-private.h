/* sf-query-private.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sf-query.h"

G_BEGIN_DECLS

/* One parsed page of a query response. The parser is separate from the
 * iterator so that it can be tested and fuzzed without a server. */
typedef struct
{
  SfRecordBatch *batch;
  char          *next_url;
  gint64         total_size;
  gboolean       done;
} SfQueryPage;

SfQueryPage *_sf_query_page_parse (GBytes             *body,
                                   const char * const *known_names,
                                   const SfFieldType  *types,
                                   GError            **error);
void         _sf_query_page_free  (SfQueryPage        *page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfQueryPage, _sf_query_page_free)

G_END_DECLS
