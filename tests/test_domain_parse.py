"""What the user types: each bad value is refused with its field named."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from insidetrack.domain import parse
from insidetrack.domain.errors import InputError

NY = ZoneInfo("America/New_York")


def test_local_time_is_stored_in_utc():
    assert parse.local_datetime("at", "2026-07-01 09:30", NY) == datetime(2026, 7, 1, 13, 30, tzinfo=UTC)
    assert parse.local_datetime("at", "2026-12-01T09:30", NY) == datetime(2026, 12, 1, 14, 30, tzinfo=UTC)


@pytest.mark.parametrize("bad", ["2026-13-01 10:00", "2026-02-30 10:00", "yesterday", "2026-11-01",
                                 "10:00", "2026-11-01 25:00", ""])
def test_malformed_times_name_the_field(bad):
    with pytest.raises(InputError, match=r"^at: "):
        parse.local_datetime("at", bad, NY)


def test_day():
    assert parse.day("date", "2026-11-25") == date(2026, 11, 25)
    for bad in ("25/11/2026", "2026-1-5", "20261125"):
        with pytest.raises(InputError, match="use YYYY-MM-DD"):
            parse.day("date", bad)


@pytest.mark.parametrize("good", ["ann@example.com", "a.b+c@mail.example.co.uk"])
def test_email_accepted(good):
    assert parse.email("email", good) == good


@pytest.mark.parametrize("bad", ["ann", "ann@", "@example.com", "ann@example", "a b@example.com",
                                 "ann@@example.com", "<ann@example.com>"])
def test_email_refused(bad):
    with pytest.raises(InputError, match="not an e-mail address"):
        parse.email("email", bad)


@pytest.mark.parametrize("good", ["+1 555 123 4567", "(555) 123-4567", "555.0100 ext. 12", "0612345678"])
def test_phone_accepted(good):
    assert parse.phone("phone", good) == good


@pytest.mark.parametrize("bad", ["call me", "12", "555-CALL-NOW", "+"])
def test_phone_refused(bad):
    with pytest.raises(InputError, match="not a telephone number"):
        parse.phone("phone", bad)


def test_interviewer_forms():
    zoe = parse.interviewer("interviewer", "Zoë Martin <zoe@cafe.example>")
    assert zoe == ("Zoë Martin", "zoe@cafe.example")
    assert parse.interviewer("interviewer", "王小明") == ("王小明", "")
    with pytest.raises(InputError, match="interviewer"):
        parse.interviewer("interviewer", "Bob <bob")
    with pytest.raises(InputError, match="must not be empty"):
        parse.interviewer("interviewer", "Bob <>")
    # A bare address is the e-mail; the name is read from it.
    assert parse.interviewer("interviewer", "<bob@example.com>") == ("Bob", "bob@example.com")
    assert parse.interviewer("interviewer", "j.doe-2@x.example") == ("J Doe", "j.doe-2@x.example")


@pytest.mark.parametrize("bad", ["two\nlines", "tab\there", "bell\x07", "nul\x00", "sep\u2028"])
def test_control_characters_refused(bad):
    with pytest.raises(InputError, match="^name: must be one line"):
        parse.name("NAME", bad)


def test_names_are_kept_as_typed_and_limited():
    assert parse.name("NAME", "  Société Générale  ") == "Société Générale"
    with pytest.raises(InputError, match="at most 200"):
        parse.name("NAME", "x" * 5000)


def test_name_key_ignores_case_and_unicode_form():
    assert parse.name_key("CAFÉ ÉLAN") == parse.name_key("cafe\u0301 élan")


@settings(deadline=None)
@given(st.text(max_size=300))
def test_text_either_returns_clean_text_or_refuses(value):
    try:
        result = parse.text("note", value)
    except InputError as exc:
        assert exc.message.startswith("note: ")
    else:
        assert "\n" not in result and "\r" not in result and len(result) <= parse.MAX_TEXT


@settings(deadline=None)
@given(st.text(max_size=40))
def test_any_typed_time_is_parsed_or_refused_cleanly(value):
    try:
        moment = parse.local_datetime("at", value, NY)
    except InputError as exc:
        assert exc.field == "at"
    else:
        assert moment.tzinfo is UTC


@pytest.mark.parametrize(("value", "tz"), [("9999-12-31 23:59", NY),
                                           ("0001-01-01 00:00", ZoneInfo("Asia/Tokyo"))])
def test_the_ends_of_the_calendar_are_refused_not_crashed(value, tz):
    with pytest.raises(InputError, match="is out of range"):
        parse.local_datetime("at", value, tz)


def test_a_moment_must_fall_in_its_window_and_the_message_gives_it():
    now = datetime(2024, 2, 29, 12, 0, tzinfo=NY)
    assert parse.INTERVIEW.bounds(now.date()) == (date(2019, 2, 28), date(2026, 2, 28))
    assert parse.moment("at", "2024-03-01 08:00", NY, now, parse.EVENT).day == 1
    with pytest.raises(InputError, match=r"^at: 2024-03-02 is out of range; what happened "
                                         r"falls from 2019-02-28 to 2024-03-01$"):
        parse.moment("at", "2024-03-02 08:00", NY, now, parse.EVENT)


@pytest.mark.parametrize("value", ["²", "٣", "1e3", "1_000", "+5", "", "12345678901"])
def test_a_number_is_ascii_digits(value):
    with pytest.raises(InputError, match="^years: .* is not a whole number$"):
        parse.number("years", value)
    assert parse.number("years", " 12 ") == 12 and parse.number("k", "-1") == -1


@settings(deadline=None)
@given(st.text(max_size=12))
def test_any_typed_number_is_read_or_refused_cleanly(value):
    try:
        assert isinstance(parse.number("years", value), int)
    except InputError as exc:
        assert exc.field == "years"


def test_a_lone_surrogate_is_not_text():
    with pytest.raises(InputError, match="broken character"):
        parse.text("note", "a\ud800b")
    assert parse.text("note", "smile \U0001f600") == "smile \U0001f600"


@pytest.mark.parametrize(("pattern", "head", "unit", "tail"), [
    ("_URL", "https://a", ".a", " x"),  # each dot tried the rest of the text again
    ("_INTERVIEWER", "a", " ", "b"),  # spaces taken by the name, then by \\s*
    ("_PHONE", "1", " ", "a"),  # spaces taken by the number, then before "x"
])
def test_parser_patterns_take_time_in_step_with_the_text(pattern, head, unit, tail):
    # The parsers also cut what they read short; their patterns are linear all the same.
    import time

    match = getattr(parse, pattern).match

    def seconds(n: int) -> float:
        value, best = head + unit * n + tail, float("inf")
        for _ in range(5):  # CPU time: a busy machine slows both sizes alike
            start = time.process_time()
            match(value)
            best = min(best, time.process_time() - start)
        return best

    assert seconds(20_000) < 30 * seconds(2_000)


@pytest.mark.parametrize(("typed", "title"), [("mr", "Mr."), ("Mr", "Mr."), ("MR.", "Mr."),
                                              (" ms. ", "Ms."), ("Mx", "Mx."), ("dr.", "Dr."),
                                              ("", ""), ("none", ""), ("None", "")])
def test_courtesy_titles_are_read_in_any_case_with_or_without_the_dot(typed, title):
    assert parse.courtesy_title("courtesy_title", typed) == title


@pytest.mark.parametrize("bad", ["Sir", "Mrs", "Prof.", "Mr. Smith", "M r"])
def test_other_titles_are_refused_naming_the_choices(bad):
    with pytest.raises(InputError) as caught:
        parse.courtesy_title("courtesy_title", bad)
    assert caught.value.field == "courtesy_title"
    assert caught.value.reason.endswith("is not a courtesy title; use Mr., Ms., Mx., Dr. or none")


@pytest.mark.parametrize(("typed", "kept"), [("Dear Priya,", "Priya"), ("Priya", "Priya"),
                                             ("dear Dr. Okafor:", "Dr. Okafor"), ("", ""),
                                             ("Dearborn", "Dearborn")])
def test_a_preferred_greeting_keeps_what_follows_dear(typed, kept):
    assert parse.salutation("salutation", typed) == kept


@pytest.mark.parametrize("bad", ["Dear", "Dear ,", "Hi Priya", "hey, Priya", "Dearest Priya"])
def test_a_greeting_a_draft_cannot_open_with_is_refused(bad):
    with pytest.raises(InputError, match="not a greeting a draft can open with"):
        parse.salutation("salutation", bad)


@pytest.mark.parametrize(("typed", "split"), [
    ("Mr. Harold Whitcomb", ("Mr.", "Harold Whitcomb")), ("dr Ruth Okafor", ("Dr.", "Ruth Okafor")),
    ("Harold Whitcomb", ("", "Harold Whitcomb")), ("Mr.", ("", "Mr.")),
    ("Drew Barry", ("", "Drew Barry")), ("None Such", ("", "None Such")),
])
def test_a_title_in_front_of_a_name_is_split_off(typed, split):
    assert parse.titled_name("interviewer", typed) == split


@pytest.mark.parametrize(("typed", "said"), [
    ("2026-02-30 10:00", "at: '2026-02-30 10:00': February 2026 has 28 days"),
    ("2026-04-31T09:00", "at: '2026-04-31T09:00': April 2026 has 30 days"),
    ("2026-13-01 10:00", "at: '2026-13-01 10:00': there is no month 13 (months are 01 to 12)"),
    ("next tuesday", "at: 'next tuesday' is not a date and time; use YYYY-MM-DD HH:MM"),
])
def test_a_day_that_does_not_exist_is_named_as_such(typed, said):
    with pytest.raises(InputError) as raised:
        parse.local_datetime("at", typed, NY)
    assert str(raised.value) == said
    assert parse.local_datetime("at", "2028-02-29 10:00", NY).day == 29  # a leap year's


def test_a_date_alone_that_does_not_exist_too():
    with pytest.raises(InputError, match=r"^date: '2026-02-29': February 2026 has 28 days$"):
        parse.day("date", "2026-02-29")
