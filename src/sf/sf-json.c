/* sf-json.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sf-error.h"
#include "sf-json-private.h"

/* Every response body goes through here before json-glib sees it. json-glib
 * 1.6 (Debian 12) recurses once per nesting level, so a body of a hundred
 * thousand '[' crashes the process; it accepts several top-level values and
 * leaks all but the last; and it leaks on some malformed escapes. A server,
 * or anything between it and us on a loopback http:// URL, must not be able
 * to do that, so the body is first checked against RFC 8259 here, in one pass
 * and without recursion: one value, valid UTF-8, proper escapes (surrogates
 * in pairs), and at most SF_JSON_MAX_DEPTH levels. */

typedef enum
{
  EXPECT_VALUE,          /* a value must come */
  EXPECT_VALUE_OR_END,   /* just after '[' */
  EXPECT_KEY,            /* after ',' in an object */
  EXPECT_KEY_OR_END,     /* just after '{' */
  AFTER_VALUE,           /* ',', a closing bracket, or the end of the document */
} State;

typedef struct
{
  const guchar *p;
  const guchar *end;
  const char   *problem;
} Cursor;

static void
skip_space (Cursor *c)
{
  while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
    c->p++;
}

static gboolean
fail (Cursor     *c,
      const char *problem)
{
  c->problem = problem;
  return FALSE;
}

static gboolean
read_hex4 (Cursor *c,
           guint  *out)
{
  *out = 0;
  if (c->end - c->p < 4)
    return FALSE;

  for (guint i = 0; i < 4; i++, c->p++)
    {
      if (!g_ascii_isxdigit (*c->p))
        return FALSE;
      *out = *out * 16 + g_ascii_xdigit_value (*c->p);
    }

  return TRUE;
}

/* After "\u": one code unit, or a high surrogate and its low one. */
static gboolean
check_unicode_escape (Cursor *c)
{
  guint unit, low;

  if (!read_hex4 (c, &unit))
    return fail (c, "a malformed \\u escape");
  if (unit >= 0xDC00 && unit <= 0xDFFF)
    return fail (c, "a lone low surrogate");
  if (unit < 0xD800 || unit > 0xDBFF)
    return TRUE;

  if (c->end - c->p < 2 || c->p[0] != '\\' || c->p[1] != 'u')
    return fail (c, "a lone high surrogate");
  c->p += 2;
  if (!read_hex4 (c, &low) || low < 0xDC00 || low > 0xDFFF)
    return fail (c, "a high surrogate without its low surrogate");

  return TRUE;
}

/* At the opening quote. UTF-8 was checked for the whole document. */
static gboolean
check_string (Cursor *c)
{
  for (c->p++; c->p < c->end; )
    {
      guchar ch = *c->p++;

      if (ch == '"')
        return TRUE;
      if (ch < 0x20)
        return fail (c, "a control character in a string");
      if (ch != '\\')
        continue;

      if (c->p == c->end)
        break;
      ch = *c->p++;
      if (ch == 'u')
        {
          if (!check_unicode_escape (c))
            return FALSE;
        }
      else if (strchr ("\"\\/bfnrt", ch) == NULL || ch == '\0')
        return fail (c, "an unknown escape");
    }

  return fail (c, "an unterminated string");
}

static gsize
skip_digits (Cursor *c)
{
  const guchar *start = c->p;

  while (c->p < c->end && g_ascii_isdigit (*c->p))
    c->p++;

  return c->p - start;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static gboolean
check_number (Cursor *c)
{
  const guchar *start;

  if (*c->p == '-')
    c->p++;
  start = c->p;
  if (skip_digits (c) == 0 || (*start == '0' && c->p - start > 1))
    return fail (c, "a malformed number");

  if (c->p < c->end && *c->p == '.')
    {
      c->p++;
      if (skip_digits (c) == 0)
        return fail (c, "a malformed number");
    }

  if (c->p < c->end && (*c->p == 'e' || *c->p == 'E'))
    {
      c->p++;
      if (c->p < c->end && (*c->p == '+' || *c->p == '-'))
        c->p++;
      if (skip_digits (c) == 0)
        return fail (c, "a malformed number");
    }

  return TRUE;
}

static gboolean
check_word (Cursor     *c,
            const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (c->end - c->p) < n || memcmp (c->p, word, n) != 0)
    return fail (c, "an unexpected character");

  c->p += n;
  return TRUE;
}

