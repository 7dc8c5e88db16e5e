"""The reference tables the curriculum reads: complete, consistent with each other."""

from __future__ import annotations

from datasets.reference import body_profiles, characteristics, key_result_areas, sectoral_bodies


def test_five_characteristics_a_to_e():
    assert [c.code for c in characteristics()] == ["A", "B", "C", "D", "E"]
    assert all(c.title and c.description for c in characteristics())


def test_every_sectoral_body_has_one_profile_with_known_characteristics():
    fifteen = [b.code for b in sectoral_bodies() if b.kind == "sectoral"]
    assert len(fifteen) == 15
    profiles = body_profiles()
    assert [p.body.code for p in profiles] == fifteen
    letters = {c.code for c in characteristics()}
    for p in profiles:
        assert p.characteristics and set(p.characteristics) <= letters, p.body.code
        assert p.work_plan, p.body.code
        assert p.verified in ("yes", "partly"), p.body.code


def test_official_mappings_are_the_documented_ones_only():
    assert [p.body.code for p in body_profiles() if p.official_mapping] == ["ASOEN"]


def test_key_result_areas_flag_what_is_not_verified():
    kras = key_result_areas()
    assert [k.code for k in kras if k.characteristic == "C"] == ["C.1", "C.2", "C.3", "C.4"]
    assert {k.characteristic for k in kras if k.verified == "yes"} == {"A", "B", "C"}
    assert all("to be confirmed" in k.shown_title for k in kras if k.characteristic in "DE")
    assert all(k.code.startswith(k.characteristic + ".") for k in kras)
