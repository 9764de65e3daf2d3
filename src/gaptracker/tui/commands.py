"""The one command table: every key binding, footer entry, help line and palette entry.

Each user command is one row here, and the app's and the screens' BINDINGS, the footer
(`widgets.key_bar`), the help screen and the command palette are all made from the rows:
a command added here appears in all four, and its stable id (`gaptracker.assess`) is what
a keymap in the settings file rebinds (`App.set_keymap`). Commands that act on the
catalog's roles and skills (`role: ...`, `rate: ...`) and on the skill packs (`pack: ...`)
are added to the palette by `GapTrackerCommands`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, NamedTuple, cast

from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from gaptracker.domain.errors import GapTrackerError

if TYPE_CHECKING:
    from gaptracker.domain.packs import PackListing
    from gaptracker.tui.app import GapTrackerApp

EVERYWHERE = "app"
"""The scope of the commands that work on every screen."""

SCOPES = {
    EVERYWHERE: "Everywhere",
    "dashboard": "Dashboard",
    "assess": "Assess",
    "checkin": "Check-in",
    "history": "History",
    "plan": "Plan",
    "roles": "Roles",
    "pack-picker": "Skill packs",
    "pack-diff": "Switching packs",
    "welcome": "Welcome",
    "mentees": "Mentees",
    "mentee": "A mentee (read-only)",
    "mentee-history": "A mentee's history (read-only)",
    "mentee-plan": "A mentee's plan (read-only)",
}
"""Scope -> the heading the help screen shows it under."""


@dataclass(frozen=True)
class Command:
    """One thing the user can do, and every way to reach it."""

    id: str
    """Stable, for keymaps: `gaptracker.<name>`; a key list gets `-<key>` per key."""
    label: str
    """The footer's word for it."""
    help: str
    """What the help screen says it does."""
    action: str
    """The action it runs; `{key}` stands for the key pressed (the digit keys)."""
    keys: tuple[str, ...] = ()
    """Default keys, each its own binding; none for a palette-only command."""
    scope: str = EVERYWHERE
    rank: int = 50
    """Footer order, lowest first: what does not fit at the end is left out (help has it)."""
    palette: str | None = None
    """Its title in the command palette (`go: assess`), if it is there."""
    key_display: str | None = None
    """How the footer and help show the keys (`0-5`), if not the first key."""
    show: bool = True
    """Whether it appears in the footer."""
    priority: bool = False
    """Checked before the focused widget's own keys (only for keys no widget takes)."""
    mentors_only: bool = False
    """Only for a mentor in group mode: hidden (key, help, palette) for anyone else."""

    def bindings(self) -> Iterator[Binding]:
        for index, key in enumerate(self.keys):
            many = len(self.keys) > 1 and "{key}" in self.action
            yield Binding(
                key,
                self.action.format(key=key),
                self.label,
                show=self.show and index == 0,
                key_display=self.key_display,
                priority=self.priority,
                tooltip=self.help,
                id=f"{self.id}-{key}" if many else self.id,
            )

    @property
    def shown_keys(self) -> str:
        if self.key_display:
            return self.key_display
        return " / ".join(KEY_NAMES.get(k, k) for k in self.keys)


KEY_NAMES = {"question_mark": "?", "escape": "Esc", "enter": "Enter", "space": "Space"}
DIGITS = tuple(str(n) for n in range(6))


def _go(mode: str, key: str, label: str, help_text: str, rank: int) -> Command:
    return Command(
        f"gaptracker.{mode}",
        label,
        help_text,
        f"app.show_mode('{mode}')",
        (key,),
        rank=rank,
        palette=f"go: {label.lower()}",
    )


