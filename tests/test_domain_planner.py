"""The planner's defaults, each with the playbook sentence it comes from.

The reference interview: Wednesday 4 November 2026, 10:00 to 11:00 in New York.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from helpers import TZ, Sim, campaign, local
from insidetrack.domain.model import (
    CallOutcome,
    Channel,
    Employer,
    StepKind,
    StepStatus,
    Touchpoint,
    TouchpointKind,
)
from insidetrack.domain.planner import PlanSettings, plan_follow_ups
from insidetrack.integrations.public_holidays import days_off

JUST_AFTER = local("2026-11-04 12:00")


def _plan(c, now=JUST_AFTER, settings=PlanSettings(), days_off=frozenset()):
    return {s.key: s for s in plan_follow_ups(c, settings, now, TZ, days_off)}


def _due(step):
    return step.due.astimezone(TZ).strftime("%a %Y-%m-%d %H:%M")


def test_thank_you_to_each_interviewer_within_24_hours():
    """'Write a thank-you letter for the interview within 24 hours.'"""
    steps = _plan(campaign(interviewers=("Maria Lopez", "Tom Becker")))
    thanks = [s for s in steps.values() if s.kind is StepKind.THANK_YOU]
    assert [(s.to, _due(s)) for s in thanks] == [
        ("Maria Lopez", "Thu 2026-11-05 11:00"), ("Tom Becker", "Thu 2026-11-05 11:00"),
    ]
    assert {s.channel for s in thanks} == {Channel.EMAIL}


def test_one_thank_you_when_no_interviewer_is_named():
    steps = _plan(campaign(interviewers=()))
    thanks = [s for s in steps.values() if s.kind is StepKind.THANK_YOU]
    assert [(s.key, s.to) for s in thanks] == [("thank-you", None)]


def test_thank_you_is_a_paper_letter_when_phone_is_advised():
    """Traditionalists 'like phones, and they like paper'."""
    steps = _plan(campaign(employer=Employer(1, "Old Co", traditionalist=True)))
    assert steps["thank-you:1"].channel is Channel.LETTER
    assert steps["follow-up:2"].channel is Channel.LETTER


def test_thank_you_keeps_its_deadline_on_a_weekend():
    steps = _plan(campaign("2026-11-06 10:00"), now=local("2026-11-06 12:00"))
    assert _due(steps["thank-you:1"]) == "Sat 2026-11-07 11:00"


def test_reference_briefed_within_24_hours():
    """'Call your references and fill them in on your interview.'"""
    steps = _plan(campaign(references=("Alan Reyes", "Bea Kim")))
    briefs = [s for s in steps.values() if s.kind is StepKind.REFERENCE_BRIEF]
    assert [(s.to, s.channel, _due(s)) for s in briefs] == [
        ("Alan Reyes", Channel.PHONE, "Thu 2026-11-05 11:00"),
        ("Bea Kim", Channel.PHONE, "Thu 2026-11-05 11:00"),
    ]


def test_default_campaign_letters_and_calls():
    """'... a second or third follow-up letter' and 'once a month is probably plenty'."""
    steps = _plan(campaign())
    assert [(k, _due(s)) for k, s in steps.items() if s.kind in (StepKind.FOLLOW_UP, StepKind.CALL)] == [
        ("follow-up:2", "Wed 2026-11-11 09:00"),
        ("call:1", "Wed 2026-11-18 09:00"),
        ("follow-up:3", "Mon 2026-11-23 09:00"),  # Sat 21 moved to Monday
        ("follow-up:4", "Mon 2026-12-07 09:00"),
        ("call:2", "Fri 2026-12-18 09:00"),
        ("follow-up:5", "Mon 2026-12-21 09:00"),
        ("follow-up:6", "Mon 2027-01-04 09:00"),
        ("call:3", "Mon 2027-01-18 09:00"),  # Sun 17 moved to Monday
    ]


def test_second_letter_waits_for_the_decision_date_they_gave():
    """'... if the employer has left you dangling in the wind waiting for a hiring decision'."""
    steps = _plan(campaign(expected_decision=date(2026, 11, 24)))
    assert _due(steps["follow-up:2"]) == "Wed 2026-11-25 09:00"
    assert _due(steps["follow-up:3"]) == "Mon 2026-12-07 09:00"  # Sat 5 moved


def test_clipping_from_the_fourth_letter_on():
    """'After the third letter, try to include a relevant news clipping or even an appropriate cartoon.'"""
    steps = _plan(campaign())
    assert {s.number: s.clipping for s in steps.values() if s.kind is StepKind.FOLLOW_UP} == {
        2: False, 3: False, 4: True, 5: True, 6: True,
    }


def test_letter_maximum_is_a_setting():
    steps = _plan(campaign(), settings=PlanSettings(max_letters=3))
    assert [s.number for s in steps.values() if s.kind is StepKind.FOLLOW_UP] == [2, 3]


def test_letters_fill_the_slack_never_on_a_call_day():
    """'Space your follow-up calls ... Fill in the slack with e-mail or letters.'"""
    steps = _plan(campaign(expected_decision=date(2026, 11, 17)))
    assert _due(steps["call:1"]) == "Wed 2026-11-18 09:00"
    assert _due(steps["follow-up:2"]) == "Thu 2026-11-19 09:00"


def test_follow_ups_and_calls_move_off_weekends():
    steps = _plan(campaign("2026-11-08 10:00"), now=local("2026-11-08 12:00"))  # a Sunday
    assert _due(steps["follow-up:2"]) == "Mon 2026-11-16 09:00"
    assert _due(steps["call:1"]) == "Mon 2026-11-23 09:00"


def test_next_letter_counts_from_when_the_last_one_went_out():
    sim = Sim(campaign())
    sim.plan(JUST_AFTER)
    sim.done("follow-up:2", local("2026-11-13 16:30"))
    assert _due(sim.step("follow-up:3")) == "Mon 2026-11-23 09:00"
    sim.done("follow-up:3", local("2026-11-25 10:00"))
    assert _due(sim.step("follow-up:4")) == "Wed 2026-12-09 09:00"


def test_overdue_letter_pushes_the_next_from_today():
    """Letters never pile up: the next one counts from now while one is overdue."""
    sim = Sim(campaign())
    sim.plan(JUST_AFTER)
    sim.plan(local("2026-11-20 08:00"))
    assert _due(sim.step("follow-up:2")) == "Wed 2026-11-11 09:00"  # still asked for
    assert sim.step("follow-up:2").status is StepStatus.PENDING
    assert _due(sim.step("follow-up:3")) == "Mon 2026-11-30 09:00"


def test_an_interview_logged_late_resumes_from_today():
    """Logged 16 days late: the thank-you is missed, letter #2 is due today, not days ago."""
    steps = _plan(campaign(references=("Alan Reyes",)), now=local("2026-11-20 08:00"))
    assert steps["thank-you:1"].status is StepStatus.MISSED
    assert (_due(steps["follow-up:2"]), steps["follow-up:2"].status) == (
        "Fri 2026-11-20 09:00", StepStatus.PENDING)
    assert _due(steps["follow-up:3"]) == "Mon 2026-11-30 09:00"
    assert _due(steps["call:1"]) == "Wed 2026-11-18 09:00"  # two days late: still due
    assert _due(steps["reference-brief:1"]) == "Sat 2026-11-21 08:00"  # 24 hours from now