/* A scalar at c->p (the caller handles '{' and '['). */
static gboolean
check_scalar (Cursor *c)
{
  switch (*c->p)
    {
    case '"':
      return check_string (c);
    case 't':
      return check_word (c, "true");
    case 'f':
      return check_word (c, "false");
    case 'n':
      return check_word (c, "null");
    default:
      if (*c->p == '-' || g_ascii_isdigit (*c->p))
        return check_number (c);
      return fail (c, "an unexpected character");
    }
}

static char
closer (guchar opener)
{
  return opener == '{' ? '}' : ']';
}

/**
 * _sf_json_check:
 * @data: a document
 * @length: its length
 * @error: return location for an error
 *
 * Returns: %TRUE if @data is exactly one JSON value that json-glib can be
 *   given safely
 */
gboolean
_sf_json_check (const char  *data,
                gsize        length,
                GError     **error)
{
  guchar stack[SF_JSON_MAX_DEPTH];
  guint depth = 0;
  State state = EXPECT_VALUE;
  Cursor c = { (const guchar *) data, (const guchar *) data + length, NULL };

  if (data == NULL || !g_utf8_validate_len (data, length, NULL))
    c.problem = "text that is not UTF-8";

  while (c.problem == NULL)
    {
      skip_space (&c);

      if (c.p == c.end)
        {
          if (state != AFTER_VALUE || depth > 0)
            fail (&c, "a premature end");
          break;
        }

      switch (state)
        {
        case EXPECT_VALUE_OR_END:
        case EXPECT_KEY_OR_END:
          if (*c.p == closer (stack[depth - 1]))
            {
              c.p++;
              depth--;
              state = AFTER_VALUE;
              break;
            }
          state = (state == EXPECT_KEY_OR_END) ? EXPECT_KEY : EXPECT_VALUE;
          break;

        case EXPECT_KEY:
          if (*c.p != '"' || !check_string (&c))
            {
              fail (&c, c.problem ? c.problem : "a member without a name");
              break;
            }
          skip_space (&c);
          if (c.p == c.end || *c.p++ != ':')
            fail (&c, "a member name without ':'");
          state = EXPECT_VALUE;
          break;

        case EXPECT_VALUE:
          if (*c.p == '{' || *c.p == '[')
            {
              if (depth == SF_JSON_MAX_DEPTH)
                {
                  fail (&c, "too deep a nesting");
                  break;
                }
              stack[depth++] = *c.p++;
              state = (stack[depth - 1] == '{') ? EXPECT_KEY_OR_END : EXPECT_VALUE_OR_END;
            }
          else if (check_scalar (&c))
            state = AFTER_VALUE;
          break;

        case AFTER_VALUE:
          if (depth == 0)
            fail (&c, "data after the end");
          else if (*c.p == ',')
            {
              c.p++;
              state = (stack[depth - 1] == '{') ? EXPECT_KEY : EXPECT_VALUE;
            }
          else if (*c.p == closer (stack[depth - 1]))
            {
              c.p++;
              depth--;
            }
          else
            fail (&c, "a missing ',' or closing bracket");
          break;

        default:
          g_assert_not_reached ();
        }
    }

  if (c.problem != NULL)
    {
      g_set_error (error, SF_ERROR, SF_ERROR_INVALID_RESPONSE, "not valid JSON: %s at byte %"
                   G_GSIZE_FORMAT, c.problem, (gsize) (c.p - (const guchar *) data));
      return FALSE;
    }

  return TRUE;
}

/**
 * _sf_json_parse:
 * @what: a name for the document, for the error message ("query")
 *
 * Returns: (transfer full): the root node, or %NULL with
 *   %SF_ERROR_INVALID_RESPONSE
 */
JsonNode *
_sf_json_parse (const char  *data,
                gsize        length,
                const char  *what,
                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;

  if (length == 0 || !_sf_json_check (data, length, &local_error) ||
      !json_parser_load_from_data ((parser = json_parser_new ()), data, length, &local_error) ||
      json_parser_get_root (parser) == NULL)
    {
      g_debug ("The %s response: %s", what, local_error ? local_error->message : "empty");
      g_set_error (error, SF_ERROR, SF_ERROR_INVALID_RESPONSE,
                   "The %s response is not valid JSON", what);
      return NULL;
    }

  return json_node_ref (json_parser_get_root (parser));
}

