/* orgsync-quota-governor.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "orgsync-connection.h"
#include "orgsync-database-private.h"
#include "orgsync-error.h"
#include "orgsync-format.h"
#include "orgsync-quota-governor.h"
#include "orgsync-sqlite-private.h"

/* Keeps one connection's calls under its threshold T% of the org's daily limit, so that
 * the org's usage never goes over T% because of Org Sync.
 *
 * Usage comes from samples: Sforce-Limit-Info on every response, /limits when the last
 * sample is stale. Between samples the governor counts its own calls. Before each call
 * it estimates
 *
 *   usage = used (latest sample)
 *         + this org's calls by Org Sync since (sample time − lag window)
 *         + reserve
 *
 * and allows the call only when usage + 1 ≤ floor(max × T / 100). Counting the calls
 * made in the lag window *before* the sample again is the safety margin: a header that
 * lags behind the true count (Salesforce recalculates it asynchronously) may not
 * include them yet. Calls are counted twice at worst, so the error is always on the
 * side of stopping early.
 *
 * Samples and calls live in orgsync.db per org id, not per connection, and a call is
 * counted in the same IMMEDIATE transaction that decides it: connections to the same
 * org — in this process, in the GUI and the CLI at once — share one count, and two
 * of them can never both take the last call. Main thread (the thread of the
 * OrgsyncDatabase). */
struct _OrgsyncQuotaGovernor
{
  GObject          parent_instance;

  OrgsyncDatabase *database;
  OrgsyncClock    *clock;
  char            *org_id;
  char            *connection_id;

  gint64           lag_window;
  gint64           stale_after;
  guint            reserve;
  guint            threshold;
};

G_DEFINE_FINAL_TYPE (OrgsyncQuotaGovernor, orgsync_quota_governor, G_TYPE_OBJECT)

typedef struct
{
  gboolean has_sample;
  gint64   sample_at;
  gint64   used;
  gint64   max;
  gint64   own_calls;
  gint64   estimate;
} Usage;

static void
orgsync_quota_governor_finalize (GObject *object)
{
  OrgsyncQuotaGovernor *self = (OrgsyncQuotaGovernor *)object;

  g_clear_object (&self->database);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->org_id, g_free);
  g_clear_pointer (&self->connection_id, g_free);

  G_OBJECT_CLASS (orgsync_quota_governor_parent_class)->finalize (object);
}

static void
orgsync_quota_governor_class_init (OrgsyncQuotaGovernorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orgsync_quota_governor_finalize;
}

static void
orgsync_quota_governor_init (OrgsyncQuotaGovernor *self)
{
  self->lag_window = ORGSYNC_QUOTA_DEFAULT_LAG_WINDOW;
  self->stale_after = ORGSYNC_QUOTA_DEFAULT_STALE_AFTER;
  self->threshold = ORGSYNC_QUOTA_THRESHOLD_DEFAULT;
}

/*
 * Auxiliary methods
 */

static sqlite3 *
handle (OrgsyncQuotaGovernor *self)
{
  return _orgsync_database_get_handle (self->database);
}

