/* sim-util.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim-util.h"

static const char base62[] =
  "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

guint64
sim_hash_string (const char *str)
{
  guint64 h = G_GUINT64_CONSTANT (1469598103934665603);

  for (; *str; str++)
    {
      h ^= (guchar) *str;
      h *= G_GUINT64_CONSTANT (1099511628211);
    }

  return h;
}

/* The hot path of every REST page: copy runs of safe bytes in one go. */
void
sim_json_append_string (GString    *out,
                        const char *str,
                        gssize      len)
{
  const guchar *p = (const guchar *) str;
  const guchar *end;
  const guchar *run;

  if (len < 0)
    len = strlen (str);
  end = p + len;

  g_string_append_c (out, '"');
  run = p;
  for (; p < end; p++)
    {
      guchar c = *p;

      if (G_LIKELY (c >= 0x20 && c != '"' && c != '\\'))
        continue;

      if (p > run)
        g_string_append_len (out, (const char *) run, p - run);
      run = p + 1;

      switch (c)
        {
        case '"': g_string_append_len (out, "\\\"", 2); break;
        case '\\': g_string_append_len (out, "\\\\", 2); break;
        case '\n': g_string_append_len (out, "\\n", 2); break;
        case '\r': g_string_append_len (out, "\\r", 2); break;
        case '\t': g_string_append_len (out, "\\t", 2); break;
        default:
          g_string_append_printf (out, "\\u%04x", c);
          break;
        }
    }
  if (p > run)
    g_string_append_len (out, (const char *) run, p - run);
  g_string_append_c (out, '"');
}