/**
 * _sf_json_parse_object:
 *
 * Like _sf_json_parse(), for documents that must be an object.
 */
JsonNode *
_sf_json_parse_object (const char  *data,
                       gsize        length,
                       const char  *what,
                       GError     **error)
{
  g_autoptr(JsonNode) root = _sf_json_parse (data, length, what, NULL);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, SF_ERROR, SF_ERROR_INVALID_RESPONSE,
                   "The %s response is not a JSON object", what);
      return NULL;
    }

  return g_steal_pointer (&root);
}

/* json-glib's *_member_with_default() getters log a critical when the member
 * holds an object or an array, and the string one returns NULL (not the
 * default) for a number: a server decides what a member holds, so these only
 * ever look at values of the expected type. */

/**
 * _sf_json_get_string:
 *
 * Returns: (nullable): the member's string, or %NULL if it is absent or not a
 *   string
 */
const char *
_sf_json_get_string (JsonObject *object,
                     const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/**
 * _sf_json_get_int:
 *
 * Returns: the member's integer (a double is truncated towards zero and
 *   clamped), or @default_value if it is absent or not a number
 */
gint64
_sf_json_get_int (JsonObject *object,
                  const char *member,
                  gint64      default_value)
{
  JsonNode *node = json_object_get_member (object, member);
  GType type = node ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (type == G_TYPE_INT64)
    return json_node_get_int (node);
  if (type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      /* Outside this range the conversion to gint64 is undefined. */
      if (value >= -9.2e18 && value <= 9.2e18)
        return (gint64) value;
      return value < 0 ? G_MININT64 : G_MAXINT64;
    }

  return default_value;
}

/**
 * _sf_json_get_boolean:
 *
 * Returns: the member's boolean, or @default_value if it is absent or not a
 *   boolean
 */
gboolean
_sf_json_get_boolean (JsonObject *object,
                      const char *member,
                      gboolean    default_value)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return default_value;

  return json_node_get_boolean (node);
}

/*
 * Writing
 *
 * json-glib 1.6's generator writes a double such as 1e-05 as "1e-05.0",
 * which no parser reads back: a location near the equator would be stored as
 * broken JSON, and a describe cache could not be read again. Documents that
 * carry doubles from a server are therefore written here.
 */

static void
append_string (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
          break;
        }
    }
  g_string_append_c (out, '"');
}

/* The shortest form that reads back as the same double, and still looks like
 * a double ("420.0", not "420") so that a reader keeps its type. */
static void
append_double (GString *out,
               double   value)
{
  static const char * const formats[] = { "%.15g", "%.16g", "%.17g" };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* JSON has no infinity; a parser turns 1e999 into one. */
  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buffer, sizeof buffer, formats[i], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  g_string_append (out, buffer);
  if (strpbrk (buffer, ".eE") == NULL)
    g_string_append (out, ".0");
}

static void
append_value (GString  *out,
              JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_STRING)
    append_string (out, json_node_get_string (node));
  else if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    append_double (out, json_node_get_double (node));
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else
    g_string_append (out, "null");
}

/**
 * _sf_json_append:
 * @node: a node from _sf_json_parse() (so at most SF_JSON_MAX_DEPTH deep) or
 *   built by this library
 *
 * Appends @node as compact JSON, members in their original order.
 */
void
_sf_json_append (GString  *out,
                 JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;
      gboolean first = TRUE;

      g_string_append_c (out, '{');
      json_object_iter_init_ordered (&iter, json_node_get_object (node));
      while (json_object_iter_next_ordered (&iter, &name, &member))
        {
          if (!first)
            g_string_append_c (out, ',');
          first = FALSE;
          append_string (out, name);
          g_string_append_c (out, ':');
          _sf_json_append (out, member);
        }
      g_string_append_c (out, '}');
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      g_string_append_c (out, '[');
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          _sf_json_append (out, json_array_get_element (array, i));
        }
      g_string_append_c (out, ']');
    }
  else if (JSON_NODE_HOLDS_NULL (node))
    g_string_append (out, "null");
  else
    append_value (out, node);
}

/**
 * _sf_json_to_string:
 *
 * Returns: (transfer full): @node as compact JSON
 */
char *
_sf_json_to_string (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  _sf_json_append (out, node);
  return g_string_free (out, FALSE);
}
