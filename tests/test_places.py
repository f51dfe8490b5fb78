"""Communes resolved against the map the plan chooses: the 2024 list with districts, or the
two-level list in force from 1/7/2025, where a 2024 name is converted (vietnamadminunits'
convert_address) and logged, not rejected; successors of 2024 communes; coordinates; the plan's
own focus communes checked against its map."""

from __future__ import annotations

import pytest

from campaignkit.errors import PlanError
from campaignkit.intake.places import (
    CURRENT_MAP,
    LEGACY_MAP,
    PlaceResolver,
    check_plan_places,
    commune_coordinates,
    gazetteer,
    predecessors,
)
from campaignkit.paths import PLANS_DIR
from campaignkit.plan import Plan, load_plan


@pytest.fixture(scope="module")
def legacy() -> PlaceResolver:
    return PlaceResolver("Cần Thơ", LEGACY_MAP)


@pytest.fixture(scope="module")
def current() -> PlaceResolver:
    return PlaceResolver("Cần Thơ", CURRENT_MAP)


def test_the_two_maps_of_can_tho():
    old, new = gazetteer("Cần Thơ", LEGACY_MAP), gazetteer("Cần Thơ", CURRENT_MAP)
    assert old["districtShort"].ne("").all() and new["districtShort"].eq("").all()
    assert set(new["wardType"]) == {"Xã", "Phường"} and len(new) == 103
    assert "Thới Lai" in set(old["districtShort"])
    # the 2025 city took in Hậu Giang and Sóc Trăng: their 2024 communes are its predecessors
    provinces = set(predecessors("Cần Thơ")["provinceShort"])
    assert provinces == {"Cần Thơ", "Hậu Giang", "Sóc Trăng"}
    assert gazetteer("Cần Thơ").equals(old)               # the 2024 map stays the default of the old call


@pytest.mark.parametrize("written", ["Trường Xuân", "xã Trường Xuân", "X. Trường Xuân", "truong xuan", "TRƯỜNG XUÂN"])
def test_a_2024_commune_written_any_way(legacy, written):
    match = legacy.resolve(written, "huyện Thới Lai")
    assert (match.commune, match.district, match.commune_code, match.problem) == ("Trường Xuân", "Thới Lai", "31294",
                                                                                  None)


def test_on_the_2025_map_no_district_is_needed_and_one_written_is_ignored(current):
    assert current.resolve("Vị Thủy", "") == current.resolve("xã Vị Thủy", "huyện Vị Thủy")
    match = current.resolve("phường Ninh Kiều", "")
    assert (match.commune, match.district, match.problem, match.converted) == ("Ninh Kiều", "", None, False)


@pytest.mark.parametrize("commune, district, became", [
    ("Nhơn Nghĩa", "huyện Phong Điền", "Nhơn Ái"),      # a commune of old Cần Thơ
    ("phường An Hòa", "Ninh Kiều", "Cái Khế"),           # a ward of old Cần Thơ
    ("Hỏa Tiến", "", "Hỏa Lựu"),                          # a commune of old Hậu Giang, its district left out
    ("xa ke an", "Ke Sach", "Kế Sách"),                   # of old Sóc Trăng, without diacritics
])
def test_a_2024_name_in_a_2025_campaign_is_converted_and_logged(current, commune, district, became):
    match = current.resolve(commune, district)
    assert match.commune == became and match.converted and match.commune_code
    assert match.district == ""
    assert "là tên trước 1/7/2025" in match.problem and "đã tính cho" in match.problem and became in match.problem


def test_a_divided_2024_commune_is_converted_to_its_main_part_and_flagged(current, legacy):
    match = current.resolve("Thạnh Quới", "huyện Vĩnh Thạnh")          # exists on both maps: the 2025 one wins
    assert match.commune == "Thạnh Quới" and not match.converted
    successor = legacy.successor("Thạnh Quới", "Vĩnh Thạnh")
    assert successor.commune == "Xã Thạnh Quới" and successor.approximate    # divided: only its main part
    assert legacy.successor("Tân Thới", "Phong Điền").commune == "Phường Phong Điền"
    assert current.successor("Vị Thủy", "") is None                         # the 2025 map has no successor


