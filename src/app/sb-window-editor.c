/* sb-window-editor.c — making your own design: adding, deleting,
 * renaming, addresses, HTTPS and moving, through the window's actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every edit runs one operation of the model (sb-scenario-edit.h) on a
 * copy of the design and hands the result to sb_lesson_edit(), so it is
 * one step of the undo history and the simulation starts again on a
 * design it can run.  A refused edit shows the model's reason in a toast
 * and changes nothing.  The actions live in the window's own action map
 * (exported on the session bus), so the menus, the board's context menu,
 * the keys and a test over D-Bus all edit the same way.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "model/sb-scenario-edit.h"
#include "sb-edit-dialog.h"
#include "sb-toast.h"
#include "sb-window-private.h"

static SbWindow *
window_of (gpointer user_data)
{
  return SB_WINDOW (user_data);
}

/* A refused edit: a drag that led to it put back, and the reason, at
 * once in the place of the last one (toasts otherwise wait in turn). */
static void
refuse (SbWindow *self,
        GError   *error)
{
  AdwToast *toast = sb_toast_new_plain (error->message);

  sb_lesson_cancel_move (self->lesson);
  if (self->refusal != NULL)
    adw_toast_dismiss (self->refusal);
  adw_toast_set_timeout (toast, 10);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_set_weak_pointer (&self->refusal, toast);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

/* Hands an edited copy to the lesson when OK, else says why not; selects
 * SELECT afterwards (NULL keeps the selection). */
static gboolean
finish_edit (SbWindow   *self,
             SbScenario *copy,
             gboolean    ok,
             const char *select,
             GError    **error)
{
  if (ok)
    ok = sb_lesson_edit (self->lesson, copy, error);
  if (!ok)
    {
      refuse (self, *error);
      return FALSE;
    }
  if (select != NULL)
    sb_lesson_set_selected (self->lesson, select);
  return TRUE;
}

static const char *
selection (SbWindow *self)
{
  return sb_lesson_get_selected (self->lesson);
}

/* The selection, or a toast asking for one. */
static const char *
require_selection (SbWindow *self)
{
  const char *id = selection (self);

  if (id == NULL)
    sb_window_show_toast (self, _("Click an element on the board first"));
  return id;
}

/* What a person calls ID, such as "Nginx · Server 1". */
static char *
describe (SbWindow   *self,
          const char *id)
{
  return sb_scenario_describe (sb_lesson_get_scenario (self->lesson), id);
}

typedef gboolean (*SelectionEdit) (SbScenario  *design,
                                   const char  *id,
                                   GError     **error);

/* Runs EDIT for the selection on a copy of the design; FALSE when nothing
 * is selected or the edit was refused. */
static gboolean
edit_selection (SbWindow      *self,
                SelectionEdit  edit)
{
  g_autoptr(SbScenario) copy = sb_lesson_dup_scenario (self->lesson);
  g_autoptr(GError) error = NULL;
  const char *id = require_selection (self);

  return id != NULL && finish_edit (self, copy, edit (copy, id, &error), NULL, &error);
}

/* Whether ID is still an element or machine of DESIGN (a dialog may
 * answer after an undo took it away). */
static gboolean
exists (const SbScenario *design,
        const char       *id)
{
  return sb_scenario_find_component (design, id) != NULL || sb_scenario_find_host (design, id) != NULL;
}

/* Adding */

static void
add_element_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  SbWindow *self = window_of (user_data);
  g_autoptr(SbScenario) copy = sb_lesson_dup_scenario (self->lesson);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = sb_scenario_add_element (copy, g_variant_get_string (parameter, NULL),
                                                 selection (self), &error);

  finish_edit (self, copy, id != NULL, id, &error);
}

/* A copy of the last server behind the load balancer, in one step. */
static void
add_server_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  SbWindow *self = window_of (user_data);
  g_autoptr(SbScenario) copy = sb_lesson_dup_scenario (self->lesson);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = sb_scenario_add_server (copy, &error);

  finish_edit (self, copy, id != NULL, id, &error);
}

/* Tidy Up: the layout places everything again (undoable, like any edit). */
static void
tidy_up_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  SbWindow *self = window_of (user_data);
  g_autoptr(SbScenario) copy = sb_lesson_dup_scenario (self->lesson);
  g_autoptr(GError) error = NULL;

  if (sb_scenario_tidy_up (copy))
    finish_edit (self, copy, TRUE, NULL, &error);
}

