/* sim-generator.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sim-store.h"
#include "sim-util.h"

/* Every value is a pure function of (seed, object, record index, concept).
 * Fields that must agree with each other (an email and the name it is made
 * of, a city and its country) share a concept salt rather than a field. */

enum
{
  SALT_FIRST = 1,
  SALT_LAST,
  SALT_COMPANY,
  SALT_PLACE,
  SALT_STREET,
  SALT_STAGE,
  SALT_AMOUNT,
};

typedef struct
{
  const char *display;
  const char *ascii;
} Name;

static const Name first_names[] = {
  { "James", "james" }, { "Mary", "mary" }, { "Robert", "robert" }, { "Patricia", "patricia" },
  { "John", "john" }, { "Jennifer", "jennifer" }, { "Michael", "michael" }, { "Linda", "linda" },
  { "David", "david" }, { "Elizabeth", "elizabeth" }, { "William", "william" }, { "Barbara", "barbara" },
  { "Richard", "richard" }, { "Susan", "susan" }, { "Joseph", "joseph" }, { "Jessica", "jessica" },
  { "Thomas", "thomas" }, { "Sarah", "sarah" }, { "Daniel", "daniel" }, { "Karen", "karen" },
  { "José", "jose" }, { "Zoë", "zoe" }, { "Søren", "soren" }, { "Françoise", "francoise" },
  { "Jürgen", "juergen" }, { "Ana", "ana" }, { "Wei", "wei" }, { "Yuki", "yuki" },
  { "Priya", "priya" }, { "Olumide", "olumide" }, { "Małgorzata", "malgorzata" }, { "Ñuño", "nuno" },
};

static const Name last_names[] = {
  { "Smith", "smith" }, { "Johnson", "johnson" }, { "Williams", "williams" }, { "Brown", "brown" },
  { "Jones", "jones" }, { "Garcia", "garcia" }, { "Miller", "miller" }, { "Davis", "davis" },
  { "Rodriguez", "rodriguez" }, { "Martinez", "martinez" }, { "Hernandez", "hernandez" },
  { "Lopez", "lopez" }, { "Wilson", "wilson" }, { "Anderson", "anderson" }, { "Taylor", "taylor" },
  { "Thomas", "thomas" }, { "Moore", "moore" }, { "Jackson", "jackson" }, { "Martin", "martin" },
  { "Lee", "lee" }, { "O'Brien", "obrien" }, { "Müller", "mueller" }, { "Schäfer", "schaefer" },
  { "Nguyen", "nguyen" }, { "Kowalski", "kowalski" }, { "Dubois", "dubois" }, { "Rossi", "rossi" },
  { "Yamamoto", "yamamoto" }, { "Okafor", "okafor" }, { "Þórsson", "thorsson" }, { "Van der Berg", "vanderberg" },
  { "García-Márquez", "garciamarquez" },
};

static const char *company_first[] = {
  "Acme", "Blue Harbor", "Northwind", "Globex", "Initech", "Umbrella", "Stark", "Wayne",
  "Cyberdyne", "Soylent", "Vandelay", "Hooli", "Pied Piper", "Massive Dynamic", "Oscorp",
  "Tyrell", "Wonka", "Gringotts", "Aperture", "Black Mesa", "Silver Lake", "Red Rock",
  "Green Valley", "Summit", "Pinnacle", "Evergreen", "Crescent", "Horizon", "Atlas", "Nimbus",
  "Quantum", "Vertex",
};

static const char *company_second[] = {
  "Logistics", "Systems", "Industries", "Holdings", "Technologies", "Foods", "Energy", "Labs",
  "Consulting", "Manufacturing", "Media", "Health", "Capital", "Networks", "Robotics", "Retail",
};

static const char *company_suffix[] = {
  "Inc.", "LLC", "Ltd", "GmbH", "Corp.", "Co.", "Group", "PLC", "AG", "S.A.", "", "",
};

/* Names that a CSV or JSON writer must treat with care. */
static const char *odd_companies[] = {
  "Müller Maschinenbau AG",
  "Société Générale d'Études",
  "Smith, Jones & \"Partners\" LLC",
  "Ørsted Nordic ApS",
  "北京星辰科技有限公司",
  "Café \"Zum Löwen\", Inh. K. Weiß",
  "O'Reilly & Sons",
  "Łódź Tekstylia Sp. z o.o.",
};

