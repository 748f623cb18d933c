/* sim-counter.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sim-counter.h"

#define WINDOW_MS (G_GINT64_CONSTANT (24) * 3600 * 1000)

void
sim_counter_init (SimCounter *counter,
                  guint64     limit)
{
  counter->entries = g_array_new (FALSE, FALSE, sizeof (SimCounterEntry));
  counter->limit = limit;
  counter->lag = 0;
}

void
sim_counter_clear (SimCounter *counter)
{
  g_clear_pointer (&counter->entries, g_array_unref);
}

static void
expire (SimCounter *counter,
        gint64      now_ms)
{
  guint n = 0;

  while (n < counter->entries->len &&
         g_array_index (counter->entries, SimCounterEntry, n).ms <= now_ms - WINDOW_MS)
    n++;
  if (n > 0)
    g_array_remove_range (counter->entries, 0, n);
}

guint64
sim_counter_used (SimCounter *counter,
                  gint64      now_ms)
{
  guint64 used = 0;

  expire (counter, now_ms);
  for (guint i = 0; i < counter->entries->len; i++)
    {
      SimCounterEntry *e = &g_array_index (counter->entries, SimCounterEntry, i);

      if (e->ms <= now_ms)
        used += e->n;
    }
  return used;
}

/* Calls in the same second share one entry, so a busy day stays small. */
void
sim_counter_add (SimCounter *counter,
                 gint64      now_ms,
                 guint64     n)
{
  SimCounterEntry entry = { now_ms - now_ms % 1000, n };

  if (counter->entries->len > 0)
    {
      SimCounterEntry *last = &g_array_index (counter->entries, SimCounterEntry,
                                              counter->entries->len - 1);

      if (last->ms == entry.ms)
        {
          last->n += n;
          return;
        }
    }
  g_array_append_val (counter->entries, entry);
}

void
sim_counter_set (SimCounter *counter,
                 gint64      now_ms,
                 guint64     used)
{
  g_array_set_size (counter->entries, 0);
  if (used > 0)
    sim_counter_add (counter, now_ms, used);
}

guint64
sim_counter_reported (SimCounter *counter,
                      gint64      now_ms)
{
  guint64 used = sim_counter_used (counter, now_ms);

  return used > counter->lag ? used - counter->lag : 0;
}
