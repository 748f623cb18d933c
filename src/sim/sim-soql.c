/* sim-soql.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sim-soql.h"
#include "sim-util.h"

/* A SOQL subset: enough for sync clients, with Salesforce's error texts and
 * Row/Column positions, so that a client's error handling can be tested. */

G_DEFINE_QUARK (sim-soql-error-quark, sim_soql_error)

typedef enum
{
  TOK_EOF,
  TOK_IDENT,
  TOK_STRING,
  TOK_NUMBER,
  TOK_DATETIME,
  TOK_COMMA,
  TOK_LPAREN,
  TOK_RPAREN,
  TOK_DOT,
  TOK_COLON,
  TOK_OP,
} TokKind;

typedef struct
{
  TokKind  kind;
  char    *text;       /* identifier as written, unescaped string, number or operator */
  int      row;
  int      column;
} Token;

typedef enum
{
  EXPR_AND,
  EXPR_OR,
  EXPR_NOT,
  EXPR_CMP,
  EXPR_IN,
  EXPR_NOT_IN,
  EXPR_LIKE,
  EXPR_IN_QUERY,
  EXPR_NOT_IN_QUERY,
} ExprKind;

typedef enum
{
  OP_EQ,
  OP_NE,
  OP_LT,
  OP_LE,
  OP_GT,
  OP_GE,
} CmpOp;

struct _SimSoqlExpr
{
  ExprKind      kind;
  CmpOp         op;
  SimSoqlPath  *path;
  GArray       *values;      /* of SimValue */
  SimSoqlExpr  *left;
  SimSoqlExpr  *right;
  SimSoqlQuery *subquery;
  GHashTable   *subquery_values;
  SimStore     *store;
};

typedef struct
{
  SimStore   *store;
  const char *text;
  GArray     *tokens;
  guint       pos;
  gint64      now_ms;
  GError     *error;
} Parser;

/*
 * Errors
 */

const char *
sim_soql_error_code (const GError *error)
{
  if (error->domain != SIM_SOQL_ERROR)
    return "UNKNOWN_EXCEPTION";

  switch (error->code)
    {
    case SIM_SOQL_ERROR_INVALID_FIELD:
      return "INVALID_FIELD";
    case SIM_SOQL_ERROR_INVALID_TYPE:
      return "INVALID_TYPE";
    case SIM_SOQL_ERROR_MALFORMED_QUERY:
    default:
      return "MALFORMED_QUERY";
    }
}

/* "\n<query up to the row>\n<spaces>^\nERROR at Row:R:Column:C\n<text>" */
static void
fail_at (Parser       *parser,
         SimSoqlError  code,
         const Token  *token,
         const char   *format,
         ...) G_GNUC_PRINTF (4, 5);

static void
fail_at (Parser       *parser,
         SimSoqlError  code,
         const Token  *token,
         const char   *format,
         ...)
{
  g_autoptr(GString) message = g_string_new ("\n");
  g_auto(GStrv) lines = g_strsplit (parser->text, "\n", -1);
  g_autofree char *text = NULL;
  va_list args;

  if (parser->error != NULL)
    return;

  for (int i = 0; lines[i] != NULL && i < token->row; i++)
    {
      g_string_append (message, lines[i]);
      g_string_append_c (message, '\n');
    }
  for (int i = 1; i < token->column; i++)
    g_string_append_c (message, ' ');

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  g_string_append_printf (message, "^\nERROR at Row:%d:Column:%d\n%s", token->row, token->column, text);
  parser->error = g_error_new_literal (SIM_SOQL_ERROR, code, message->str);
}

static void
fail_unexpected (Parser      *parser,
                 const Token *token)
{
  if (token->kind == TOK_EOF)
    fail_at (parser, SIM_SOQL_ERROR_MALFORMED_QUERY, token, "unexpected token: <EOF>");
  else
    fail_at (parser, SIM_SOQL_ERROR_MALFORMED_QUERY, token, "unexpected token: '%s'", token->text);
}

/*
 * Lexer
 */

static void
token_clear (Token *token)
{
  g_free (token->text);
}

static gboolean
is_datetime_start (const char *p)
{
  return g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) &&
         g_ascii_isdigit (p[3]) && p[4] == '-' && g_ascii_isdigit (p[5]);
}