static const char *titles[] = {
  "CEO", "CFO", "CTO", "VP Sales", "VP Marketing", "Director of Operations", "Sales Manager",
  "Account Executive", "Procurement Manager", "IT Director", "Office Manager",
  "Head of Partnerships", "Software Engineer", "Marketing Coordinator", "Chief of Staff",
  "Revenue Operations Analyst",
};

static const char *departments[] = {
  "Sales", "Marketing", "Finance", "Engineering", "Operations", "Procurement", "IT", "Legal",
  "Human Resources", "Customer Success",
};

static const char *street_names[] = {
  "Main St", "Market Street", "Mission St", "Oak Avenue", "Elm Street", "Hauptstraße",
  "Rue de Rivoli", "Calle Mayor", "Harbour Road", "Broadway", "King's Road", "Park Lane",
  "Königsallee", "Via Roma", "Sunset Blvd", "Pine Street",
};

typedef struct
{
  const char *city;
  const char *state;
  const char *country;
  const char *postal_prefix;
  double      lat;
  double      lng;
  gboolean    us;
} Place;

static const Place places[] = {
  { "San Francisco", "CA", "USA", "941", 37.7749, -122.4194, TRUE },
  { "New York", "NY", "USA", "100", 40.7128, -74.0060, TRUE },
  { "Austin", "TX", "USA", "787", 30.2672, -97.7431, TRUE },
  { "Chicago", "IL", "USA", "606", 41.8781, -87.6298, TRUE },
  { "Seattle", "WA", "USA", "981", 47.6062, -122.3321, TRUE },
  { "Boston", "MA", "USA", "021", 42.3601, -71.0589, TRUE },
  { "Atlanta", "GA", "USA", "303", 33.7490, -84.3880, TRUE },
  { "Denver", "CO", "USA", "802", 39.7392, -104.9903, TRUE },
  { "München", "Bayern", "Germany", "80", 48.1351, 11.5820, FALSE },
  { "Berlin", "Berlin", "Germany", "10", 52.5200, 13.4050, FALSE },
  { "Zürich", "ZH", "Switzerland", "80", 47.3769, 8.5417, FALSE },
  { "London", "England", "United Kingdom", "EC", 51.5074, -0.1278, FALSE },
  { "Paris", "Île-de-France", "France", "75", 48.8566, 2.3522, FALSE },
  { "São Paulo", "SP", "Brazil", "01", -23.5505, -46.6333, FALSE },
  { "Kraków", "Małopolskie", "Poland", "30", 50.0647, 19.9450, FALSE },
  { "Tokyo", "東京都", "Japan", "100", 35.6762, 139.6503, FALSE },
  { "Sydney", "NSW", "Australia", "20", -33.8688, 151.2093, FALSE },
  { "Toronto", "ON", "Canada", "M5", 43.6532, -79.3832, FALSE },
  { "Montréal", "QC", "Canada", "H2", 45.5017, -73.5673, FALSE },
  { "Málaga", "Andalucía", "Spain", "29", 36.7213, -4.4214, FALSE },
};

static const char *descriptions[] = {
  "Key account in the region.",
  "Met at the annual conference; follow up in Q3.",
  "Prefers email, not phone.\nDecision maker is the CFO.",
  "Long-time customer, \"very happy\" with support, renewals usually on time.",
  "Expanding into new markets: EMEA, APAC, LATAM.",
  "Budget approved; waiting on legal review.\nNext step: send the revised quote.",
  "Größter Kunde in Süddeutschland — jährliche Überprüfung im März.",
  "Asked for a discount of 15%, \"non-negotiable\", they said.",
  "Référence client: contrat signé à Paris, livraison prévue à Lyon.",
  "Churn risk, see notes from 2024-03-15 call\r\nEscalated to CSM.",
  "Uses the API heavily; watch their limits, commas, and \"quotes\".",
  "商談中。来月にフォローアップ予定。",
};

static const char long_text[] =
  "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt "
  "ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation "
  "ullamco laboris nisi ut aliquip ex ea commodo consequat.\n\nDuis aute irure dolor in "
  "reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. \"Excepteur\" "
  "sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est "
  "laborum.\nSed ut perspiciatis unde omnis iste natus error sit voluptatem accusantium "
  "doloremque laudantium, totam rem aperiam, eaque ipsa quae ab illo inventore veritatis et "
  "quasi architecto beatae vitae dicta sunt explicabo. Nemo enim ipsam voluptatem quia "
  "voluptas sit aspernatur aut odit aut fugit, sed quia consequuntur magni dolores eos qui "
  "ratione voluptatem sequi nesciunt — Überall, façade, naïve, coöperate.\n";

