"""Who may write honour-board stories: owners and officers of the story's unit (its subtree)."""

from __future__ import annotations

from typing import Any

from thidua.accounts.access import Denied, access_unit
from thidua.public.models import Story


def access_story(user: Any, story: Story, *, write: bool = False) -> Story:
    try:
        access_unit(user, story.unit, write=write)
    except Denied:
        raise Denied("Bài viết này thuộc đơn vị ngoài phạm vi của bạn.") from None
    return story