def test_an_interview_logged_two_months_late_skips_what_later_steps_replace():
    sim = Sim(campaign())
    sim.plan(local("2027-01-04 10:00"))  # 61 days after the interview
    missed = sorted(s.key for s in sim.steps if s.status is StepStatus.MISSED)
    assert missed == ["call:1", "follow-up:2", "follow-up:3", "follow-up:4", "thank-you:1"]
    due = [(s.key, _due(s)) for s in sim.pending()]
    assert due == [("call:2", "Mon 2027-01-04 09:00"), ("follow-up:5", "Tue 2027-01-05 09:00"),
                   ("follow-up:6", "Tue 2027-01-19 09:00"), ("call:3", "Wed 2027-02-03 09:00")]
    sim.plan(local("2027-01-05 08:00"))  # a later re-plan keeps the resumed days
    assert [(s.key, _due(s)) for s in sim.pending()][:2] == due[:2]


def test_reply_restarts_the_wait():
    """A reply that is not a decision: the next written follow-up waits 7 days from it."""
    sim = Sim(campaign())
    sim.plan(JUST_AFTER)
    sim.reply(local("2026-11-10 14:00"))
    # Wed 18 is a week after the reply, but call #1 has that day: the letter fills the slack.
    assert _due(sim.step("follow-up:2")) == "Thu 2026-11-19 09:00"
    assert sim.step("follow-up:2").due >= local("2026-11-17 14:00")
    assert _due(sim.step("call:1")) == "Wed 2026-11-18 09:00"  # calls keep their date


