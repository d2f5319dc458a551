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
        # Each step: the contact it is for, its values after the interview's id, and, for
        # a contact's step, the key's stem and the values before and after the recipient.
        self._entries: list[tuple[int | None, Row, str | None, Row, Row]] = []
        for step in steps:
            values = step_values(step)
            suffix = f":{step.contact_id}"
            stem = step.key[: -len(suffix)] + ":" if step.key.endswith(suffix) else None
            person = step.contact_id is not None
            self._entries.append((step.contact_id, values[1:], stem,
                                  values[2:8] if person else (), values[10:] if person else ()))
        self._plain = all(contact_id is None for contact_id, *_ in self._entries)

    def cast(self, interview_id: int, people: Mapping[int, Contact]) -> list[Row]:
        """Return the rows for an interview, each step for one of `people` (by the contact
        id the plan has) given that person's id, name and key instead."""
        head = (interview_id,)
        if self._plain:
            return [head + rest for _, rest, _, _, _ in self._entries]
        rows = []
        for contact_id, rest, stem, before, after in self._entries:
            person = people.get(contact_id) if contact_id is not None else None
            if person is None:
                rows.append(head + rest)
                continue
            key = rest[0] if stem is None else stem + str(person.id)
            rows.append((interview_id, key, *before, person.name, person.id, *after))
        return rows