static gboolean
tokenize (Parser *parser)
{
  const char *p = parser->text;
  int row = 1;
  const char *line_start = p;

  while (TRUE)
    {
      Token token = { 0 };
      const char *start;

      while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        {
          if (*p == '\n')
            {
              row++;
              line_start = p + 1;
            }
          p++;
        }

      token.row = row;
      token.column = (int) g_utf8_pointer_to_offset (line_start, p) + 1;
      start = p;

      if (*p == '\0')
        {
          token.kind = TOK_EOF;
          token.text = g_strdup ("<EOF>");
          g_array_append_val (parser->tokens, token);
          return TRUE;
        }

      if (*p == '\'')
        {
          GString *str = g_string_new (NULL);

          p++;
          while (*p != '\'' && *p != '\0')
            {
              if (*p == '\\' && p[1] != '\0')
                {
                  p++;
                  switch (*p)
                    {
                    case 'n': g_string_append_c (str, '\n'); break;
                    case 't': g_string_append_c (str, '\t'); break;
                    case 'r': g_string_append_c (str, '\r'); break;
                    default: g_string_append_c (str, *p); break;
                    }
                  p++;
                  continue;
                }
              g_string_append_c (str, *p++);
            }
          if (*p != '\'')
            {
              token.kind = TOK_STRING;
              token.text = g_string_free (str, FALSE);
              g_array_append_val (parser->tokens, token);
              fail_at (parser, SIM_SOQL_ERROR_MALFORMED_QUERY,
                       &g_array_index (parser->tokens, Token, parser->tokens->len - 1),
                       "line %d:%d mismatched character '<EOF>' expecting '''", token.row, token.column - 1);
              return FALSE;
            }
          p++;
          token.kind = TOK_STRING;
          token.text = g_string_free (str, FALSE);
        }
      else if (is_datetime_start (p))
        {
          while (g_ascii_isalnum (*p) || *p == '-' || *p == ':' || *p == '.' || *p == '+')
            p++;
          token.kind = TOK_DATETIME;
          token.text = g_strndup (start, p - start);
        }
      else if (g_ascii_isdigit (*p) || ((*p == '-' || *p == '+' || *p == '.') && g_ascii_isdigit (p[1])))
        {
          p++;
          while (g_ascii_isdigit (*p) || *p == '.' || *p == 'e' || *p == 'E')
            p++;
          token.kind = TOK_NUMBER;
          token.text = g_strndup (start, p - start);
        }
      else if (g_ascii_isalpha (*p) || *p == '_')
        {
          while (g_ascii_isalnum (*p) || *p == '_')
            p++;
          token.kind = TOK_IDENT;
          token.text = g_strndup (start, p - start);
        }
      else
        {
          switch (*p)
            {
            case ',': token.kind = TOK_COMMA; break;
            case '(': token.kind = TOK_LPAREN; break;
            case ')': token.kind = TOK_RPAREN; break;
            case '.': token.kind = TOK_DOT; break;
            case ':': token.kind = TOK_COLON; break;
            case '=':
            case '<':
            case '>':
            case '!':
              token.kind = TOK_OP;
              break;
            default:
              token.kind = TOK_OP;
              break;
            }
          if (token.kind == TOK_OP && (p[1] == '=' || (p[0] == '<' && p[1] == '>')))
            p += 2;
          else
            p = g_utf8_next_char (p);
          token.text = g_strndup (start, p - start);
          if (token.kind == TOK_OP && strchr ("=<>!", *start) == NULL)
            {
              g_array_append_val (parser->tokens, token);
              fail_unexpected (parser, &g_array_index (parser->tokens, Token, parser->tokens->len - 1));
              return FALSE;
            }
        }

      g_array_append_val (parser->tokens, token);
    }
}

static Token *
peek (Parser *parser)
{
  return &g_array_index (parser->tokens, Token, parser->pos);
}

static Token *
next (Parser *parser)
{
  Token *token = peek (parser);

  if (token->kind != TOK_EOF)
    parser->pos++;
  return token;
}

static gboolean
is_keyword (const Token *token,
            const char  *keyword)
{
  return token->kind == TOK_IDENT && g_ascii_strcasecmp (token->text, keyword) == 0;
}

static gboolean
accept_keyword (Parser     *parser,
                const char *keyword)
{
  if (!is_keyword (peek (parser), keyword))
    return FALSE;
  next (parser);
  return TRUE;
}

static gboolean
expect_keyword (Parser     *parser,
                const char *keyword)
{
  if (accept_keyword (parser, keyword))
    return TRUE;
  fail_unexpected (parser, peek (parser));
  return FALSE;
}

static gboolean
expect (Parser  *parser,
        TokKind  kind)
{
  if (peek (parser)->kind == kind)
    {
      next (parser);
      return TRUE;
    }
  fail_unexpected (parser, peek (parser));
  return FALSE;
}

/*
 * Paths
 */

static void
path_free (SimSoqlPath *path)
{
  g_ptr_array_unref (path->chain);
  g_free (path->path);
  g_free (path);
}

static SimField *
final_field (SimSoqlPath *path)
{
  return g_ptr_array_index (path->chain, path->chain->len - 1);
}

static SimObject *
reference_target (SimStore *store,
                  SimField *field)
{
  /* Polymorphic owners (Group, User) resolve to their last, user, target. */
  for (int i = g_strv_length (field->reference_to) - 1; i >= 0; i--)
    {
      SimObject *object = sim_schema_lookup (store->schema, field->reference_to[i]);

      if (object != NULL)
        return object;
    }
  return NULL;
}

static const char invalid_field_hint[] =
  "If you are attempting to use a custom field, be sure to append the '__c' after the custom "
  "field name. Please reference your WSDL or the describe call for the appropriate names.";

static SimSoqlPath *
parse_path (Parser    *parser,
            SimObject *object)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autoptr(GString) canonical = g_string_new (NULL);
  SimSoqlPath *path;
  Token *first = peek (parser);
  SimObject *current = object;

  if (first->kind != TOK_IDENT)
    {
      fail_unexpected (parser, first);
      return NULL;
    }

  g_ptr_array_add (parts, next (parser));
  while (peek (parser)->kind == TOK_DOT)
    {
      next (parser);
      if (peek (parser)->kind != TOK_IDENT)
        {
          fail_unexpected (parser, peek (parser));
          return NULL;
        }
      g_ptr_array_add (parts, next (parser));
    }

  path = g_new0 (SimSoqlPath, 1);
  path->chain = g_ptr_array_new ();

  /* A leading "Account." naming the FROM object itself is allowed. */
  if (parts->len > 1 && g_ascii_strcasecmp (((Token *) parts->pdata[0])->text, object->name) == 0 &&
      sim_object_lookup_relationship (object, ((Token *) parts->pdata[0])->text) == NULL)
    g_ptr_array_remove_index (parts, 0);

  for (guint i = 0; i < parts->len; i++)
    {
      Token *part = parts->pdata[i];
      gboolean last = i == parts->len - 1;
      SimField *field;

      if (last)
        {
          field = sim_object_lookup_field (current, part->text);
          if (field == NULL)
            {
              fail_at (parser, SIM_SOQL_ERROR_INVALID_FIELD, first,
                       "No such column '%s' on entity '%s'. %s", part->text, current->name,
                       invalid_field_hint);
              path_free (path);
              return NULL;
            }
        }
      else
        {
          field = sim_object_lookup_relationship (current, part->text);
          if (field == NULL || reference_target (parser->store, field) == NULL)
            {
              fail_at (parser, SIM_SOQL_ERROR_INVALID_FIELD, first,
                       "Didn't understand relationship '%s' in field path. If you are attempting "
                       "to use a custom relationship, be sure to append the '__r' after the custom "
                       "relationship name. Please reference your WSDL or the describe call for the "
                       "appropriate names.", part->text);
              path_free (path);
              return NULL;
            }
          current = reference_target (parser->store, field);
        }

      g_ptr_array_add (path->chain, field);
      if (canonical->len > 0)
        g_string_append_c (canonical, '.');
      g_string_append (canonical, last ? field->name : field->relationship_name);
    }

  path->path = g_string_free (g_steal_pointer (&canonical), FALSE);
  return path;
}