def test_reply_wait_is_a_setting():
    sim = Sim(campaign(), settings=PlanSettings(reply_wait_days=3))
    sim.plan(JUST_AFTER)
    sim.reply(local("2026-11-10 14:00"))
    assert _due(sim.step("follow-up:2")) == "Mon 2026-11-16 09:00"


def test_a_decision_cancels_every_pending_follow_up():
    sim = Sim(campaign(references=("Alan",)))
    sim.plan(JUST_AFTER)
    sim.done("thank-you:1", local("2026-11-04 18:00"))
    for outcome in ("hired", "withdrawn"):
        sim.decide(local("2026-11-12 10:00"), outcome)
        assert {s.key: s.status for s in sim.steps if s.status is not StepStatus.CANCELLED} == {
            "thank-you:1": StepStatus.DONE,
        }
        assert not sim.pending()


def test_an_offer_is_thanked_and_the_references_too():
    """'your follow-up creates goodwill that can silken your success when you join'."""
    sim = Sim(campaign(interviewers=("Maria Lopez", "Tom Becker"), references=("Alan",)))
    sim.plan(JUST_AFTER)
    sim.decide(local("2026-11-12 10:00"))  # a Thursday
    assert {(s.key, s.to, _due(s)) for s in sim.pending()} == {
        ("offer-thanks:1", "Maria Lopez", "Fri 2026-11-13 10:00"),  # within 24 hours
        ("offer-thanks:2", "Tom Becker", "Fri 2026-11-13 10:00"),
        ("reference-thanks:1", "Alan", "Mon 2026-11-16 10:00"),  # 2 days, on a business day
    }
    assert {s.kind for s in sim.pending()} == {StepKind.OFFER_THANKS, StepKind.REFERENCE_THANKS}


def test_a_rejection_is_answered_graciously_by_the_advised_channel():
    sim = Sim(campaign(references=("Alan",), employer=Employer(1, "Acme", traditionalist=True)))
    sim.plan(JUST_AFTER)
    sim.decide(local("2026-11-12 10:00"), "rejected")
    reply = sim.step("keep-in-mind:1")
    assert (reply.kind, reply.channel, _due(reply)) == (
        StepKind.KEEP_IN_MIND, Channel.LETTER, "Fri 2026-11-13 10:00")
    assert sim.step("reference-thanks:1").status is StepStatus.PENDING


def test_a_decision_logged_long_after_it_came_leaves_its_answers_missed():
    sim = Sim(campaign())
    sim.plan(JUST_AFTER)
    sim.touchpoints.append(Touchpoint(1, 1, 1, TouchpointKind.DECISION,
                                      local("2026-11-12 10:00"), outcome="offer"))
    sim.plan(local("2026-11-20 10:00"))
    assert sim.step("offer-thanks:1").status is StepStatus.MISSED


def test_only_the_latest_round_answers_the_decision():
    sim = Sim(replace(campaign(references=("Alan",)), superseded=True))
    sim.plan(JUST_AFTER)
    sim.decide(local("2026-11-12 10:00"))
    assert not sim.pending()


def test_an_offer_elsewhere_plans_a_polite_withdrawal():
    offer = local("2026-11-12 10:00")
    sim = Sim(replace(campaign(), offers_elsewhere=(offer,)))
    sim.plan(offer)
    step = sim.step("withdraw")
    assert (step.kind, step.to, step.channel, _due(step)) == (
        StepKind.WITHDRAW, "Maria Lopez", Channel.EMAIL, "Mon 2026-11-16 10:00")
    sim.done("withdraw", local("2026-11-13 09:00"))
    assert not sim.pending()  # nothing more is sent to an employer you left


