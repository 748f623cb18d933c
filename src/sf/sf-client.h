/* sf-client.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sf-describe.h"
#include "sf-error.h"
#include "sf-limit-info.h"
#include "sf-rest-types.h"
#include "sf-token.h"

G_BEGIN_DECLS

/* The API versions this library was written against: it picks the highest
 * version of the org's /services/data/ list inside this range. 47.0 is where
 * Bulk API 2.0 query jobs begin. */
#define SF_API_VERSION_MIN "47.0"
#define SF_API_VERSION_MAX "66.0"

/* The public Salesforce CLI client (reference §1.8). Since 2025 many orgs
 * block it for users an admin has not approved; an org's own External Client
 * App (sf_client_set_oauth_app()) is the dependable alternative. */
#define SF_DEFAULT_CLIENT_ID    "PlatformCLI"
#define SF_DEFAULT_REDIRECT_URI "http://localhost:1717/OauthRedirect"

#define SF_TYPE_CLIENT (sf_client_get_type ())

G_DECLARE_FINAL_TYPE (SfClient, sf_client, SF, CLIENT, GObject)

typedef enum
{
  SF_REQUEST_KIND_OAUTH,     /* token, revoke, userinfo, identity */
  SF_REQUEST_KIND_VERSIONS,  /* GET /services/data/: documented as not counted */
  SF_REQUEST_KIND_REST,      /* everything else under /services/data/vXX.X/ */
  SF_REQUEST_KIND_BULK,      /* Bulk API 2.0 under /services/data/vXX.X/jobs/ */
} SfRequestKind;

/**
 * SfRequestInfo:
 * @kind: what the request is for
 * @method: the HTTP method
 * @path: the URL path, without the query (which may hold SOQL)
 * @api_calls: how many calls Salesforce counts against the org's daily
 *   allocation for it, as far as documented: 0 for the version list and the
 *   OAuth endpoints (undocumented, reference §5), 1 for a REST or Bulk request
 *   and for a whole /composite request
 * @attempt: 1 for the first try, more for retries and the retry after a token
 *   refresh
 *
 * What the request filter is shown before a request is sent.
 */
typedef struct
{
  SfRequestKind  kind;
  const char    *method;
  const char    *path;
  guint          api_calls;
  guint          attempt;
} SfRequestInfo;

/**
 * SfRequestFilter:
 * @client: the client
 * @info: the request about to be sent
 * @user_data: closure data
 * @error: return location for the reason to refuse
 *
 * Consulted before every request the client sends, retries included. A quota
 * governor returns %FALSE with @error set to stop a request that would take the
 * org over its threshold; the caller of the operation receives that error.
 *
 * Returns: %TRUE to send the request
 */
typedef gboolean (*SfRequestFilter) (SfClient             *client,
                                     const SfRequestInfo  *info,
                                     gpointer              user_data,
                                     GError              **error);

SfClient       *sf_client_new                         (const char           *login_url,
                                                       GError              **error);
const char     *sf_client_get_login_url               (SfClient             *self);
void            sf_client_set_tls_database            (SfClient             *self,
                                                       GTlsDatabase         *database);
void            sf_client_set_oauth_app               (SfClient             *self,
                                                       const char           *client_id,
                                                       const char           *client_secret,
                                                       const char           *redirect_uri);
const char     *sf_client_get_client_id               (SfClient             *self);
const char     *sf_client_get_redirect_uri            (SfClient             *self);
SfToken        *sf_client_get_token                   (SfClient             *self);
void            sf_client_set_token                   (SfClient             *self,
                                                       SfToken              *token);
const char     *sf_client_get_api_version             (SfClient             *self);
void            sf_client_set_api_version             (SfClient             *self,
                                                       const char           *version);
SfLimitInfo    *sf_client_get_limit_info              (SfClient             *self);
gint64          sf_client_get_api_usage_used          (SfClient             *self);
gint64          sf_client_get_api_usage_max           (SfClient             *self);
guint64         sf_client_get_requests_sent           (SfClient             *self);
guint64         sf_client_get_api_calls_sent          (SfClient             *self);
void            sf_client_set_request_filter          (SfClient             *self,
                                                       SfRequestFilter       filter,
                                                       gpointer              user_data,
                                                       GDestroyNotify        destroy);
void            sf_client_set_retry_policy            (SfClient             *self,
                                                       guint                 max_attempts,
                                                       guint                 initial_delay_ms,
                                                       guint                 max_delay_ms,
                                                       guint                 max_total_ms);

/* Sign-in and session (sf-client-oauth.c) */
void            sf_client_sign_in_with_browser_async  (SfClient             *self,
                                                       const char           *scope,
                                                       guint                 timeout_seconds,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
SfToken        *sf_client_sign_in_with_browser_finish (SfClient             *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void            sf_client_sign_in_with_password_async (SfClient             *self,
                                                       const char           *username,
                                                       const char           *password,
                                                       const char           *security_token,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
SfToken        *sf_client_sign_in_with_password_finish (SfClient            *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void            sf_client_refresh_token_async         (SfClient             *self,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
SfToken        *sf_client_refresh_token_finish        (SfClient             *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void            sf_client_revoke_async                (SfClient             *self,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean        sf_client_revoke_finish               (SfClient             *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void            sf_client_get_user_info_async         (SfClient             *self,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
SfUserInfo     *sf_client_get_user_info_finish        (SfClient             *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

/* REST (sf-client-rest.c) */
void            sf_client_negotiate_api_version_async (SfClient             *self,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
char           *sf_client_negotiate_api_version_finish (SfClient            *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void            sf_client_describe_global_async       (SfClient             *self,
                                                       SfGlobalDescribe     *cached,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
SfGlobalDescribe *sf_client_describe_global_finish    (SfClient             *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void            sf_client_describe_async              (SfClient             *self,
                                                       const char           *sobject,
                                                       SfSObjectDescribe    *cached,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
SfSObjectDescribe *sf_client_describe_finish          (SfClient             *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void            sf_client_describe_many_async         (SfClient             *self,
                                                       const char * const   *sobjects,
                                                       GPtrArray            *cached,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
GPtrArray      *sf_client_describe_many_finish        (SfClient             *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void            sf_client_composite_async             (SfClient             *self,
                                                       GPtrArray            *subrequests,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
GPtrArray      *sf_client_composite_finish            (SfClient             *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void            sf_client_get_limits_async            (SfClient             *self,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
SfLimits       *sf_client_get_limits_finish           (SfClient             *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void            sf_client_get_record_counts_async     (SfClient             *self,
                                                       const char * const   *sobjects,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
GHashTable     *sf_client_get_record_counts_finish    (SfClient             *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void            sf_client_get_updated_async           (SfClient             *self,
                                                       const char           *sobject,
                                                       GDateTime            *start,
                                                       GDateTime            *end,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
SfChangedRecords *sf_client_get_updated_finish        (SfClient             *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void            sf_client_get_deleted_async           (SfClient             *self,
                                                       const char           *sobject,
                                                       GDateTime            *start,
                                                       GDateTime            *end,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
SfChangedRecords *sf_client_get_deleted_finish        (SfClient             *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

G_END_DECLS