static const char *campaign_words[] = {
  "Spring Launch", "Summer Webinar Series", "Partner Summit", "Year-End Push", "Trade Show",
  "Customer Advisory Board", "Product Tour", "Nurture Drip", "Re-engagement", "Field Event",
};

static const char *deal_words[] = {
  "Renewal", "Expansion", "New Business", "Upgrade", "Pilot", "Enterprise License",
  "Add-on Seats", "Services",
};

static const char *stage_forecast[] = {
  "Pipeline", "Pipeline", "Pipeline", "Pipeline", "Pipeline", "BestCase", "BestCase",
  "Forecast", "Closed", "Omitted",
};

static const char *stage_forecast_name[] = {
  "Pipeline", "Pipeline", "Pipeline", "Pipeline", "Pipeline", "Best Case", "Best Case",
  "Commit", "Closed", "Omitted",
};

static const int stage_probability[] = { 10, 10, 20, 50, 60, 70, 75, 90, 100, 0 };

static inline guint64
rnd (SimRow  *row,
     guint64  salt)
{
  return sim_mix64 (row->store->seed * G_GUINT64_CONSTANT (0x100000001b3) ^
                    row->table->object->salt ^ sim_mix64 (row->index ^ (salt << 40) ^ salt));
}

#define PICK(array, r) (array[(r) % G_N_ELEMENTS (array)])

static void
set_null (SimValue *out)
{
  out->kind = SIM_VALUE_NULL;
  out->str = NULL;
  out->len = 0;
}

static void
set_static (SimValue   *out,
            const char *str)
{
  out->kind = SIM_VALUE_STRING;
  out->str = str;
  out->len = strlen (str);
}

static void
set_buf (SimValue *out,
         int       len)
{
  out->kind = SIM_VALUE_STRING;
  out->str = out->buf;
  out->len = MIN (len, (int) sizeof out->buf - 1);
}

static void
set_bool (SimValue *out,
          gboolean  value)
{
  out->kind = SIM_VALUE_BOOL;
  out->i = value;
}

static void
set_double (SimValue *out,
            double    value)
{
  out->kind = SIM_VALUE_DOUBLE;
  out->d = value;
}

static gint64
year_start_days (int year)
{
  return sim_days_from_civil (year, 1, 1);
}

/* A bounded string builder: printf is the slowest thing on the hot path. */
typedef struct
{
  char *p;
  char *end;
} Buf;

static Buf
buf_init (SimValue *out)
{
  Buf b = { out->buf, out->buf + sizeof out->buf - 1 };

  return b;
}

static void
buf_str (Buf        *b,
         const char *s)
{
  while (*s != '\0' && b->p < b->end)
    *b->p++ = *s++;
}

static void
buf_uint (Buf     *b,
          guint64  value,
          int      width)
{
  char tmp[24];
  int n = 0;

  do
    {
      tmp[n++] = '0' + value % 10;
      value /= 10;
    }
  while (value > 0 || n < width);
  while (n > 0 && b->p < b->end)
    *b->p++ = tmp[--n];
}

static void
buf_done (Buf      *b,
          SimValue *out)
{
  *b->p = '\0';
  out->kind = SIM_VALUE_STRING;
  out->str = out->buf;
  out->len = b->p - out->buf;
}

static const Name *
first_name (SimRow *row)
{
  return &PICK (first_names, rnd (row, SALT_FIRST));
}

static const Name *
last_name (SimRow *row)
{
  return &PICK (last_names, rnd (row, SALT_LAST));
}

static const Place *
place (SimRow   *row,
       SimField *field)
{
  guint64 salt = SALT_PLACE ^ (field->compound_name ? field->group_salt : sim_hash_string (""));

  return &PICK (places, rnd (row, salt));
}

static void
company (SimRow *row,
         Buf    *b)
{
  guint64 r = rnd (row, SALT_COMPANY);
  const char *suffix = PICK (company_suffix, r >> 24);

  if (r % 41 == 0)
    {
      buf_str (b, PICK (odd_companies, r >> 8));
      return;
    }
  buf_str (b, PICK (company_first, r >> 8));
  buf_str (b, " ");
  buf_str (b, PICK (company_second, r >> 16));
  if (*suffix != '\0')
    {
      buf_str (b, " ");
      buf_str (b, suffix);
    }
}

