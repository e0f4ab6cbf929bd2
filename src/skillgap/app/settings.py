"""The settings both front ends read from the store: the role the person is aiming for, the
plan's hours a week and weeks, the quiz's knowledge-check and adaptive switches, and the
person's name or handle that their reports carry. A setting
that is unset, not valid, or in a store that cannot be read gives the default."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from skillgap.core.adaptive import ADAPTIVE_SETTING
from skillgap.core.checks import CHECKS_SETTING
from skillgap.core.plan import (
    DEFAULT_HOURS_PER_WEEK,
    DEFAULT_WEEKS,
    HOURS_SETTING,
    WEEKS_SETTING,
    parse_hours_per_week,
    parse_weeks,
)

if TYPE_CHECKING:
    from skillgap.core.model import Bank
    from skillgap.store import Store

#: The store setting for the role Learn next and the plan aim for: a role id, or "both".
TARGET_ROLE_SETTING = "target_role"
BOTH = "both"

T = TypeVar("T")


def plan_settings(store: Store) -> tuple[float, int]:
    """Hours a week and weeks for the plan: the saved settings, else the defaults."""
    hours = _setting(store.get_setting(HOURS_SETTING), parse_hours_per_week)
    weeks = _setting(store.get_setting(WEEKS_SETTING), parse_weeks)
    return hours or DEFAULT_HOURS_PER_WEEK, weeks or DEFAULT_WEEKS


def hours_per_week(store: Store) -> float:
    """The saved hours a week, else the default (also when the store cannot be read)."""
    from skillgap.store import StoreError

    try:
        return plan_settings(store)[0]
    except StoreError:
        return DEFAULT_HOURS_PER_WEEK


def save_hours_per_week(store: Store, text: str) -> float:
    """Save the hours a week a person typed ("5", "2.5h"). ValueError, with the reason, for
    text that is not hours a week; StoreError when the store cannot be written."""
    hours = parse_hours_per_week(text)
    store.set_setting(HOURS_SETTING, f"{hours:g}")
    return hours


def target_role(store: Store, bank: Bank) -> str | None:
    """The role the person aims for, if it is one of `bank`'s; None means both roles (also
    when unset, unreadable, or a role this bank does not have)."""
    from skillgap.store import StoreError

    try:
        chosen = store.get_setting(TARGET_ROLE_SETTING)
    except StoreError:
        return None
    return chosen if chosen is not None and bank.role(chosen) is not None else None


def save_target_role(store: Store, role_id: str | None) -> None:
    """Keep the role the person aims for (None: both). StoreError when it cannot be saved."""
    store.set_setting(TARGET_ROLE_SETTING, role_id or BOTH)


#: The store setting for the name or handle a saved report carries ("" or unset: none).
PERSON_NAME_SETTING = "person_name"


def person_name(store: Store) -> str:
    """The name or handle new reports carry: "" when unset, not valid, or unreadable."""
    from skillgap.formats.report_json import check_person_name
    from skillgap.store import StoreError

    try:
        return _setting(store.get_setting(PERSON_NAME_SETTING), check_person_name) or ""
    except StoreError:
        return ""


def person_name_asked(store: Store) -> bool:
    """Whether the person was asked for a name already (an empty answer counts): the TUI asks
    once, when this is False."""
    from skillgap.store import StoreError

    try:
        return store.get_setting(PERSON_NAME_SETTING) is not None
    except StoreError:
        return True  # a store that cannot be read: do not ask what cannot be kept


def save_person_name(store: Store, text: str) -> str:
    """Keep the name or handle a person typed, trimmed ("" means none, and still counts as
    asked). ValueError, with the reason, for a line break, a control character or over
    formats.report_json.MAX_PERSON_NAME characters; StoreError when it cannot be saved."""
    from skillgap.formats.report_json import check_person_name

    name = check_person_name(text)
    store.set_setting(PERSON_NAME_SETTING, name)
    return name


def quiz_flags(store: Store) -> tuple[bool, bool]:
    """(knowledge checks on, adaptive quiz on); both on unless turned off."""
    from skillgap.store import StoreError

    try:
        return store.get_flag(CHECKS_SETTING), store.get_flag(ADAPTIVE_SETTING)
    except StoreError:
        return True, True


def _setting(text: str | None, parse: Callable[[str], T]) -> T | None:
    """A setting read with its parser; None when unset or not valid."""
    try:
        return parse(text) if text is not None else None
    except ValueError:
        return None
