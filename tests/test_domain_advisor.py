"""The channel advisor: each rule, with the playbook sentence it comes from."""

from __future__ import annotations

from itertools import product

from helpers import campaign
from insidetrack.domain.advisor import advise_channel, preferred_channel
from insidetrack.domain.model import Channel, Employer, Opening, Profile, ResumeVia

PROFILE_OVER_40 = Profile("Dana", "d@example.com", "555 0100", over_40=True)


def _rules(advice):
    return {r.rule: r.applied for r in advice.reasons}


def test_no_signal_means_email():
    """'It saves time, I don't have to call back ... follow-up calls were necessary. No longer.'"""
    advice = advise_channel(campaign())
    assert advice.preferred is Channel.EMAIL
    assert _rules(advice) == {"default": True}
    assert "No longer." in advice.reasons[0].text


def test_traditionalist_employer_means_phone_and_paper():
    """'... employers whom you suspect are traditionalists (they like phones, and they like paper).'"""
    advice = advise_channel(campaign(employer=Employer(1, "Old Co", traditionalist=True)))
    assert advice.preferred is Channel.PHONE
    assert _rules(advice) == {"traditionalist": True}
    assert "like paper" in advice.reasons[0].text


def test_over_40_means_email():
    """'Use e-mail when you're over age 40 to underscore a contemporary image.'"""
    advice = advise_channel(campaign(profile=PROFILE_OVER_40))
    assert advice.preferred is Channel.EMAIL
    assert _rules(advice) == {"over-40": True}


def test_dialogue_means_email():
    """'Use e-mail when you hope to start or continue a dialogue with an interviewer.'"""
    advice = advise_channel(campaign(dialogue=True))
    assert (advice.preferred, _rules(advice)) == (Channel.EMAIL, {"dialogue": True})


def test_quick_action_means_email():
    """'Use e-mail when quick action matters.'"""
    advice = advise_channel(campaign(urgent=True))
    assert (advice.preferred, _rules(advice)) == (Channel.EMAIL, {"quick-action": True})


def test_resume_sent_by_email_means_email():
    """'Use e-mail if that's the way you sent your resume.'"""
    advice = advise_channel(campaign(opening=Opening(1, 1, "Rep", resume_via=ResumeVia.EMAIL)))
    assert (advice.preferred, _rules(advice)) == (Channel.EMAIL, {"resume-by-email": True})


def test_resume_by_post_is_no_signal():
    """Only a resume sent by e-mail is a signal; by post the default applies."""
    advice = advise_channel(campaign(opening=Opening(1, 1, "Rep", resume_via=ResumeVia.POST)))
    assert _rules(advice) == {"default": True}


def test_high_tech_firm_means_email():
    """'Use e-mail when you are dealing with a high-tech firm.'"""
    advice = advise_channel(campaign(employer=Employer(1, "Chips Inc", high_tech=True)))
    assert (advice.preferred, _rules(advice)) == (Channel.EMAIL, {"high-tech": True})
    assert "Chips Inc" in advice.reasons[0].explanation


def test_ad_request_beats_traditionalist():
    """'... and especially if the employer requested electronic communication in a job ad.'"""
    advice = advise_channel(campaign(
        employer=Employer(1, "Old Co", traditionalist=True),
        opening=Opening(1, 1, "Rep", requested_electronic=True),
    ))
    assert advice.preferred is Channel.EMAIL
    assert _rules(advice) == {"requested-electronic": True, "traditionalist": False}


def test_traditionalist_beats_other_email_signals_which_stay_listed():
    """A traditionalist employer outranks every e-mail signal but the ad's request."""
    advice = advise_channel(campaign(
        employer=Employer(1, "Old Co", traditionalist=True, high_tech=True),
        profile=PROFILE_OVER_40, urgent=True, dialogue=True,
    ))
    assert advice.preferred is Channel.PHONE
    assert _rules(advice) == {
        "traditionalist": True, "over-40": False, "dialogue": False,
        "quick-action": False, "high-tech": False,
    }


def test_every_signal_together_all_apply():
    advice = advise_channel(campaign(
        employer=Employer(1, "Chips", high_tech=True), profile=PROFILE_OVER_40,
        opening=Opening(1, 1, "Rep", resume_via=ResumeVia.EMAIL, requested_electronic=True),
        urgent=True, dialogue=True,
    ))
    assert advice.preferred is Channel.EMAIL
    assert all(r.applied for r in advice.reasons)
    assert [r.rule for r in advice.reasons] == [
        "requested-electronic", "over-40", "dialogue", "quick-action", "resume-by-email",
        "high-tech",
    ]


def test_the_planner_writes_by_the_channel_the_advice_prefers():
    """The planner asks only for the preferred channel: it is the advice's, signal for signal."""
    for requested, traditional, over_40, dialogue, urgent, via, high_tech in product(
        (False, True), (False, True), (False, True), (False, True), (False, True),
        (None, ResumeVia.EMAIL, ResumeVia.POST), (False, True),
    ):
        c = campaign(
            opening=Opening(1, 1, "Rep", resume_via=via, requested_electronic=requested),
            employer=Employer(1, "Co", traditionalist=traditional, high_tech=high_tech),
            profile=PROFILE_OVER_40 if over_40 else None, dialogue=dialogue, urgent=urgent,
        )
        assert preferred_channel(c) is advise_channel(c).preferred
