/* test-secrets.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <string.h>
#include <unistd.h>

#include "rel-util.h"

/* Secrets stay in the keyring and in memory (issue 8, design.md §8). A whole life of
 * two connections — one signed in through the browser (PKCE, refresh token), one
 * through the username-password flow — with every orgsync-cli run at
 * G_MESSAGES_DEBUG=all: connect, select, sync, reauthorize, sync with a refreshed
 * session, remove. Then every secret the simulator issued or was handed (access and
 * refresh tokens, authorization codes, PKCE verifiers), the password and the security
 * token must appear nowhere the app writes or shows:
 *
 *  - any line of any orgsync-cli run's stdout or stderr (the simulator, the server,
 *    is not searched);
 *  - any file under the XDG data, config, cache and state directories the runs were
 *    given, as raw bytes (SQLite keeps text plain, and freed pages keep it too), both
 *    before and after `remove`; GSETTINGS_BACKEND=keyfile puts any GSettings write
 *    there as well;
 *  - the command line of every orgsync-cli process seen while a run is going, and the
 *    browser's (the authorize URL).
 *
 * Tokens, codes and verifiers are also looked for URL-encoded. A failure names the
 * secret's kind and where it was found, never the secret. After `remove`, the keyring
 * holds nothing for either connection and their records.db files are gone. */

#define USERNAME "secrets@orgsync.test"

typedef struct
{
  char   *where;     /* "stderr of `orgsync-cli sync Web`" */
  GBytes *bytes;
} Output;

typedef struct
{
  char *kind;        /* "refresh token (URL-encoded)", never the value */
  char *value;
} Secret;

typedef struct
{
  CliEnv      env;
  char       *xdg[4];
  char       *browser_log;
  char       *callback;
  char       *password;
  char       *security_token;
  GPtrArray  *outputs;       /* Output */
  GPtrArray  *cmdlines;      /* Output: one per process and distinct command line */
  GHashTable *seen_cmdlines; /* "pid\ncmdline" */
  GPtrArray  *secrets;       /* Secret */
  guint       runs;
} Fixture;

static const char * const xdg_names[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };

static void
output_free (Output *output)
{
  g_free (output->where);
  g_bytes_unref (output->bytes);
  g_free (output);
}

static void
secret_free (Secret *secret)
{
  g_free (secret->kind);
  g_free (secret->value);
  g_free (secret);
}

static void
add_output (GPtrArray  *array,
            char       *where,
            GBytes     *bytes)
{
  Output *output = g_new0 (Output, 1);

  output->where = where;
  output->bytes = bytes;
  g_ptr_array_add (array, output);
}

/* The same schema as src/core/orgsync-keyring.c (its name is documented in
 * docs/cli.md): the test reads the keyring through libsecret, as any other app could. */