/*
 * SELECT tree
 */

static void
select_node_free (SimSelectNode *node)
{
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node->path);
  g_free (node);
}

static void
select_tree_add (SimStore    *store,
                 GPtrArray   *nodes,
                 SimSoqlPath *path,
                 guint        depth)
{
  SimField *field = g_ptr_array_index (path->chain, depth);
  SimSelectNode *node = NULL;

  if (depth == path->chain->len - 1)
    {
      node = g_new0 (SimSelectNode, 1);
      node->field = field;
      node->path = g_strdup (path->path);
      g_ptr_array_add (nodes, node);
      return;
    }

  for (guint i = 0; i < nodes->len; i++)
    {
      SimSelectNode *candidate = nodes->pdata[i];

      if (candidate->children != NULL && candidate->field == field)
        node = candidate;
    }

  if (node == NULL)
    {
      node = g_new0 (SimSelectNode, 1);
      node->field = field;
      node->target = reference_target (store, field);
      node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) select_node_free);
      g_ptr_array_add (nodes, node);
    }

  select_tree_add (store, node->children, path, depth + 1);
}

/*
 * Literals
 */

static gboolean
is_text_type (SimFieldType type)
{
  switch (type)
    {
    case SIM_TYPE_ID:
    case SIM_TYPE_STRING:
    case SIM_TYPE_REFERENCE:
    case SIM_TYPE_PICKLIST:
    case SIM_TYPE_MULTIPICKLIST:
    case SIM_TYPE_TEXTAREA:
    case SIM_TYPE_PHONE:
    case SIM_TYPE_EMAIL:
    case SIM_TYPE_URL:
    case SIM_TYPE_BASE64:
      return TRUE;
    case SIM_TYPE_BOOLEAN:
    case SIM_TYPE_INT:
    case SIM_TYPE_DOUBLE:
    case SIM_TYPE_CURRENCY:
    case SIM_TYPE_PERCENT:
    case SIM_TYPE_DATE:
    case SIM_TYPE_DATETIME:
    case SIM_TYPE_ADDRESS:
    case SIM_TYPE_LOCATION:
    default:
      return FALSE;
    }
}

static const char *
type_word (SimFieldType type)
{
  switch (type)
    {
    case SIM_TYPE_DATETIME: return "dateTime";
    case SIM_TYPE_DATE: return "date";
    case SIM_TYPE_BOOLEAN: return "boolean";
    case SIM_TYPE_INT: return "int";
    case SIM_TYPE_ID:
    case SIM_TYPE_REFERENCE: return "id";
    case SIM_TYPE_STRING:
    case SIM_TYPE_DOUBLE:
    case SIM_TYPE_CURRENCY:
    case SIM_TYPE_PERCENT:
    case SIM_TYPE_PICKLIST:
    case SIM_TYPE_MULTIPICKLIST:
    case SIM_TYPE_TEXTAREA:
    case SIM_TYPE_PHONE:
    case SIM_TYPE_EMAIL:
    case SIM_TYPE_URL:
    case SIM_TYPE_BASE64:
    case SIM_TYPE_ADDRESS:
    case SIM_TYPE_LOCATION:
    default:
      return is_text_type (type) ? "string" : "double";
    }
}

static gboolean
relative_date (Parser   *parser,
               Token    *token,
               SimValue *value,
               gboolean  date_field)
{
  gint64 today = parser->now_ms / 86400000;
  gint64 day = 0;

  if (g_ascii_strcasecmp (token->text, "TODAY") == 0)
    day = today;
  else if (g_ascii_strcasecmp (token->text, "YESTERDAY") == 0)
    day = today - 1;
  else if (g_ascii_strcasecmp (token->text, "TOMORROW") == 0)
    day = today + 1;
  else if (g_ascii_strcasecmp (token->text, "LAST_N_DAYS") == 0 ||
           g_ascii_strcasecmp (token->text, "NEXT_N_DAYS") == 0)
    {
      Token *n;

      if (!expect (parser, TOK_COLON))
        return FALSE;
      n = next (parser);
      if (n->kind != TOK_NUMBER)
        {
          fail_unexpected (parser, n);
          return FALSE;
        }
      day = today + (g_ascii_toupper (token->text[0]) == 'L' ? -1 : 1) * atoi (n->text);
    }
  else
    return FALSE;

  value->kind = date_field ? SIM_VALUE_DATE : SIM_VALUE_DATETIME;
  value->i = date_field ? day : day * 86400000;
  return TRUE;
}

