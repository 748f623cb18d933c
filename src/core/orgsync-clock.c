/* orgsync-clock.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "orgsync-clock.h"

/* Wall-clock time for the scheduler, the status machine and the quota governor.
 * Tests use a manual clock so that nothing ever depends on how long a test takes: the
 * test moves time forward and the "changed" signal tells listeners to look again. */
struct _OrgsyncClock
{
  GObject  parent_instance;

  gint64   now;
  guint    manual : 1;
};

G_DEFINE_FINAL_TYPE (OrgsyncClock, orgsync_clock, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
orgsync_clock_class_init (OrgsyncClockClass *klass)
{
  /**
   * OrgsyncClock::changed:
   *
   * Emitted when a manual clock is set or advanced. The system clock never emits it:
   * listeners keep their own timeouts.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
orgsync_clock_init (OrgsyncClock *self)
{
}

OrgsyncClock *
orgsync_clock_new_system (void)
{
  return g_object_new (ORGSYNC_TYPE_CLOCK, NULL);
}

/**
 * orgsync_clock_new_manual:
 * @now_usec: the starting time, in microseconds since the Unix epoch
 */
OrgsyncClock *
orgsync_clock_new_manual (gint64 now_usec)
{
  OrgsyncClock *self = g_object_new (ORGSYNC_TYPE_CLOCK, NULL);

  self->manual = TRUE;
  self->now = now_usec;

  return self;
}

gboolean
orgsync_clock_is_manual (OrgsyncClock *self)
{
  g_return_val_if_fail (ORGSYNC_IS_CLOCK (self), FALSE);

  return self->manual;
}

/* Microseconds since the Unix epoch, like g_get_real_time(). */
gint64
orgsync_clock_get_now (OrgsyncClock *self)
{
  g_return_val_if_fail (ORGSYNC_IS_CLOCK (self), 0);

  if (self->manual)
    return self->now;

  return g_get_real_time ();
}

GDateTime *
orgsync_clock_dup_now_utc (OrgsyncClock *self)
{
  g_autoptr(GDateTime) epoch = NULL;

  g_return_val_if_fail (ORGSYNC_IS_CLOCK (self), NULL);

  epoch = g_date_time_new_from_unix_utc (0);

  return g_date_time_add (epoch, orgsync_clock_get_now (self));
}

void
orgsync_clock_set_now (OrgsyncClock *self,
                       gint64        now_usec)
{
  g_return_if_fail (ORGSYNC_IS_CLOCK (self));
  g_return_if_fail (self->manual);

  self->now = now_usec;
  g_signal_emit (self, signals[CHANGED], 0);
}

void
orgsync_clock_advance (OrgsyncClock *self,
                       gint64        delta_usec)
{
  g_return_if_fail (ORGSYNC_IS_CLOCK (self));
  g_return_if_fail (self->manual);

  orgsync_clock_set_now (self, self->now + delta_usec);
}
