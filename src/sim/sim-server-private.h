/* sim-server-private.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "sim-counter.h"
#include "sim-server.h"
#include "sim-soql.h"

G_BEGIN_DECLS

#define SIM_API_VERSION_MIN 31
#define SIM_API_VERSION_MAX 66

typedef struct
{
  char      *id;
  char      *secret;           /* NULL: a public client */
  GPtrArray *callbacks;        /* of char * */
  gboolean   any_loopback;     /* --callback-any-loopback */
} SimClient;

typedef struct
{
  guint       port;
  guint64     seed;
  GHashTable *record_counts;   /* object name → guint64 * */
  guint       custom_objects;
  guint       custom_fields;
  guint64     daily_limit;
  char       *username;
  char       *password;
  char       *security_token;
  char       *client_id;
  char       *client_secret;
  char      **callbacks;
  gboolean    any_loopback;
  gint64      token_lifetime_s;
  char       *tls_cert;
  char       *tls_key;
  char       *state_file;
  gboolean    no_password_grant;
  gint        bulk_delay_ms;
  gint64      locator_lifetime_s;
  gboolean    count_oauth;
  gint64      id_limit;
} SimConfig;

typedef struct
{
  char     *token;
  char     *refresh;           /* the refresh token it came from, if any */
  char     *client_id;
  char     *scope;
  gint64    issued_ms;
  gint64    expires_ms;
} SimAccessToken;

typedef struct
{
  char     *token;
  char     *client_id;
  char     *scope;
} SimRefreshToken;

typedef struct
{
  char     *code;
  char     *client_id;
  char     *redirect_uri;
  char     *challenge;
  char     *scope;
  gint64    expires_ms;
  gboolean  used;
} SimAuthCode;

/* A secret the simulator issued or was handed, for GET /_sim/tokens/issued: tests
 * search the client's output for them, including ones already revoked or used. */
typedef struct
{
  const char *kind;            /* static: accessToken, refreshToken, code, codeVerifier */
  char       *value;
} SimIssued;

typedef enum
{
  SIM_FAULT_STATUS,
  SIM_FAULT_RESET,
  SIM_FAULT_DELAY,
  SIM_FAULT_TRUNCATE,
  SIM_FAULT_MALFORMED_JSON,
  SIM_FAULT_HTML,
  SIM_FAULT_CSV_MALFORMED,
  SIM_FAULT_CSV_TRUNCATED,
  SIM_FAULT_BULK_FAILED,
  SIM_FAULT_BULK_ABORTED,
  SIM_FAULT_INSTANCE_URL,
  SIM_FAULT_RESET_BODY,
  SIM_FAULT_EXPIRE_SESSION,
} SimFaultKind;

#define SIM_FAULT_BIT(kind) (1u << (kind))
#define SIM_FAULTS_BEFORE (SIM_FAULT_BIT (SIM_FAULT_STATUS) | SIM_FAULT_BIT (SIM_FAULT_RESET) | \
                           SIM_FAULT_BIT (SIM_FAULT_DELAY) | SIM_FAULT_BIT (SIM_FAULT_HTML) | \
                           SIM_FAULT_BIT (SIM_FAULT_EXPIRE_SESSION))
#define SIM_FAULTS_BODY (SIM_FAULT_BIT (SIM_FAULT_TRUNCATE) | SIM_FAULT_BIT (SIM_FAULT_MALFORMED_JSON) | \
                         SIM_FAULT_BIT (SIM_FAULT_CSV_MALFORMED) | SIM_FAULT_BIT (SIM_FAULT_CSV_TRUNCATED) | \
                         SIM_FAULT_BIT (SIM_FAULT_RESET_BODY))
#define SIM_FAULTS_BULK (SIM_FAULT_BIT (SIM_FAULT_BULK_FAILED) | SIM_FAULT_BIT (SIM_FAULT_BULK_ABORTED))
#define SIM_FAULTS_TOKEN (SIM_FAULT_BIT (SIM_FAULT_INSTANCE_URL))

typedef struct
{
  guint         id;
  SimFaultKind  kind;
  char         *path;          /* glob on the request path */
  GPatternSpec *pattern;
  char         *method;        /* NULL: any */
  double        probability;   /* 0 < p <= 1 */
  guint         every;         /* every N-th matching request; 0: every one */
  guint         seen;
  gint          remaining;     /* fires this many more times; -1: forever */
  guint         status;
  char         *error_code;
  char         *message;
  guint         delay_ms;
  char         *instance_url;
  guint         fired;
} SimFault;

typedef struct
{
  guint64 calls;
  guint64 errors;
} SimStats;

typedef struct
{
  char          *id;
  guint32       *rows;
  guint          n_rows;
  guint          delivered;
  char          *version;
  SimSoqlQuery  *query;
  gboolean       all_rows;
  guint          batch_size;
  gint64         last_used_ms;
} SimCursor;

typedef struct
{
  char          *id;
  SimSoqlQuery  *query;
  char          *operation;
  char          *version;
  char           delimiter;
  char          *delimiter_name;
  char          *line_ending;
  gint64         created_ms;      /* simulated clock */
  gint64         created_mono;    /* monotonic: drives the state machine */
  gboolean       aborted;
  SimFaultKind   fault;           /* SIM_FAULT_BULK_FAILED / _ABORTED, or SIM_FAULT_STATUS: none */
  GArray        *rows;            /* of guint32, filled on completion */
  gint64         processing_ms;
  gint           ref_count;       /* a results stream keeps the job alive */
} SimBulkJob;

