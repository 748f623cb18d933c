/* orgsync-sign-in-error.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char       *title;
  char       *message;
  gboolean    suggest_client_app;
  const char *retry_label;         /* (nullable): instead of "Try Again" */
} OrgsyncSignInProblem;

void orgsync_sign_in_problem_explain (const GError         *error,
                                      OrgsyncSignInProblem *problem);
void orgsync_sign_in_problem_clear   (OrgsyncSignInProblem *problem);

G_END_DECLS
