/* orgsync-clock.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "orgsync-types.h"

G_BEGIN_DECLS

#define ORGSYNC_TYPE_CLOCK (orgsync_clock_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncClock, orgsync_clock, ORGSYNC, CLOCK, GObject)

OrgsyncClock *orgsync_clock_new_system       (void);
OrgsyncClock *orgsync_clock_new_manual       (gint64        now_usec);
gboolean      orgsync_clock_is_manual        (OrgsyncClock *self);
gint64        orgsync_clock_get_now          (OrgsyncClock *self);
GDateTime    *orgsync_clock_dup_now_utc      (OrgsyncClock *self);
void          orgsync_clock_set_now          (OrgsyncClock *self,
                                              gint64        now_usec);
void          orgsync_clock_advance          (OrgsyncClock *self,
                                              gint64        delta_usec);

G_END_DECLS