static const SecretSchema *
app_schema (void)
{
  static const SecretSchema schema = {
    .name = "io.github.orgsync.OrgSync.Secret",
    .flags = SECRET_SCHEMA_NONE,
    .attributes = {
      { "connection-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

/* Any item with the connection's id, whatever schema it was stored under. */
static const SecretSchema *
any_schema (void)
{
  static const SecretSchema schema = {
    .name = "io.github.orgsync.OrgSync.Secret",
    .flags = SECRET_SCHEMA_DONT_MATCH_NAME,
    .attributes = {
      { "connection-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

/*
 * Processes
 */

static gboolean
is_orgsync_process (const char *pid)
{
  g_autofree char *comm_path = g_build_filename ("/proc", pid, "comm", NULL);
  g_autofree char *exe_path = g_build_filename ("/proc", pid, "exe", NULL);
  g_autofree char *comm = NULL;
  g_autofree char *exe = NULL;
  g_autofree char *exe_name = NULL;

  if (g_file_get_contents (comm_path, &comm, NULL, NULL))
    {
      g_strchomp (comm);
      if (g_str_equal (comm, "orgsync-cli") || g_str_equal (comm, "orgsync"))
        return TRUE;
    }

  exe = g_file_read_link (exe_path, NULL);
  if (exe == NULL)
    return FALSE;
  exe_name = g_path_get_basename (exe);
  return g_str_equal (exe_name, "orgsync-cli") || g_str_equal (exe_name, "orgsync");
}

/* Keeps the command line of every orgsync-cli (and orgsync) process running now, each
 * distinct one once. Other tests' processes may be among them: they cannot hold this
 * run's secrets, so they cost nothing but a look. Returns whether @own_pid was seen. */
static gboolean
scan_processes (Fixture    *f,
                const char *what,
                const char *own_pid)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  gboolean seen_own = FALSE;
  const char *name;

  g_assert_nonnull (proc);
  while ((name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *cmdline = NULL;
      g_autofree char *key = NULL;
      gsize length;

      if (!g_ascii_isdigit (*name) || !is_orgsync_process (name))
        continue;

      path = g_build_filename ("/proc", name, "cmdline", NULL);
      /* An empty cmdline is a process between fork and exec, or a zombie. */
      if (!g_file_get_contents (path, &cmdline, &length, NULL) || length == 0)
        continue;
      if (own_pid != NULL && g_str_equal (name, own_pid))
        seen_own = TRUE;

      key = g_strdup_printf ("%s\n%.*s", name, (int) length, cmdline);
      if (g_hash_table_contains (f->seen_cmdlines, key))
        continue;
      g_hash_table_add (f->seen_cmdlines, g_steal_pointer (&key));
      add_output (f->cmdlines, g_strdup_printf ("the command line of process %s (seen during `%s`)", name, what),
                  g_bytes_new_take (g_steal_pointer (&cmdline), length));
    }

  return seen_own;
}

typedef struct
{
  gboolean  done;
  GBytes   *out;
  GBytes   *err;
  GError   *error;
} Communicated;

static void
communicated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Communicated *c = user_data;

  g_subprocess_communicate_finish (G_SUBPROCESS (object), result, &c->out, &c->err, &c->error);
  c->done = TRUE;
}

/* Runs orgsync-cli with the test's environment and no --data-dir (the XDG default),
 * keeps its stdout and stderr, and looks at /proc all the while. Returns the exit
 * status; *@out (if given) is stdout as text. */
static int
run (Fixture     *f,
     const char  *input,
     char       **out,
     const char  *first,
     ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) input_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;
  Communicated c = { 0, };
  gboolean seen_own = FALSE;
  const char *pid;
  va_list args;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  for (guint i = 0; i < f->env.env->len; i++)
    {
      g_auto(GStrv) pair = g_strsplit (g_ptr_array_index (f->env.env, i), "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }

  g_ptr_array_add (argv, g_strdup (g_getenv ("ORGSYNC_CLI")));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);
  /* "orgsync-cli sync Web", and which run it was: the same command runs twice. */
  what = g_strdup_printf ("orgsync-cli %s %s (run %u)", first, argv->len > 3 ? (char *) argv->pdata[2] : "",
                          ++f->runs);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  pid = g_subprocess_get_identifier (process);

  input_bytes = g_bytes_new (input ? input : "", input ? strlen (input) : 0);
  g_subprocess_communicate_async (process, input_bytes, NULL, communicated_cb, &c);
  while (!c.done)
    {
      if (pid != NULL && scan_processes (f, what, pid))
        seen_own = TRUE;
      g_main_context_iteration (NULL, FALSE);
      if (!c.done)
        g_usleep (2000);
    }
  g_assert_no_error (c.error);

  if (g_str_equal (first, "sync") && !seen_own)
    g_error ("never saw the command line of `%s` while it ran: the search of command lines proves nothing", what);

  g_test_message ("%s: exit %d, %zu bytes of output", what, cli_wait (process),
                  g_bytes_get_size (c.out) + g_bytes_get_size (c.err));
  if (out != NULL)
    *out = g_strndup (g_bytes_get_data (c.out, NULL), g_bytes_get_size (c.out));
  add_output (f->outputs, g_strdup_printf ("stdout of `%s`", what), c.out);
  add_output (f->outputs, g_strdup_printf ("stderr of `%s`", what), c.err);

  return cli_wait (process);
}

/* With G_MESSAGES_DEBUG=all, GLib writes debug lines to stdout as well: the answer
 * is the last line. */
static char *
last_line (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint n = g_strv_length (lines); n > 0; n--)
    if (*g_strstrip (lines[n - 1]) != '\0')
      return g_strdup (lines[n - 1]);

  return g_strdup ("");
}

static char *
records_path (Fixture    *f,
              const char *name)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (run (f, NULL, &out, "db-path", name, NULL), ==, 0);
  return last_line (out);
}

/* connections/<id>/records.db */
static char *
connection_id (const char *records)
{
  g_autofree char *dir = g_path_get_dirname (records);

  return g_path_get_basename (dir);
}

/*
 * Secrets
 */

static void
add_one_secret (Fixture    *f,
                char       *kind,
                const char *value)
{
  Secret *secret;

  for (guint i = 0; i < f->secrets->len; i++)
    if (g_str_equal (((Secret *) f->secrets->pdata[i])->value, value))
      {
        g_free (kind);
        return;
      }

  secret = g_new0 (Secret, 1);
  secret->kind = kind;
  secret->value = g_strdup (value);
  g_ptr_array_add (f->secrets, secret);
}

static void
add_secret (Fixture    *f,
            const char *kind,
            const char *value)
{
  g_autofree char *escaped = NULL;

  g_assert_nonnull (value);
  /* A short one would be found by chance. */
  g_assert_cmpuint (strlen (value), >=, 8);
  add_one_secret (f, g_strdup (kind), value);

  /* As a form or query parameter ("!" of an access token, "==" of a code). */
  escaped = g_uri_escape_string (value, NULL, FALSE);
  if (!g_str_equal (escaped, value))
    add_one_secret (f, g_strdup_printf ("%s (URL-encoded)", kind), escaped);
}

static const char *
kind_name (const char *sim_kind)
{
  if (g_str_equal (sim_kind, "accessToken"))
    return "access token";
  if (g_str_equal (sim_kind, "refreshToken"))
    return "refresh token";
  if (g_str_equal (sim_kind, "code"))
    return "OAuth authorization code";
  if (g_str_equal (sim_kind, "codeVerifier"))
    return "PKCE code verifier";
  g_error ("unknown kind of secret from the simulator: %s", sim_kind);
}

/* Every secret the simulator issued or was handed, and how many of each kind. */
static void
collect_sim_secrets (Fixture *f,
                     guint   *counts)
{
  g_autoptr(JsonNode) issued = rel_sim_get (&f->env, "/_sim/tokens/issued");
  JsonArray *array = json_object_get_array_member (json_node_get_object (issued), "issued");
  static const char * const kinds[] = { "accessToken", "refreshToken", "code", "codeVerifier" };

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      const char *kind = json_object_get_string_member (item, "kind");

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        if (g_str_equal (kind, kinds[k]))
          counts[k]++;
      add_secret (f, kind_name (kind), json_object_get_string_member (item, "value"));
    }
}

/* The codes the browser delivered, from the redirect URLs in its log. */
static guint
collect_browser_codes (Fixture *f)
{
  g_autofree char *log = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint codes = 0;

  g_file_get_contents (f->browser_log, &log, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (log, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GUri) uri = NULL;
      g_autoptr(GHashTable) params = NULL;
      const char *code;

      if (g_str_has_prefix (lines[i], "authorize "))
        {
          /* The browser's only argument: its command line. */
          add_output (f->cmdlines, g_strdup ("the browser's command line (the authorize URL)"),
                      g_bytes_new (lines[i] + 10, strlen (lines[i] + 10)));
          continue;
        }
      if (!g_str_has_prefix (lines[i], "redirect "))
        continue;

      uri = g_uri_parse (lines[i] + 9, G_URI_FLAGS_ENCODED, &error);
      g_assert_no_error (error);
      params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, &error);
      g_assert_no_error (error);
      code = g_hash_table_lookup (params, "code");
      g_assert_nonnull (code);
      add_secret (f, "OAuth authorization code", code);
      codes++;
    }

  return codes;
}

/* What the keyring holds for the connection now: its tokens are secrets too, and
 * reading them proves the search after `remove` looks in the right place. */
static void
collect_keyring (Fixture    *f,
                 const char *id,
                 gboolean    expect_refresh,
                 char      **access_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *access = secret_password_lookup_sync (app_schema (), NULL, &error,
                                                         "connection-id", id, "kind", "access-token", NULL);
  g_autofree char *refresh = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (access);
  add_secret (f, "access token", access);

  refresh = secret_password_lookup_sync (app_schema (), NULL, &error,
                                         "connection-id", id, "kind", "refresh-token", NULL);
  g_assert_no_error (error);
  if (expect_refresh)
    {
      g_assert_nonnull (refresh);
      add_secret (f, "refresh token", refresh);
    }
  else
    g_assert_null (refresh);

  if (access_out != NULL)
    *access_out = g_steal_pointer (&access);
}

static void
assert_keyring_empty (const char *id)
{
  g_autoptr(GError) error = NULL;
  GList *items = secret_password_search_sync (any_schema (), SECRET_SEARCH_ALL, NULL, &error,
                                              "connection-id", id, NULL);

  g_assert_no_error (error);
  if (items != NULL)
    g_error ("the keyring still holds %u item(s) for connection %s after `remove`", g_list_length (items), id);
}

/*
 * The search
 */

typedef struct
{
  GString *report;
  guint    found;
} Findings;

/* Where @needle first is in @data from @from on, or -1 (memmem is a GNU extension). */
static gssize
find (const char *data,
      gsize       size,
      gsize       from,
      const char *needle,
      gsize       length)
{
  for (gsize i = from; i + length <= size; i++)
    if (data[i] == needle[0] && memcmp (data + i, needle, length) == 0)
      return i;

  return -1;
}

static void
search (Fixture    *f,
        Findings   *findings,
        const char *where,
        GBytes     *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  for (guint i = 0; i < f->secrets->len; i++)
    {
      Secret *secret = f->secrets->pdata[i];
      gsize length = strlen (secret->value);
      gssize first = find (data, size, 0, secret->value, length);
      guint line = 1, count = 0;

      if (first < 0)
        continue;
      for (gssize p = 0; p < first; p++)
        line += data[p] == '\n';
      for (gssize at = first; at >= 0; at = find (data, size, at + 1, secret->value, length))
        count++;

      /* The kind and the place, never the value. */
      g_string_append_printf (findings->report, "\n  the %s is in %s (line %u, %u time%s)", secret->kind, where,
                              line, count, count == 1 ? "" : "s");
      findings->found++;
    }
}

static void
search_tree (Fixture    *f,
             Findings   *findings,
             const char *dir,
             const char *when,
             guint      *files)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *where = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gsize length;

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          search_tree (f, findings, path, when, files);
          continue;
        }
      /* A -journal or -wal file may go away between the listing and the read. */
      if (!g_file_get_contents (path, &contents, &length, NULL))
        continue;
      bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      where = g_strdup_printf ("the file %s (%s)", path, when);
      search (f, findings, where, bytes);
      (*files)++;
    }
}

