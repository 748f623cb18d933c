/* orgsync-core.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Everything src/core offers, for the engine, orgsync-cli and the GUI. GIO only. */

#include "orgsync-clock.h"
#include "orgsync-connection.h"
#include "orgsync-connection-list.h"
#include "orgsync-database.h"
#include "orgsync-enums.h"
#include "orgsync-error.h"
#include "orgsync-field.h"
#include "orgsync-format.h"
#include "orgsync-identifier.h"
#include "orgsync-keyring.h"
#include "orgsync-manager.h"
#include "orgsync-paths.h"
#include "orgsync-permission-check.h"
#include "orgsync-preset.h"
#include "orgsync-quota-governor.h"
#include "orgsync-records-store.h"
#include "orgsync-scheduler.h"
#include "orgsync-sobject.h"
#include "orgsync-status.h"
#include "orgsync-sync-engine.h"
#include "orgsync-sync-estimate.h"
#include "orgsync-sync-lock.h"
#include "orgsync-sync-run.h"
#include "orgsync-types.h"
#include "orgsync-value.h"