static void
domain (SimRow *row,
        Buf    *b)
{
  guint64 r = rnd (row, SALT_COMPANY);
  const char *first = PICK (company_first, r >> 8);
  const char *second = PICK (company_second, r >> 16);

  for (const char *p = first; *p && b->p < b->end; p++)
    if (g_ascii_isalnum (*p))
      *b->p++ = g_ascii_tolower (*p);
  for (const char *p = second; *p && b->p < b->end; p++)
    if (g_ascii_isalnum (*p))
      *b->p++ = g_ascii_tolower (*p);
  buf_str (b, (r >> 32) % 3 == 0 ? ".io" : ".com");
}

static void
gen_person_name (SimRow   *row,
                 SimField *field,
                 SimValue *out)
{
  SimObject *object = row->table->object;
  SimField *first = sim_object_lookup_field (object, "FirstName");
  SimField *last = sim_object_lookup_field (object, "LastName");
  SimValue fv, lv;
  Buf b = buf_init (out);

  sim_row_get (row, first, &fv);
  sim_row_get (row, last, &lv);
  if (lv.kind == SIM_VALUE_NULL && fv.kind == SIM_VALUE_NULL)
    {
      set_null (out);
      return;
    }
  if (fv.kind != SIM_VALUE_NULL)
    {
      int n = MIN (fv.len, (int) (b.end - b.p));

      memcpy (b.p, fv.str, n);
      b.p += n;
      if (lv.kind != SIM_VALUE_NULL)
        buf_str (&b, " ");
    }
  if (lv.kind != SIM_VALUE_NULL)
    {
      int n = MIN (lv.len, (int) (b.end - b.p));

      memcpy (b.p, lv.str, n);
      b.p += n;
    }
  buf_done (&b, out);
}

static void
gen_email (SimRow   *row,
           SimValue *out)
{
  const char *username = row->store->username;
  Buf b = buf_init (out);

  if (row->table->object->key_prefix && g_str_equal (row->table->object->key_prefix, "005"))
    {
      if (row->index == 0)
        {
          set_static (out, username);
          return;
        }
      set_buf (out, g_snprintf (out->buf, sizeof out->buf, "%s.%s%" G_GUINT64_FORMAT "@orgsync.test",
                                first_name (row)->ascii, last_name (row)->ascii, row->index));
      return;
    }

  buf_str (&b, first_name (row)->ascii);
  buf_str (&b, ".");
  buf_str (&b, last_name (row)->ascii);
  buf_str (&b, "@");
  domain (row, &b);
  buf_done (&b, out);
}

static void
gen_reference (SimRow   *row,
               SimField *field,
               SimValue *out)
{
  SimObject *target = field->target;
  SimTable *table;
  guint64 n;

  if (target == NULL)
    {
      set_null (out);
      return;
    }
  table = sim_store_table (row->store, target);
  n = MIN (table->n_generated, sim_table_size (table));
  if (n == 0 || (target == row->table->object && n < 2))
    {
      set_null (out);
      return;
    }

  /* Point only at generated records, never at the row itself. */
  {
    guint64 index = rnd (row, field->salt) % n;

    if (target == row->table->object && index == row->index)
      index = (index + 1) % n;
    sim_make_id (out->buf, target->key_prefix, index + 1);
    set_buf (out, 18);
  }
}

static int
stage_index (SimRow *row)
{
  SimField *stage = sim_object_lookup_field (row->table->object, "StageName");
  SimValue v;

  sim_row_get (row, stage, &v);
  if (v.kind == SIM_VALUE_NULL)
    return 0;
  for (int i = 0; stage->picklist[i] != NULL; i++)
    if ((int) strlen (stage->picklist[i]) == v.len && strncmp (stage->picklist[i], v.str, v.len) == 0)
      return i;
  return 0;
}

static void
gen_amount (SimRow   *row,
            SimField *field,
            SimValue *out)
{
  guint64 r = rnd (row, field->salt);
  double span = field->gen_max - field->gen_min;
  double value = field->gen_min + (double) (r % 1000000) / 1000000.0 * span;

  if (field->scale == 0)
    value = (double) (gint64) (value / 1000) * 1000;
  else
    value = (double) (gint64) (value * 100) / 100.0;
  set_double (out, value);
}