static gboolean
parse_literal (Parser   *parser,
               SimField *field,
               SimValue *value)
{
  Token *token = next (parser);
  SimFieldType type = field->type;

  memset (value, 0, sizeof *value);

  if (is_keyword (token, "null"))
    {
      value->kind = SIM_VALUE_NULL;
      return TRUE;
    }

  if (token->kind == TOK_STRING)
    {
      if (!is_text_type (type))
        {
          fail_at (parser, SIM_SOQL_ERROR_INVALID_FIELD, token,
                   "value of filter criterion for field '%s' must be of type %s and should not be "
                   "enclosed in quotes", field->name, type_word (type));
          return FALSE;
        }
      value->kind = SIM_VALUE_STRING;
      value->str = token->text;
      value->len = strlen (token->text);
      return TRUE;
    }

  if (is_text_type (type))
    {
      if (token->kind == TOK_EOF || token->kind == TOK_OP || token->kind == TOK_RPAREN)
        fail_unexpected (parser, token);
      else
        fail_at (parser, SIM_SOQL_ERROR_INVALID_FIELD, token,
                 "value of filter criterion for field '%s' must be of type %s and should be "
                 "enclosed in quotes", field->name, type_word (type));
      return FALSE;
    }

  switch (type)
    {
    case SIM_TYPE_BOOLEAN:
      if (is_keyword (token, "true") || is_keyword (token, "false"))
        {
          value->kind = SIM_VALUE_BOOL;
          value->i = is_keyword (token, "true");
          return TRUE;
        }
      break;

    case SIM_TYPE_DATE:
    case SIM_TYPE_DATETIME:
      if (token->kind == TOK_DATETIME)
        {
          gboolean date_only = FALSE;
          gint64 ms;

          if (!sim_parse_datetime (token->text, &ms, &date_only) ||
              date_only != (type == SIM_TYPE_DATE))
            {
              fail_at (parser, SIM_SOQL_ERROR_INVALID_FIELD, token,
                       "value of filter criterion for field '%s' must be of type %s and should not "
                       "be enclosed in quotes", field->name, type_word (type));
              return FALSE;
            }
          value->kind = date_only ? SIM_VALUE_DATE : SIM_VALUE_DATETIME;
          value->i = date_only ? ms / 86400000 : ms;
          return TRUE;
        }
      if (token->kind == TOK_IDENT && relative_date (parser, token, value, type == SIM_TYPE_DATE))
        return TRUE;
      if (parser->error != NULL)
        return FALSE;
      break;

    case SIM_TYPE_INT:
    case SIM_TYPE_DOUBLE:
    case SIM_TYPE_CURRENCY:
    case SIM_TYPE_PERCENT:
      if (token->kind == TOK_NUMBER)
        {
          value->kind = SIM_VALUE_DOUBLE;
          value->d = g_ascii_strtod (token->text, NULL);
          return TRUE;
        }
      break;

    case SIM_TYPE_ADDRESS:
    case SIM_TYPE_LOCATION:
    case SIM_TYPE_ID:
    case SIM_TYPE_STRING:
    case SIM_TYPE_REFERENCE:
    case SIM_TYPE_PICKLIST:
    case SIM_TYPE_MULTIPICKLIST:
    case SIM_TYPE_TEXTAREA:
    case SIM_TYPE_PHONE:
    case SIM_TYPE_EMAIL:
    case SIM_TYPE_URL:
    case SIM_TYPE_BASE64:
    default:
      break;
    }

  if (token->kind == TOK_EOF || token->kind == TOK_OP || token->kind == TOK_RPAREN ||
      token->kind == TOK_COMMA)
    fail_unexpected (parser, token);
  else
    fail_at (parser, SIM_SOQL_ERROR_INVALID_FIELD, token,
             "value of filter criterion for field '%s' must be of type %s and should not be "
             "enclosed in quotes", field->name, type_word (type));
  return FALSE;
}

/*
 * WHERE
 */

static void
expr_free (SimSoqlExpr *expr)
{
  if (expr == NULL)
    return;
  expr_free (expr->left);
  expr_free (expr->right);
  g_clear_pointer (&expr->path, path_free);
  g_clear_pointer (&expr->values, g_array_unref);
  g_clear_pointer (&expr->subquery, sim_soql_query_free);
  g_clear_pointer (&expr->subquery_values, g_hash_table_unref);
  g_free (expr);
}

static SimSoqlExpr *parse_or (Parser *parser, SimObject *object);
static SimSoqlQuery *parse_query (Parser *parser);

static gboolean
check_filterable (Parser      *parser,
                  SimSoqlPath *path,
                  Token       *at)
{
  SimField *field = final_field (path);

  if (sim_field_is_compound (field) || field->type == SIM_TYPE_BASE64 ||
      (field->type == SIM_TYPE_TEXTAREA && field->length > 255))
    {
      fail_at (parser, SIM_SOQL_ERROR_INVALID_FIELD, at,
               "field '%s' can not be filtered in query call", field->name);
      return FALSE;
    }
  return TRUE;
}

static SimSoqlExpr *
parse_in_list (Parser      *parser,
               SimSoqlExpr *expr)
{
  if (!expect (parser, TOK_LPAREN))
    return NULL;

  if (is_keyword (peek (parser), "SELECT"))
    {
      expr->kind = expr->kind == EXPR_IN ? EXPR_IN_QUERY : EXPR_NOT_IN_QUERY;
      expr->subquery = parse_query (parser);
      if (expr->subquery == NULL || !expect (parser, TOK_RPAREN))
        return NULL;
      return expr;
    }

  expr->values = g_array_new (FALSE, TRUE, sizeof (SimValue));
  do
    {
      SimValue value;

      if (!parse_literal (parser, final_field (expr->path), &value))
        return NULL;
      g_array_append_val (expr->values, value);
    }
  while (peek (parser)->kind == TOK_COMMA && next (parser));

  if (!expect (parser, TOK_RPAREN))
    return NULL;
  return expr;
}

