/* orgsync-toast.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "orgsync-toast.h"

/*
 * libadwaita 1.2 frees a toast's bookkeeping when its exit animation ends and
 * touches it again when its entrance animation ends later (valgrind shows the
 * use-after-free). That happens whenever a toast is dismissed before it has slid in
 * completely: by its own timeout while the window draws no frames (minimised, or
 * hidden on Wayland), or by code right after showing it. So libadwaita never times
 * out Org Sync's toasts, and a toast is dismissed only after its window has drawn
 * frames long enough for the entrance to be over. A toast shown while nobody could
 * see it therefore waits until someone can.
 */

/* The entrance takes 300 ms, or 500 ms when it replaces another toast. */
#define ENTRANCE_USEC (600 * G_TIME_SPAN_MILLISECOND)

typedef struct
{
  AdwToast *toast;          /* not a reference: the toast owns this */
  gint64    first_frame;
  guint     timeout_seconds;
  gboolean  entered;
  gboolean  dismiss_asked;
  gboolean  gone;
} ToastTimer;

static const char timer_key[] = "orgsync-toast-timer";

static void
dismissed_cb (AdwToast   *toast,
              ToastTimer *timer)
{
  timer->gone = TRUE;
}

static gboolean
timeout_cb (gpointer data)
{
  AdwToast *toast = data;
  ToastTimer *timer = g_object_get_data (G_OBJECT (toast), timer_key);

  if (!timer->gone)
    adw_toast_dismiss (toast);

  return G_SOURCE_REMOVE;
}

static gboolean
tick_cb (GtkWidget     *overlay,
         GdkFrameClock *clock,
         gpointer       data)
{
  AdwToast *toast = data;
  ToastTimer *timer = g_object_get_data (G_OBJECT (toast), timer_key);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (timer->gone)
    return G_SOURCE_REMOVE;
  if (timer->first_frame == 0)
    timer->first_frame = now;
  if (now - timer->first_frame < ENTRANCE_USEC)
    return G_SOURCE_CONTINUE;

  /* In: from here on a plain timer is safe, and spares the frame clock. */
  timer->entered = TRUE;
  if (timer->dismiss_asked)
    adw_toast_dismiss (toast);
  else if (timer->timeout_seconds > 0)
    g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, timer->timeout_seconds, timeout_cb,
                                g_object_ref (toast), g_object_unref);

  return G_SOURCE_REMOVE;
}

/**
 * orgsync_toast_show:
 * @toast: (transfer full): the toast
 * @timeout_seconds: how long it stays once it is in, or 0 until dismissed
 *
 * Adds @toast to @overlay, like adw_toast_overlay_add_toast() with a timeout, but
 * safe from libadwaita 1.2's early-dismissal bug (see above).
 */
void
orgsync_toast_show (AdwToastOverlay *overlay,
                    AdwToast        *toast,
                    guint            timeout_seconds)
{
  ToastTimer *timer;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  timer = g_new0 (ToastTimer, 1);
  timer->toast = toast;
  timer->timeout_seconds = timeout_seconds;
  g_object_set_data_full (G_OBJECT (toast), timer_key, timer, g_free);
  g_signal_connect (toast, "dismissed", G_CALLBACK (dismissed_cb), timer);

  adw_toast_set_timeout (toast, 0);
  gtk_widget_add_tick_callback (GTK_WIDGET (overlay), tick_cb, g_object_ref (toast), g_object_unref);
  adw_toast_overlay_add_toast (overlay, toast);
}

/**
 * orgsync_toast_dismiss:
 *
 * Dismisses a toast shown with orgsync_toast_show(): now if it is in, or else as
 * soon as it is.
 */
void
orgsync_toast_dismiss (AdwToast *toast)
{
  ToastTimer *timer;

  g_return_if_fail (ADW_IS_TOAST (toast));

  timer = g_object_get_data (G_OBJECT (toast), timer_key);
  if (timer == NULL || timer->entered)
    adw_toast_dismiss (toast);
  else
    timer->dismiss_asked = TRUE;
}