/* Files are searched later, when every secret is known: keep their bytes now. */
static void
keep_files (const char *dir,
            const char *when,
            GPtrArray  *files)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          keep_files (path, when, files);
          continue;
        }
      if (!g_file_get_contents (path, &contents, &length, NULL))
        continue;
      add_output (files, g_strdup_printf ("the file %s (%s)", path, when),
                  g_bytes_new_take (g_steal_pointer (&contents), length));
    }
}

static void
keep_all_files (Fixture    *f,
                const char *when,
                GPtrArray  *files)
{
  for (guint i = 0; i < G_N_ELEMENTS (f->xdg); i++)
    keep_files (f->xdg[i], when, files);
}

/*
 * The cycle
 */

static void
connect_web (Fixture    *f,
             const char *command,
             const char *name)
{
  if (g_str_equal (command, "connect"))
    g_assert_cmpint (run (f, NULL, NULL, "connect", name, "--login-url", f->env.url, "--web",
                          "--callback", f->callback, NULL), ==, 0);
  else
    g_assert_cmpint (run (f, NULL, NULL, "reauthorize", name, "--web", "--callback", f->callback, NULL), ==, 0);
}

static void
connect_password (Fixture    *f,
                  const char *command,
                  const char *name)
{
  /* One line: the password immediately followed by the security token. */
  g_autofree char *input = g_strdup_printf ("%s%s\n", f->password, f->security_token);

  if (g_str_equal (command, "connect"))
    g_assert_cmpint (run (f, input, NULL, "connect", name, "--login-url", f->env.url, "--username", USERNAME,
                          "--password-stdin", NULL), ==, 0);
  else
    g_assert_cmpint (run (f, input, NULL, "reauthorize", name, "--username", USERNAME, "--password-stdin",
                          NULL), ==, 0);
}