static SimSoqlExpr *
parse_condition (Parser    *parser,
                 SimObject *object)
{
  SimSoqlExpr *expr;
  Token *start = peek (parser);
  Token *op;

  if (start->kind == TOK_LPAREN)
    {
      next (parser);
      expr = parse_or (parser, object);
      if (expr == NULL || !expect (parser, TOK_RPAREN))
        {
          expr_free (expr);
          return NULL;
        }
      return expr;
    }

  if (accept_keyword (parser, "NOT"))
    {
      SimSoqlExpr *inner = parse_condition (parser, object);

      if (inner == NULL)
        return NULL;
      expr = g_new0 (SimSoqlExpr, 1);
      expr->kind = EXPR_NOT;
      expr->left = inner;
      return expr;
    }

  expr = g_new0 (SimSoqlExpr, 1);
  expr->store = parser->store;
  expr->path = parse_path (parser, object);
  if (expr->path == NULL || !check_filterable (parser, expr->path, start))
    goto fail;

  op = peek (parser);
  if (op->kind == TOK_OP)
    {
      next (parser);
      expr->kind = EXPR_CMP;
      if (g_str_equal (op->text, "="))
        expr->op = OP_EQ;
      else if (g_str_equal (op->text, "!=") || g_str_equal (op->text, "<>"))
        expr->op = OP_NE;
      else if (g_str_equal (op->text, "<"))
        expr->op = OP_LT;
      else if (g_str_equal (op->text, "<="))
        expr->op = OP_LE;
      else if (g_str_equal (op->text, ">"))
        expr->op = OP_GT;
      else if (g_str_equal (op->text, ">="))
        expr->op = OP_GE;
      else
        {
          fail_unexpected (parser, op);
          goto fail;
        }
      expr->values = g_array_new (FALSE, TRUE, sizeof (SimValue));
      g_array_set_size (expr->values, 1);
      if (!parse_literal (parser, final_field (expr->path), &g_array_index (expr->values, SimValue, 0)))
        goto fail;
      return expr;
    }

  if (accept_keyword (parser, "LIKE"))
    {
      expr->kind = EXPR_LIKE;
      expr->values = g_array_new (FALSE, TRUE, sizeof (SimValue));
      g_array_set_size (expr->values, 1);
      if (!is_text_type (final_field (expr->path)->type))
        {
          fail_at (parser, SIM_SOQL_ERROR_INVALID_FIELD, start,
                   "invalid operator on %s field '%s'", type_word (final_field (expr->path)->type),
                   final_field (expr->path)->name);
          goto fail;
        }
      if (!parse_literal (parser, final_field (expr->path), &g_array_index (expr->values, SimValue, 0)))
        goto fail;
      return expr;
    }

  if (accept_keyword (parser, "IN"))
    {
      expr->kind = EXPR_IN;
      if (parse_in_list (parser, expr) == NULL)
        goto fail;
      return expr;
    }

  if (is_keyword (op, "NOT") && parser->pos + 1 < parser->tokens->len &&
      is_keyword (&g_array_index (parser->tokens, Token, parser->pos + 1), "IN"))
    {
      next (parser);
      next (parser);
      expr->kind = EXPR_NOT_IN;
      if (parse_in_list (parser, expr) == NULL)
        goto fail;
      return expr;
    }

  fail_unexpected (parser, op);

fail:
  expr_free (expr);
  return NULL;
}

static SimSoqlExpr *
parse_and (Parser    *parser,
           SimObject *object)
{
  SimSoqlExpr *left = parse_condition (parser, object);

  while (left != NULL && is_keyword (peek (parser), "AND"))
    {
      SimSoqlExpr *expr;

      next (parser);
      expr = g_new0 (SimSoqlExpr, 1);
      expr->kind = EXPR_AND;
      expr->left = left;
      expr->right = parse_condition (parser, object);
      if (expr->right == NULL)
        {
          expr_free (expr);
          return NULL;
        }
      left = expr;
    }
  return left;
}

static SimSoqlExpr *
parse_or (Parser    *parser,
          SimObject *object)
{
  SimSoqlExpr *left = parse_and (parser, object);

  while (left != NULL && is_keyword (peek (parser), "OR"))
    {
      SimSoqlExpr *expr;

      next (parser);
      expr = g_new0 (SimSoqlExpr, 1);
      expr->kind = EXPR_OR;
      expr->left = left;
      expr->right = parse_and (parser, object);
      if (expr->right == NULL)
        {
          expr_free (expr);
          return NULL;
        }
      left = expr;
    }
  return left;
}

/*
 * Statement
 */

static gboolean
is_clause_keyword (const Token *token)
{
  static const char *words[] = { "FROM", "WHERE", "ORDER", "LIMIT", "OFFSET", "GROUP", "HAVING",
                                 "WITH", "FOR", "USING" };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (is_keyword (token, words[i]))
      return TRUE;
  return FALSE;
}

static void
free_order (gpointer data)
{
  SimSoqlOrder *order = data;

  g_clear_pointer (&order->path, path_free);
  g_free (order);
}

static gboolean
parse_select_list (Parser        *parser,
                   SimSoqlQuery  *query,
                   GArray        *field_tokens)
{
  if (is_keyword (peek (parser), "COUNT") &&
      g_array_index (parser->tokens, Token, parser->pos + 1).kind == TOK_LPAREN)
    {
      next (parser);
      next (parser);
      if (!expect (parser, TOK_RPAREN))
        return FALSE;
      query->count_only = TRUE;
      return TRUE;
    }

  while (TRUE)
    {
      guint start = parser->pos;
      Token *token = peek (parser);

      if (token->kind != TOK_IDENT || is_clause_keyword (token))
        {
          fail_unexpected (parser, token);
          return FALSE;
        }
      next (parser);
      while (peek (parser)->kind == TOK_DOT)
        {
          next (parser);
          if (!expect (parser, TOK_IDENT))
            return FALSE;
        }
      g_array_append_val (field_tokens, start);

      if (peek (parser)->kind != TOK_COMMA)
        return TRUE;
      next (parser);
    }
}