def test_unknown_and_ambiguous(legacy, current):
    assert legacy.resolve("Không Có Xã Này", "").commune_code is None
    assert "danh mục hành chính 2025" in current.resolve("Không Có Xã Này", "").problem
    ambiguous = current.resolve("Phường 1", "")                    # a 2024 ward name of several old towns
    assert ambiguous.commune_code is None and "nhiều quận/huyện" in ambiguous.problem
    assert "Ngã Năm" in ambiguous.problem and "tên trước 1/7/2025" in ambiguous.problem
    named = current.resolve("Phường 1", "thị xã Ngã Năm")
    assert named.converted and named.commune == "Ngã Năm" and "(phường 1, thị xã Ngã Năm)" in named.problem


def test_coordinates_on_either_map():
    old = commune_coordinates("Cần Thơ", "Trường Xuân", "Thới Lai")
    new = commune_coordinates("Cần Thơ", "Trường Xuân", admin_map=CURRENT_MAP)
    assert old and new and all(9 < lat < 11 and 105 < lon < 107 for lat, lon in (old, new))
    assert old != new                                            # the merged commune's point moved
    assert commune_coordinates("Cần Thơ", "Vị Thủy", admin_map=CURRENT_MAP) is not None
    assert commune_coordinates("Cần Thơ", "Không Có Xã Này") is None


def test_an_unknown_map_or_province_names_the_key():
    with pytest.raises(PlanError, match="campaign.admin_map"):
        gazetteer("Cần Thơ", "2023")
    with pytest.raises(PlanError, match="campaign.province"):
        gazetteer("Đất Mũi Xa Xôi", CURRENT_MAP)


def _with_focus(plan: Plan, communes: list[dict]) -> Plan:
    data = plan.model_dump()
    data["focus_communes"] = communes
    return Plan.model_validate(data)


def test_the_plans_focus_communes_against_their_maps():
    assert check_plan_places(load_plan(PLANS_DIR / "ky-nghi-hong-2024.yaml")) == []
    plan_2025 = load_plan(PLANS_DIR / "ky-nghi-hong-2025.yaml")
    assert check_plan_places(plan_2025) == []
    stale = _with_focus(plan_2025, [{"commune": "Vị Thủy", "goal": "…"}, {"commune": "Nhơn Nghĩa", "goal": "…"},
                                    {"commune": "Xã Không Có", "goal": "…"}])
    found = {f["where"]: f for f in check_plan_places(stale)}
    assert set(found) == {"focus_communes.1", "focus_communes.2"}
    assert found["focus_communes.1"]["check"] == "commune_renamed" and "Nhơn Ái" in found["focus_communes.1"]["finding"]
    assert found["focus_communes.2"]["check"] == "commune_not_in_map" and found["focus_communes.2"]["severity"] == "lỗi"


def test_the_places_of_the_plans_events_against_its_map():
    data = load_plan(PLANS_DIR / "ky-nghi-hong-2025.yaml").model_dump()
    data["key_days"][0]["place"] = "xã Nhơn Nghĩa, huyện Phong Điền"      # last year's name, with its district
    data["programs"][1]["assignments"][0]["place"] = "Nhà văn hóa xã Không Có"
    found = {f["where"]: f for f in check_plan_places(Plan.model_validate(data))}
    assert set(found) == {"key_days.ra_quan.place", "programs.P2.assignments.0.place"}
    renamed = found["key_days.ra_quan.place"]
    assert renamed["check"] == "commune_renamed" and "xã Nhơn Ái" in renamed["finding"]
    unknown = found["programs.P2.assignments.0.place"]
    assert unknown["check"] == "commune_not_in_map" and unknown["severity"] == "cảnh báo"