static gboolean
read_usage (OrgsyncQuotaGovernor  *self,
            Usage                 *usage,
            GError               **error)
{
  g_autoptr(sqlite3_stmt) sample = NULL;
  g_autoptr(sqlite3_stmt) calls = NULL;
  int rc;

  memset (usage, 0, sizeof *usage);

  sample = _orgsync_sqlite_prepare (handle (self),
                                    "SELECT at, used, max FROM api_sample WHERE org_id = ?"
                                    " ORDER BY at DESC, rowid DESC LIMIT 1",
                                    error);
  if (sample == NULL)
    return FALSE;

  sqlite3_bind_text (sample, 1, self->org_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (sample);
  if (rc == SQLITE_ROW)
    {
      usage->has_sample = TRUE;
      usage->sample_at = sqlite3_column_int64 (sample, 0);
      usage->used = sqlite3_column_int64 (sample, 1);
      usage->max = sqlite3_column_int64 (sample, 2);
    }
  else if (rc != SQLITE_DONE)
    return _orgsync_sqlite_set_error (handle (self), rc, error);

  calls = _orgsync_sqlite_prepare (handle (self),
                                   "SELECT count(*) FROM api_call WHERE org_id = ? AND at >= ?",
                                   error);
  if (calls == NULL)
    return FALSE;

  sqlite3_bind_text (calls, 1, self->org_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (calls, 2, usage->has_sample ? usage->sample_at - self->lag_window : G_MININT64);
  rc = sqlite3_step (calls);
  if (rc != SQLITE_ROW)
    return _orgsync_sqlite_set_error (handle (self), rc, error);

  usage->own_calls = sqlite3_column_int64 (calls, 0);
  usage->estimate = usage->used + usage->own_calls + self->reserve;

  return TRUE;
}

static gboolean
insert_call (OrgsyncQuotaGovernor  *self,
             gint64                 now,
             GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _orgsync_sqlite_prepare (handle (self),
                                  "INSERT INTO api_call (org_id, at, connection_id) VALUES (?, ?, ?)",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, self->org_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, now);
  _orgsync_sqlite_bind_text (stmt, 3, self->connection_id);

  return _orgsync_sqlite_step_done (handle (self), stmt, error);
}

/* Samples and calls older than the rolling 24 hours no longer matter. */
static gboolean
prune (OrgsyncQuotaGovernor  *self,
       gint64                 now,
       GError               **error)
{
  g_autoptr(sqlite3_stmt) samples = NULL;
  g_autoptr(sqlite3_stmt) calls = NULL;
  gint64 horizon = now - ORGSYNC_QUOTA_WINDOW - self->lag_window;

  samples = _orgsync_sqlite_prepare (handle (self),
                                     "DELETE FROM api_sample WHERE org_id = ? AND at < ?"
                                     " AND rowid NOT IN (SELECT rowid FROM api_sample WHERE org_id = ?1"
                                     "                   ORDER BY at DESC LIMIT 1)",
                                     error);
  calls = samples != NULL
            ? _orgsync_sqlite_prepare (handle (self), "DELETE FROM api_call WHERE org_id = ? AND at < ?", error)
            : NULL;
  if (calls == NULL)
    return FALSE;

  sqlite3_bind_text (samples, 1, self->org_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (samples, 2, horizon);
  sqlite3_bind_text (calls, 1, self->org_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (calls, 2, horizon);

  return _orgsync_sqlite_step_done (handle (self), samples, error) &&
         _orgsync_sqlite_step_done (handle (self), calls, error);
}

static gboolean
begin (OrgsyncQuotaGovernor  *self,
       GError               **error)
{
  return _orgsync_sqlite_exec (handle (self), "BEGIN IMMEDIATE", error);
}

static gboolean
commit (OrgsyncQuotaGovernor  *self,
        GError               **error)
{
  if (_orgsync_sqlite_exec (handle (self), "COMMIT", error))
    return TRUE;

  _orgsync_sqlite_rollback (handle (self));
  return FALSE;
}

static gboolean
fail (OrgsyncQuotaGovernor *self)
{
  _orgsync_sqlite_rollback (handle (self));
  return FALSE;
}

/*
 * Public API
 */

/**
 * orgsync_quota_governor_new:
 * @org_id: the org's id: governors of connections to one org share its count
 * @connection_id: (nullable): recorded with each call, for diagnosis
 */
OrgsyncQuotaGovernor *
orgsync_quota_governor_new (OrgsyncDatabase *database,
                            OrgsyncClock    *clock,
                            const char      *org_id,
                            const char      *connection_id)
{
  OrgsyncQuotaGovernor *self;

  g_return_val_if_fail (ORGSYNC_IS_DATABASE (database), NULL);
  g_return_val_if_fail (ORGSYNC_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (org_id != NULL, NULL);

  self = g_object_new (ORGSYNC_TYPE_QUOTA_GOVERNOR, NULL);
  self->database = g_object_ref (database);
  self->clock = g_object_ref (clock);
  self->org_id = g_strdup (org_id);
  self->connection_id = g_strdup (connection_id);

  return self;
}

const char *
orgsync_quota_governor_get_org_id (OrgsyncQuotaGovernor *self)
{
  g_return_val_if_fail (ORGSYNC_IS_QUOTA_GOVERNOR (self), NULL);

  return self->org_id;
}

guint
orgsync_quota_governor_get_threshold (OrgsyncQuotaGovernor *self)
{
  g_return_val_if_fail (ORGSYNC_IS_QUOTA_GOVERNOR (self), 0);

  return self->threshold;
}

/* The connection's threshold, 10–95 % (clamped). */
void
orgsync_quota_governor_set_threshold (OrgsyncQuotaGovernor *self,
                                      guint                 percent)
{
  g_return_if_fail (ORGSYNC_IS_QUOTA_GOVERNOR (self));

  self->threshold = CLAMP (percent, ORGSYNC_QUOTA_THRESHOLD_MIN, ORGSYNC_QUOTA_THRESHOLD_MAX);
}

/* How far a sample may lag behind the calls it reports. */
void
orgsync_quota_governor_set_lag_window (OrgsyncQuotaGovernor *self,
                                       gint64                usec)
{
  g_return_if_fail (ORGSYNC_IS_QUOTA_GOVERNOR (self));

  self->lag_window = MAX (usec, 0);
}

/* Extra calls to keep in hand on top of the lag margin (default 0). */
void
orgsync_quota_governor_set_reserve (OrgsyncQuotaGovernor *self,
                                    guint                 calls)
{
  g_return_if_fail (ORGSYNC_IS_QUOTA_GOVERNOR (self));

  self->reserve = calls;
}

/**
 * orgsync_quota_governor_record_usage:
 * @used: calls used in the rolling 24 hours
 * @max: the org's daily allocation (DailyApiRequests.Max)
 * @source: (nullable): "header" or "limits"
 *
 * Records a usage sample for the org, now.
 */
gboolean
orgsync_quota_governor_record_usage (OrgsyncQuotaGovernor  *self,
                                     gint64                 used,
                                     gint64                 max,
                                     const char            *source,
                                     GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 now;

  g_return_val_if_fail (ORGSYNC_IS_QUOTA_GOVERNOR (self), FALSE);
  g_return_val_if_fail (used >= 0 && max >= 0, FALSE);

  now = orgsync_clock_get_now (self->clock);
  stmt = _orgsync_sqlite_prepare (handle (self),
                                  "INSERT INTO api_sample (org_id, at, used, max, source) VALUES (?, ?, ?, ?, ?)",
                                  error);
  if (stmt == NULL || !begin (self, error))
    return FALSE;

  sqlite3_bind_text (stmt, 1, self->org_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, used);
  sqlite3_bind_int64 (stmt, 4, max);
  sqlite3_bind_text (stmt, 5, source != NULL ? source : "header", -1, SQLITE_STATIC);

  if (!_orgsync_sqlite_step_done (handle (self), stmt, error) || !prune (self, now, error))
    return fail (self);

  return commit (self, error);
}

/**
 * orgsync_quota_parse_limit_info:
 * @header: a Sforce-Limit-Info value, e.g. "api-usage=18/15000; api-bursts=1/750"
 *
 * Returns: whether @header has a well-formed api-usage pair
 */
gboolean
orgsync_quota_parse_limit_info (const char *header,
                                gint64     *used,
                                gint64     *max)
{
  g_auto(GStrv) parts = NULL;

  if (header == NULL)
    return FALSE;

  parts = g_strsplit (header, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);
      g_autofree char *value = NULL;
      char *slash, *end;
      gint64 u, m;

      if (!g_str_has_prefix (part, "api-usage="))
        continue;

      value = g_strdup (part + strlen ("api-usage="));
      slash = strchr (value, '/');
      if (slash == NULL)
        return FALSE;
      *slash = '\0';

      if (!g_ascii_string_to_signed (g_strstrip (value), 10, 0, G_MAXINT64, &u, NULL))
        return FALSE;
      m = g_ascii_strtoll (slash + 1, &end, 10);
      if (end == slash + 1 || *g_strchug (end) != '\0' || m < 0)
        return FALSE;

      *used = u;
      *max = m;
      return TRUE;
    }

  return FALSE;
}

/* Records the Sforce-Limit-Info header of a response. A response without one (the
 * versions resource) is not an error: nothing is recorded. */
gboolean
orgsync_quota_governor_record_header (OrgsyncQuotaGovernor  *self,
                                      const char            *sforce_limit_info,
                                      GError               **error)
{
  gint64 used, max;

  g_return_val_if_fail (ORGSYNC_IS_QUOTA_GOVERNOR (self), FALSE);

  if (!orgsync_quota_parse_limit_info (sforce_limit_info, &used, &max))
    return TRUE;

  return orgsync_quota_governor_record_usage (self, used, max, "header", error);
}

/* TRUE when there is no sample or it is older than 15 minutes: call /limits. */
gboolean
orgsync_quota_governor_needs_refresh (OrgsyncQuotaGovernor *self)
{
  Usage usage;

  g_return_val_if_fail (ORGSYNC_IS_QUOTA_GOVERNOR (self), TRUE);

  if (!read_usage (self, &usage, NULL) || !usage.has_sample)
    return TRUE;

  return orgsync_clock_get_now (self->clock) - usage.sample_at > self->stale_after;
}

/**
 * orgsync_quota_governor_get_usage:
 * @estimate: (out) (optional): the org's usage as the governor counts it
 * @max: (out) (optional): the daily allocation, 0 when unknown
 *
 * For display (API usage level bar) and for the stop message.
 */
gboolean
orgsync_quota_governor_get_usage (OrgsyncQuotaGovernor  *self,
                                  gint64                *estimate,
                                  gint64                *max,
                                  GError               **error)
{
  Usage usage;

  g_return_val_if_fail (ORGSYNC_IS_QUOTA_GOVERNOR (self), FALSE);

  if (!read_usage (self, &usage, error))
    return FALSE;

  if (estimate != NULL)
    *estimate = usage.estimate;
  if (max != NULL)
    *max = usage.max;

  return TRUE;
}

/* floor(max × percent / 100): the most calls the org may have used. */
gint64
orgsync_quota_threshold_calls (gint64 max,
                               guint  percent)
{
  return max * (gint64) percent / 100;
}

/**
 * orgsync_quota_format_stop_message:
 *
 * Returns: (transfer full): "API usage reached 80% of the daily limit (12,000 of
 *   15,000). Syncing resumes automatically when usage falls below the limit."
 */
char *
orgsync_quota_format_stop_message (guint  percent,
                                   gint64 used,
                                   gint64 max)
{
  g_autofree char *used_str = orgsync_format_count (used);
  g_autofree char *max_str = orgsync_format_count (max);

  /* Translators: the first %u%% is the threshold (e.g. "80%"), then two API call counts */
  return g_strdup_printf (_("API usage reached %u%% of the daily limit (%s of %s). Syncing "
                            "resumes automatically when usage falls below the limit."),
                          percent, used_str, max_str);
}

static gint64 estimate_resume (OrgsyncQuotaGovernor *self,
                               gint64                now,
                               GError              **error);

/* The latest sample only changes with a response. When the samples say that enough
 * calls have left the rolling 24 hours since, one call may go to learn the real usage:
 * otherwise a stopped connection would never resume. Its header decides from then on. */
static gboolean
probe_allowed (OrgsyncQuotaGovernor *self,
               gint64                now)
{
  gint64 resume = estimate_resume (self, now, NULL);

  return resume >= 0 && resume <= now;
}

/**
 * orgsync_quota_governor_try_acquire:
 *
 * Asks before every API call. When one more call would take the org's usage over the
 * threshold, answers %FALSE with %ORGSYNC_ERROR_QUOTA_THRESHOLD and the message for
 * the person; otherwise counts the call (shared with every connection to the org, in
 * every process) and answers %TRUE. Without any sample yet the call is allowed: its
 * response brings the first one.
 */
gboolean
orgsync_quota_governor_try_acquire (OrgsyncQuotaGovernor  *self,
                                    GError               **error)
{
  gint64 now;
  Usage usage;

  g_return_val_if_fail (ORGSYNC_IS_QUOTA_GOVERNOR (self), FALSE);

  now = orgsync_clock_get_now (self->clock);

  if (!begin (self, error))
    return FALSE;

  if (!read_usage (self, &usage, error))
    return fail (self);

  if (usage.has_sample && usage.estimate + 1 > orgsync_quota_threshold_calls (usage.max, self->threshold) &&
      !probe_allowed (self, now))
    {
      /* The estimate counts calls of the lag window twice on purpose; the person is
       * told no more than Salesforce reported or the threshold, whichever is higher. */
      gint64 shown = MIN (usage.estimate, MAX (orgsync_quota_threshold_calls (usage.max, self->threshold), usage.used));
      g_autofree char *message = orgsync_quota_format_stop_message (self->threshold, shown, usage.max);

      fail (self);
      g_set_error_literal (error, ORGSYNC_ERROR, ORGSYNC_ERROR_QUOTA_THRESHOLD, message);
      return FALSE;
    }

  if (!insert_call (self, now, error))
    return fail (self);

  return commit (self, error);
}

typedef struct
{
  gint64 at;
  gint64 calls;
} UsageEvent;

static gboolean
collect_events (OrgsyncQuotaGovernor  *self,
                gint64                 now,
                GArray                *events,
                GError               **error)
{
  g_autoptr(sqlite3_stmt) samples = NULL;
  g_autoptr(sqlite3_stmt) calls = NULL;
  gint64 previous = -1;
  gint64 last_at = G_MININT64;
  int rc;

  samples = _orgsync_sqlite_prepare (handle (self),
                                     "SELECT at, used FROM api_sample WHERE org_id = ? AND at > ?"
                                     " ORDER BY at, rowid",
                                     error);
  if (samples == NULL)
    return FALSE;

  sqlite3_bind_text (samples, 1, self->org_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (samples, 2, now - ORGSYNC_QUOTA_WINDOW);

  /* The first sample's calls were made at some time before it: assume at it, the
   * latest they can have been made, so they fall out of the window no earlier. The
   * growth between samples happened by the later sample, likewise. */
  while ((rc = sqlite3_step (samples)) == SQLITE_ROW)
    {
      UsageEvent event = { sqlite3_column_int64 (samples, 0), sqlite3_column_int64 (samples, 1) };

      if (previous >= 0)
        event.calls = MAX (0, event.calls - previous);
      previous = sqlite3_column_int64 (samples, 1);
      last_at = event.at;
      g_array_append_val (events, event);
    }
  if (rc != SQLITE_DONE)
    return _orgsync_sqlite_set_error (handle (self), rc, error);

  /* Our calls since then, at their own times. */
  calls = _orgsync_sqlite_prepare (handle (self),
                                   "SELECT at FROM api_call WHERE org_id = ? AND at > ? ORDER BY at",
                                   error);
  if (calls == NULL)
    return FALSE;

  sqlite3_bind_text (calls, 1, self->org_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (calls, 2, last_at);
  while ((rc = sqlite3_step (calls)) == SQLITE_ROW)
    {
      UsageEvent event = { sqlite3_column_int64 (calls, 0), 1 };

      g_array_append_val (events, event);
    }
  if (rc != SQLITE_DONE)
    return _orgsync_sqlite_set_error (handle (self), rc, error);

  return TRUE;
}

/**
 * orgsync_quota_governor_estimate_resume:
 *
 * When the org's usage is expected to be back under the threshold, so that syncing
 * can resume: Salesforce counts calls over a rolling 24 hours, so calls fall out of
 * the count 24 hours after they were made. The samples tell when usage grew; the
 * estimate assumes the latest time each call can have been made, so it errs late,
 * never early.
 *
 * Returns: µs since the Unix epoch; now when a call is allowed already; -1 with an
 *   error on failure, or -1 without one when the limit is not known yet
 */
gint64
orgsync_quota_governor_estimate_resume (OrgsyncQuotaGovernor  *self,
                                        GError               **error)
{
  g_return_val_if_fail (ORGSYNC_IS_QUOTA_GOVERNOR (self), -1);

  return estimate_resume (self, orgsync_clock_get_now (self->clock), error);
}

static gint64
estimate_resume (OrgsyncQuotaGovernor  *self,
                 gint64                 now,
                 GError               **error)
{
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (UsageEvent));
  gint64 limit, needed, dropped = 0;
  Usage usage;

  if (!read_usage (self, &usage, error))
    return -1;
  if (!usage.has_sample)
    return -1;

  limit = orgsync_quota_threshold_calls (usage.max, self->threshold);
  needed = usage.estimate + 1 - limit;
  if (needed <= 0)
    return now;

  if (!collect_events (self, now, events, error))
    return -1;

  for (guint i = 0; i < events->len; i++)
    {
      const UsageEvent *event = &g_array_index (events, UsageEvent, i);

      dropped += event->calls;
      if (dropped >= needed)
        return MAX (now, event->at + ORGSYNC_QUOTA_WINDOW);
    }

  /* The samples cannot explain the usage (for example the limit was lowered): a full
   * window after the newest one. */
  return MAX (now, usage.sample_at + ORGSYNC_QUOTA_WINDOW);
}
