/* sim-writer.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sim-soql.h"

G_BEGIN_DECLS

/* Writers for the serving hot path: straight into a GString, no JSON trees. */
void sim_write_attributes   (GString     *out,
                             SimObject   *object,
                             const char  *id,
                             const char  *version);
void sim_write_record_json  (GString     *out,
                             SimRow      *row,
                             GPtrArray   *select,
                             const char  *version);
void sim_write_full_record  (GString     *out,
                             SimRow      *row,
                             const char  *version);
void sim_write_value_json   (GString     *out,
                             SimRow      *row,
                             SimField    *field,
                             const char  *version);
void sim_write_csv_header   (GString     *out,
                             GPtrArray   *columns,
                             char         delimiter);
void sim_write_record_csv   (GString     *out,
                             SimRow      *row,
                             GPtrArray   *columns,
                             char         delimiter,
                             const char  *line_ending);

G_END_DECLS