/* Deleting */

static void
delete_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  SbWindow *self = window_of (user_data);
  const char *id = selection (self);
  g_autofree char *described = id ? describe (self, id) : NULL;
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (!edit_selection (self, sb_scenario_delete))
    return;
  /* Translators: %s names what was deleted, such as "Nginx · Server 2" */
  toast = sb_toast_new_plain (text = g_strdup_printf (_("%s deleted"), described));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_overlay_add_toast (self->toasts, toast);
}

/* Texts: labels, the title and the summary */

static void
set_label_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  SbWindow *self = window_of (user_data);
  g_autoptr(SbScenario) copy = sb_lesson_dup_scenario (self->lesson);
  g_autoptr(GError) error = NULL;
  const char *id, *label;

  g_variant_get (parameter, "(&s&s)", &id, &label);
  finish_edit (self, copy, sb_scenario_set_label (copy, id, label, &error), NULL, &error);
}

/* Title and summary together are one edit, each alone too (NULL: kept). */
static void
set_design_texts (SbWindow   *self,
                  const char *title,
                  const char *summary)
{
  g_autoptr(SbScenario) copy = sb_lesson_dup_scenario (self->lesson);
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (title != NULL)
    ok = sb_scenario_set_title (copy, title, &error);
  if (ok && summary != NULL)
    ok = sb_scenario_set_summary (copy, summary, &error);
  finish_edit (self, copy, ok, NULL, &error);
}

static void
set_title_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  set_design_texts (window_of (user_data), g_variant_get_string (parameter, NULL), NULL);
}

static void
set_summary_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  set_design_texts (window_of (user_data), NULL, g_variant_get_string (parameter, NULL));
}

/* A text as the reader sees it: the bundled steps' are translated. */
static const char *
shown (const char *text)
{
  return text && *text ? g_dgettext (GETTEXT_PACKAGE, text) : "";
}

/* A field the teacher left as shown is no change: an untouched French
 * title must not replace the English one the file holds. */
static char *
changed_text (SbEditDialog *dialog,
              guint         field,
              const char   *was)
{
  char *text = sb_edit_dialog_get_text (dialog, field);

  if (g_strcmp0 (g_strstrip (text), shown (was)) != 0)
    return text;
  g_free (text);
  return NULL;
}

static void
rename_design_response (SbEditDialog *dialog,
                        const char   *response,
                        SbWindow     *self)
{
  const SbScenario *design = sb_lesson_get_scenario (self->lesson);
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;

  if (!g_str_equal (response, "apply"))
    return;
  title = changed_text (dialog, 0, design->title);
  summary = changed_text (dialog, 1, design->summary);
  if (title != NULL || summary != NULL)
    set_design_texts (self, title, summary);
}

