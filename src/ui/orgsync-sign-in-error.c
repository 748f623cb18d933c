/* orgsync-sign-in-error.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include <gio/gio.h>

#include "orgsync-error.h"
#include "orgsync-sign-in-error.h"
#include "sf-error.h"

/* Sign-in failures in plain words, with what to do, keeping Salesforce's own text
 * where it has one. When the org refuses the default client (many do since 2025),
 * the answer is the org's own External Client App, so the dialog links to its help. */

static void
set_problem (OrgsyncSignInProblem *problem,
             const char           *title,
             char                 *message,
             gboolean              suggest_client_app)
{
  problem->title = g_strdup (title);
  problem->message = message;
  problem->suggest_client_app = suggest_client_app;
}

static char *
with_salesforce_text (const char   *explanation,
                      const GError *error)
{
  /* Translators: our explanation, then what Salesforce said */
  return g_strdup_printf (_("%s\n\nSalesforce said: %s"), explanation, error->message);
}

static gboolean
explain_sf_error (const GError         *error,
                  OrgsyncSignInProblem *problem)
{
  switch (error->code)
    {
    case SF_ERROR_CALLBACK_PORT_IN_USE:
      set_problem (problem, _("The Sign-In Port Is Taken"),
                   g_strdup (_("Salesforce sends your browser back to Org Sync on port 1717 of this computer, and another program (perhaps the Salesforce CLI) is using it. Close that program and try again, or use your org’s own External Client App with another callback port under Advanced.")),
                   TRUE);
      return TRUE;

    case SF_ERROR_APP_BLOCKED:
    case SF_ERROR_INVALID_APP_ACCESS:
    case SF_ERROR_INVALID_CLIENT_ID:
    case SF_ERROR_REDIRECT_URI_MISMATCH:
      set_problem (problem, _("Your Org Blocks This Sign-In"),
                   with_salesforce_text (_("Salesforce refused the app Org Sync signs in with. Since 2025 many orgs only allow apps that an administrator approved. Ask an admin to approve it, or create your org’s own External Client App and enter its consumer key under Advanced."), error),
                   TRUE);
      return TRUE;

    case SF_ERROR_INVALID_CLIENT:
      set_problem (problem, _("The Consumer Secret Is Wrong"),
                   with_salesforce_text (_("Salesforce did not accept the consumer secret entered under Advanced. Copy it again from the External Client App, or leave it empty if the app does not require one."), error),
                   TRUE);
      return TRUE;

    case SF_ERROR_AUTHENTICATION_FAILURE:
      set_problem (problem, _("Sign-In Failed"),
                   g_strdup (_("Salesforce did not accept the username, password and security token. Check them; the security token goes in its own field. If they are right, the org probably blocks signing in with a password (orgs created since Summer ’23 do, unless an admin allows it): sign in with the browser instead.")),
                   FALSE);
      return TRUE;

    case SF_ERROR_ACCESS_DENIED:
      set_problem (problem, _("Access Not Allowed"),
                   g_strdup (_("Org Sync was not allowed to access Salesforce. Sign in again and choose Allow.")),
                   FALSE);
      return TRUE;

    case SF_ERROR_LOGIN_TIMED_OUT:
      set_problem (problem, _("Sign-In Timed Out"),
                   g_strdup (_("Nobody finished signing in in the browser. Try again; if no browser opened, use Copy Sign-In Link and paste the link into a browser on this computer.")),
                   FALSE);
      return TRUE;

    case SF_ERROR_BROWSER_FAILED:
      set_problem (problem, _("No Browser Opened"),
                   with_salesforce_text (_("Org Sync could not open a web browser. Try again and use Copy Sign-In Link to open the page in a browser yourself."), error),
                   FALSE);
      return TRUE;

    case SF_ERROR_API_DISABLED_FOR_ORG:
    case SF_ERROR_API_CURRENTLY_DISABLED:
      set_problem (problem, _("API Access Is Off"),
                   with_salesforce_text (_("This Salesforce user or org may not use the API, which Org Sync needs. Ask an admin to turn on “API Enabled” for the user (Professional Edition orgs need the API add-on)."), error),
                   FALSE);
      return TRUE;

    default:
      return FALSE;
    }
}

void
orgsync_sign_in_problem_explain (const GError         *error,
                                 OrgsyncSignInProblem *problem)
{
  g_return_if_fail (error != NULL);
  g_return_if_fail (problem != NULL);

  memset (problem, 0, sizeof *problem);

  if (error->domain == SF_ERROR && explain_sf_error (error, problem))
    return;

  if (g_error_matches (error, ORGSYNC_ERROR, ORGSYNC_ERROR_OTHER_ORG))
    set_problem (problem, _("Another Org"), g_strdup (error->message), FALSE);
  else if (g_error_matches (error, ORGSYNC_ERROR, ORGSYNC_ERROR_REFRESHED_SANDBOX))
    {
      set_problem (problem, _("Sandbox Refreshed"), g_strdup (error->message), FALSE);
      problem->retry_label = _("_Sign In and Sync Again");
    }
  else if (error->domain == ORGSYNC_ERROR &&
           (error->code == ORGSYNC_ERROR_KEYRING_UNAVAILABLE || error->code == ORGSYNC_ERROR_KEYRING_LOCKED))
    set_problem (problem, _("The Keyring Is Not Available"), g_strdup (error->message), FALSE);
  else if (error->domain == G_IO_ERROR || error->domain == G_RESOLVER_ERROR || error->domain == G_TLS_ERROR)
    /* Translators: advice, then the system's own description of the failure */
    set_problem (problem, _("Salesforce Cannot Be Reached"),
                 g_strdup_printf (_("%s (%s)"),
                                  _("Check the network connection and the address you sign in to, then try again."),
                                  error->message),
                 FALSE);
  else
    set_problem (problem, _("Could Not Connect"), g_strdup (error->message), FALSE);
}

void
orgsync_sign_in_problem_clear (OrgsyncSignInProblem *problem)
{
  g_clear_pointer (&problem->title, g_free);
  g_clear_pointer (&problem->message, g_free);
}
