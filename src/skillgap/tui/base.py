"""What every skillgap screen shares: typed access to the App (and so to the bank and store)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from skillgap.model import Bank
    from skillgap.store import Store
    from skillgap.tui.app import SkillgapApp

ResultT = TypeVar("ResultT")


class SkillgapScreen(Screen[ResultT]):
    @property
    def skillgap(self) -> SkillgapApp:
        return cast("SkillgapApp", self.app)

    @property
    def bank(self) -> Bank:
        return self.skillgap.bank

    @property
    def store(self) -> Store:
        return self.skillgap.store


class SkillgapModal(ModalScreen[ResultT]):
    @property
    def skillgap(self) -> SkillgapApp:
        return cast("SkillgapApp", self.app)
