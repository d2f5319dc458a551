"""The fact and clipping banks of an opening: list them, fix a fact, delete one.

A fact or clipping is used when the follow-up that carried it is done (see
`campaigns._use_banks`): its text went out, so it is no longer edited or deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from insidetrack.domain.errors import Elsewhere, Place
from insidetrack.domain.model import Clipping, ClippingKind, Fact, Step, StepKind, StepStatus
from insidetrack.services import trash
from insidetrack.services.campaigns import replan_opening
from insidetrack.services.context import Env
from insidetrack.services.moves import Fixed, interviews_of, moved, pending


@dataclass(frozen=True)
class Banked:
    """A fact or a clipping, and the follow-up that used it (None: still unused)."""

    item: Fact | Clipping
    used_by: Step | None


@dataclass(frozen=True)
class Bank:
    """The facts and clippings of an interview's opening."""

    interview_id: int
    opening_id: int
    facts: tuple[Banked, ...]
    clippings: tuple[Banked, ...]


def bank(env: Env, interview_id: int) -> Bank:
    """Return the facts and clippings of the interview's opening, and where each was used."""
    opening_id = env.store.interviews.interview(interview_id).opening_id
    letters = _letters_done(env, opening_id)
    return Bank(
        interview_id, opening_id,
        tuple(Banked(f, letters.get(f.used_at)) for f in env.store.interviews.facts(opening_id)),
        tuple(Banked(c, letters.get(c.used_at))
              for c in env.store.interviews.clippings(opening_id)),
    )


def _letters_done(env: Env, opening_id: int) -> dict[datetime | None, Step]:
    """Return the opening's follow-ups done, by when: a bank item is used at that moment."""
    return {s.done_at: s for i in env.store.interviews.interviews_of_opening(opening_id)
            for s in env.store.steps.steps_of_interview(i.id)
            if s.kind is StepKind.FOLLOW_UP and s.status is StepStatus.DONE}


def _refuse_used(env: Env, what: str, item: Fact | Clipping) -> None:
    """Refuse to change what already went out in a letter; say which one."""
    if item.used_at is None:
        return
    letter = _letters_done(env, item.opening_id).get(item.used_at)
    raise Elsewhere(f"{what} went out in a follow-up done on "
                    f"{item.used_at.astimezone(env.tz):%Y-%m-%d %H:%M}: the text stays as sent",
                    Place("undo_done", interview_id=None if letter is None else letter.interview_id,
                          step_id=None if letter is None else letter.id))


def edit_fact(env: Env, fact_id: int, text: str) -> Fact:
    """Change the text of a fact not yet used."""
    with env.store.write():
        fact = env.store.interviews.fact(fact_id)
        _refuse_used(env, f"fact {fact_id}", fact)
        env.store.interviews.edit_fact(fact_id, text)
        return env.store.interviews.fact(fact_id)


def edit_clipping(env: Env, clipping_id: int, *, title: str | None = None,
                  url: str | None = None, kind: ClippingKind | None = None) -> Clipping:
    """Change a clipping not yet used (None: not given): its title, link or kind."""
    with env.store.write():
        clip = env.store.interviews.clipping(clipping_id)
        _refuse_used(env, f"clipping {clipping_id}", clip)
        changed = replace(clip, title=clip.title if title is None else title,
                          url=clip.url if url is None else url, kind=kind or clip.kind)
        env.store.interviews.edit_clipping(changed)
        return env.store.interviews.clipping(clipping_id)


def delete_fact(env: Env, fact_id: int) -> Fixed:
    """Delete a fact not yet used, and re-plan its opening."""
    with env.store.write():
        fact = env.store.interviews.fact(fact_id)
        fixed = _delete(env, "facts", fact, f"fact {fact_id}",
                        f"the fact “{_short(fact.text)}”", env.store.interviews.delete_fact)
        return replace(fixed, wanting=_letter_left_without(env, fact.opening_id))


def delete_clipping(env: Env, clipping_id: int) -> Fixed:
    """Delete a clipping not yet used, and re-plan its opening."""
    with env.store.write():
        clip = env.store.interviews.clipping(clipping_id)
        return _delete(env, "clippings", clip, f"clipping {clipping_id}",
                       f"the clipping “{_short(clip.title)}”",
                       env.store.interviews.delete_clipping)


def _delete(env: Env, table: str, item: Fact | Clipping, name: str, words: str,
            remove: Callable[[int], None]) -> Fixed:
    """Delete an item of a bank not yet used, keep it in the trash, and re-plan its opening."""
    scope = interviews_of(env, item.opening_id)
    before = pending(env, scope)
    _refuse_used(env, name, item)
    removed, watched = env.store.trash.row_of(table, item.id), trash.watch(env, scope)
    remove(item.id)
    replan_opening(env, item.opening_id)
    trash_id = trash.keep(env, words, removed, trash.changes(env, watched))
    return Fixed(None, moved(before, pending(env, scope)), trash_id=trash_id)


def _short(text: str, most: int = 60) -> str:
    """Cut a long text to name it in one line."""
    return text if len(text) <= most else text[:most - 1].rstrip() + "…"


def _letter_left_without(env: Env, opening_id: int) -> tuple[Step, ...]:
    """Return the pending follow-up that a fact just deleted was kept for, if any.

    Playbook: "try to think of new facts to add in a second or third follow-up letter".
    Each follow-up done uses one unused fact, earliest letter first: with one fact fewer,
    the letter after the last one still covered has none left to tell.
    """
    unused = sum(1 for f in env.store.interviews.facts(opening_id) if f.used_at is None)
    letters = sorted((s for i in env.store.interviews.interviews_of_opening(opening_id)
                      for s in env.store.steps.steps_of_interview(i.id)
                      if s.kind is StepKind.FOLLOW_UP and s.status is StepStatus.PENDING),
                     key=lambda s: s.due)
    return tuple(letters[unused:unused + 1])


def fact(env: Env, fact_id: int) -> Fact:
    """Return one fact of a bank."""
    return env.store.interviews.fact(fact_id)


def clipping(env: Env, clipping_id: int) -> Clipping:
    """Return one clipping of a bank."""
    return env.store.interviews.clipping(clipping_id)
