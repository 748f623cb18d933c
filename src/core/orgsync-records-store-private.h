/* orgsync-records-store-private.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "orgsync-records-store.h"

G_BEGIN_DECLS

/* Test hooks: make the next page write fail at a given point, to show that nothing of
 * a failed page becomes visible. */
typedef enum
{
  ORGSYNC_RECORDS_FAILPOINT_NONE,
  ORGSYNC_RECORDS_FAILPOINT_BEFORE_DELETES,
  ORGSYNC_RECORDS_FAILPOINT_BEFORE_CHECKPOINT,
  ORGSYNC_RECORDS_FAILPOINT_BEFORE_COMMIT,
} OrgsyncRecordsFailpoint;

void     _orgsync_records_store_set_failpoint (OrgsyncRecordsStore     *self,
                                               OrgsyncRecordsFailpoint  failpoint);
sqlite3 *_orgsync_records_store_get_handle    (OrgsyncRecordsStore     *self);

G_END_DECLS