COMMANDS: tuple[Command, ...] = (
    # Everywhere: help and quit first, so they are never cut from the footer.
    Command(
        "gaptracker.help",
        "Help",
        "List every key, this screen's first",
        "app.help",
        ("question_mark", "f1"),
        rank=0,
        palette="go: help",
        key_display="?",
    ),
    Command(
        "gaptracker.quit", "Quit", "Quit (what you confirmed is saved)", "app.quit", ("q",), rank=1
    ),
    Command(
        "gaptracker.quit-now",
        "Quit",
        "Quit from anywhere, a text field or dialog too",
        "app.quit_now",
        ("ctrl+q",),
        show=False,
        priority=True,
    ),
    _go("dashboard", "d", "Dashboard", "Readiness, Must skills and the largest gaps", 30),
    _go("assess", "a", "Assess", "Rate your skills against the rubric", 31),
    _go("checkin", "c", "Check-in", "Re-rate what changed since last time", 32),
    _go("history", "h", "History", "Trends, rhythm, goals and each skill's timeline", 33),
    _go("plan", "p", "Plan", "Learning path, study, projects and practice", 34),
    _go("roles", "r", "Roles", "Choose your target role", 35),
    Command(
        "gaptracker.mentees",
        "Mentees",
        "Your mentees: readiness, Must met, last check-in, stale ratings",
        "app.show_mentees",
        ("m",),
        rank=29,  # before the other screens: at 80 columns a mentor's footer keeps it
        palette="go: mentees",
        mentors_only=True,
    ),
    Command(
        "gaptracker.export-markdown",
        "Export",
        "Export the gap report as Markdown",
        "app.export('md')",
        palette="export: markdown",
    ),
    Command(
        "gaptracker.export-html",
        "Export",
        "Export the gap report as a web page",
        "app.export('html')",
        palette="export: html",
    ),
    Command(
        "gaptracker.export-pdf",
        "Export",
        "Export the gap report as a PDF (printed by Chromium)",
        "app.export('pdf')",
        palette="export: pdf",
    ),
    Command(
        "gaptracker.export-json",
        "Export",
        "Export the gap report as JSON",
        "app.export('json')",
        palette="export: json",
    ),
    Command(
        "gaptracker.export-csv",
        "Export",
        "Export the gap table as CSV",
        "app.export('csv')",
        palette="export: csv",
    ),
    Command(
        "gaptracker.backup",
        "Backup",
        "Save a backup of everything you entered",
        "app.backup",
        palette="backup: save a backup",
    ),
    Command(
        "gaptracker.goal",
        "Goal",
        "Set a goal: a level to reach by a date",
        "app.set_goal",
        palette="goal: set a goal",
    ),
    # Dashboard
    Command(
        "gaptracker.dashboard-export",
        "Export",
        "Export the gap report (format, place)",
        "app.export('md')",
        ("e",),
        scope="dashboard",
        rank=10,
    ),
    Command(
        "gaptracker.dashboard-rate",
        "Rate gap",
        "Open the highlighted gap to rate it",
        "rate_gap",
        ("enter",),
        scope="dashboard",
        rank=11,
    ),
    # Assess
    Command(
        "gaptracker.level",
        "Level",
        "Choose that level for the highlighted skill",
        "choose_level({key})",
        DIGITS,
        scope="assess",
        rank=10,
        key_display="0-5",
    ),
    Command(
        "gaptracker.save-rating",
        "Save",
        "Save the chosen level with note and evidence",
        "save",
        ("enter", "ctrl+s"),
        scope="assess",
        rank=11,
        key_display="Enter",
    ),
    Command(
        "gaptracker.hide-targets",
        "Targets",
        "Show or hide the targets while you rate",
        "toggle_hide_targets",
        ("t",),
        scope="assess",
        rank=12,
    ),
    Command(
        "gaptracker.scope",
        "All skills",
        "List the role's skills or every skill",
        "toggle_scope",
        ("v",),
        scope="assess",
        rank=13,
    ),
    Command(
        "gaptracker.not-applicable",
        "N/A",
        "Mark the skill not applicable (or count it)",
        "not_applicable",
        ("x",),
        scope="assess",
        rank=14,
    ),
    Command(
        "gaptracker.skill-goal",
        "Goal",
        "Set a goal for the highlighted skill",
        "skill_goal",
        ("g",),
        scope="assess",
        rank=15,
    ),
    Command(
        "gaptracker.back",
        "Back",
        "Back: clear the choice, or leave the screen",
        "back",
        ("escape",),
        scope="assess",
        rank=20,
    ),
    # Check-in
    Command(
        "gaptracker.checkin-keep",
        "Keep",
        "Keep the last level (dated today)",
        "keep",
        ("space",),
        scope="checkin",
        rank=10,
    ),
    Command(
        "gaptracker.checkin-level",
        "Change",
        "Choose a new level, then Enter saves it",
        "choose_level({key})",
        DIGITS,
        scope="checkin",
        rank=11,
        key_display="0-5",
    ),
    Command(
        "gaptracker.checkin-save",
        "Save",
        "Save the changed level with its note",
        "save",
        ("enter", "ctrl+s"),
        scope="checkin",
        rank=12,
        key_display="Enter",
    ),
    Command(
        "gaptracker.checkin-skip",
        "Skip",
        "Skip this skill for now",
        "skip",
        ("n",),
        scope="checkin",
        rank=13,
    ),
    Command(
        "gaptracker.checkin-stop",
        "Stop",
        "Stop: what you confirmed is kept",
        "back",
        ("escape",),
        scope="checkin",
        rank=20,
    ),
    # History
    Command(
        "gaptracker.history-goal",
        "Goal",
        "Set a goal for the highlighted skill",
        "skill_goal",
        ("g",),
        scope="history",
        rank=10,
    ),
    Command(
        "gaptracker.history-back",
        "Back",
        "Back to the dashboard",
        "back",
        ("escape",),
        scope="history",
        rank=20,
    ),
    # Plan
    Command(
        "gaptracker.plan-status",
        "Status",
        "Next status: todo, in progress, done",
        "cycle_status",
        ("s",),
        scope="plan",
        rank=10,
    ),
    Command(
        "gaptracker.plan-link",
        "Note/link",
        "Add or change the item's note or link",
        "edit_link",
        ("l",),
        scope="plan",
        rank=11,
    ),
    Command(
        "gaptracker.plan-practised",
        "Practised",
        "Record a practice session: how it went",
        "practise({key})",
        DIGITS,
        scope="plan",
        rank=12,
        key_display="0-5",
    ),
    Command(
        "gaptracker.plan-new-project",
        "New project",
        "Add a portfolio project of your own",
        "new_project",
        ("n",),
        scope="plan",
        rank=13,
    ),
    Command(
        "gaptracker.plan-attach",
        "Attach",
        "Attach a done project as evidence",
        "attach",
        ("e",),
        scope="plan",
        rank=14,
    ),
    Command(
        "gaptracker.plan-foundation",
        "Phase 1",
        "Check Phase 1 (Foundation) off, or on",
        "toggle_foundation",
        ("f",),
        scope="plan",
        rank=15,
    ),
    Command(
        "gaptracker.plan-back",
        "Back",
        "Back to the dashboard",
        "back",
        ("escape",),
        scope="plan",
        rank=20,
    ),
    # Roles
    Command(
        "gaptracker.set-target",
        "Set target",
        "Make the highlighted role your target",
        "choose",
        ("enter",),
        scope="roles",
        rank=10,
    ),
    Command(
        "gaptracker.roles-back",
        "Back",
        "Back to the dashboard",
        "back",
        ("escape",),
        scope="roles",
        rank=20,
    ),
    Command(
        "gaptracker.roles-pack",
        "Pack",
        "Choose the skill pack (what changes is shown first)",
        "app.pick_pack",
        ("s",),
        scope="roles",
        rank=11,
    ),
    # Skill packs (dialogs)
    Command(
        "gaptracker.pack-choose",
        "Choose",
        "See what switching to the highlighted pack changes",
        "choose",
        ("enter",),
        scope="pack-picker",
        rank=10,
    ),
    Command(
        "gaptracker.pack-close",
        "Close",
        "Close the pack picker",
        "cancel",
        ("escape",),
        scope="pack-picker",
        rank=20,
    ),
    Command(
        "gaptracker.pack-switch",
        "Switch",
        "Switch to this pack (your ratings are kept)",
        "switch",
        ("enter",),
        scope="pack-diff",
        rank=10,
    ),
    Command(
        "gaptracker.pack-cancel",
        "Cancel",
        "Keep the active pack",
        "cancel",
        ("escape",),
        scope="pack-diff",
        rank=20,
    ),
    # Group mode: a mentor's mentees, and one of them read-only
    Command(
        "gaptracker.mentee-open",
        "Open",
        "Open the highlighted mentee's dashboard, read-only",
        "open_mentee",
        ("enter",),
        scope="mentees",
        rank=10,
        mentors_only=True,
    ),
    Command(
        "gaptracker.mentees-back",
        "Back",
        "Back to your own screens",
        "back",
        ("escape",),
        scope="mentees",
        rank=20,
        mentors_only=True,
    ),
    Command(
        "gaptracker.mentee-review",
        "Review",
        "Review this mentee's levels: your second opinion, stored for them",
        "review",
        ("v",),
        scope="mentee",
        rank=10,
        mentors_only=True,
    ),
    Command(
        "gaptracker.mentee-back",
        "Back",
        "Back to your mentees",
        "back",
        ("escape",),
        scope="mentee",
        rank=20,
        mentors_only=True,
    ),
    Command(
        "gaptracker.mentee-history",
        "History",
        "The mentee's trends, rhythm, goals and timelines, read-only",
        "show_view('history')",
        ("h",),
        scope="mentee",
        rank=11,
        mentors_only=True,
    ),
    Command(
        "gaptracker.mentee-plan",
        "Plan",
        "The mentee's learning path, study, projects and practice, read-only",
        "show_view('plan')",
        ("p",),
        scope="mentee",
        rank=12,
        mentors_only=True,
    ),
    Command(
        "gaptracker.mentee-history-back",
        "Back",
        "Back to the mentee's dashboard",
        "back",
        ("escape",),
        scope="mentee-history",
        rank=20,
        mentors_only=True,
    ),
    Command(
        "gaptracker.mentee-plan-back",
        "Back",
        "Back to the mentee's dashboard",
        "back",
        ("escape",),
        scope="mentee-plan",
        rank=20,
        mentors_only=True,
    ),
    # Welcome
    Command(
        "gaptracker.start",
        "Start",
        "Choose your target role",
        "start",
        ("enter",),
        scope="welcome",
        rank=10,
    ),
)


