/* sb-element-panel.c — the explanation of the selected element
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With nothing selected it shows what this scenario changed and why; with
 * an element selected, its role, its true state and the load balancer's
 * view of it, its counters, and our explanation of why it is there and
 * what happens when it fails.  Everything is read from the lesson when it
 * changes, so the panel and the board always show the same moment.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "review/sb-review.h"
#include "sb-element-panel.h"
#include "sb-lesson-view.h"

struct _SbElementPanel
{
  GtkWidget  parent_instance;

  SbLesson  *lesson;
  GtkWidget *box;
  GtkLabel  *title;
  GtkLabel  *role;
  GtkLabel  *state;
  GtkLabel  *counters;
  GtkLabel  *explanation;
  GtkWidget *firewall_button;   /* win.toggle-firewall, for a firewall */
};

enum {
  PROP_0,
  PROP_LESSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SbElementPanel, sb_element_panel, GTK_TYPE_WIDGET)

/* A database's own text while its role is the file's; promoted, or
 * demoted, it is what its role makes it now. */
static const char *
role_explanation (SbDbRole role)
{
  return role == SB_DB_ROLE_PRIMARY
         ? _("The primary database: it takes every write and sends each one to the replicas. "
             "If it fails, nothing can be written until a replica is promoted.")
         : _("A replica: it applies the primary's writes a little later and answers reads. It "
             "refuses writes until it is promoted to primary.");
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

/* What only some kinds have: an opened firewall, the virtual IP, a
 * database's role. */
static char *
extra_state_text (SbLesson          *lesson,
                  const SbComponent *comp)
{
  SbSim *sim = sb_lesson_get_sim (lesson);
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
  if (comp->kind == SB_KIND_DATABASE)
    return g_strdup (sb_lesson_get_role (lesson, comp->id) == SB_DB_ROLE_PRIMARY
                     ? _("Role: primary, takes the writes") : _("Role: replica, serves reads"));
  return NULL;
}

/* The LB's view of a backend machine, in HAProxy's words, or NULL: it is
 * shown for the machine and for its web server, which the checks reach,
 * not for what runs behind it. */
static char *
lb_view_text (SbSim             *sim,
              const SbComponent *comp,
              const char        *id)
{
  const char *host = comp ? comp->host : id;
  guint n = sb_sim_get_n_backends (sim);

  if (comp != NULL && comp->kind != SB_KIND_WEB_SERVER)
    return NULL;
  for (guint i = 0; host && i < n; i++)
    {
      SbSimBackendView view;

      if (sb_sim_get_backend (sim, i, &view) && g_str_equal (view.host, host))
        return g_strdup_printf (view.backup ? _("The load balancer sees it: %s (backup)")
                                            : _("The load balancer sees it: %s"), view.label);
    }
  return NULL;
}

/* The known issues and single points of failure, named: the review's. */
static char *
issues_text (const SbScenario *scenario)
{
  g_autoptr(SbReview) review = sb_review_new_brief (scenario);

  return sb_review_known_issues_text (review);
}

static void
show_overview (SbElementPanel   *self,
               const SbScenario *scenario)
{
  const char *summary = scenario->summary ? g_dgettext (GETTEXT_PACKAGE, scenario->summary) : "";
  g_autofree char *known = sb_lesson_get_show_issues (self->lesson) ? issues_text (scenario) : NULL;
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

/* What the design makes of the element now, from the review: why it is
 * there, what it does here, what its loss breaks (a database's role as
 * the run has it: a promotion changes it); then the author's own text,
 * while it is still true of the element. */
static char *
explanation_of (SbLesson   *lesson,
                const char *id)
{
  SbSim *sim = sb_lesson_get_sim (lesson);
  const SbScenario *scenario = sb_sim_get_scenario (sim);
  const SbComponent *comp = sb_scenario_find_component (scenario, id);
  SbDbRole role = comp ? sb_lesson_get_role (lesson, id) : SB_DB_ROLE_NONE;
  g_autoptr(SbExplanation) generated = NULL;
  g_autofree char *note = sb_lesson_dup_note (lesson, id);
  g_autofree char *text = NULL;

  if (comp != NULL && comp->kind == SB_KIND_DATABASE && role != comp->role)
    text = g_strdup (role_explanation (role));
  else if ((generated = sb_review_explain_element (scenario, id)) != NULL)
    text = g_strjoin ("\n\n", generated->why, generated->what, generated->loss, NULL);
  if (note == NULL)
    return g_steal_pointer (&text);
  /* Translators: the explanation of the design, then the author's own note */
  return g_strdup_printf (_("%s\n\nNote: %s"), text ? text : "", note);
}

static void
show_element (SbElementPanel *self,
              SbSim          *sim,
              const char     *id)
{
  const SbScenario *scenario = sb_sim_get_scenario (sim);
  const SbComponent *comp = sb_scenario_find_component (scenario, id);
  g_autofree char *title = sb_scenario_describe (scenario, id);
  g_autofree char *state = state_text (sim, id);
  g_autofree char *lb = lb_view_text (sim, comp, id);
  g_autofree char *extra = extra_state_text (self->lesson, comp);
  g_autofree char *full_state = g_strjoin ("\n", state, lb ? lb : extra, lb ? extra : NULL, NULL);
  g_autofree char *explanation = explanation_of (self->lesson, id);
  gboolean firewall = comp && comp->kind == SB_KIND_FIREWALL;

  set_text (self->title, title);
  set_text (self->role, comp ? sb_review_kind_name (comp->kind) : _("Machine (host)"));
  set_text (self->state, full_state);
  show_counters (self, sim, id, comp == NULL);
  set_text (self->explanation, explanation);
  gtk_widget_set_visible (self->firewall_button, firewall);
  if (firewall)
    gtk_button_set_label (GTK_BUTTON (self->firewall_button),
                          sb_sim_is_firewall_open (sim, id) ? _("_Close the Firewall")
                                                            : _("_Open the Firewall"));
}

static void
refresh (SbElementPanel *self)
{
  SbSim *sim;
  const char *id;

  if (self->lesson == NULL)
    return;
  sim = sb_lesson_get_sim (self->lesson);
  id = sb_lesson_get_selected (self->lesson);
  if (id == NULL)
    show_overview (self, sb_sim_get_scenario (sim));
  else
    show_element (self, sim, id);
}

/* Counters move while the lesson plays: read four times a second, and
 * not at all while the panel is hidden. */
static void
refresh_if_mapped (SbElementPanel *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
}

static void
sb_element_panel_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sb_element_panel_parent_class)->map (widget);
  refresh (SB_ELEMENT_PANEL (widget));
}

