/* orgsync-scheduler.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "orgsync-clock.h"
#include "orgsync-connection.h"

G_BEGIN_DECLS

/* How a run ended, as far as scheduling cares. */
typedef enum
{
  ORGSYNC_RUN_OUTCOME_SUCCEEDED,
  ORGSYNC_RUN_OUTCOME_FAILED,     /* transient: retried with backoff */
  ORGSYNC_RUN_OUTCOME_STOPPED,    /* needs the person or hit the quota: the status says when */
  ORGSYNC_RUN_OUTCOME_CANCELLED,
} OrgsyncRunOutcome;

#define ORGSYNC_SCHEDULER_FIRST_RETRY   (5 * 60 * G_USEC_PER_SEC)

#define ORGSYNC_TYPE_SCHEDULER (orgsync_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncScheduler, orgsync_scheduler, ORGSYNC, SCHEDULER, GObject)

OrgsyncScheduler *orgsync_scheduler_new                (OrgsyncClock       *clock,
                                                        GNetworkMonitor    *monitor);
gboolean          orgsync_scheduler_get_allow_metered  (OrgsyncScheduler   *self);
void              orgsync_scheduler_set_allow_metered  (OrgsyncScheduler   *self,
                                                        gboolean            allow_metered);
void              orgsync_scheduler_add_connection     (OrgsyncScheduler   *self,
                                                        OrgsyncConnection  *connection);
void              orgsync_scheduler_remove_connection  (OrgsyncScheduler   *self,
                                                        OrgsyncConnection  *connection);
void              orgsync_scheduler_run_started        (OrgsyncScheduler   *self,
                                                        OrgsyncConnection  *connection);
void              orgsync_scheduler_run_finished       (OrgsyncScheduler   *self,
                                                        OrgsyncConnection  *connection,
                                                        OrgsyncRunOutcome   outcome);
gint64            orgsync_scheduler_get_next_due       (OrgsyncScheduler   *self,
                                                        OrgsyncConnection  *connection);
void              orgsync_scheduler_tick               (OrgsyncScheduler   *self);

G_END_DECLS