def bindings(scope: str) -> list[BindingType]:
    """The BINDINGS of the app (EVERYWHERE) or of one screen."""
    return [b for c in COMMANDS if c.scope == scope for b in c.bindings()]


def in_scope(scope: str) -> tuple[Command, ...]:
    return tuple(c for c in COMMANDS if c.scope == scope)


@cache
def _ranks(table: tuple[Command, ...]) -> dict[str | None, int]:
    """Binding id -> the footer rank of the command it comes from."""
    return {b.id: c.rank for c in table for b in c.bindings()}


def rank_of(binding_id: str | None) -> int:
    """The footer rank of the command a binding comes from (unknown: last)."""
    return _ranks(COMMANDS).get(binding_id, 100)


PALETTE = "Palette (ctrl+p)"
"""The help screen's heading for the commands that have no key, only a palette title."""


class HelpRow(NamedTuple):
    where: str
    """The scope's heading (`SCOPES`), or `PALETTE`."""
    keys: str
    """The keys in effect (the keymap's, where it rebinds them), or the palette title."""
    what: str
    binding_id: str | None
    """What a keymap names to rebind it (`gaptracker.assess`; `gaptracker.level-0`..`-5`
    for a key list); None for a palette-only command."""


def help_rows(
    current: str | None, keymap: Mapping[str, str] | None = None, *, mentor: bool = False
) -> list[HelpRow]:
    """Every command with a key or a palette title: the current screen's first, then
    those that work everywhere, then the other screens', then the palette's (a mentor's
    commands only for a mentor)."""
    keymap = keymap or {}
    first = [s for s in (current, EVERYWHERE) if s]
    order = first + [s for s in SCOPES if s not in first]
    rows = []
    for scope in order:
        for command in sorted(in_scope(scope), key=lambda c: c.rank):
            ids = [b.id for b in command.bindings() if b.id]
            if not ids or (command.mentors_only and not mentor):
                continue
            one_id = len(set(ids)) == 1  # one id for its keys (? and F1), or one per key
            keys = command.shown_keys
            if one_id and ids[0] in keymap:
                keys = keymap[ids[0]]
            elif any(i in keymap for i in ids):
                keys = ",".join(keymap.get(i, k) for i, k in zip(ids, command.keys, strict=True))
            shown_id = ids[0] if one_id else f"{ids[0]} to -{command.keys[-1]}"
            rows.append(HelpRow(SCOPES[scope], keys, command.help, shown_id))
    rows.extend(
        HelpRow(PALETTE, c.palette, c.help, None) for c in COMMANDS if c.palette and not c.keys
    )
    return rows