static void
select_fields (Fixture    *f,
               const char *name)
{
  g_assert_cmpint (run (f, NULL, NULL, "select", name, "--add", "Account.Name", "--add", "Account.Industry",
                        "--add", "Account.Phone", "--add", "Contact.LastName", "--add", "Contact.Email", NULL), ==, 0);
}

static char *
random_secret (const char *prefix,
               guint       length)
{
  static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  GString *text = g_string_new (prefix);

  while (text->len < length)
    g_string_append_c (text, alphabet[g_random_int_range (0, sizeof alphabet - 1)]);

  return g_string_free (text, FALSE);
}

static void
test_cycle (void)
{
  Fixture fixture = { 0, };
  Fixture *f = &fixture;
  g_autoptr(GSocketListener) probe = g_socket_listener_new ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) output_free);
  g_autoptr(GString) report = g_string_new (NULL);
  g_autofree char *browser_dir = NULL;
  g_autofree char *browser = NULL;
  g_autofree char *web_records = NULL;
  g_autofree char *password_records = NULL;
  g_autofree char *web_id = NULL;
  g_autofree char *password_id = NULL;
  g_autofree char *web_access = NULL;
  g_autoptr(JsonNode) live_before = NULL;
  g_autofree char *keyfile = NULL;
  Findings findings = { report, 0 };
  guint counts[4] = { 0, };
  guint codes, searched_files = 0;
  const char *sim_args[] = { "--records", "Account=3000,Contact=300,Lead=20,Opportunity=20,Campaign=2,User=3",
                             "--custom-objects", "0", "--bulk-delay", "800", "--callback-any-loopback",
                             "--username", USERNAME, "--password", NULL, "--security-token", NULL, NULL };
  guint16 port;

  f->password = random_secret ("Pw", 16);
  f->security_token = random_secret ("St", 25);
  sim_args[10] = f->password;
  sim_args[12] = f->security_token;
  cli_env_start (&f->env, sim_args);
  f->outputs = g_ptr_array_new_with_free_func ((GDestroyNotify) output_free);
  f->cmdlines = g_ptr_array_new_with_free_func ((GDestroyNotify) output_free);
  f->seen_cmdlines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f->secrets = g_ptr_array_new_with_free_func ((GDestroyNotify) secret_free);

  /* Org Sync's own directories, and nothing else, inside the environment's temporary
   * one (which cli_env_stop removes); the browser's files beside them. */
  for (guint i = 0; i < G_N_ELEMENTS (f->xdg); i++)
    {
      f->xdg[i] = g_build_filename (f->env.data_dir, xdg_names[i], NULL);
      g_assert_cmpint (g_mkdir_with_parents (f->xdg[i], 0700), ==, 0);
      cli_env_setenv (&f->env, xdg_names[i], f->xdg[i]);
    }
  browser_dir = g_build_filename (f->env.data_dir, "browser", NULL);
  g_assert_cmpint (g_mkdir (browser_dir, 0700), ==, 0);
  f->browser_log = g_build_filename (browser_dir, "browser.log", NULL);
  browser = rel_browser_script (browser_dir, f->browser_log);
  cli_env_setenv (&f->env, "ORGSYNC_BROWSER", browser);
  cli_env_setenv (&f->env, "G_MESSAGES_DEBUG", "all");
  cli_env_setenv (&f->env, "GSETTINGS_BACKEND", "keyfile");
  /* Accounts through a Bulk job after their first page (the job and result URLs),
   * Contacts through /composite alone. */
  cli_env_setenv (&f->env, "ORGSYNC_BULK_MIN_ROWS", "400");

  port = g_socket_listener_add_any_inet_port (probe, NULL, NULL);
  g_socket_listener_close (probe);
  f->callback = g_strdup_printf ("http://127.0.0.1:%u/OauthRedirect", port);

  /* Sign in both ways, choose fields, sync. */
  connect_web (f, "connect", "Web");
  connect_password (f, "connect", "Password");
  select_fields (f, "Web");
  select_fields (f, "Password");
  g_assert_cmpint (run (f, NULL, NULL, "sync", "Web", NULL), ==, 0);
  g_assert_cmpint (run (f, NULL, NULL, "sync", "Password", NULL), ==, 0);
  g_assert_cmpint (run (f, NULL, NULL, "status", "Web", NULL), ==, 0);
  g_assert_cmpint (run (f, NULL, NULL, "history", "Password", NULL), ==, 0);

  /* Sign in again, then sync: the browser connection on a refreshed session. */
  connect_web (f, "reauthorize", "Web");
  connect_password (f, "reauthorize", "Password");
  web_records = records_path (f, "Web");
  password_records = records_path (f, "Password");
  web_id = connection_id (web_records);
  password_id = connection_id (password_records);
  g_assert_cmpstr (web_id, !=, password_id);
  collect_keyring (f, web_id, TRUE, &web_access);
  collect_keyring (f, password_id, FALSE, NULL);
  {
    g_autofree char *json = g_strdup_printf ("{\"token\":\"%s\"}", web_access);
    g_autoptr(JsonNode) expired = sim_request (&f->env, "POST", "/_sim/tokens/expire", json);

    g_assert_cmpint (json_object_get_int_member (json_node_get_object (expired), "affected"), ==, 1);
  }
  rel_sim_post (&f->env, "/_sim/data/Account", "{\"action\":\"update\",\"count\":50}");
  rel_sim_post (&f->env, "/_sim/data/Contact", "{\"action\":\"delete\",\"count\":5}");
  g_assert_cmpint (run (f, NULL, NULL, "sync", "Web", NULL), ==, 0);
  g_assert_cmpint (run (f, NULL, NULL, "sync", "Password", NULL), ==, 0);
  g_assert_true (g_file_test (web_records, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (password_records, G_FILE_TEST_EXISTS));
  /* The syncs did their work: there was something in records.db to search. */
  g_assert_cmpint (rel_count_rows (web_records, "Account"), ==, 3000);
  g_assert_cmpint (rel_count_rows (web_records, "Contact"), ==, 295);
  g_assert_cmpint (rel_count_rows (password_records, "Account"), ==, 3000);
  keep_all_files (f, "before remove", files);

  /* Remove: the current grants revoked at Salesforce, no secret left in the keyring,
   * no records.db. */
  live_before = rel_sim_get (&f->env, "/_sim/tokens");
  g_assert_cmpint (run (f, NULL, NULL, "remove", "Web", NULL), ==, 0);
  g_assert_cmpint (run (f, NULL, NULL, "remove", "Password", NULL), ==, 0);
  assert_keyring_empty (web_id);
  assert_keyring_empty (password_id);
  g_assert_false (g_file_test (web_records, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (password_records, G_FILE_TEST_EXISTS));
  keep_all_files (f, "after remove", files);
  {
    /* The browser connection's refresh token and the access tokens of both current
     * sessions are revoked. Grants replaced by `reauthorize` are not (Org Sync no
     * longer holds them), so they may still be honoured. */
    g_autoptr(JsonNode) live = rel_sim_get (&f->env, "/_sim/tokens");

    g_test_message ("after remove the simulator still honours %" G_GINT64_FORMAT " access and %" G_GINT64_FORMAT
                    " refresh token(s)", rel_member_int (live, "accessTokens"), rel_member_int (live, "refreshTokens"));
    g_assert_cmpint (rel_member_int (live, "refreshTokens"), ==, rel_member_int (live_before, "refreshTokens") - 1);
    g_assert_cmpint (rel_member_int (live, "accessTokens"), <=, rel_member_int (live_before, "accessTokens") - 2);
  }

  /* Every secret there was: the simulator's list, the browser's redirects, the
   * password and the security token. Two browser sign-ins, each with a code and a
   * verifier; refresh tokens from both; a refreshed session. */
  collect_sim_secrets (f, counts);
  codes = collect_browser_codes (f);
  g_assert_cmpuint (codes, ==, 2);
  g_assert_cmpuint (counts[2], ==, 2);
  g_assert_cmpuint (counts[3], ==, 2);
  g_assert_cmpuint (counts[1], >=, 2);
  g_assert_cmpuint (counts[0], >=, 5);
  add_secret (f, "password", f->password);
  add_secret (f, "security token", f->security_token);
  g_test_message ("%u secrets (with their URL-encoded forms), %u runs, %u command lines",
                  f->secrets->len, f->runs, f->cmdlines->len);

  for (guint i = 0; i < f->outputs->len; i++)
    search (f, &findings, ((Output *) f->outputs->pdata[i])->where, ((Output *) f->outputs->pdata[i])->bytes);
  for (guint i = 0; i < f->cmdlines->len; i++)
    search (f, &findings, ((Output *) f->cmdlines->pdata[i])->where, ((Output *) f->cmdlines->pdata[i])->bytes);
  for (guint i = 0; i < files->len; i++)
    search (f, &findings, ((Output *) files->pdata[i])->where, ((Output *) files->pdata[i])->bytes);
  /* And whatever is there now, once more from the disk. */
  for (guint i = 0; i < G_N_ELEMENTS (f->xdg); i++)
    search_tree (f, &findings, f->xdg[i], "at the end", &searched_files);

  keyfile = g_build_filename (f->xdg[1], "glib-2.0", "settings", "keyfile", NULL);
  g_test_message ("%u files kept, %u at the end; the GSettings keyfile %s",
                  files->len, searched_files, g_file_test (keyfile, G_FILE_TEST_EXISTS) ? "exists" : "was never written");

  if (findings.found > 0)
    g_error ("%u secret(s) where they must not be:%s", findings.found, report->str);

  cli_env_stop (&f->env);
  for (guint i = 0; i < G_N_ELEMENTS (f->xdg); i++)
    g_free (f->xdg[i]);
  g_free (f->browser_log);
  g_free (f->callback);
  g_free (f->password);
  g_free (f->security_token);
  g_ptr_array_unref (f->outputs);
  g_ptr_array_unref (f->cmdlines);
  g_hash_table_unref (f->seen_cmdlines);
  g_ptr_array_unref (f->secrets);
}

int
main (int   argc,
      char *argv[])
{
  rel_test_init (&argc, &argv);

  g_test_add_func ("/secrets/cycle", test_cycle);

  return g_test_run ();
}
