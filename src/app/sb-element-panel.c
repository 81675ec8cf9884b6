/* sb-element-panel.c — the explanation of the selected element
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With nothing selected it shows what this scenario changed and why; with
 * an element selected, its role, its true state and the load balancer's
 * view of it, its counters, and our explanation of why it is there and
 * what happens when it fails.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sb-element-panel.h"

struct _SbElementPanel
{
  GtkWidget  parent_instance;

  SbCanvas  *canvas;      /* weak: the window owns both */
  GtkWidget *box;
  GtkLabel  *title;
  GtkLabel  *role;
  GtkLabel  *state;
  GtkLabel  *counters;
  GtkLabel  *explanation;
  GtkWidget *firewall_button;   /* win.toggle-firewall, for a firewall */
  guint      refresh_id;
};

G_DEFINE_FINAL_TYPE (SbElementPanel, sb_element_panel, GTK_TYPE_WIDGET)

static const char *
kind_name (SbKind kind)
{
  switch (kind)
    {
    case SB_KIND_CLIENT:
      return _("Client (web browser)");
    case SB_KIND_DNS:
      return _("DNS server");
    case SB_KIND_LOAD_BALANCER:
      return _("Load balancer");
    case SB_KIND_WEB_SERVER:
      return _("Web server");
    case SB_KIND_APP_SERVER:
      return _("Application server");
    case SB_KIND_CODE:
      return _("Application files (code base)");
    case SB_KIND_FIREWALL:
      return _("Firewall");
    case SB_KIND_MONITORING_AGENT:
      return _("Monitoring agent");
    case SB_KIND_MONITORING:
      return _("Monitoring service");
    case SB_KIND_DATABASE:
    case SB_KIND_N:
    default:
      return _("Database");
    }
}

/* Characters without a space after which a zero-width space goes. */
#define BREAK_EVERY 24

/* TEXT with a zero-width space after every BREAK_EVERY characters of a run
 * without white space.  A file's text can be a word of 4096 letters, which
 * Pango's letter-by-letter wrapping took seconds to lay out (minutes under
 * the sanitizers); given a place to break, it is as quick as prose. */
static char *
breakable (const char *text)
{
  GString *out = g_string_sized_new (text ? strlen (text) : 0);
  guint run = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, c);
      run = g_unichar_isspace (c) ? 0 : run + 1;
      if (run == BREAK_EVERY)
        {
          g_string_append_unichar (out, 0x200B);
          run = 0;
        }
    }
  return g_string_free (out, FALSE);
}

/* Empty lines take no room: the overview has no state or counters. */
static void
set_text (GtkLabel   *label,
          const char *text)
{
  g_autofree char *shown = breakable (text);

  gtk_label_set_text (label, shown);
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && text[0] != '\0');
}

static GtkLabel *
add_label (SbElementPanel *self,
           const char     *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  /* Texts of a file may hold words longer than the panel is wide. */
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (self->box), label);
  return GTK_LABEL (label);
}

static char *
state_text (SbSim      *sim,
            const char *id)
{
  switch (sb_sim_get_element_state (sim, id))
    {
    case SB_ELEMENT_DOWN:
      return g_strdup (_("State: down (killed)"));
    case SB_ELEMENT_HOST_DOWN:
      return g_strdup (_("State: down, because its machine is down"));
    case SB_ELEMENT_UP:
    default:
      return g_strdup (_("State: up"));
    }
}

/* What only some kinds have: an opened firewall, the virtual IP. */
static char *
extra_state_text (SbSim             *sim,
                  const SbComponent *comp)
{
  const SbScenario *scenario = sb_sim_get_scenario (sim);

  if (comp == NULL)
    return NULL;
  if (comp->kind == SB_KIND_FIREWALL && sb_sim_is_firewall_open (sim, comp->id))
    return g_strdup (_("Opened: every port of the machine is exposed"));
  if (comp->kind == SB_KIND_LOAD_BALANCER && scenario->balancer.virtual_ip != NULL)
    return g_strdup_printf (g_strcmp0 (sb_sim_get_active_load_balancer (sim), comp->id) == 0
                            ? _("Holds the virtual IP %s") : _("Standby: takes the virtual IP %s "
                                                               "if the other one fails"),
                            scenario->balancer.virtual_ip);
  return NULL;
}

/* The LB's view of a backend host, in HAProxy's words, or NULL. */
static char *
lb_view_text (SbSim      *sim,
              const char *host)
{
  guint n = sb_sim_get_n_backends (sim);

  for (guint i = 0; host && i < n; i++)
    {
      SbSimBackendView view;

      if (sb_sim_get_backend (sim, i, &view) && g_str_equal (view.host, host))
        return g_strdup_printf (view.backup ? _("The load balancer sees it: %s (backup)")
                                            : _("The load balancer sees it: %s"), view.label);
    }
  return NULL;
}

