/* orgsync-quota-governor.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "orgsync-clock.h"
#include "orgsync-database.h"

G_BEGIN_DECLS

#define ORGSYNC_QUOTA_DEFAULT_LAG_WINDOW    (120 * G_USEC_PER_SEC)
#define ORGSYNC_QUOTA_DEFAULT_STALE_AFTER   (15 * 60 * G_USEC_PER_SEC)
#define ORGSYNC_QUOTA_WINDOW                (G_GINT64_CONSTANT (24) * 60 * 60 * G_USEC_PER_SEC)

#define ORGSYNC_TYPE_QUOTA_GOVERNOR (orgsync_quota_governor_get_type ())

G_DECLARE_FINAL_TYPE (OrgsyncQuotaGovernor, orgsync_quota_governor, ORGSYNC, QUOTA_GOVERNOR, GObject)

OrgsyncQuotaGovernor *orgsync_quota_governor_new                (OrgsyncDatabase       *database,
                                                                 OrgsyncClock          *clock,
                                                                 const char            *org_id,
                                                                 const char            *connection_id);
const char           *orgsync_quota_governor_get_org_id         (OrgsyncQuotaGovernor  *self);
guint                 orgsync_quota_governor_get_threshold      (OrgsyncQuotaGovernor  *self);
void                  orgsync_quota_governor_set_threshold      (OrgsyncQuotaGovernor  *self,
                                                                 guint                  percent);
void                  orgsync_quota_governor_set_lag_window     (OrgsyncQuotaGovernor  *self,
                                                                 gint64                 usec);
void                  orgsync_quota_governor_set_reserve        (OrgsyncQuotaGovernor  *self,
                                                                 guint                  calls);

gboolean              orgsync_quota_governor_record_usage       (OrgsyncQuotaGovernor  *self,
                                                                 gint64                 used,
                                                                 gint64                 max,
                                                                 const char            *source,
                                                                 GError               **error);
gboolean              orgsync_quota_governor_record_header      (OrgsyncQuotaGovernor  *self,
                                                                 const char            *sforce_limit_info,
                                                                 GError               **error);
gboolean              orgsync_quota_governor_needs_refresh      (OrgsyncQuotaGovernor  *self);
gboolean              orgsync_quota_governor_get_usage          (OrgsyncQuotaGovernor  *self,
                                                                 gint64                *estimate,
                                                                 gint64                *max,
                                                                 GError               **error);
gboolean              orgsync_quota_governor_try_acquire        (OrgsyncQuotaGovernor  *self,
                                                                 GError               **error);
gint64                orgsync_quota_governor_estimate_resume    (OrgsyncQuotaGovernor  *self,
                                                                 GError               **error);

gboolean              orgsync_quota_parse_limit_info            (const char            *header,
                                                                 gint64                *used,
                                                                 gint64                *max);
gint64                orgsync_quota_threshold_calls             (gint64                 max,
                                                                 guint                  percent);
char                 *orgsync_quota_format_stop_message         (guint                  percent,
                                                                 gint64                 used,
                                                                 gint64                 max);

G_END_DECLS