static gboolean
resolve_columns (Parser       *parser,
                 SimSoqlQuery *query,
                 GArray       *field_tokens)
{
  guint saved = parser->pos;

  for (guint i = 0; i < field_tokens->len; i++)
    {
      SimSoqlPath *path;
      SimField *field;

      parser->pos = g_array_index (field_tokens, guint, i);
      path = parse_path (parser, query->object);
      if (path == NULL)
        return FALSE;

      for (guint j = 0; j < query->columns->len; j++)
        if (g_ascii_strcasecmp (((SimSoqlPath *) query->columns->pdata[j])->path, path->path) == 0)
          {
            fail_at (parser, SIM_SOQL_ERROR_MALFORMED_QUERY,
                     &g_array_index (parser->tokens, Token, g_array_index (field_tokens, guint, i)),
                     "duplicate field selected: %s", path->path);
            path_free (path);
            return FALSE;
          }

      field = final_field (path);
      if (field->type == SIM_TYPE_TEXTAREA && field->length > 4096)
        query->n_long_text++;
      if (sim_field_is_compound (field))
        query->has_compound = TRUE;
      if (field->type == SIM_TYPE_BASE64)
        query->has_base64 = TRUE;
      g_ptr_array_add (query->columns, path);
      select_tree_add (parser->store, query->select, path, 0);
    }

  parser->pos = saved;
  return TRUE;
}

static gboolean
object_readable (SimStore  *store,
                 SimObject *object)
{
  return (sim_store_object_access (store, object) & SIM_ACCESS_READ) != 0;
}

static gboolean
parse_tail (Parser       *parser,
            SimSoqlQuery *query)
{
  if (accept_keyword (parser, "WHERE"))
    {
      query->where = parse_or (parser, query->object);
      if (query->where == NULL)
        return FALSE;
    }

  if (accept_keyword (parser, "ORDER"))
    {
      if (!expect_keyword (parser, "BY"))
        return FALSE;
      do
        {
          SimSoqlOrder *order = g_new0 (SimSoqlOrder, 1);
          Token *at = peek (parser);

          g_ptr_array_add (query->order, order);
          order->path = parse_path (parser, query->object);
          if (order->path == NULL || !check_filterable (parser, order->path, at))
            return FALSE;
          if (accept_keyword (parser, "DESC"))
            order->descending = TRUE;
          else
            accept_keyword (parser, "ASC");
          order->nulls_last = order->descending;
          if (accept_keyword (parser, "NULLS"))
            {
              if (accept_keyword (parser, "LAST"))
                order->nulls_last = TRUE;
              else if (expect_keyword (parser, "FIRST"))
                order->nulls_last = FALSE;
              else
                return FALSE;
            }
        }
      while (peek (parser)->kind == TOK_COMMA && next (parser));
    }

  if (accept_keyword (parser, "LIMIT"))
    {
      Token *n = next (parser);

      if (n->kind != TOK_NUMBER || strchr (n->text, '.') != NULL || n->text[0] == '-')
        {
          fail_unexpected (parser, n);
          return FALSE;
        }
      query->limit = g_ascii_strtoll (n->text, NULL, 10);
    }

  if (accept_keyword (parser, "OFFSET"))
    {
      Token *n = next (parser);

      if (n->kind != TOK_NUMBER || strchr (n->text, '.') != NULL || n->text[0] == '-')
        {
          fail_unexpected (parser, n);
          return FALSE;
        }
      query->offset = g_ascii_strtoll (n->text, NULL, 10);
    }

  return TRUE;
}

static SimSoqlQuery *
parse_query (Parser *parser)
{
  g_autoptr(SimSoqlQuery) query = g_new0 (SimSoqlQuery, 1);
  g_autoptr(GArray) field_tokens = g_array_new (FALSE, FALSE, sizeof (guint));
  Token *from;

  query->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) path_free);
  query->select = g_ptr_array_new_with_free_func ((GDestroyNotify) select_node_free);
  query->order = g_ptr_array_new_with_free_func (free_order);
  query->limit = -1;

  if (!expect_keyword (parser, "SELECT") || !parse_select_list (parser, query, field_tokens) ||
      !expect_keyword (parser, "FROM"))
    return NULL;

  from = next (parser);
  if (from->kind != TOK_IDENT)
    {
      fail_unexpected (parser, from);
      return NULL;
    }
  query->object = sim_schema_lookup (parser->store->schema, from->text);
  if (query->object == NULL || !object_readable (parser->store, query->object))
    {
      fail_at (parser, SIM_SOQL_ERROR_INVALID_TYPE, from,
               "sObject type '%s' is not supported. If you are attempting to use a custom object, "
               "be sure to append the '__c' after the entity name. Please reference your WSDL or "
               "the describe call for the appropriate names.", from->text);
      return NULL;
    }

  if (!resolve_columns (parser, query, field_tokens) || !parse_tail (parser, query))
    return NULL;

  return g_steal_pointer (&query);
}

SimSoqlQuery *
sim_soql_parse (SimStore    *store,
                const char  *text,
                gint64       now_ms,
                GError     **error)
{
  Parser parser = { store, text, NULL, 0, now_ms, NULL };
  g_autoptr(SimSoqlQuery) query = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  if (*stripped == '\0')
    {
      g_set_error_literal (error, SIM_SOQL_ERROR, SIM_SOQL_ERROR_MALFORMED_QUERY,
                           "SOQL statements cannot be empty or null");
      return NULL;
    }

  /* ?q= is percent-decoded into any bytes; error messages quote the
   * statement and go out as JSON, which must be UTF-8. */
  if (!g_utf8_validate (stripped, -1, NULL))
    {
      g_set_error_literal (error, SIM_SOQL_ERROR, SIM_SOQL_ERROR_MALFORMED_QUERY,
                           "SOQL statements must be valid UTF-8");
      return NULL;
    }

  parser.tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  g_array_set_clear_func (parser.tokens, (GDestroyNotify) token_clear);

  if (tokenize (&parser))
    {
      query = parse_query (&parser);
      if (query != NULL && peek (&parser)->kind != TOK_EOF)
        fail_unexpected (&parser, peek (&parser));
    }

  if (parser.error != NULL)
    {
      g_clear_pointer (&query, sim_soql_query_free);
      g_array_unref (parser.tokens);
      g_propagate_error (error, parser.error);
      return NULL;
    }

  /* String literals point into the tokens: the query keeps them. */
  query->tokens = parser.tokens;
  query->text = g_strdup (text);
  return g_steal_pointer (&query);
}