class GapTrackerCommands(Provider):
    """The palette: the table's commands with a title, then a role and a skill each, and
    a valid skill pack each (`pack: mine`, by its id as `gaptracker pack use` takes it).

    A skill is found by its name or its id (`rate: continual-learning`, as the command
    line spells it), and shown by its name."""

    _packs: tuple[PackListing, ...] = ()

    async def startup(self) -> None:
        """The packs, read once as the palette opens (off the UI thread: each is checked)."""
        chooser = cast("GapTrackerApp", self.app).pack_chooser
        if chooser is None:
            return
        try:
            self._packs = tuple(await asyncio.to_thread(chooser.packs))
        except GapTrackerError:
            self._packs = ()  # the packs folder cannot be read: the picker says why

    def _entries(self) -> list[tuple[str, str, str, str]]:
        """(title, another title it answers to, action on the app, help)."""
        app = cast("GapTrackerApp", self.app)
        mentor = app.mentoring.available
        entries = [
            (c.palette, c.palette, c.action, c.help)
            for c in COMMANDS
            if c.palette and (mentor or not c.mentors_only)
        ]
        for role in app.catalog.roles:
            title = f"role: {role.name}"
            entries.append(
                (title, f"role: {role.id}", f"app.choose_role('{role.id}')", "Set as target")
            )
        for skill in app.catalog.skills:
            title = f"rate: {skill.name}"
            entries.append((title, f"rate: {skill.id}", f"app.rate_skill('{skill.id}')", skill.id))
        for pack in self._packs:
            if pack.valid:  # an invalid pack cannot be chosen; the picker lists it, and why
                title = f"pack: {pack.id}"
                about = f"{pack.id}@{pack.version}" + (", the active pack" if pack.active else "")
                entries.append((title, title, f"app.choose_pack('{pack.id}')", about))
        return [
            (title, alias, action.removeprefix("app."), text)
            for title, alias, action, text in entries
        ]

    def _run(self, action: str) -> None:
        self.app.call_later(self.app.run_action, action)

    async def discover(self) -> Hits:
        for title, _, action, help_text in self._entries():
            if not title.startswith("rate: "):
                yield DiscoveryHit(Content(title), lambda a=action: self._run(a), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, alias, action, help_text in self._entries():
            score = max(matcher.match(title), matcher.match(alias), matcher.match(help_text) * 0.8)
            if score > 0:
                shown = plain_highlight(matcher, title)
                yield Hit(score, shown, lambda a=action: self._run(a), help=help_text)


def plain_highlight(matcher: Matcher, title: str) -> Content:
    """`title` with the query's letters marked, as plain text: `Matcher.highlight` reads
    its candidate as markup, and a title holds a pack's role or skill name, which may be
    `[/x]` (a MarkupError) or `[link=...]`."""
    content = Content(title)
    score, offsets = matcher.fuzzy_search.match(matcher.query, title)
    if not score:
        return content
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
