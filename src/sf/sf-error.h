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

/* Codes for the failures a Salesforce peer can report, and for the few that this
 * library detects itself. The message of an error in this domain always keeps
 * Salesforce's own text where there is one; sf_error_code_to_string() gives the
 * errorCode (or OAuth error) that Salesforce used, for display next to it.
 *
 * Cancellation is reported as G_IO_ERROR_CANCELLED, never in this domain. */
typedef enum
{
  /* An errorCode this library does not know: the message starts with it. */
  SF_ERROR_FAILED,
  /* The peer answered with something that is not what the protocol promises:
   * HTML instead of JSON, truncated JSON, a missing member. */
  SF_ERROR_INVALID_RESPONSE,
  /* The caller passed something this library refuses to send: a field name that
   * is not an API name, a malformed login URL. */
  SF_ERROR_INVALID_ARGUMENT,
  /* A URL that would carry a token over plain HTTP to a non-loopback host. */
  SF_ERROR_INSECURE_URL,
  /* The caller's request filter (the quota governor) refused to send a request. */
  SF_ERROR_REQUEST_REFUSED,
  /* A SOQL statement whose URL would exceed Salesforce's 16 KB limit and that
   * cannot be split: use a Bulk API 2.0 job instead. Also HTTP 414 and 431. */
  SF_ERROR_URI_TOO_LONG,
  /* The library has no session (no token) for a call that needs one. */
  SF_ERROR_NOT_SIGNED_IN,

  /* Sign-in and tokens (OAuth errors, RFC 6749 and Salesforce's own). */
  SF_ERROR_INVALID_GRANT,              /* invalid_grant during sign-in: wrong credentials,
                                        * blocked username-password flow, used code */
  SF_ERROR_AUTHENTICATION_FAILURE,     /* invalid_grant "authentication failure" on the
                                        * password grant: wrong password or security
                                        * token, or the org blocks that flow */
  SF_ERROR_REAUTHORIZATION_REQUIRED,   /* the refresh token no longer works (invalid_grant
                                        * on refresh, inactive user, revoked or blocked
                                        * app): the person must sign in again */
  SF_ERROR_INVALID_CLIENT_ID,          /* invalid_client_id: unknown consumer key */
  SF_ERROR_INVALID_CLIENT,             /* invalid_client: bad consumer secret */
  SF_ERROR_REDIRECT_URI_MISMATCH,      /* redirect_uri_mismatch */
  SF_ERROR_UNSUPPORTED_GRANT_TYPE,     /* unsupported_grant_type */
  SF_ERROR_INVALID_REQUEST,            /* invalid_request, e.g. a PKCE verifier mismatch */
  SF_ERROR_INVALID_APP_ACCESS,         /* invalid_app_access: user not admin-approved */
  SF_ERROR_APP_BLOCKED,                /* OAUTH_APP_BLOCKED / app blocked */
  SF_ERROR_INVALID_SCOPE,              /* invalid_scope */
  SF_ERROR_ACCESS_DENIED,              /* access_denied on the redirect: the person said no */
  SF_ERROR_UNSUPPORTED_TOKEN_TYPE,     /* unsupported_token_type (revoke) */
  SF_ERROR_INVALID_TOKEN,              /* invalid_token (revoke) */
  SF_ERROR_STATE_MISMATCH,             /* the redirect carried another state than we sent */
  SF_ERROR_CALLBACK_PORT_IN_USE,       /* the loopback callback port is taken */
  SF_ERROR_LOGIN_TIMED_OUT,            /* nobody completed the browser sign-in in time */
  SF_ERROR_BROWSER_FAILED,             /* the browser could not be started */

  /* REST errorCodes (reference §2.5). */
  SF_ERROR_INVALID_SESSION_ID,
  SF_ERROR_INVALID_AUTH_HEADER,
  SF_ERROR_REQUEST_LIMIT_EXCEEDED,     /* the org's rolling 24-hour allocation is used up */
  SF_ERROR_CONCURRENT_REQUEST_LIMIT,   /* REQUEST_LIMIT_EXCEEDED, ConcurrentPerOrgLongTxn */
  SF_ERROR_API_DISABLED_FOR_ORG,
  SF_ERROR_API_CURRENTLY_DISABLED,     /* the user lacks "API Enabled" */
  SF_ERROR_INSUFFICIENT_ACCESS_OR_READONLY,
  SF_ERROR_INSUFFICIENT_ACCESS,
  SF_ERROR_INVALID_FIELD,
  SF_ERROR_MALFORMED_QUERY,
  SF_ERROR_INVALID_TYPE,
  SF_ERROR_INVALID_QUERY_FILTER_OPERATOR,
  SF_ERROR_INVALID_QUERY_LOCATOR,
  SF_ERROR_QUERY_TIMEOUT,
  SF_ERROR_QUERY_TOO_COMPLICATED,
  SF_ERROR_NUMBER_OUTSIDE_VALID_RANGE,
  SF_ERROR_EXCEEDED_ID_LIMIT,
  SF_ERROR_INVALID_REPLICATION_DATE,
  SF_ERROR_NOT_FOUND,
  SF_ERROR_METHOD_NOT_ALLOWED,
  SF_ERROR_UNSUPPORTED_API_VERSION,
  SF_ERROR_SERVER_UNAVAILABLE,         /* 503, also an HTML maintenance page */
  SF_ERROR_UNKNOWN_EXCEPTION,          /* 500 */
  SF_ERROR_BATCH_PROCESSING_HALTED,

  /* HTTP statuses that came without a Salesforce errorCode. */
  SF_ERROR_RATE_LIMITED,               /* 420 / 429 */
  SF_ERROR_SERVER_ERROR,               /* other 5xx */
  SF_ERROR_CONFLICT,                   /* 409, e.g. Bulk results read with another version */
  SF_ERROR_HTTP,                       /* any other unexpected status */

  /* Bulk API 2.0. */
  SF_ERROR_BULK_API_ERROR,             /* API_ERROR, e.g. compound fields selected */
  SF_ERROR_BULK_INVALID_JOB,           /* INVALIDJOB */
  SF_ERROR_BULK_INVALID_ENTITY,        /* INVALIDENTITY: object not supported by Bulk */
  SF_ERROR_BULK_JOB_FAILED,            /* the job ended Failed; message is its errorMessage */
  SF_ERROR_BULK_JOB_ABORTED,           /* the job ended Aborted */
} SfError;

GQuark       sf_error_quark                      (void) G_GNUC_CONST;
const char  *sf_error_code_to_string             (SfError        code);
SfError      sf_error_code_from_api_error_code   (const char    *error_code,
                                                  const char    *message);
SfError      sf_error_code_from_oauth_error      (const char    *oauth_error,
                                                  const char    *description);
SfError      sf_error_code_from_http_status      (guint          status);
gboolean     sf_error_is_transient               (const GError  *error);
gboolean     sf_error_needs_reauthorization      (const GError  *error);

G_END_DECLS