static void
rename_design_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  SbWindow *self = window_of (user_data);
  const SbScenario *design = sb_lesson_get_scenario (self->lesson);
  SbEditDialog *dialog = sb_edit_dialog_new (GTK_WINDOW (self), _("Title and Summary"),
                                             _("The title names the design on the board and in "
                                               "the window; the summary says what it shows."),
                                             _("_Apply"));

  sb_edit_dialog_add_entry (dialog, _("_Title"), shown (design->title));
  sb_edit_dialog_add_text (dialog, _("_Summary"), shown (design->summary));
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_design_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
rename_response (SbEditDialog *dialog,
                 const char   *response,
                 SbWindow     *self)
{
  const char *id = sb_edit_dialog_get_subject (dialog);
  const SbScenario *design = sb_lesson_get_scenario (self->lesson);
  g_autofree char *label = NULL;

  if (!g_str_equal (response, "apply") || !exists (design, id))
    return;
  label = sb_edit_dialog_get_text (dialog, 0);
  if (g_strcmp0 (g_strstrip (label), sb_scenario_label_of (design, id)) != 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.set-label", "(ss)", id, label);
}

/* A dialog about element ID. */
static SbEditDialog *
element_dialog (SbWindow   *self,
                const char *id,
                const char *heading,
                const char *body,
                const char *apply_label)
{
  SbEditDialog *dialog = sb_edit_dialog_new (GTK_WINDOW (self), heading, body, apply_label);

  sb_edit_dialog_set_subject (dialog, id);
  return dialog;
}

/* F2, a double click, the menus: the selection's name, or with nothing
 * selected the design's title and summary. */
static void
rename_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  SbWindow *self = window_of (user_data);
  const char *id = selection (self);
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  SbEditDialog *dialog;

  if (id == NULL)
    {
      rename_design_activated (action, parameter, user_data);
      return;
    }
  name = describe (self, id);
  /* Translators: %s names an element, such as "Nginx · Server 1" */
  body = g_strdup_printf (_("A new name for %s, as the board shows it."), name);
  dialog = element_dialog (self, id, _("Rename"), body, _("_Rename"));
  sb_edit_dialog_add_entry (dialog, _("_Name"), sb_scenario_label_of (sb_lesson_get_scenario (self->lesson), id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Addresses */

/* The address ID has in DESIGN, or "". */
static const char *
address_of (const SbScenario *design,
            const char       *id)
{
  const SbComponent *c = sb_scenario_find_component (design, id);
  const SbHost *host = c ? NULL : sb_scenario_find_host (design, id);
  const char *ip = c ? c->ip : host ? host->ip : NULL;

  return ip ? ip : "";
}

static void
set_addresses (SbWindow   *self,
               const char *id,
               const char *ip,
               const char *virtual_ip)
{
  g_autoptr(SbScenario) copy = sb_lesson_dup_scenario (self->lesson);
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (id != NULL)
    ok = sb_scenario_set_ip (copy, id, ip, &error);
  if (ok && virtual_ip != NULL)
    ok = sb_scenario_set_virtual_ip (copy, virtual_ip, &error);
  finish_edit (self, copy, ok, NULL, &error);
}

static void
set_ip_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  const char *id, *ip;

  g_variant_get (parameter, "(&s&s)", &id, &ip);
  set_addresses (window_of (user_data), id, ip, NULL);
}

static void
set_virtual_ip_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  set_addresses (window_of (user_data), NULL, NULL, g_variant_get_string (parameter, NULL));
}

/* Whether the address dialog also shows the cluster's shared address. */
static gboolean
shows_virtual_ip (const SbScenario *design,
                  const char       *id)
{
  const SbComponent *c = sb_scenario_find_component (design, id);

  return c != NULL && c->kind == SB_KIND_LOAD_BALANCER && design->balancer.virtual_ip != NULL;
}

static void
edit_ip_response (SbEditDialog *dialog,
                  const char   *response,
                  SbWindow     *self)
{
  const char *id = sb_edit_dialog_get_subject (dialog);
  const SbScenario *design = sb_lesson_get_scenario (self->lesson);
  g_autofree char *ip = NULL;
  g_autofree char *virtual_ip = NULL;

  if (!g_str_equal (response, "apply") || !exists (design, id))
    return;
  ip = sb_edit_dialog_get_text (dialog, 0);
  if (g_strcmp0 (g_strstrip (ip), address_of (design, id)) == 0)
    g_clear_pointer (&ip, g_free);
  if (shows_virtual_ip (design, id))
    virtual_ip = changed_text (dialog, 1, design->balancer.virtual_ip);
  if (ip != NULL || virtual_ip != NULL)
    set_addresses (self, ip ? id : NULL, ip, virtual_ip);
}

static void
edit_ip_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  SbWindow *self = window_of (user_data);
  const SbScenario *design = sb_lesson_get_scenario (self->lesson);
  const char *id = require_selection (self);
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  SbEditDialog *dialog;

  if (id == NULL)
    return;
  name = describe (self, id);
  /* Translators: %s names an element, such as "Server 1" */
  body = g_strdup_printf (_("The IPv4 or IPv6 address of %s, used in the configuration files; "
                            "empty for none."), name);
  dialog = element_dialog (self, id, _("IP Address"), body, _("_Apply"));
  sb_edit_dialog_add_entry (dialog, _("_Address"), address_of (design, id));
  if (shows_virtual_ip (design, id))
    sb_edit_dialog_add_entry (dialog, _("_Virtual IP address the load balancers share"),
                              design->balancer.virtual_ip);
  g_signal_connect_object (dialog, "response", G_CALLBACK (edit_ip_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* HTTPS, the primary, moving */

static void
https_changed (GSimpleAction *action,
               GVariant      *value,
               gpointer       user_data)
{
  SbWindow *self = window_of (user_data);
  g_autoptr(SbScenario) copy = sb_lesson_dup_scenario (self->lesson);
  g_autoptr(GError) error = NULL;

  finish_edit (self, copy, sb_scenario_set_https (copy, g_variant_get_boolean (value), &error),
               NULL, &error);
}

static void
make_primary_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  edit_selection (window_of (user_data), sb_scenario_set_primary);
}

/* Whether a component of HOST other than ID has a position of its own:
 * the machine was arranged by hand. */
static gboolean
arranged_by_hand (const SbScenario *design,
                  const char       *host,
                  const char       *id)
{
  for (guint i = 0; i < design->components->len; i++)
    {
      const SbComponent *c = g_ptr_array_index (design->components, i);

      if (g_strcmp0 (c->host, host) == 0 && !g_str_equal (c->id, id) && c->has_position)
        return TRUE;
    }
  return FALSE;
}

/* Onto machine HOST ('' to stand alone): from the menus, or a drop on the
 * board.  Dropped among components placed by hand, it stays where it was
 * dropped; else the layout gives it its place on the machine. */
static void
move_to_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  SbWindow *self = window_of (user_data);
  g_autoptr(SbScenario) copy = sb_lesson_dup_scenario (self->lesson);
  g_autoptr(GError) error = NULL;
  const char *host = g_variant_get_string (parameter, NULL);
  const char *id = require_selection (self);
  SbComponent dropped = { 0 };
  SbComponent *moved;
  gboolean ok;

  if (id == NULL)
    return;
  moved = (SbComponent *) sb_scenario_find_component (copy, id);
  if (moved != NULL)
    dropped = *moved;
  ok = sb_scenario_move_component (copy, id, *host ? host : NULL, &error);
  if (ok && sb_lesson_get_moving (self->lesson) && *host && arranged_by_hand (copy, host, id))
    {
      moved = (SbComponent *) sb_scenario_find_component (copy, id);
      moved->has_position = dropped.has_position;
      moved->x = dropped.x;
      moved->y = dropped.y;
    }
  finish_edit (self, copy, ok, NULL, &error);
}

static gboolean
move_to_own_machine (SbScenario  *design,
                     const char  *id,
                     GError     **error)
{
  g_autofree char *host = sb_scenario_move_to_new_host (design, id, error);

  return host != NULL;
}

static void
own_machine_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  edit_selection (window_of (user_data), move_to_own_machine);
}