static void
gen_compound (SimRow   *row,
              SimField *field,
              SimValue *out)
{
  /* A compound value is null when all its components are. */
  for (guint i = 0; i < field->components->len; i++)
    {
      SimField *component = sim_object_get_field (row->table->object,
                                                  g_array_index (field->components, int, i));
      SimValue v;

      sim_row_get (row, component, &v);
      if (v.kind != SIM_VALUE_NULL)
        {
          out->kind = SIM_VALUE_COMPOUND;
          return;
        }
    }
  set_null (out);
}

static void
gen_picklist (SimRow   *row,
              SimField *field,
              SimValue *out)
{
  guint n = g_strv_length (field->picklist);
  guint64 r = rnd (row, field->salt);

  set_static (out, field->picklist[r % n]);
}

static void
gen_multipicklist (SimRow   *row,
                   SimField *field,
                   SimValue *out)
{
  guint n = g_strv_length (field->picklist);
  guint64 r = rnd (row, field->salt);
  int len = 0;

  for (guint i = 0; i < n; i++)
    if ((r >> i) & 1)
      len += g_snprintf (out->buf + len, sizeof out->buf - len, "%s%s", len ? ";" : "", field->picklist[i]);
  if (len == 0)
    len = g_snprintf (out->buf, sizeof out->buf, "%s", field->picklist[r % n]);
  set_buf (out, len);
}

