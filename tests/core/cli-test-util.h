/* cli-test-util.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* End-to-end tests drive orgsync-cli ($ORGSYNC_CLI) against orgsync-sim ($ORGSYNC_SIM)
 * as a person would, and read the simulator's data back through its control API with
 * plain libsoup and json-glib: never through src/sf, the code under test. */
typedef struct
{
  GSubprocess *sim;
  char        *url;
  char        *data_dir;
  SoupSession *http;
  GPtrArray   *env;        /* extra NAME=VALUE for orgsync-cli */
} CliEnv;

void      cli_env_start        (CliEnv              *env,
                                const char * const  *sim_args);
void      cli_env_stop         (CliEnv              *env);
void      cli_env_setenv       (CliEnv              *env,
                                const char          *name,
                                const char          *value);
int       cli_run              (CliEnv              *env,
                                const char          *input,
                                char               **out,
                                const char          *first,
                                ...) G_GNUC_NULL_TERMINATED;
int       cli_run_err          (CliEnv              *env,
                                const char          *input,
                                char               **err,
                                const char          *first,
                                ...) G_GNUC_NULL_TERMINATED;
GSubprocess *cli_spawn         (CliEnv              *env,
                                const char          *first,
                                ...) G_GNUC_NULL_TERMINATED;
int       cli_wait             (GSubprocess         *process);
JsonNode *cli_run_json         (CliEnv              *env,
                                int                  expected_status,
                                const char          *first,
                                ...) G_GNUC_NULL_TERMINATED;
JsonNode *sim_request          (CliEnv              *env,
                                const char          *method,
                                const char          *path,
                                const char          *json);
void      cli_connect          (CliEnv              *env,
                                const char          *name);
char     *cli_records_path     (CliEnv              *env,
                                const char          *name);
guint64   compare_with_sim     (CliEnv              *env,
                                const char          *name,
                                const char          *object);
char     *cli_normalize_text   (const char          *text);
gboolean  cli_wait_syncing     (CliEnv              *env,
                                const char          *name);

G_END_DECLS
