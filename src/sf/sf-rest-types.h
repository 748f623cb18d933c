/* sf-rest-types.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SF_TYPE_USER_INFO       (sf_user_info_get_type ())
#define SF_TYPE_LIMITS          (sf_limits_get_type ())
#define SF_TYPE_CHANGED_RECORDS (sf_changed_records_get_type ())
#define SF_TYPE_SUBREQUEST      (sf_subrequest_get_type ())
#define SF_TYPE_SUBRESPONSE     (sf_subresponse_get_type ())

/**
 * SfUserInfo:
 *
 * Who signed in, from the identity URL (reference §1.6).
 */
typedef struct
{
  char *org_id;
  char *user_id;
  char *username;
  char *display_name;
  char *email;
  char *user_type;
  char *language;
  char *locale;
  char *timezone;
} SfUserInfo;

/**
 * SfChangedRecords:
 * @ids: the Ids from getUpdated, or of the deleted records from getDeleted
 * @deleted_dates: (nullable): for getDeleted, each record's `deletedDate`,
 *   normalized like datetime values
 * @latest_date_covered: the `start` of the next request
 * @earliest_date_available: (nullable): for getDeleted; if the caller's last
 *   position is older, deletion history was lost and a full resync is needed
 */
typedef struct
{
  GStrv       ids;
  GStrv       deleted_dates;
  GDateTime  *latest_date_covered;
  GDateTime  *earliest_date_available;
} SfChangedRecords;

/* Org limits from /limits (reference §5). */
typedef struct _SfLimits SfLimits;

/**
 * SfSubrequest:
 * @method: `GET`, …
 * @url: the path, starting with /services/data/vXX.X/
 * @reference_id: unique in one request
 * @headers: (nullable): extra headers, such as If-Modified-Since
 *
 * One subrequest of a /composite request (reference §8.1).
 */
typedef struct
{
  char        *method;
  char        *url;
  char        *reference_id;
  GHashTable  *headers;
} SfSubrequest;

/**
 * SfSubresponse:
 * @status: the subrequest's HTTP status
 * @reference_id: the subrequest's reference id
 * @body: (nullable): its body
 * @error: (nullable): the error @status and @body stand for, if it failed
 */
typedef struct
{
  guint        status;
  char        *reference_id;
  JsonNode    *body;
  GError      *error;
} SfSubresponse;

GType              sf_user_info_get_type          (void) G_GNUC_CONST;
SfUserInfo        *sf_user_info_copy              (const SfUserInfo       *self);
void               sf_user_info_free              (SfUserInfo             *self);

GType              sf_limits_get_type             (void) G_GNUC_CONST;
SfLimits          *sf_limits_new_from_json        (const char             *data,
                                                   gsize                   length,
                                                   GError                **error);
SfLimits          *sf_limits_ref                  (SfLimits               *self);
void               sf_limits_unref                (SfLimits               *self);
gboolean           sf_limits_lookup               (SfLimits               *self,
                                                   const char             *name,
                                                   const char             *sub_name,
                                                   gint64                 *max,
                                                   gint64                 *remaining);
GStrv              sf_limits_get_names            (SfLimits               *self);

GType              sf_changed_records_get_type    (void) G_GNUC_CONST;
SfChangedRecords  *sf_changed_records_copy        (const SfChangedRecords *self);
void               sf_changed_records_free        (SfChangedRecords       *self);

GType              sf_subrequest_get_type         (void) G_GNUC_CONST;
SfSubrequest      *sf_subrequest_new              (const char             *method,
                                                   const char             *url,
                                                   const char             *reference_id);
void               sf_subrequest_add_header       (SfSubrequest           *self,
                                                   const char             *name,
                                                   const char             *value);
gboolean           sf_subrequest_is_query         (const SfSubrequest     *self);
SfSubrequest      *sf_subrequest_copy             (const SfSubrequest     *self);
void               sf_subrequest_free             (SfSubrequest           *self);

GType              sf_subresponse_get_type        (void) G_GNUC_CONST;
SfSubresponse     *sf_subresponse_copy            (const SfSubresponse    *self);
void               sf_subresponse_free            (SfSubresponse          *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfUserInfo, sf_user_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfLimits, sf_limits_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfChangedRecords, sf_changed_records_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfSubrequest, sf_subrequest_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SfSubresponse, sf_subresponse_free)

G_END_DECLS