/* Whether some machine of SCENARIO has no component of KIND. */
static gboolean
some_host_lacks (const SbScenario *scenario,
                 SbKind            kind)
{
  for (guint i = 0; i < scenario->hosts->len; i++)
    {
      const SbHost *host = g_ptr_array_index (scenario->hosts, i);

      if (sb_scenario_find_kind (scenario, kind, host->id) == NULL)
        return TRUE;
    }
  return scenario->hosts->len == 0;
}

/* The known issues the scenario still has: each one a later step fixes. */
static char *
issues_text (const SbScenario *scenario)
{
  GString *text = g_string_new (_("Known issues of this design:"));

  if (!scenario->balancer.https)
    g_string_append_printf (text, "\n\n%s",
                            _("• No HTTPS: requests and answers cross the Internet as plain text, "
                              "so anyone on the way can read passwords and change pages. A "
                              "certificate on the load balancer fixes it."));
  if (some_host_lacks (scenario, SB_KIND_FIREWALL))
    g_string_append_printf (text, "\n\n%s",
                            _("• No firewall: every port the machines open can be reached from the "
                              "whole Internet. A firewall in front of the load balancer and of "
                              "each server lets only the traffic that should through."));
  if (some_host_lacks (scenario, SB_KIND_MONITORING_AGENT))
    g_string_append_printf (text, "\n\n%s",
                            _("• No monitoring: nobody knows a server died until users complain. A "
                              "monitoring client on each server would send alerts within "
                              "seconds."));
  g_string_append_printf (text, "\n\n%s",
                          _("• Single points of failure: elements whose failure alone stops the "
                            "site, or stops every write (see Show Single Points of Failure)."));
  return g_string_free (text, FALSE);
}

static void
show_overview (SbElementPanel   *self,
               const SbScenario *scenario)
{
  const char *summary = scenario->summary ? g_dgettext (GETTEXT_PACKAGE, scenario->summary) : "";
  gboolean issues = self->canvas && sb_canvas_get_show_issues (self->canvas);
  g_autofree char *known = issues ? issues_text (scenario) : NULL;
  g_autofree char *text = known ? g_strconcat (summary, "\n\n", known, NULL) : g_strdup (summary);

  set_text (self->title, scenario->title ? g_dgettext (GETTEXT_PACKAGE, scenario->title) : "");
  set_text (self->role, _("Click an element on the board to see what it does."));
  set_text (self->state, "");
  set_text (self->counters, "");
  set_text (self->explanation, text);
  gtk_widget_set_visible (self->firewall_button, FALSE);
}

static void
show_counters (SbElementPanel *self,
               SbSim          *sim,
               const char     *id,
               gboolean        is_host)
{
  g_autofree char *text = NULL;

  if (is_host)
    text = g_strdup_printf (_("Requests served: %llu"),
                            (unsigned long long) sb_sim_get_served_by (sim, id));
  else
    text = g_strdup_printf (_("Requests handled: %llu · failed here: %llu"),
                            (unsigned long long) sb_sim_get_handled (sim, id),
                            (unsigned long long) sb_sim_get_failures_at (sim, id));
  set_text (self->counters, text);
}

static void
show_element (SbElementPanel *self,
              SbSim          *sim,
              const char     *id)
{
  const SbScenario *scenario = sb_sim_get_scenario (sim);
  const SbComponent *comp = sb_scenario_find_component (scenario, id);
  const SbHost *host = comp ? NULL : sb_scenario_find_host (scenario, id);
  g_autofree char *state = state_text (sim, id);
  g_autofree char *lb = lb_view_text (sim, comp ? comp->host : id);
  g_autofree char *extra = extra_state_text (sim, comp);
  g_autofree char *full_state = g_strjoin ("\n", state, lb ? lb : extra, lb ? extra : NULL, NULL);
  gboolean firewall = comp && comp->kind == SB_KIND_FIREWALL;
  const char *label = comp ? comp->label : host ? host->label : id;
  const char *explanation = comp ? comp->explanation : host ? host->explanation : NULL;

  set_text (self->title, g_dgettext (GETTEXT_PACKAGE, label));
  set_text (self->role, comp ? kind_name (comp->kind) : _("Machine (host)"));
  set_text (self->state, full_state);
  show_counters (self, sim, id, comp == NULL);
  set_text (self->explanation, explanation ? g_dgettext (GETTEXT_PACKAGE, explanation) : "");
  gtk_widget_set_visible (self->firewall_button, firewall);
  if (firewall)
    gtk_button_set_label (GTK_BUTTON (self->firewall_button),
                          sb_sim_is_firewall_open (sim, id) ? _("_Close the Firewall")
                                                            : _("_Open the Firewall"));
}

