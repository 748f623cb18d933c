/* sf-loopback-listener-private.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sf-loopback-listener.h"

G_BEGIN_DECLS

typedef enum
{
  SF_REDIRECT_NOT_FOUND,   /* another path or method: 404, the wait goes on */
  SF_REDIRECT_BAD_STATE,   /* the callback path with a wrong or missing state */
  SF_REDIRECT_CODE,        /* the callback path, our state and a code */
  SF_REDIRECT_ERROR,       /* the callback path, our state and an OAuth error */
} SfRedirectVerdict;

SfRedirectVerdict _sf_redirect_check (const char  *method,
                                      const char  *path,
                                      GHashTable  *query,
                                      const char  *expected_path,
                                      const char  *expected_state,
                                      char       **code,
                                      GError     **error);

G_END_DECLS
