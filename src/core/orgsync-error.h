/* orgsync-error.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ORGSYNC_ERROR (orgsync_error_quark ())

typedef enum
{
  ORGSYNC_ERROR_FAILED,
  ORGSYNC_ERROR_KEYRING_UNAVAILABLE,  /* no Secret Service on the session bus */
  ORGSYNC_ERROR_KEYRING_LOCKED,       /* the default collection is locked or missing */
} OrgsyncError;

GQuark orgsync_error_quark (void) G_GNUC_CONST;

G_END_DECLS