void
sb_element_panel_refresh (SbElementPanel *self)
{
  SbSim *sim;
  const char *id;

  g_return_if_fail (SB_IS_ELEMENT_PANEL (self));
  if (self->canvas == NULL || (sim = sb_canvas_get_sim (self->canvas)) == NULL)
    return;
  id = sb_canvas_get_selected (self->canvas);
  if (id == NULL || sb_sim_find_element (sim, id) < 0)
    show_overview (self, sb_sim_get_scenario (sim));
  else
    show_element (self, sim, id);
}

static gboolean
refresh_tick (gpointer user_data)
{
  sb_element_panel_refresh (SB_ELEMENT_PANEL (user_data));
  return G_SOURCE_CONTINUE;
}

static void
sb_element_panel_map (GtkWidget *widget)
{
  SbElementPanel *self = SB_ELEMENT_PANEL (widget);

  GTK_WIDGET_CLASS (sb_element_panel_parent_class)->map (widget);
  /* Counters move while the sim plays: four updates a second are plenty
   * for reading, and cost nothing while the panel is hidden. */
  self->refresh_id = g_timeout_add (250, refresh_tick, self);
  sb_element_panel_refresh (self);
}

static void
sb_element_panel_unmap (GtkWidget *widget)
{
  SbElementPanel *self = SB_ELEMENT_PANEL (widget);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  GTK_WIDGET_CLASS (sb_element_panel_parent_class)->unmap (widget);
}

static void
sb_element_panel_dispose (GObject *object)
{
  SbElementPanel *self = SB_ELEMENT_PANEL (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_weak_pointer (&self->canvas);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (sb_element_panel_parent_class)->dispose (object);
}

static void
sb_element_panel_class_init (SbElementPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_element_panel_dispose;
  widget_class->map = sb_element_panel_map;
  widget_class->unmap = sb_element_panel_unmap;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sbelementpanel");
}

static void
sb_element_panel_init (SbElementPanel *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  g_object_set (self->box, "margin-start", 18, "margin-end", 18, "margin-top", 18,
                "margin-bottom", 18, NULL);
  self->title = add_label (self, "title-2");
  /* A name is a few words; a file's can be 4096 letters, hundreds of
   * lines at this size and two seconds to lay out. */
  gtk_label_set_lines (self->title, 4);
  gtk_label_set_ellipsize (self->title, PANGO_ELLIPSIZE_END);
  self->role = add_label (self, "dim-label");
  self->state = add_label (self, "heading");
  self->counters = add_label (self, NULL);
  self->firewall_button = gtk_button_new ();
  gtk_button_set_use_underline (GTK_BUTTON (self->firewall_button), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->firewall_button), "win.toggle-firewall");
  gtk_widget_set_halign (self->firewall_button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (self->firewall_button,
                               _("An opened firewall lets everything through: see what it exposes"));
  gtk_box_append (GTK_BOX (self->box), self->firewall_button);
  self->explanation = add_label (self, "sb-explanation");
}

GtkWidget *
sb_element_panel_new (void)
{
  return g_object_new (SB_TYPE_ELEMENT_PANEL, NULL);
}

void
sb_element_panel_set_canvas (SbElementPanel *self,
                             SbCanvas       *canvas)
{
  g_return_if_fail (SB_IS_ELEMENT_PANEL (self));

  g_set_weak_pointer (&self->canvas, canvas);
  g_signal_connect_object (canvas, "notify::selected",
                           G_CALLBACK (sb_element_panel_refresh), self, G_CONNECT_SWAPPED);
  sb_element_panel_refresh (self);
}

const char *
sb_element_panel_get_title (SbElementPanel *self)
{
  g_return_val_if_fail (SB_IS_ELEMENT_PANEL (self), NULL);
  return gtk_label_get_text (self->title);
}

const char *
sb_element_panel_get_explanation (SbElementPanel *self)
{
  g_return_val_if_fail (SB_IS_ELEMENT_PANEL (self), NULL);
  return gtk_label_get_text (self->explanation);
}

GtkWidget *
sb_element_panel_get_state_label (SbElementPanel *self)
{
  g_return_val_if_fail (SB_IS_ELEMENT_PANEL (self), NULL);
  return GTK_WIDGET (self->state);
}
