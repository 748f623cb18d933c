/* test-large.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sim-test-util.h"

/* Two million records, generated on demand: the org answers for all of
 * them without holding them in memory. */

static gint64
rss_kb (void)
{
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &text, NULL, NULL) ||
      (line = strstr (text, "VmRSS:")) == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen ("VmRSS:"), NULL, 10);
}

static void
test_two_million (void)
{
  g_autoptr(SimServer) server = sim_test_start_server ("--records", "Account=1500000,Contact=500000", NULL);
  g_autoptr(SoupSession) session = sim_test_session ();
  const char *base = sim_server_get_base_url (server);
  g_autofree char *token = sim_test_login (session, base);
  g_autoptr(SimTestResponse) accounts = NULL;
  g_autoptr(SimTestResponse) contacts = NULL;
  g_autoptr(SimTestResponse) banking = NULL;
  g_autoptr(SimTestResponse) last = NULL;
  g_autoptr(SimTestResponse) sorted = NULL;
  g_autofree char *next = NULL;
  char *dash;

  accounts = sim_test_get (session, base, token, "/services/data/v61.0/query?q=SELECT+COUNT()+FROM+Account");
  g_assert_cmpint (json_object_get_int_member (sim_test_object (accounts), "totalSize"), ==, 1500000);
  contacts = sim_test_get (session, base, token, "/services/data/v61.0/query?q=SELECT+Id,Account.Name+FROM+Contact");
  g_assert_cmpint (json_object_get_int_member (sim_test_object (contacts), "totalSize"), ==, 500000);

  /* Jump to the last page of the locator. */
  next = g_strdup (json_object_get_string_member (sim_test_object (contacts), "nextRecordsUrl"));
  dash = strrchr (next, '-');
  *dash = '\0';
  {
    g_autofree char *path = g_strdup_printf ("%s-%u", next, 498000);

    last = sim_test_get (session, base, token, path);
    g_assert_true (json_object_get_boolean_member (sim_test_object (last), "done"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sim_test_object (last), "records")), ==, 2000);
  }

  banking = sim_test_get (session, base, token,
                          "/services/data/v61.0/query?q=SELECT+COUNT()+FROM+Contact+WHERE+Account.Industry='Banking'");
  g_assert_cmpint (json_object_get_int_member (sim_test_object (banking), "totalSize"), >, 5000);

  sorted = sim_test_get (session, base, token,
                         "/services/data/v61.0/query?q=SELECT+Id,SystemModstamp+FROM+Account+ORDER+BY+SystemModstamp+DESC,Id+LIMIT+10");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sim_test_object (sorted), "records")), ==, 10);

  /* Locators hold record numbers only: 4 bytes a row. */
  g_assert_cmpint (rss_kb (), <, 300 * 1024);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim/large/two-million", test_two_million);

  return g_test_run ();
}