def test_an_offer_before_the_interview_plans_no_withdrawal():
    sim = Sim(replace(campaign(), offers_elsewhere=(local("2026-11-01 10:00"),)))
    sim.plan(JUST_AFTER)
    assert not any(s.kind is StepKind.WITHDRAW for s in sim.steps)


def test_a_decided_or_superseded_opening_is_not_withdrawn_from():
    offer = local("2026-11-12 10:00")
    later_round = Sim(replace(campaign(), offers_elsewhere=(offer,), superseded=True))
    later_round.plan(offer)
    decided = Sim(replace(campaign(), offers_elsewhere=(offer,)))
    decided.decide(local("2026-11-10 10:00"), "rejected")
    assert not any(s.kind is StepKind.WITHDRAW for s in [*later_round.steps, *decided.steps])


def test_unanswered_call_retries_next_business_day_then_voicemail():
    """'You may have to leave a message if you don't connect after the first few calls.'"""
    sim = Sim(campaign())
    sim.plan(JUST_AFTER)
    sim.call(CallOutcome.NO_ANSWER, local("2026-11-18 09:30"))
    assert (_due(sim.step("call:1")), sim.step("call:1").attempts) == ("Thu 2026-11-19 09:00", 1)
    sim.call(CallOutcome.GATEKEEPER, local("2026-11-19 09:30"))
    assert not sim.step("call:1").voicemail
    sim.call(CallOutcome.NO_ANSWER, local("2026-11-20 09:30"))  # a Friday
    call = sim.step("call:1")
    assert (_due(call), call.attempts, call.voicemail) == ("Mon 2026-11-23 09:00", 3, True)
    assert _due(sim.step("call:2")) == "Wed 2026-12-23 09:00"
    sim.call(CallOutcome.VOICEMAIL, local("2026-11-23 10:00"))
    assert sim.step("call:1").status is StepStatus.DONE
    assert _due(sim.step("call:2")) == "Wed 2026-12-23 09:00"


def test_connected_call_completes_and_next_is_a_month_later():
    sim = Sim(campaign())
    sim.plan(JUST_AFTER)
    sim.call(CallOutcome.CONNECTED, local("2026-11-18 11:00"))
    assert sim.step("call:1").status is StepStatus.DONE
    assert _due(sim.step("call:2")) == "Fri 2026-12-18 09:00"


def test_early_unanswered_call_does_not_bring_the_next_call_closer():
    sim = Sim(campaign())
    sim.plan(JUST_AFTER)
    sim.call(CallOutcome.CONNECTED, local("2026-11-18 11:00"))
    sim.call(CallOutcome.NO_ANSWER, local("2026-11-25 11:00"))
    assert _due(sim.step("call:2")) == "Fri 2026-12-18 09:00"


def test_call_maximum_and_gap_are_settings():
    steps = _plan(campaign(), settings=PlanSettings(max_calls=2, call_gap_days=45))
    calls = [s for s in steps.values() if s.kind is StepKind.CALL]
    assert [_due(s) for s in calls] == ["Wed 2026-11-18 09:00", "Mon 2027-01-04 09:00"]


def test_steps_keep_their_status_across_replanning():
    sim = Sim(campaign(interviewers=("A", "B")))
    sim.plan(JUST_AFTER)
    sim.done("thank-you:1", local("2026-11-04 17:00"))
    ids = {s.key: s.id for s in sim.steps}
    sim.plan(local("2026-11-06 09:00"))
    assert {s.key: s.id for s in sim.steps} == ids
    assert sim.step("thank-you:1").status is StepStatus.DONE
    assert sim.step("thank-you:2").status is StepStatus.PENDING


def test_removed_reference_cancels_its_brief():
    sim = Sim(campaign(references=("Alan",)))
    sim.plan(JUST_AFTER)
    sim.campaign = replace(sim.campaign, references=())
    sim.plan(JUST_AFTER)
    assert sim.step("reference-brief:1").status is StepStatus.CANCELLED


def test_later_round_supersedes_earlier_follow_ups_but_not_thanks():
    sim = Sim(campaign())
    sim.plan(JUST_AFTER)
    sim.campaign = replace(sim.campaign, superseded=True)
    sim.plan(JUST_AFTER + timedelta(days=2))
    assert [s.key for s in sim.pending()] == ["thank-you:1"]


