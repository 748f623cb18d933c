/* rel-util.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "cli-test-util.h"

G_BEGIN_DECLS

/* Helpers of the reliability tests (issue 8), on top of tests/core/cli-test-util: the
 * simulator's control API, and comparisons of a records.db with the simulator's own
 * dump (/_sim/records), never through src/sf. */

typedef enum
{
  REL_COMPARE_EXACT,     /* every live record is a row with its values, no other row */
  REL_COMPARE_SUBSET,    /* every row is a live record with its values (a run stopped midway) */
} RelCompareMode;

typedef enum
{
  REL_VALUES_LOOSE = 0,          /* doubles within 1e-9 (REST and Bulk spell them differently) */
  REL_VALUES_EXACT = 1 << 0,     /* doubles bit for bit, texts byte for byte */
} RelValueFlags;

void      rel_sim_post           (CliEnv         *env,
                                  const char     *path,
                                  const char     *json);
JsonNode *rel_sim_get            (CliEnv         *env,
                                  const char     *path);
void      rel_fault              (CliEnv         *env,
                                  const char     *json);
void      rel_clear_faults       (CliEnv         *env);
guint64   rel_faults_fired       (CliEnv         *env);
gint64    rel_sim_used           (CliEnv         *env);
guint64   rel_sim_live_count     (CliEnv         *env,
                                  const char     *object);

guint64   rel_compare            (CliEnv         *env,
                                  const char     *records_path,
                                  const char     *object,
                                  RelCompareMode  mode,
                                  RelValueFlags   flags,
                                  const char     *snapshot_path);
void      rel_assert_integrity   (const char     *db_path);
void      rel_assert_no_duplicates (const char   *records_path,
                                    const char   *object);
gint64    rel_count_rows         (const char     *records_path,
                                  const char     *object);
void      rel_snapshot           (const char     *records_path,
                                  const char     *snapshot_path);

GSubprocess *rel_spawnv          (CliEnv             *env,
                                  GSubprocessFlags    flags,
                                  const char * const *args);
GSubprocess *rel_spawn           (CliEnv         *env,
                                  const char     *first,
                                  ...) G_GNUC_NULL_TERMINATED;

JsonNode *rel_status             (CliEnv         *env,
                                  const char     *name);
JsonNode *rel_last_run           (CliEnv         *env,
                                  const char     *name);
const char *rel_member_string    (JsonNode       *node,
                                  const char     *member);
gint64    rel_member_int         (JsonNode       *node,
                                  const char     *member);

void      rel_test_init          (int            *argc,
                                  char         ***argv);
guint     rel_env_uint           (const char     *name,
                                  guint           fallback);
char     *rel_browser_script     (const char     *dir,
                                  const char     *log_path);

G_END_DECLS
