/* orgsync-value.h
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ORGSYNC_VALUE_NULL,
  ORGSYNC_VALUE_TEXT,
  ORGSYNC_VALUE_INTEGER,
  ORGSYNC_VALUE_REAL,
  ORGSYNC_VALUE_BOOLEAN,
} OrgsyncValueKind;

/* One cell of a page of records, as the parser produced it. Text is borrowed: it must
 * stay valid until orgsync_records_store_write_page() returns, which lets a CSV or JSON
 * parser hand out pointers into its own buffer without copying. */
typedef struct
{
  OrgsyncValueKind  kind;
  int               length;    /* bytes of text, or -1 when NUL-terminated */
  union {
    const char     *text;
    gint64          integer;
    double          real;
    gboolean        boolean;
  } v;
} OrgsyncValue;

#define ORGSYNC_VALUE_INIT_NULL        { ORGSYNC_VALUE_NULL, 0, { NULL } }
#define ORGSYNC_VALUE_INIT_TEXT(t)     { ORGSYNC_VALUE_TEXT, -1, { .text = (t) } }
#define ORGSYNC_VALUE_INIT_INTEGER(i)  { ORGSYNC_VALUE_INTEGER, 0, { .integer = (i) } }
#define ORGSYNC_VALUE_INIT_REAL(d)     { ORGSYNC_VALUE_REAL, 0, { .real = (d) } }
#define ORGSYNC_VALUE_INIT_BOOLEAN(b)  { ORGSYNC_VALUE_BOOLEAN, 0, { .boolean = (b) } }

/* Room for "YYYY-MM-DDTHH:MM:SS.sssZ" and its NUL. */
#define ORGSYNC_DATETIME_BUFFER_SIZE 32

gboolean orgsync_value_normalize_datetime (const char *text,
                                           gssize      length,
                                           char        out[ORGSYNC_DATETIME_BUFFER_SIZE]);
int      orgsync_value_parse_boolean      (const char *text,
                                           gssize      length);

G_END_DECLS