static void
gen_user_field (SimRow   *row,
                SimField *field,
                SimValue *out)
{
  /* The first user is the one who logs in. */
  switch (field->gen)
    {
    case SIM_GEN_FIRST_NAME:
      set_static (out, "Demo");
      break;
    case SIM_GEN_LAST_NAME:
      set_static (out, "Admin");
      break;
    case SIM_GEN_USERNAME:
    case SIM_GEN_EMAIL:
      set_static (out, row->store->username);
      break;
    case SIM_GEN_BOOL:
      set_bool (out, TRUE);
      break;
    case SIM_GEN_TITLE:
      set_static (out, "System Administrator");
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
is_first_user (SimRow   *row,
               SimField *field)
{
  return row->index == 0 && row->table->object->key_prefix != NULL &&
         g_str_equal (row->table->object->key_prefix, "005") &&
         (field->gen == SIM_GEN_FIRST_NAME || field->gen == SIM_GEN_LAST_NAME ||
          field->gen == SIM_GEN_USERNAME || field->gen == SIM_GEN_EMAIL ||
          field->gen == SIM_GEN_BOOL || field->gen == SIM_GEN_TITLE);
}

static gboolean
gen_permission (SimRow   *row,
                SimField *field,
                SimValue *out)
{
  SimPerms *perms = &row->store->perms;
  const char *name = field->const_value;

  switch (field->gen)
    {
    case SIM_GEN_PERMISSION:
      set_bool (out, g_str_equal (name, "ApiEnabled") ? perms->api_enabled :
                     g_str_equal (name, "ViewSetup") ? perms->view_setup :
                     g_str_equal (name, "ViewAllUsers") ? perms->view_all_users :
                     g_str_equal (name, "ViewAllData") ? perms->view_all_data :
                     perms->modify_all_data);
      return TRUE;

    case SIM_GEN_OBJECT_NAME:
    case SIM_GEN_OBJECT_PERMISSION:
      {
        SimObject *object = NULL;
        guint64 n = 0;
        guint access, bit;

        for (guint i = 0; i < row->store->schema->objects->len; i++)
          {
            SimObject *o = g_ptr_array_index (row->store->schema->objects, i);

            if (o->kind == SIM_OBJECT_DATA && n++ == row->index)
              object = o;
          }
        if (object == NULL)
          {
            set_null (out);
            return TRUE;
          }
        if (field->gen == SIM_GEN_OBJECT_NAME)
          {
            set_static (out, object->name);
            return TRUE;
          }
        access = sim_store_object_access (row->store, object);
        bit = g_str_equal (name, "Read") ? SIM_ACCESS_READ :
              g_str_equal (name, "Create") ? SIM_ACCESS_CREATE :
              g_str_equal (name, "Edit") ? SIM_ACCESS_EDIT :
              g_str_equal (name, "Delete") ? SIM_ACCESS_DELETE :
              g_str_equal (name, "ViewAllRecords") ? SIM_ACCESS_VIEW_ALL : SIM_ACCESS_MODIFY_ALL;
        set_bool (out, (access & bit) != 0);
        return TRUE;
      }

    case SIM_GEN_CURRENT_USER:
      sim_make_id (out->buf, "005", 1);
      set_buf (out, 18);
      return TRUE;

    case SIM_GEN_PERMSET:
      sim_make_id (out->buf, "0PS", 1);
      set_buf (out, 18);
      return TRUE;

    default:
      return FALSE;
    }
}

static void
gen_created_only (SimRow   *row,
                  SimField *field,
                  SimValue *out)
{
  /* Records created through the API have only what was written to them. */
  if (field->gen == SIM_GEN_ID)
    {
      sim_row_id (row, out->buf);
      set_buf (out, 18);
    }
  else if (field->type == SIM_TYPE_BOOLEAN)
    set_bool (out, FALSE);
  else if (field->gen == SIM_GEN_COMPOUND)
    gen_compound (row, field, out);
  else if (field->gen == SIM_GEN_PERSON_NAME)
    gen_person_name (row, field, out);
  else
    set_null (out);
}

static void
gen_phone (guint64   r,
           SimValue *out)
{
  Buf b = buf_init (out);

  if (r % 5 == 0)
    {
      buf_str (&b, "+49 ");
      buf_uint (&b, 30 + (r >> 8) % 60, 0);
      buf_str (&b, " ");
      buf_uint (&b, (r >> 16) % 10000000, 7);
    }
  else
    {
      buf_str (&b, "(");
      buf_uint (&b, 200 + (r >> 8) % 800, 3);
      buf_str (&b, ") 555-");
      buf_uint (&b, (r >> 20) % 10000, 4);
    }
  buf_done (&b, out);
}

static void
gen_street (SimRow   *row,
            SimField *field,
            SimValue *out)
{
  guint64 s = rnd (row, SALT_STREET ^ field->group_salt);
  Buf b = buf_init (out);

  buf_uint (&b, 1 + (s >> 8) % 9999, 0);
  buf_str (&b, " ");
  buf_str (&b, PICK (street_names, s >> 24));
  if (s % 17 == 0)
    {
      buf_str (&b, "\nSuite ");
      buf_uint (&b, 100 + (s >> 32) % 900, 0);
    }
  buf_done (&b, out);
}

static double
near (double  centre,
      guint64 r)
{
  /* Within a tenth of a degree, rounded to five places as geocoders give. */
  return (double) llround ((centre + (double) ((gint64) (r % 20001) - 10000) / 100000.0) * 1e5) / 1e5;
}

/* Names, companies and addresses. */
static gboolean
gen_party (SimRow   *row,
           SimField *field,
           guint64   r,
           SimValue *out)
{
  Buf b = buf_init (out);

  switch (field->gen)
    {
    case SIM_GEN_COMPANY:
      company (row, &b);
      buf_done (&b, out);
      return TRUE;
    case SIM_GEN_WEBSITE:
      buf_str (&b, "https://www.");
      domain (row, &b);
      buf_done (&b, out);
      return TRUE;
    case SIM_GEN_PHONE:
      gen_phone (r, out);
      return TRUE;
    case SIM_GEN_EMAIL:
      gen_email (row, out);
      return TRUE;
    case SIM_GEN_FIRST_NAME:
      /* FirstName agrees with the e-mail; other first names are free. */
      set_static (out, g_str_equal (field->name, "FirstName") ? first_name (row)->display
                                                              : PICK (first_names, r).display);
      return TRUE;
    case SIM_GEN_LAST_NAME:
      set_static (out, last_name (row)->display);
      return TRUE;
    case SIM_GEN_PERSON_NAME:
      gen_person_name (row, field, out);
      return TRUE;
    case SIM_GEN_TITLE:
      set_static (out, PICK (titles, r));
      return TRUE;
    case SIM_GEN_DEPARTMENT:
      set_static (out, PICK (departments, r));
      return TRUE;
    case SIM_GEN_STREET:
      gen_street (row, field, out);
      return TRUE;
    case SIM_GEN_CITY:
      set_static (out, place (row, field)->city);
      return TRUE;
    case SIM_GEN_STATE:
      set_static (out, place (row, field)->state);
      return TRUE;
    case SIM_GEN_COUNTRY:
      set_static (out, place (row, field)->country);
      return TRUE;
    case SIM_GEN_POSTAL:
      buf_str (&b, place (row, field)->postal_prefix);
      buf_uint (&b, place (row, field)->us ? r % 100 : r % 1000, place (row, field)->us ? 2 : 3);
      buf_done (&b, out);
      return TRUE;
    case SIM_GEN_LATITUDE:
      set_double (out, near (place (row, field)->lat, r));
      return TRUE;
    case SIM_GEN_LONGITUDE:
      set_double (out, near (place (row, field)->lng, r));
      return TRUE;
    default:
      return FALSE;
    }
}

/* Numbers, dates and times. */
static gboolean
gen_quantity (SimRow   *row,
              SimField *field,
              guint64   r,
              SimValue *out)
{
  gint64 epoch_s = row->store->epoch_ms / 1000;

  switch (field->gen)
    {
    case SIM_GEN_AMOUNT:
      gen_amount (row, field, out);
      return TRUE;
    case SIM_GEN_INT:
      {
        gint64 v = (gint64) field->gen_min + (gint64) (r % (guint64) (field->gen_max - field->gen_min + 1));

        if (field->type == SIM_TYPE_INT)
          {
            out->kind = SIM_VALUE_INT;
            out->i = v;
          }
        else
          set_double (out, (double) v);
      }
      return TRUE;
    case SIM_GEN_PERCENT:
      set_double (out, (double) (r % 5000) / 100.0);
      return TRUE;
    case SIM_GEN_DOUBLE:
      set_double (out, (double) (gint64) ((field->gen_min + (double) (r % 100000) / 100000.0 *
                                           (field->gen_max - field->gen_min)) * 100) / 100.0);
      return TRUE;
    case SIM_GEN_DATE:
      {
        gint64 start = year_start_days ((int) field->gen_min);
        gint64 end = year_start_days ((int) field->gen_max + 1);

        out->kind = SIM_VALUE_DATE;
        out->i = start + (gint64) (r % (guint64) (end - start));
      }
      return TRUE;
    case SIM_GEN_DATETIME:
      {
        gint64 start = year_start_days ((int) field->gen_min) * 86400;
        gint64 end = MIN (year_start_days ((int) field->gen_max + 1) * 86400, epoch_s);

        out->kind = SIM_VALUE_DATETIME;
        out->i = (start + (gint64) (r % (guint64) MAX (1, end - start))) * 1000;
      }
      return TRUE;
    case SIM_GEN_CREATED:
    case SIM_GEN_MODSTAMP:
      {
        /* Created within three years before the epoch; modified since. */
        gint64 span = G_GINT64_CONSTANT (3) * 365 * 86400;
        gint64 created = epoch_s - (gint64) (rnd (row, 0xc0ffee) % span);
        gint64 stamp = created;

        if (field->gen == SIM_GEN_MODSTAMP)
          stamp += (gint64) (rnd (row, 0xfeed) % (guint64) (epoch_s - created));
        out->kind = SIM_VALUE_DATETIME;
        out->i = stamp * 1000;
      }
      return TRUE;
    default:
      return FALSE;
    }
}

/* Opportunity fields that follow the stage. */
static gboolean
gen_pipeline (SimRow   *row,
              SimField *field,
              guint64   r,
              SimValue *out)
{
  switch (field->gen)
    {
    case SIM_GEN_DEAL_NAME:
      {
        Buf b = buf_init (out);

        company (row, &b);
        buf_str (&b, " - ");
        buf_str (&b, PICK (deal_words, r));
        buf_done (&b, out);
      }
      return TRUE;
    case SIM_GEN_STAGE:
      set_static (out, field->picklist[rnd (row, SALT_STAGE) % 10]);
      return TRUE;
    case SIM_GEN_PROBABILITY:
      set_double (out, stage_probability[stage_index (row)]);
      return TRUE;
    case SIM_GEN_EXPECTED_REVENUE:
      {
        SimValue amount;

        sim_row_get (row, sim_object_lookup_field (row->table->object, "Amount"), &amount);
        if (amount.kind != SIM_VALUE_DOUBLE)
          set_null (out);
        else
          set_double (out, (double) (gint64) (amount.d * stage_probability[stage_index (row)]) / 100.0);
      }
      return TRUE;
    case SIM_GEN_IS_CLOSED:
      set_bool (out, stage_index (row) >= 8);
      return TRUE;
    case SIM_GEN_IS_WON:
      set_bool (out, stage_index (row) == 8);
      return TRUE;
    case SIM_GEN_FORECAST:
      set_static (out, g_str_equal (field->name, "ForecastCategory") ?
                  stage_forecast[stage_index (row)] : stage_forecast_name[stage_index (row)]);
      return TRUE;
    default:
      return FALSE;
    }
}

/* Identifiers, lookups, codes and texts. */
static gboolean
gen_other (SimRow   *row,
           SimField *field,
           guint64   r,
           SimValue *out)
{
  Buf b = buf_init (out);

  switch (field->gen)
    {
    case SIM_GEN_NULL:
      set_null (out);
      return TRUE;
    case SIM_GEN_ID:
      sim_row_id (row, out->buf);
      set_buf (out, 18);
      return TRUE;
    case SIM_GEN_FALSE:
      set_bool (out, FALSE);
      return TRUE;
    case SIM_GEN_BOOL:
      set_bool (out, (double) (r % 10000) / 10000.0 < field->gen_max);
      return TRUE;
    case SIM_GEN_COMPOUND:
      gen_compound (row, field, out);
      return TRUE;
    case SIM_GEN_PICKLIST:
      gen_picklist (row, field, out);
      return TRUE;
    case SIM_GEN_MULTIPICKLIST:
      gen_multipicklist (row, field, out);
      return TRUE;
    case SIM_GEN_REFERENCE:
      gen_reference (row, field, out);
      return TRUE;
    case SIM_GEN_OWNER:
      sim_make_id (out->buf, "005", 1 + r % MAX (1, row->store->users->n_generated));
      set_buf (out, 18);
      return TRUE;
    case SIM_GEN_ADMIN:
      sim_make_id (out->buf, "005", 1);
      set_buf (out, 18);
      return TRUE;
    case SIM_GEN_TEXT:
      set_static (out, PICK (descriptions, r));
      return TRUE;
    case SIM_GEN_LONG_TEXT:
      {
        gsize n = sizeof long_text - 1;
        gsize start = (r >> 8) % (n / 2);

        out->kind = SIM_VALUE_STRING;
        out->str = long_text + start;
        out->len = (int) (n - start);
      }
      return TRUE;
    case SIM_GEN_BASE64:
      /* Non-null is enough: the writer turns it into the blob's URL. */
      set_static (out, "");
      return TRUE;
    case SIM_GEN_DIGITS:
      buf_uint (&b, (guint64) field->gen_min + r % (guint64) (field->gen_max - field->gen_min + 1), 0);
      buf_done (&b, out);
      return TRUE;
    case SIM_GEN_TICKER:
      for (int i = 0; i < 4; i++)
        *b.p++ = 'A' + (int) ((r >> (8 * i)) % 26);
      buf_done (&b, out);
      return TRUE;
    case SIM_GEN_USERNAME:
      buf_str (&b, first_name (row)->ascii);
      buf_str (&b, ".");
      buf_str (&b, last_name (row)->ascii);
      buf_uint (&b, row->index, 0);
      buf_str (&b, "@orgsync.test");
      buf_done (&b, out);
      return TRUE;
    case SIM_GEN_CAMPAIGN_NAME:
      buf_str (&b, PICK (campaign_words, r));
      buf_str (&b, " ");
      buf_uint (&b, 2023 + (r >> 16) % 3, 0);
      buf_done (&b, out);
      return TRUE;
    case SIM_GEN_CONST:
      set_static (out, field->const_value);
      return TRUE;
    case SIM_GEN_EXTERNAL_KEY:
      for (int i = 0; i < 3 && row->table->object->name[i] != '\0'; i++)
        *b.p++ = row->table->object->name[i];
      buf_str (&b, "-");
      buf_uint (&b, row->index + 1, 6);
      buf_done (&b, out);
      return TRUE;
    default:
      return gen_permission (row, field, out);
    }
}

void
sim_generator_value (SimRow   *row,
                     SimField *field,
                     SimValue *out)
{
  guint64 r;

  if (row->index >= row->table->n_generated)
    {
      gen_created_only (row, field, out);
      return;
    }

  if (is_first_user (row, field))
    {
      gen_user_field (row, field, out);
      return;
    }

  if (field->null_permille > 0 &&
      rnd (row, field->group_salt ^ 0x5a5a) % 1000 < (guint64) field->null_permille)
    {
      set_null (out);
      return;
    }

  r = rnd (row, field->salt);
  if (!gen_party (row, field, r, out) && !gen_quantity (row, field, r, out) &&
      !gen_pipeline (row, field, r, out) && !gen_other (row, field, r, out))
    set_null (out);
}
