"""A plan's steps as the rows they are stored as, ready to be given many campaigns' ids."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from insidetrack.domain.model import Contact, Step
from insidetrack.storage.convert import step_values

Row = tuple[object, ...]


class PlannedRows:
    """The steps of one plan, converted to SQL values once and copied for each campaign.

    Copying tuples of values is what makes a large import's cached plans cheap: no `Step`
    is built and converted again for every campaign that shares the plan.
    """

    def __init__(self, steps: Iterable[Step]) -> None:
        # Each step: the contact it is for, its values after the interview's id, and, for a
        # contact's step, the key's stem (if the key names the contact) and the values from
        # the key (or after it) to the recipient, and after the contact's id.
        self._entries: list[tuple[int | None, Row, str | None, Row, Row]] = []
        for step in steps:
            values = step_values(step)
            if step.contact_id is None:
                self._entries.append((None, values[1:], None, (), ()))
                continue
            suffix = f":{step.contact_id}"
            stem = step.key[: -len(suffix)] + ":" if step.key.endswith(suffix) else None
            before = values[2:8] if stem else values[1:8]
            self._entries.append((step.contact_id, values[1:], stem, before, values[10:]))

    def cast(self, interview_id: int, people: Mapping[int, Contact]) -> list[Row]:
        """Return the rows for an interview, each step for one of `people` (by the contact
        id the plan has) given that person's id, name and key instead."""
        head = (interview_id,)
        found = {n: ((p.name, p.id), str(p.id)) for n, p in people.items()}
        rows = []
        for contact_id, rest, stem, before, after in self._entries:
            person = found.get(contact_id) if contact_id is not None else None
            if person is None:
                rows.append(head + rest)
            elif stem is None:
                rows.append(head + before + person[0] + after)
            else:
                rows.append((interview_id, stem + person[1]) + before + person[0] + after)
        return rows