/* Appends the next piece of a body that is written while it is generated; returns
 * FALSE once there is no more. */
typedef gboolean (*SimStreamFunc) (gpointer  data,
                                   GString  *out);

/* One request, from HTTP or from a composite subrequest. */
typedef struct
{
  SimServer          *server;
  const char         *method;
  char               *path;
  GHashTable         *query;      /* decoded parameters */
  SoupMessageHeaders *headers;
  GBytes             *body;
  const char         *client_host;
  gboolean            subrequest;

  guint               status;
  GString            *response;
  const char         *content_type;
  SoupMessageHeaders *response_headers;
  gboolean            limit_header;
  const char         *route;
  char               *version;    /* "61.0" */
  SimAccessToken     *token;

  /* After response: the rest of the body, generated as it is sent (Bulk results). */
  SimStreamFunc       stream;
  gpointer            stream_data;
  GDestroyNotify      stream_destroy;
} SimRequest;

struct _SimServer
{
  GObject         parent_instance;

  SimConfig       config;
  char           *base_url;

  GThread        *thread;
  GMainContext   *context;
  GMainLoop      *loop;
  SoupServer     *soup;
  GSocketService *service;
  GTlsCertificate *certificate;
  GMutex          mutex;
  GCond           cond;
  gboolean        ready;
  GError         *start_error;

  SimSchema      *schema;
  SimStore       *store;
  SimCounter      counter;
  gint64          clock_offset_ms;
  gboolean        api_disabled_for_org;
  gint64          describe_modified_ms;

  GPtrArray      *clients;
  GHashTable     *access_tokens;
  GHashTable     *refresh_tokens;
  GHashTable     *codes;
  GPtrArray      *issued;         /* SimIssued: every secret seen since start */

  GPtrArray      *faults;
  guint           next_fault_id;
  GRand          *rand;
  GHashTable     *stats;          /* route → SimStats */

  GHashTable     *cursors;
  guint64         next_cursor;
  GHashTable     *jobs;
  guint64         next_job;
  guint64         bulk_jobs_created;

  guint           save_source;
};

/* sim-server.c */
gint64      sim_server_now             (SimServer   *self);
void        sim_request_error          (SimRequest  *req,
                                        guint        status,
                                        const char  *error_code,
                                        const char  *message);
void        sim_request_json           (SimRequest  *req,
                                        guint        status,
                                        GString     *body);
const char *sim_request_param          (SimRequest  *req,
                                        const char  *name);
void        sim_request_dispatch       (SimRequest  *req);
void        sim_request_clear          (SimRequest  *req);
void        sim_request_complete_stream (SimRequest *req);
void        sim_server_schedule_save   (SimServer   *self);
void        sim_server_expire_sessions (SimServer   *self);
SimClient  *sim_server_find_client     (SimServer   *self,
                                        const char  *client_id);

/* sim-options.c */
void        sim_config_init            (SimConfig   *config);
void        sim_config_clear           (SimConfig   *config);
gboolean    sim_config_parse           (SimConfig   *config,
                                        int         *argc,
                                        char      ***argv,
                                        gboolean     help,
                                        GError     **error);

/* sim-oauth.c */
void        sim_oauth_handle           (SimRequest  *req);
SimAccessToken *sim_oauth_authenticate (SimServer   *self,
                                        SoupMessageHeaders *headers,
                                        GHashTable  *query);
void        sim_oauth_identity         (SimRequest  *req);
void        sim_oauth_free_token       (SimAccessToken *token);
void        sim_oauth_free_issued      (SimIssued      *issued);
void        sim_oauth_record_issued    (SimServer      *self,
                                        const char     *kind,
                                        const char     *value);
void        sim_oauth_free_refresh     (SimRefreshToken *token);
void        sim_oauth_free_code        (SimAuthCode *code);

/* sim-rest.c */
void        sim_rest_handle            (SimRequest  *req,
                                        const char  *rest);

JsonObject *sim_request_body_object     (SimRequest  *req,
                                        JsonParser  *parser);

/* sim-composite.c */
void        sim_composite_handle       (SimRequest  *req);
void        sim_composite_batch_handle (SimRequest  *req);

/* sim-describe.c */
void        sim_describe_global        (SimRequest  *req);
void        sim_describe_object        (SimRequest  *req,
                                        SimObject   *object,
                                        gboolean     full);

/* sim-query.c */
void        sim_query_handle           (SimRequest  *req,
                                        gboolean     all_rows);
void        sim_query_more             (SimRequest  *req,
                                        const char  *locator,
                                        gboolean     all_rows);
void        sim_cursor_free            (SimCursor   *cursor);

/* sim-bulk.c */
void        sim_bulk_handle            (SimRequest  *req,
                                        const char  *rest);
SimBulkJob *sim_bulk_job_ref           (SimBulkJob  *job);
void        sim_bulk_job_unref         (SimBulkJob  *job);

/* sim-control.c */
void        sim_control_handle         (SimRequest  *req);
SimFault   *sim_faults_match           (SimServer   *self,
                                        const char  *method,
                                        const char  *path,
                                        guint        kinds);
void        sim_fault_free             (SimFault    *fault);

/* sim-state.c */
gboolean    sim_state_load             (SimServer   *self,
                                        GError     **error);
gboolean    sim_state_save             (SimServer   *self,
                                        GError     **error);

G_END_DECLS
