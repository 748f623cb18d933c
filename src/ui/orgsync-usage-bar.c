/* orgsync-usage-bar.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "orgsync-ui-format.h"
#include "orgsync-usage-bar.h"

/* A level bar for the org's daily API usage with the connection's quota threshold
 * drawn as a tick, so that one glance tells how close syncing is to stopping.
 * GtkLevelBar can colour by offsets but cannot mark a position, hence this widget.
 * It is a meter for assistive technologies, with the numbers as its value text. */
struct _OrgsyncUsageBar
{
  GtkWidget parent_instance;

  gint64    used;
  gint64    max;
  guint     threshold;
};

G_DEFINE_FINAL_TYPE (OrgsyncUsageBar, orgsync_usage_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_USED,
  PROP_MAX,
  PROP_THRESHOLD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define BAR_HEIGHT 6
#define TICK_WIDTH 2
#define TICK_OVERHANG 3

/* Colours follow the share of the threshold already spent: the accent colour while
 * there is room, warning from 90% of the threshold, error once it is reached. */
static const char *
fill_color_name (OrgsyncUsageBar *self)
{
  double limit;

  if (self->max <= 0 || self->threshold == 0)
    return "accent_bg_color";

  limit = (double) self->max * self->threshold / 100.0;

  if (self->used >= limit)
    return "error_bg_color";
  if (self->used >= 0.9 * limit)
    return "warning_bg_color";

  return "accent_bg_color";
}

static GdkRGBA
lookup_color (GtkWidget  *widget,
              const char *name,
              const char *fallback)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA rgba;

  if (!gtk_style_context_lookup_color (context, name, &rgba))
    gdk_rgba_parse (&rgba, fallback);

  return rgba;
}

static void
append_rounded (GtkSnapshot   *snapshot,
                const GdkRGBA *color,
                float          x,
                float          y,
                float          width,
                float          height)
{
  GskRoundedRect rect;

  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (x, y, width, height), height / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, width, height));
  gtk_snapshot_pop (snapshot);
}

static void
orgsync_usage_bar_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  OrgsyncUsageBar *self = ORGSYNC_USAGE_BAR (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  float y = (height - BAR_HEIGHT) / 2.0f;
  GdkRGBA fg;
  GdkRGBA trough;
  GdkRGBA fill;
  double fraction = 0.0;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  trough = fg;
  trough.alpha *= 0.15f;
  append_rounded (snapshot, &trough, 0, y, width, BAR_HEIGHT);

  if (self->max > 0)
    fraction = CLAMP ((double) self->used / (double) self->max, 0.0, 1.0);

  if (fraction > 0.0)
    {
      fill = lookup_color (widget, fill_color_name (self), "#3584e4");
      append_rounded (snapshot, &fill, 0, y, MAX (BAR_HEIGHT, width * fraction), BAR_HEIGHT);
    }

  if (self->threshold > 0)
    {
      float x = width * self->threshold / 100.0f - TICK_WIDTH / 2.0f;

      x = CLAMP (x, 0, width - TICK_WIDTH);
      gtk_snapshot_append_color (snapshot, &fg,
                                 &GRAPHENE_RECT_INIT (x, y - TICK_OVERHANG, TICK_WIDTH,
                                                      BAR_HEIGHT + 2 * TICK_OVERHANG));
    }
}

static void
orgsync_usage_bar_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 60;
      *natural = 160;
    }
  else
    {
      *minimum = *natural = BAR_HEIGHT + 2 * TICK_OVERHANG;
    }
}

static void
update_accessible (OrgsyncUsageBar *self)
{
  g_autofree char *text = orgsync_format_api_usage (self->used, self->max, self->threshold);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, (double) MAX (self->max, 0),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, (double) MAX (self->used, 0),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

static void
orgsync_usage_bar_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  OrgsyncUsageBar *self = ORGSYNC_USAGE_BAR (object);

  switch (prop_id)
    {
    case PROP_USED:
      g_value_set_int64 (value, self->used);
      break;

    case PROP_MAX:
      g_value_set_int64 (value, self->max);
      break;

    case PROP_THRESHOLD:
      g_value_set_uint (value, self->threshold);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orgsync_usage_bar_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  OrgsyncUsageBar *self = ORGSYNC_USAGE_BAR (object);

  switch (prop_id)
    {
    case PROP_USED:
      orgsync_usage_bar_set_used (self, g_value_get_int64 (value));
      break;

    case PROP_MAX:
      orgsync_usage_bar_set_max (self, g_value_get_int64 (value));
      break;

    case PROP_THRESHOLD:
      orgsync_usage_bar_set_threshold (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orgsync_usage_bar_class_init (OrgsyncUsageBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = orgsync_usage_bar_get_property;
  object_class->set_property = orgsync_usage_bar_set_property;

  widget_class->snapshot = orgsync_usage_bar_snapshot;
  widget_class->measure = orgsync_usage_bar_measure;

  properties[PROP_USED] =
    g_param_spec_int64 ("used", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MAX] =
    g_param_spec_int64 ("max", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_THRESHOLD] =
    g_param_spec_uint ("threshold", NULL, NULL, 0, 100, 80,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "usagebar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_METER);
}

static void
orgsync_usage_bar_init (OrgsyncUsageBar *self)
{
  self->threshold = 80;
  update_accessible (self);
}

GtkWidget *
orgsync_usage_bar_new (void)
{
  return g_object_new (ORGSYNC_TYPE_USAGE_BAR, NULL);
}

gint64
orgsync_usage_bar_get_used (OrgsyncUsageBar *self)
{
  g_return_val_if_fail (ORGSYNC_IS_USAGE_BAR (self), 0);

  return self->used;
}

void
orgsync_usage_bar_set_used (OrgsyncUsageBar *self,
                            gint64           used)
{
  g_return_if_fail (ORGSYNC_IS_USAGE_BAR (self));

  used = MAX (used, 0);
  if (used == self->used)
    return;

  self->used = used;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USED]);
}

gint64
orgsync_usage_bar_get_max (OrgsyncUsageBar *self)
{
  g_return_val_if_fail (ORGSYNC_IS_USAGE_BAR (self), 0);

  return self->max;
}

void
orgsync_usage_bar_set_max (OrgsyncUsageBar *self,
                           gint64           max)
{
  g_return_if_fail (ORGSYNC_IS_USAGE_BAR (self));

  max = MAX (max, 0);
  if (max == self->max)
    return;

  self->max = max;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX]);
}

guint
orgsync_usage_bar_get_threshold (OrgsyncUsageBar *self)
{
  g_return_val_if_fail (ORGSYNC_IS_USAGE_BAR (self), 0);

  return self->threshold;
}

void
orgsync_usage_bar_set_threshold (OrgsyncUsageBar *self,
                                 guint            percent)
{
  g_return_if_fail (ORGSYNC_IS_USAGE_BAR (self));

  percent = MIN (percent, 100);
  if (percent == self->threshold)
    return;

  self->threshold = percent;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THRESHOLD]);
}