static void
sb_element_panel_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_LESSON:
      g_value_set_object (value, SB_ELEMENT_PANEL (object)->lesson);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_element_panel_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_LESSON:
      sb_element_panel_set_lesson (SB_ELEMENT_PANEL (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_element_panel_dispose (GObject *object)
{
  SbElementPanel *self = SB_ELEMENT_PANEL (object);

  sb_lesson_view_set (self, &self->lesson, NULL, NULL, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_ELEMENT_PANEL);
  G_OBJECT_CLASS (sb_element_panel_parent_class)->dispose (object);
}

static void
sb_element_panel_class_init (SbElementPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_element_panel_dispose;
  object_class->get_property = sb_element_panel_get_property;
  object_class->set_property = sb_element_panel_set_property;
  widget_class->map = sb_element_panel_map;

  properties[PROP_LESSON] = sb_lesson_view_param_spec ();
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sb-element-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, SbElementPanel, box);
  gtk_widget_class_bind_template_child (widget_class, SbElementPanel, title);
  gtk_widget_class_bind_template_child (widget_class, SbElementPanel, role);
  gtk_widget_class_bind_template_child (widget_class, SbElementPanel, state);
  gtk_widget_class_bind_template_child (widget_class, SbElementPanel, counters);
  gtk_widget_class_bind_template_child (widget_class, SbElementPanel, firewall_button);
  gtk_widget_class_bind_template_child (widget_class, SbElementPanel, explanation);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sbelementpanel");
}

static void
sb_element_panel_init (SbElementPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sb_element_panel_new (void)
{
  return g_object_new (SB_TYPE_ELEMENT_PANEL, NULL);
}

void
sb_element_panel_set_lesson (SbElementPanel *self,
                             SbLesson       *lesson)
{
  static const SbLessonHook hooks[] = {
    { "notify::selected", G_CALLBACK (refresh) },
    { "changed", G_CALLBACK (refresh) },
    { "refresh", G_CALLBACK (refresh_if_mapped) },
  };

  g_return_if_fail (SB_IS_ELEMENT_PANEL (self));
  if (!sb_lesson_view_set (self, &self->lesson, lesson, hooks, G_N_ELEMENTS (hooks)))
    return;
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LESSON]);
}

const char *
sb_element_panel_get_title (SbElementPanel *self)
{
  g_return_val_if_fail (SB_IS_ELEMENT_PANEL (self), NULL);
  return gtk_label_get_text (self->title);
}

const char *
sb_element_panel_get_state (SbElementPanel *self)
{
  g_return_val_if_fail (SB_IS_ELEMENT_PANEL (self), NULL);
  return gtk_label_get_text (self->state);
}

const char *
sb_element_panel_get_explanation (SbElementPanel *self)
{
  g_return_val_if_fail (SB_IS_ELEMENT_PANEL (self), NULL);
  return gtk_label_get_text (self->explanation);
}

GtkWidget *
sb_element_panel_get_explanation_label (SbElementPanel *self)
{
  g_return_val_if_fail (SB_IS_ELEMENT_PANEL (self), NULL);
  return GTK_WIDGET (self->explanation);
}