static const GActionEntry editor_actions[] = {
  { "add-element", add_element_activated, "s" },
  { "add-server", add_server_activated },
  { "tidy-up", tidy_up_activated },
  { "delete", delete_activated },
  { "rename", rename_activated },
  { "rename-design", rename_design_activated },
  { "set-label", set_label_activated, "(ss)" },
  { "set-title", set_title_activated, "s" },
  { "set-summary", set_summary_activated, "s" },
  { "edit-ip", edit_ip_activated },
  { "set-ip", set_ip_activated, "(ss)" },
  { "set-virtual-ip", set_virtual_ip_activated, "s" },
  { "https", NULL, NULL, "false", https_changed },
  { "make-primary", make_primary_activated },
  { "move-to", move_to_activated, "s" },
  { "own-machine", own_machine_activated },
};

/* What applies to the selection is enabled: the menus show it, and a test
 * reading the actions over D-Bus sees it. */

static void
editor_selection_changed (SbWindow *self)
{
  const SbScenario *design = sb_lesson_get_scenario (self->lesson);
  const char *id = selection (self);
  const SbComponent *c = id ? sb_scenario_find_component (design, id) : NULL;

  sb_window_set_action_enabled (self, "delete", id != NULL);
  sb_window_set_action_enabled (self, "edit-ip", id != NULL);
  /* A browser cannot move onto a machine, but a drop of it still says why. */
  sb_window_set_action_enabled (self, "move-to", c != NULL);
  sb_window_set_action_enabled (self, "own-machine", c != NULL);
  sb_window_set_action_enabled (self, "make-primary", c != NULL && c->role == SB_DB_ROLE_REPLICA);
}