/* Bulk API 2.0 quotes every value and doubles embedded quotes. */
void
sim_csv_append_string (GString    *out,
                       const char *str,
                       gssize      len)
{
  const char *p;
  const char *end;
  const char *run;

  if (len < 0)
    len = strlen (str);
  end = str + len;

  g_string_append_c (out, '"');
  run = str;
  for (p = str; p < end; p++)
    {
      if (*p != '"')
        continue;
      g_string_append_len (out, run, p - run + 1);
      g_string_append_c (out, '"');
      run = p + 1;
    }
  if (p > run)
    g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

static int
uint_digits (guint64  value,
             char    *out)
{
  char tmp[24];
  int n = 0;

  do
    {
      tmp[n++] = '0' + value % 10;
      value /= 10;
    }
  while (value > 0);
  for (int i = 0; i < n; i++)
    out[i] = tmp[n - 1 - i];
  return n;
}

/* Writes the decimal DIGITS × 10^-SCALE the way Java's Double.toString()
 * lays it out. */
static void
append_java_layout (GString    *out,
                    gboolean    negative,
                    const char *digits,
                    int         len,
                    int         scale,
                    double      magnitude)
{
  if (negative)
    g_string_append_c (out, '-');

  if (magnitude >= 1e-3 && magnitude < 1e7)
    {
      if (len > scale)
        g_string_append_len (out, digits, len - scale);
      else
        g_string_append_c (out, '0');
      g_string_append_c (out, '.');
      if (scale == 0)
        g_string_append_c (out, '0');
      else
        {
          for (int i = len; i < scale; i++)
            g_string_append_c (out, '0');
          g_string_append_len (out, digits + MAX (0, len - scale), MIN (len, scale));
        }
      return;
    }

  {
    int exp10 = len - 1 - scale;
    int significant = len;
    char exp_digits[8];
    int n;

    while (significant > 1 && digits[significant - 1] == '0')
      significant--;
    g_string_append_c (out, digits[0]);
    g_string_append_c (out, '.');
    if (significant > 1)
      g_string_append_len (out, digits + 1, significant - 1);
    else
      g_string_append_c (out, '0');
    g_string_append_c (out, 'E');
    if (exp10 < 0)
      {
        g_string_append_c (out, '-');
        exp10 = -exp10;
      }
    n = uint_digits (exp10, exp_digits);
    g_string_append_len (out, exp_digits, n);
  }
}

/* Most values are decimals with a few places (amounts, coordinates):
 * find the shortest scale that reads back exactly, without printf. */
static gboolean
append_java_double_fast (GString *out,
                         double   value)
{
  static const double powers[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7 };
  double magnitude = fabs (value);

  for (int scale = 0; scale < (int) G_N_ELEMENTS (powers); scale++)
    {
      double scaled = magnitude * powers[scale];
      guint64 n;
      char digits[24];
      int len;

      if (scaled >= 9e15)
        return FALSE;
      n = (guint64) scaled;
      if ((double) n != scaled || (double) n / powers[scale] != magnitude)
        continue;

      len = uint_digits (n, digits);
      append_java_layout (out, value < 0, digits, len, scale, magnitude);
      return TRUE;
    }
  return FALSE;
}

/* Salesforce serialises doubles the way Java's Double.toString() does:
 * "250000.0" in [1e-3, 1e7), otherwise "1.5E7". */
void
sim_append_java_double (GString *out,
                        double   value)
{
  char buf[64];
  char digits[32];
  int exp10;
  int precision;
  char *e;
  char *dot;
  gsize n_digits = 0;
  gboolean negative;

  if (isnan (value))
    {
      g_string_append (out, "NaN");
      return;
    }
  if (value == 0)
    {
      g_string_append (out, "0.0");
      return;
    }
  if (append_java_double_fast (out, value))
    return;

  negative = value < 0;
  value = fabs (value);

  /* Shortest representation that reads back as the same double. */
  for (precision = 1; precision <= 17; precision++)
    {
      snprintf (buf, sizeof buf, "%.*e", precision - 1, value);
      if (strtod (buf, NULL) == value)
        break;
    }

  e = strchr (buf, 'e');
  exp10 = atoi (e + 1);
  *e = '\0';
  for (dot = buf; *dot; dot++)
    if (*dot != '.')
      digits[n_digits++] = *dot;
  while (n_digits > 1 && digits[n_digits - 1] == '0')
    n_digits--;
  digits[n_digits] = '\0';

  if (negative)
    g_string_append_c (out, '-');

  if (value >= 1e-3 && value < 1e7)
    {
      if (exp10 >= 0)
        {
          gsize int_len = exp10 + 1;

          if (n_digits <= int_len)
            {
              g_string_append (out, digits);
              for (gsize i = n_digits; i < int_len; i++)
                g_string_append_c (out, '0');
              g_string_append (out, ".0");
            }
          else
            {
              g_string_append_len (out, digits, int_len);
              g_string_append_c (out, '.');
              g_string_append (out, digits + int_len);
            }
        }
      else
        {
          g_string_append (out, "0.");
          for (int i = 0; i < -exp10 - 1; i++)
            g_string_append_c (out, '0');
          g_string_append (out, digits);
        }
      return;
    }

  g_string_append_c (out, digits[0]);
  g_string_append_c (out, '.');
  if (n_digits > 1)
    g_string_append (out, digits + 1);
  else
    g_string_append_c (out, '0');
  g_string_append_printf (out, "E%d", exp10);
}

/* Howard Hinnant's civil-from-days; GDateTime is far too slow per value. */
static void
civil_from_days (gint64  z,
                 int    *y_out,
                 int    *m_out,
                 int    *d_out)
{
  gint64 era;
  gint64 doe, yoe, y, doy, mp, d, m;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  *y_out = (int) (y + (m <= 2));
  *m_out = (int) m;
  *d_out = (int) d;
}

gint64
sim_days_from_civil (int y,
                     int m,
                     int d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static inline char *
put2 (char *p,
      int   v)
{
  p[0] = '0' + v / 10;
  p[1] = '0' + v % 10;
  return p + 2;
}

void
sim_append_date (GString *out,
                 gint64   days)
{
  char buf[16];
  char *p = buf;
  int y, m, d;

  civil_from_days (days, &y, &m, &d);
  p = put2 (p, y / 100);
  p = put2 (p, y % 100);
  *p++ = '-';
  p = put2 (p, m);
  *p++ = '-';
  p = put2 (p, d);
  g_string_append_len (out, buf, p - buf);
}

/* REST writes "…000+0000", Bulk CSV writes "…000Z". */
void
sim_append_datetime (GString  *out,
                     gint64    ms,
                     gboolean  zulu)
{
  char buf[40];
  char *p = buf;
  gint64 days = ms >= 0 ? ms / 86400000 : (ms - 86399999) / 86400000;
  gint64 rem = ms - days * 86400000;
  int y, m, d;
  int msec = rem % 1000;

  civil_from_days (days, &y, &m, &d);
  p = put2 (p, y / 100);
  p = put2 (p, y % 100);
  *p++ = '-';
  p = put2 (p, m);
  *p++ = '-';
  p = put2 (p, d);
  *p++ = 'T';
  p = put2 (p, (int) (rem / 3600000));
  *p++ = ':';
  p = put2 (p, (int) (rem / 60000 % 60));
  *p++ = ':';
  p = put2 (p, (int) (rem / 1000 % 60));
  *p++ = '.';
  *p++ = '0' + msec / 100;
  *p++ = '0' + msec / 10 % 10;
  *p++ = '0' + msec % 10;
  if (zulu)
    *p++ = 'Z';
  else
    {
      memcpy (p, "+0000", 5);
      p += 5;
    }
  g_string_append_len (out, buf, p - buf);
}

static gboolean
read_int (const char **p,
          int          n_digits,
          int         *out)
{
  int v = 0;

  for (int i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  *p += n_digits;
  *out = v;
  return TRUE;
}

/* Accepts YYYY-MM-DD, and YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM|±HHMM). */
gboolean
sim_parse_datetime (const char *str,
                    gint64     *ms_out,
                    gboolean   *date_only)
{
  const char *p = str;
  int y, mo, d, h = 0, mi = 0, s = 0, frac = 0, off = 0;

  if (!read_int (&p, 4, &y) || *p++ != '-' || !read_int (&p, 2, &mo) || *p++ != '-' ||
      !read_int (&p, 2, &d) || mo < 1 || mo > 12 || d < 1 || d > 31)
    return FALSE;

  if (*p == '\0')
    {
      if (date_only)
        *date_only = TRUE;
      *ms_out = sim_days_from_civil (y, mo, d) * 86400000;
      return TRUE;
    }

  if ((*p != 'T' && *p != 't') || (p++, !read_int (&p, 2, &h)) || *p++ != ':' ||
      !read_int (&p, 2, &mi) || *p++ != ':' || !read_int (&p, 2, &s) || h > 23 || mi > 59 ||
      s > 60)
    return FALSE;

  if (*p == '.')
    {
      int scale = 100;

      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      for (; g_ascii_isdigit (*p); p++)
        {
          frac += (*p - '0') * scale;
          scale /= 10;
        }
    }

  if (*p == 'Z' || *p == 'z')
    p++;
  else if (*p == '+' || *p == '-')
    {
      int sign = *p++ == '-' ? -1 : 1;
      int oh, om;

      if (!read_int (&p, 2, &oh))
        return FALSE;
      if (*p == ':')
        p++;
      if (!read_int (&p, 2, &om))
        return FALSE;
      off = sign * (oh * 60 + om);
    }
  else
    return FALSE;

  if (*p != '\0')
    return FALSE;

  if (date_only)
    *date_only = FALSE;
  *ms_out = sim_days_from_civil (y, mo, d) * 86400000 +
            (gint64) h * 3600000 + mi * 60000 + s * 1000 + frac - (gint64) off * 60000;
  return TRUE;
}

static const char *week_days[] = { "Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed" };
static const char *months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

char *
sim_format_http_date (gint64 ms)
{
  gint64 days = ms / 86400000;
  gint64 rem = (ms % 86400000) / 1000;
  int y, m, d;

  civil_from_days (days, &y, &m, &d);
  return g_strdup_printf ("%s, %02d %s %04d %02d:%02d:%02d GMT",
                          week_days[days % 7], d, months[m - 1], y,
                          (int) (rem / 3600), (int) (rem / 60 % 60), (int) (rem % 60));
}

gboolean
sim_parse_http_date (const char *str,
                     gint64     *ms_out)
{
  char wday[8], mon[8], zone[8];
  int d, y, h, mi, s;

  if (sscanf (str, "%3s, %d %3s %d %d:%d:%d %3s", wday, &d, mon, &y, &h, &mi, &s, zone) != 8)
    return FALSE;

  for (int m = 0; m < 12; m++)
    if (g_ascii_strcasecmp (mon, months[m]) == 0)
      {
        *ms_out = (sim_days_from_civil (y, m + 1, d) * 86400 + h * 3600 + mi * 60 + s) * 1000;
        return TRUE;
      }

  return FALSE;
}

/* Salesforce's case-safe suffix: one character per five, encoding which
 * of them are upper-case letters. */
void
sim_id_checksum (const char *id15,
                 char        suffix[3])
{
  static const char suffix_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

  for (int chunk = 0; chunk < 3; chunk++)
    {
      int bits = 0;

      for (int i = 0; i < 5; i++)
        {
          char c = id15[chunk * 5 + i];

          if (c >= 'A' && c <= 'Z')
            bits |= 1 << i;
        }
      suffix[chunk] = suffix_chars[bits];
    }
}

/* 15 characters: key prefix, pod "8d", reserved "0", nine base-62 digits;
 * then Salesforce's three-character case-safe suffix. */
void
sim_make_id (char        out[19],
             const char *prefix,
             guint64     number)
{
  memcpy (out, prefix, 3);
  memcpy (out + 3, "8d0", 3);
  for (int i = 14; i >= 6; i--)
    {
      out[i] = base62[number % 62];
      number /= 62;
    }

  sim_id_checksum (out, out + 15);
  out[18] = '\0';
}

gboolean
sim_parse_id (const char *id,
              char        prefix_out[4],
              guint64    *number_out)
{
  gsize len = strlen (id);
  guint64 number = 0;

  if (len != 15 && len != 18)
    return FALSE;

  for (int i = 6; i < 15; i++)
    {
      const char *pos = strchr (base62, id[i]);

      if (id[i] == '\0' || pos == NULL)
        return FALSE;
      number = number * 62 + (pos - base62);
    }

  if (len == 18)
    {
      char check[19];

      memcpy (prefix_out, id, 3);
      prefix_out[3] = '\0';
      sim_make_id (check, prefix_out, number);
      if (memcmp (check, id, 6) != 0 || g_ascii_strcasecmp (check + 15, id + 15) != 0)
        return FALSE;
    }

  memcpy (prefix_out, id, 3);
  prefix_out[3] = '\0';
  *number_out = number;
  return TRUE;
}

char *
sim_random_token (gsize n_bytes)
{
  g_autofree guchar *bytes = g_malloc (n_bytes);
  g_autofree char *b64 = NULL;

  for (gsize i = 0; i < n_bytes; i += 4)
    {
      guint32 r = g_random_int ();

      memcpy (bytes + i, &r, MIN (4, n_bytes - i));
    }

  b64 = g_base64_encode (bytes, n_bytes);
  g_strdelimit (b64, "+", '-');
  g_strdelimit (b64, "/", '_');
  g_strdelimit (b64, "=", '\0');
  return g_strdup (b64);
}

char *
sim_base64url_sha256 (const char *text)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  g_autofree char *b64 = NULL;

  g_checksum_update (sum, (const guchar *) text, -1);
  g_checksum_get_digest (sum, digest, &len);
  b64 = g_base64_encode (digest, len);
  g_strdelimit (b64, "+", '-');
  g_strdelimit (b64, "/", '_');
  g_strdelimit (b64, "=", '\0');
  return g_strdup (b64);
}

/*
 * Request bodies
 */

/* The deepest request body accepted. Salesforce's own bodies (composite
 * subrequests with record bodies) nest a handful of levels. */
#define SIM_JSON_MAX_DEPTH 100

/* Walks the body once: nesting depth, and nothing after the first value.
 * json-glib 1.6 recurses per level (a few hundred thousand '{' overflow the
 * stack of the thread serving the request, inside the GUI for the demo org),
 * and silently takes the last of several values, leaking the others. */
static gboolean
check_json_shape (const char  *data,
                  gsize        len,
                  GError     **error)
{
  guint depth = 0;
  gboolean in_string = FALSE;
  gboolean seen_value = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        continue;

      if (depth == 0)
        {
          if (seen_value)
            {
              g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                           "Unexpected character after the JSON value at byte %" G_GSIZE_FORMAT, i);
              return FALSE;
            }
          seen_value = TRUE;
          /* A top-level scalar runs to the next space or bracket. */
          if (c != '{' && c != '[' && c != '"')
            {
              while (i + 1 < len && strchr (" \t\r\n{}[]\"", data[i + 1]) == NULL)
                i++;
              continue;
            }
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > SIM_JSON_MAX_DEPTH)
            {
              g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                           "JSON nested deeper than %d levels", SIM_JSON_MAX_DEPTH);
              return FALSE;
            }
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }

  return TRUE;
}

/**
 * sim_json_load:
 *
 * json_parser_load_from_data() for what a client sent.
 */
gboolean
sim_json_load (JsonParser  *parser,
               const char  *data,
               gsize        len,
               GError     **error)
{
  return check_json_shape (data, len, error) &&
         json_parser_load_from_data (parser, data, len, error);
}