void
sim_soql_query_free (SimSoqlQuery *query)
{
  g_free (query->text);
  g_clear_pointer (&query->columns, g_ptr_array_unref);
  g_clear_pointer (&query->select, g_ptr_array_unref);
  g_clear_pointer (&query->order, g_ptr_array_unref);
  g_clear_pointer (&query->tokens, g_array_unref);
  expr_free (query->where);
  g_free (query);
}

/*
 * Evaluation
 */

gboolean
sim_soql_follow (SimRow    *row,
                 SimField  *reference,
                 SimObject *target,
                 SimRow    *parent)
{
  SimValue id;
  SimTable *table;
  guint64 index;

  sim_row_get (row, reference, &id);
  if (id.kind != SIM_VALUE_STRING || id.len < 15)
    return FALSE;

  table = sim_store_table (row->store, target);
  {
    char buf[19];

    memcpy (buf, id.str, MIN (id.len, 18));
    buf[MIN (id.len, 18)] = '\0';
    if (!sim_table_index_from_id (table, buf, &index) || !sim_table_exists (table, index) ||
        sim_table_is_deleted (table, index))
      return FALSE;
  }

  sim_row_init (parent, row->store, table, index);
  return TRUE;
}

void
sim_soql_path_value (SimSoqlPath *path,
                     SimRow      *row,
                     SimValue    *out)
{
  SimRow current = *row;

  for (guint i = 0; i + 1 < path->chain->len; i++)
    {
      SimField *reference = path->chain->pdata[i];
      SimObject *target = reference_target (row->store, reference);
      SimRow parent;

      if (!sim_soql_follow (&current, reference, target, &parent))
        {
          out->kind = SIM_VALUE_NULL;
          return;
        }
      current = parent;
    }

  sim_row_get (&current, final_field (path), out);
}

static gboolean
ids_equal (const SimValue *a,
           const SimValue *b)
{
  /* 15- and 18-character forms of one Id are the same record. */
  if (a->len >= 15 && b->len >= 15 && (a->len == 15 || a->len == 18) && (b->len == 15 || b->len == 18))
    return strncmp (a->str, b->str, 15) == 0;
  return a->len == b->len && strncmp (a->str, b->str, a->len) == 0;
}

static int
compare_to_literal (SimField       *field,
                    const SimValue *value,
                    const SimValue *literal)
{
  if (value->kind == SIM_VALUE_DATETIME && literal->kind == SIM_VALUE_DATE)
    {
      SimValue day = { .kind = SIM_VALUE_DATE, .i = value->i / 86400000 };

      return sim_value_compare (&day, literal);
    }
  if (value->kind == SIM_VALUE_STRING && literal->kind == SIM_VALUE_STRING &&
      (field->type == SIM_TYPE_ID || field->type == SIM_TYPE_REFERENCE))
    return ids_equal (value, literal) ? 0 : sim_value_compare (value, literal);
  if (value->kind == SIM_VALUE_BOOL && literal->kind == SIM_VALUE_BOOL)
    return (int) (value->i - literal->i);
  return sim_value_compare (value, literal);
}

static gboolean
like_match (const char *str,
            const char *end,
            const char *pattern)
{
  for (; *pattern; pattern++)
    {
      if (*pattern == '%')
        {
          for (const char *s = str; s <= end; s++)
            if (like_match (s, end, pattern + 1))
              return TRUE;
          return FALSE;
        }
      if (str >= end)
        return FALSE;
      if (*pattern == '_')
        str = g_utf8_next_char (str);
      else
        {
          if (*pattern == '\\' && pattern[1] != '\0')
            pattern++;
          if (g_ascii_tolower (*pattern) != g_ascii_tolower (*str))
            return FALSE;
          str++;
        }
    }
  return str == end;
}

static gboolean
eval_cmp (SimSoqlExpr    *expr,
          const SimValue *value)
{
  const SimValue *literal = &g_array_index (expr->values, SimValue, 0);
  SimField *field = final_field (expr->path);
  int cmp;

  if (literal->kind == SIM_VALUE_NULL)
    {
      if (expr->op == OP_EQ)
        return value->kind == SIM_VALUE_NULL;
      if (expr->op == OP_NE)
        return value->kind != SIM_VALUE_NULL;
      return FALSE;
    }
  if (value->kind == SIM_VALUE_NULL)
    return expr->op == OP_NE;

  cmp = compare_to_literal (field, value, literal);
  switch (expr->op)
    {
    case OP_EQ: return cmp == 0;
    case OP_NE: return cmp != 0;
    case OP_LT: return cmp < 0;
    case OP_LE: return cmp <= 0;
    case OP_GT: return cmp > 0;
    case OP_GE: return cmp >= 0;
    default: return FALSE;
    }
}

static void
ensure_subquery_values (SimSoqlExpr *expr)
{
  g_autoptr(GArray) rows = NULL;
  SimSoqlPath *column;
  SimTable *table;

  if (expr->subquery_values != NULL)
    return;

  expr->subquery_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (expr->subquery->columns->len == 0)
    return;

  column = expr->subquery->columns->pdata[0];
  table = sim_store_table (expr->store, expr->subquery->object);
  rows = sim_soql_execute (expr->subquery, expr->store, FALSE);
  for (guint i = 0; i < rows->len; i++)
    {
      SimRow row;
      SimValue v;

      sim_row_init (&row, expr->store, table, g_array_index (rows, guint32, i));
      sim_soql_path_value (column, &row, &v);
      if (v.kind == SIM_VALUE_STRING)
        g_hash_table_add (expr->subquery_values, g_strndup (v.str, MIN (v.len, 15)));
    }
}

