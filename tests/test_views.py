"""What reaches the reader: escaped text, Vietnamese numbers and dates, contacts hidden, units by
their short name, numbers right and text left, the kit's style carried with every output."""

from __future__ import annotations

import pandas as pd
from bs4 import BeautifulSoup

from campaignkit.render.html import STYLE, short_units, show_table, table_html
from campaignkit.render.privacy import HIDDEN, redact


def test_text_from_inputs_is_escaped_and_contacts_hidden(plan):
    table = pd.DataFrame({
        "activity": ["<script>alert(1)</script>", "Khám bệnh, LH: 0909 000 111 hoặc abc@example.com"],
        "held_on": [pd.Timestamp(2024, 6, 15), pd.Timestamp(2024, 7, 2, 16, 30)],
        "CT04": [1000.0, 2.5],
    })
    page = table_html(table, plan)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "0909" not in page and "example.com" not in page and HIDDEN in page
    assert "15/06/2024" in page and "02/07/2024 16:30" in page
    assert ">1.000<" in page and ">2,5<" in page
    headers = [th.get_text() for th in BeautifulSoup(page, "html.parser").find_all("th")]
    assert headers == ["Tên hoạt động", "Ngày tổ chức", "CT04 – Cây xanh trồng mới"]


def test_numbers_sort_as_numbers_and_align_right(plan):
    page = table_html(pd.DataFrame({"unit_id": ["BVDK", "SXD"], "done_activities": [1000, 25]}), plan,
                      interactive=True)
    soup = BeautifulSoup(page, "html.parser")
    first, second = soup.find("tbody").find_all("tr")[0].find_all("td")
    assert first["class"] == ["id"] and second["class"] == ["num"]
    assert second.get_text() == "1.000" and second["data-order"] == "1000.0"  # 1.000 sorts as a thousand
    assert soup.find("table")["class"] == ["report", "ck-interactive"]
    assert [th["class"] for th in soup.find_all("th")] == [["text"], ["num"]]


def test_units_show_their_short_name_with_the_full_name_as_tooltip(plan):
    table = pd.DataFrame({"unit_id": ["BVDK"], "unit_name": ["Đoàn cơ sở Bệnh viện Đa khoa thành phố Cần Thơ"],
                          "missing_count": [2]})
    shown = short_units(table)
    assert list(shown.columns) == ["unit_id", "missing_count"]
    page = table_html(shown, plan, names={"BVDK": "Đoàn cơ sở Bệnh viện Đa khoa thành phố Cần Thơ"})
    cell = BeautifulSoup(page, "html.parser").find("td")
    assert cell.get_text() == "BVDK" and cell["title"].startswith("Đoàn cơ sở Bệnh viện")
    units = pd.DataFrame({"unit_id": ["BVDK"], "name": ["Đoàn cơ sở Bệnh viện Đa khoa thành phố Cần Thơ"]})
    only_names = short_units(pd.DataFrame({"unit_name": [units["name"][0]], "late_by": ["2 ngày"]}), units)
    assert only_names.to_dict("list") == {"unit_id": ["BVDK"], "late_by": ["2 ngày"]}


def test_every_output_carries_the_style(plan):
    output = show_table(pd.DataFrame({"unit_id": ["BVDK"]}), plan).data
    assert output.startswith(STYLE) and "position: sticky" in output and 'class="ck-out"' in output


def test_phone_numbers_as_units_type_them_are_hidden_but_figures_stay():
    for contact in ("0907.019.345", "0909 000 111", "+84 907 019 345", "(0292) 3 820 123"):
        assert contact not in redact(f"Liên hệ {contact} nhé")
    for figure in ("1.000 cây", "5.000.000 đồng", "15/06/2024", "0,5 km"):
        assert redact(figure) == figure


def test_long_tables_say_how_many_rows_are_not_shown():
    page = table_html(pd.DataFrame({"unit_id": [f"DV{i:03d}" for i in range(75)]}), max_rows=60)
    assert "… và 15 dòng nữa" in page
    assert len(BeautifulSoup(table_html(pd.DataFrame({"unit_id": range(75)}), max_rows=None),
                             "html.parser").find_all("tr")) == 76
    assert table_html(pd.DataFrame({"unit_id": []}), caption="Đơn vị").startswith("<p class=\"empty\">")