US_DAYS_OFF = days_off("US", "", (2026, 2027))


def test_follow_ups_and_calls_move_off_public_holidays():
    """Christmas and New Year's Day 2026/27 fall on Fridays: the step waits for Monday."""
    christmas = _plan(campaign("2026-12-18 10:00"), now=local("2026-12-18 12:00"),
                      days_off=US_DAYS_OFF)
    assert _due(christmas["follow-up:2"]) == "Mon 2026-12-28 09:00"
    assert _due(christmas["call:1"]) == "Mon 2027-01-04 09:00"  # 1 Jan, then the weekend
    assert _due(christmas["thank-you:1"]) == "Sat 2026-12-19 11:00"  # an e-mail keeps 24 hours
    plain = _plan(campaign("2026-12-18 10:00"), now=local("2026-12-18 12:00"))
    assert _due(plain["follow-up:2"]) == "Fri 2026-12-25 09:00"
    assert _due(plain["call:1"]) == "Fri 2027-01-01 09:00"


def test_a_thank_you_letter_is_posted_after_christmas_an_e_mail_keeps_its_24_hours():
    """Interview on Christmas Eve: the e-mail goes on the 25th, the letter waits for the post."""
    traditional = Employer(1, "Whitcomb Savings Bank", traditionalist=True)
    letter = _plan(campaign("2026-12-24 10:00", employer=traditional),
                   now=local("2026-12-24 12:00"), days_off=US_DAYS_OFF)["thank-you:1"]
    assert letter.channel is Channel.LETTER and _due(letter) == "Mon 2026-12-28 11:00"
    email = _plan(campaign("2026-12-24 10:00"), now=local("2026-12-24 12:00"),
                  days_off=US_DAYS_OFF)["thank-you:1"]
    assert email.channel is Channel.EMAIL and _due(email) == "Fri 2026-12-25 11:00"
    saturday = _plan(campaign("2026-12-18 10:00", employer=traditional),
                     now=local("2026-12-18 12:00"))["thank-you:1"]
    assert _due(saturday) == "Mon 2026-12-21 11:00"  # a weekend likewise


def test_a_call_retried_after_no_answer_skips_a_holiday():
    sim = Sim(campaign(), days_off=US_DAYS_OFF)  # Veterans Day, Wed 11 Nov: no letter then
    sim.plan(JUST_AFTER)
    assert _due(sim.step("follow-up:2")) == "Thu 2026-11-12 09:00"
    sim.call(CallOutcome.NO_ANSWER, local("2026-11-25 09:30"))  # the day before Thanksgiving
    assert _due(sim.step("call:1")) == "Fri 2026-11-27 09:00"


def _move(sim, key, to):
    """Move a step as `calendar sync` does when the user moved it in their calendar app."""
    sim.steps = [replace(s, due=to, moved_to=to) if s.key == key else s for s in sim.steps]


def test_a_step_moved_in_the_calendar_keeps_its_time_even_on_a_saturday():
    sim = Sim(campaign())
    sim.plan(JUST_AFTER)
    _move(sim, "thank-you:1", local("2026-11-07 10:30"))
    _move(sim, "call:1", local("2026-11-21 15:00"))  # a Saturday: the user chose it
    sim.plan(JUST_AFTER)
    assert _due(sim.step("thank-you:1")) == "Sat 2026-11-07 10:30"
    assert _due(sim.step("call:1")) == "Sat 2026-11-21 15:00"
    # the next call counts on from where the user put the first (30 days, then a weekday)
    assert _due(sim.step("call:2")) == "Mon 2026-12-21 09:00"


def test_a_reply_still_pushes_a_moved_letter_later():
    """The user's time stands unless the playbook's wait after a reply needs it later."""
    sim = Sim(campaign())
    sim.plan(JUST_AFTER)
    _move(sim, "follow-up:2", local("2026-11-12 10:00"))
    sim.plan(JUST_AFTER)
    assert _due(sim.step("follow-up:2")) == "Thu 2026-11-12 10:00"
    sim.reply(local("2026-11-10 14:00"))
    assert _due(sim.step("follow-up:2")) == "Thu 2026-11-19 09:00"
    assert sim.step("follow-up:2").moved_to == local("2026-11-12 10:00")