static gboolean
eval (SimSoqlExpr *expr,
      SimRow      *row)
{
  SimValue value;

  switch (expr->kind)
    {
    case EXPR_AND:
      return eval (expr->left, row) && eval (expr->right, row);
    case EXPR_OR:
      return eval (expr->left, row) || eval (expr->right, row);
    case EXPR_NOT:
      return !eval (expr->left, row);
    case EXPR_CMP:
    case EXPR_IN:
    case EXPR_NOT_IN:
    case EXPR_LIKE:
    case EXPR_IN_QUERY:
    case EXPR_NOT_IN_QUERY:
    default:
      break;
    }

  sim_soql_path_value (expr->path, row, &value);

  switch (expr->kind)
    {
    case EXPR_CMP:
      return eval_cmp (expr, &value);

    case EXPR_LIKE:
      {
        const SimValue *pattern = &g_array_index (expr->values, SimValue, 0);

        if (value.kind != SIM_VALUE_STRING || pattern->kind != SIM_VALUE_STRING)
          return FALSE;
        return like_match (value.str, value.str + value.len, pattern->str);
      }

    case EXPR_IN:
    case EXPR_NOT_IN:
      {
        gboolean found = FALSE;

        for (guint i = 0; i < expr->values->len && !found; i++)
          {
            const SimValue *literal = &g_array_index (expr->values, SimValue, i);

            if (literal->kind == SIM_VALUE_NULL)
              found = value.kind == SIM_VALUE_NULL;
            else if (value.kind != SIM_VALUE_NULL)
              found = compare_to_literal (final_field (expr->path), &value, literal) == 0;
          }
        return expr->kind == EXPR_IN ? found : (!found && value.kind != SIM_VALUE_NULL);
      }

    case EXPR_IN_QUERY:
    case EXPR_NOT_IN_QUERY:
      {
        g_autofree char *key = NULL;
        gboolean found;

        ensure_subquery_values (expr);
        if (value.kind != SIM_VALUE_STRING)
          return FALSE;
        key = g_strndup (value.str, MIN (value.len, 15));
        found = g_hash_table_contains (expr->subquery_values, key);
        return expr->kind == EXPR_IN_QUERY ? found : !found;
      }

    case EXPR_AND:
    case EXPR_OR:
    case EXPR_NOT:
    default:
      return FALSE;
    }
}

gboolean
sim_soql_matches (SimSoqlQuery *query,
                  SimRow       *row)
{
  return query->where == NULL || eval (query->where, row);
}

/* Sort keys are copied out once, so that sorting never regenerates values. */
typedef struct
{
  guint32   index;
  SimValue *keys;
} SortItem;

typedef struct
{
  GPtrArray *order;
} SortContext;

static int
sort_compare (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const SortItem *x = a;
  const SortItem *y = b;
  SortContext *ctx = user_data;

  for (guint i = 0; i < ctx->order->len; i++)
    {
      SimSoqlOrder *order = ctx->order->pdata[i];
      const SimValue *u = &x->keys[i];
      const SimValue *v = &y->keys[i];
      int cmp;

      if (u->kind == SIM_VALUE_NULL || v->kind == SIM_VALUE_NULL)
        {
          if (u->kind == v->kind)
            continue;
          cmp = u->kind == SIM_VALUE_NULL ? -1 : 1;
          if (order->nulls_last)
            cmp = -cmp;
          return cmp;
        }

      cmp = sim_value_compare (u, v);
      if (cmp != 0)
        return order->descending ? -cmp : cmp;
    }

  return (x->index > y->index) - (x->index < y->index);
}

static void
sort_rows (SimSoqlQuery *query,
           SimStore     *store,
           SimTable     *table,
           GArray       *rows)
{
  guint n_keys = query->order->len;
  g_autofree SortItem *items = g_new0 (SortItem, rows->len);
  g_autofree SimValue *keys = g_new0 (SimValue, (gsize) rows->len * n_keys);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  SortContext ctx = { query->order };

  for (guint i = 0; i < rows->len; i++)
    {
      SimRow row;

      items[i].index = g_array_index (rows, guint32, i);
      items[i].keys = &keys[(gsize) i * n_keys];
      sim_row_init (&row, store, table, items[i].index);
      for (guint k = 0; k < n_keys; k++)
        {
          SimSoqlOrder *order = query->order->pdata[k];
          SimValue *key = &items[i].keys[k];

          sim_soql_path_value (order->path, &row, key);
          if (key->kind == SIM_VALUE_STRING)
            {
              char *copy = g_strndup (key->str, key->len);

              g_ptr_array_add (strings, copy);
              key->str = copy;
            }
        }
    }

  g_qsort_with_data (items, rows->len, sizeof (SortItem), sort_compare, &ctx);
  for (guint i = 0; i < rows->len; i++)
    g_array_index (rows, guint32, i) = items[i].index;
}

GArray *
sim_soql_execute (SimSoqlQuery *query,
                  SimStore     *store,
                  gboolean      all_rows)
{
  SimTable *table = sim_store_table (store, query->object);
  guint64 size = sim_table_size (table);
  GArray *rows = g_array_sized_new (FALSE, FALSE, sizeof (guint32),
                                    query->where ? 1024 : (guint) MIN (size, G_MAXUINT32));
  gboolean any_overlay = g_hash_table_size (table->overlays) > 0;

  for (guint64 i = 0; i < size; i++)
    {
      guint32 index = (guint32) i;

      if (any_overlay)
        {
          SimOverlay *overlay = sim_table_overlay (table, i);

          if (overlay != NULL && (overlay->flags & SIM_OVERLAY_PURGED))
            continue;
          if (overlay != NULL && (overlay->flags & SIM_OVERLAY_DELETED) && !all_rows)
            continue;
        }

      if (query->where != NULL)
        {
          SimRow row;

          sim_row_init (&row, store, table, i);
          if (!eval (query->where, &row))
            continue;
        }

      g_array_append_val (rows, index);
    }

  if (query->order->len > 0)
    sort_rows (query, store, table, rows);

  if (query->offset > 0)
    g_array_remove_range (rows, 0, MIN ((guint) query->offset, rows->len));
  if (query->limit >= 0 && rows->len > query->limit)
    g_array_set_size (rows, (guint) query->limit);

  return rows;
}