/* The Move To menu lists the design's machines, and standing alone. */
static void
fill_move_menu (SbWindow *self)
{
  const SbScenario *design = sb_lesson_get_scenario (self->lesson);
  g_autoptr(GMenu) machines = g_menu_new ();
  g_autoptr(GMenu) other = g_menu_new ();

  g_menu_remove_all (self->move_menu);
  for (guint i = 0; i < design->hosts->len; i++)
    {
      const SbHost *host = g_ptr_array_index (design->hosts, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (sb_scenario_translate_label (host->label), NULL);

      g_menu_item_set_action_and_target (item, "win.move-to", "s", host->id);
      g_menu_append_item (machines, item);
    }
  g_menu_append (other, _("A Machine of Its _Own"), "win.own-machine");
  g_menu_append (other, _("_Standing Alone"), "win.move-to::");
  g_menu_append_section (self->move_menu, NULL, G_MENU_MODEL (machines));
  g_menu_append_section (self->move_menu, NULL, G_MENU_MODEL (other));
}

static void
editor_design_changed (SbWindow *self,
                       guint     what)
{
  const SbScenario *design = sb_lesson_get_scenario (self->lesson);
  GAction *https = g_action_map_lookup_action (G_ACTION_MAP (self), "https");

  /* Moved by hand: Tidy Up can place it all again. */
  sb_window_set_action_enabled (self, "tidy-up", sb_scenario_has_positions (design));
  if (!(what & SB_LESSON_CHANGED_DESIGN))
    return;
  g_simple_action_set_state (G_SIMPLE_ACTION (https), g_variant_new_boolean (design->balancer.https));
  sb_window_set_action_enabled (self, "https", sb_scenario_find_kind (design, SB_KIND_LOAD_BALANCER, NULL) != NULL);
  sb_window_set_action_enabled (self, "add-server", design->balancer.backends->len > 0);
  fill_move_menu (self);
  editor_selection_changed (self);
}

/* The board's context menu: what applies to what was clicked. */
static GMenuModel *
context_menu (SbWindow *self)
{
  const SbScenario *design = sb_lesson_get_scenario (self->lesson);
  const char *id = selection (self);
  const SbComponent *c = id ? sb_scenario_find_component (design, id) : NULL;
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) element = g_menu_new ();
  g_autoptr(GMenu) design_items = g_menu_new ();

  if (id != NULL)
    {
      g_menu_append (element, _("Re_name…"), "win.rename");
      g_menu_append (element, _("IP Addr_ess…"), "win.edit-ip");
      if (c != NULL && c->kind != SB_KIND_CLIENT)
        g_menu_append_submenu (element, _("_Move To"), G_MENU_MODEL (self->move_menu));
      if (c != NULL && c->kind == SB_KIND_LOAD_BALANCER)
        g_menu_append (element, _("_HTTPS on the Load Balancer"), "win.https");
      if (c != NULL && c->role == SB_DB_ROLE_REPLICA)
        g_menu_append (element, _("Make It the Primar_y Database"), "win.make-primary");
      g_menu_append (element, _("_Delete"), "win.delete");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (element));
    }
  g_menu_append_submenu (design_items, _("_Add"), G_MENU_MODEL (self->add_menu));
  if (id == NULL)
    g_menu_append (design_items, _("_Title and Summary…"), "win.rename-design");
  g_menu_append (design_items, _("T_idy Up"), "win.tidy-up");
  g_menu_append (design_items, _("_Undo"), "win.undo");
  g_menu_append (design_items, _("_Redo"), "win.redo");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (design_items));
  return G_MENU_MODEL (menu);
}

static void
canvas_context_menu (SbWindow *self,
                     double    x,
                     double    y)
{
  g_autoptr(GMenuModel) menu = context_menu (self);

  sb_canvas_popup_menu (self->canvas, menu, x, y);
}

void
sb_window_add_editor_actions (SbWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), editor_actions,
                                   G_N_ELEMENTS (editor_actions), self);
  g_signal_connect_object (self->lesson, "changed", G_CALLBACK (editor_design_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lesson, "notify::selected", G_CALLBACK (editor_selection_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "context-menu", G_CALLBACK (canvas_context_menu), self,
                           G_CONNECT_SWAPPED);
  editor_design_changed (self, SB_LESSON_CHANGED_DESIGN);
}

static void
add_key (GtkWidgetClass  *widget_class,
         guint            key,
         GdkModifierType  mods,
         const char      *action)
{
  gtk_widget_class_add_binding_action (widget_class, key, mods, action, NULL);
}

void
sb_window_class_add_editor_shortcuts (GtkWidgetClass *widget_class)
{
  add_key (widget_class, GDK_KEY_KP_Delete, 0, "win.delete");
  add_key (widget_class, GDK_KEY_Delete, 0, "win.delete");
  add_key (widget_class, GDK_KEY_F2, 0, "win.rename");
  add_key (widget_class, GDK_KEY_F2, GDK_SHIFT_MASK, "win.rename-design");
  add_key (widget_class, GDK_KEY_i, 0, "win.edit-ip");
}
