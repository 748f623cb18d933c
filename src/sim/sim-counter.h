/* sim-counter.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The daily API allowance: a rolling 24-hour window of timestamped calls. */
typedef struct
{
  GArray  *entries;     /* of SimCounterEntry, oldest first */
  guint64  limit;
  guint    lag;         /* Sforce-Limit-Info reports this many calls too few */
} SimCounter;

typedef struct
{
  gint64  ms;
  guint64 n;
} SimCounterEntry;

void     sim_counter_init      (SimCounter *counter,
                                guint64     limit);
void     sim_counter_clear     (SimCounter *counter);
guint64  sim_counter_used      (SimCounter *counter,
                                gint64      now_ms);
void     sim_counter_add       (SimCounter *counter,
                                gint64      now_ms,
                                guint64     n);
void     sim_counter_set       (SimCounter *counter,
                                gint64      now_ms,
                                guint64     used);
guint64  sim_counter_reported  (SimCounter *counter,
                                gint64      now_ms);

G_END_DECLS
