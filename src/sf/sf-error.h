/* sf-error.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SF_ERROR (sf_error_quark ())

/* Codes for the failures a Salesforce peer can report. The message of an error in
 * this domain always keeps Salesforce's own text where there is one. */
typedef enum
{
  SF_ERROR_FAILED,
  SF_ERROR_INVALID_RESPONSE,
} SfError;

GQuark sf_error_quark (void) G_GNUC_CONST;

G_END_DECLS
